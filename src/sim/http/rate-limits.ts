/**
 * AWS's request rate limits, as token buckets per account and Region (perf-reliability.md 1.1
 * to 1.3), so that clients see throttling where real AWS would throttle them. Off by default;
 * `startSimulator({ rateLimits: 'aws' })` or `ecs-rollout sim --rate-limits aws` turn it on.
 *
 * Time: a bucket refills on the clock the client lives by. With a scaled clock (`sim`, `--demo`)
 * that is real time (simulated time divided by the speed), because a 6x demo must not let a
 * client call six times as often as AWS would; with a manual clock (tests) it is the manual
 * clock, so a test refills a bucket by advancing time instead of sleeping.
 */
import type { SimClock } from '../clock';
import type { SimServiceName } from '../core/types';

export type RateLimitMode = 'aws' | 'off';

export interface BucketSpec {
  /** Tokens when full: the most calls allowed at once. */
  readonly burst: number;
  /** Tokens added per second: the sustained rate. */
  readonly refillPerSecond: number;
}

/** Bucket sizes. ECS and ELBv2 are AWS's published figures; the others are stated below. */
export const AWS_BUCKETS = {
  'ecs.clusterRead': { burst: 50, refillPerSecond: 20 },
  'ecs.serviceRead': { burst: 100, refillPerSecond: 20 },
  'ecs.clusterResourceRead': { burst: 100, refillPerSecond: 20 },
  'ecs.taskDefinitionRead': { burst: 50, refillPerSecond: 20 },
  'ecs.taskDefinitionModify': { burst: 20, refillPerSecond: 1 },
  'ecs.serviceModify': { burst: 50, refillPerSecond: 5 },
  'ecs.serviceDeployment': { burst: 50, refillPerSecond: 20 },
  'ecs.serviceRevision': { burst: 50, refillPerSecond: 20 },
  // ECS actions outside the categories above (tags, clusters, tasks): a generous stand-in
  'ecs.other': { burst: 50, refillPerSecond: 20 },
  // every ELB action also draws from one account-level bucket, far tighter than ECS's
  'elbv2.account': { burst: 40, refillPerSecond: 10 },
  'elbv2.describe': { burst: 40, refillPerSecond: 10 },
  'elbv2.mutate': { burst: 20, refillPerSecond: 3 },
  'elbv2.registration': { burst: 20, refillPerSecond: 4 },
  'elbv2.resourceIntensive': { burst: 10, refillPerSecond: 0.2 },
  // CodeDeploy publishes no bucket sizes; polling GetDeployment at ~0.7/s with bursts was
  // throttled (aws-codedeploy-plugin#95). 1/s matches what the client's budget assumes.
  'codedeploy.account': { burst: 10, refillPerSecond: 1 },
  // CloudWatch's per-operation TPS quotas, one second's worth as the burst
  'cloudwatch.DescribeAlarms': { burst: 9, refillPerSecond: 9 },
  'cloudwatch.GetMetricData': { burst: 50, refillPerSecond: 50 },
  'cloudwatch.PutMetricData': { burst: 500, refillPerSecond: 500 },
  'cloudwatch.other': { burst: 20, refillPerSecond: 20 },
  // ECR image pulls are cheap; its describe/list calls get a modest bucket
  'ecr.BatchGetImage': { burst: 2000, refillPerSecond: 2000 },
  'ecr.other': { burst: 100, refillPerSecond: 20 },
  'sts.account': { burst: 600, refillPerSecond: 600 },
} as const satisfies Record<string, BucketSpec>;

export type BucketName = keyof typeof AWS_BUCKETS;

const ECS_CATEGORIES: Readonly<Record<string, BucketName>> = {
  DescribeClusters: 'ecs.clusterRead',
  ListClusters: 'ecs.clusterRead',
  DescribeServices: 'ecs.serviceRead',
  ListServices: 'ecs.serviceRead',
  ListServicesByNamespace: 'ecs.serviceRead',
  DescribeTaskSets: 'ecs.serviceRead',
  DescribeTasks: 'ecs.clusterResourceRead',
  ListTasks: 'ecs.clusterResourceRead',
  DescribeContainerInstances: 'ecs.clusterResourceRead',
  ListContainerInstances: 'ecs.clusterResourceRead',
  DescribeTaskDefinition: 'ecs.taskDefinitionRead',
  ListTaskDefinitions: 'ecs.taskDefinitionRead',
  ListTaskDefinitionFamilies: 'ecs.taskDefinitionRead',
  RegisterTaskDefinition: 'ecs.taskDefinitionModify',
  DeregisterTaskDefinition: 'ecs.taskDefinitionModify',
  DeleteTaskDefinitions: 'ecs.taskDefinitionModify',
  CreateService: 'ecs.serviceModify',
  UpdateService: 'ecs.serviceModify',
  DeleteService: 'ecs.serviceModify',
  // task sets and deployment control change a service: counted with the service writes
  CreateTaskSet: 'ecs.serviceModify',
  UpdateTaskSet: 'ecs.serviceModify',
  DeleteTaskSet: 'ecs.serviceModify',
  UpdateServicePrimaryTaskSet: 'ecs.serviceModify',
  StopServiceDeployment: 'ecs.serviceModify',
  ContinueServiceDeployment: 'ecs.serviceModify',
  DescribeServiceDeployments: 'ecs.serviceDeployment',
  ListServiceDeployments: 'ecs.serviceDeployment',
  DescribeServiceRevisions: 'ecs.serviceRevision',
};

function elbCategory(operation: string): BucketName {
  if (operation === 'RegisterTargets' || operation === 'DeregisterTargets')
    return 'elbv2.registration';
  if (operation === 'CreateLoadBalancer' || operation === 'SetSubnets')
    return 'elbv2.resourceIntensive';
  return operation.startsWith('Describe') ? 'elbv2.describe' : 'elbv2.mutate';
}

/** The buckets one call draws a token from (all of them, or the call is throttled). */
export function bucketsFor(service: SimServiceName, operation: string): BucketName[] {
  switch (service) {
    case 'ecs':
      return [ECS_CATEGORIES[operation] ?? 'ecs.other'];
    case 'elbv2':
      return [elbCategory(operation), 'elbv2.account'];
    case 'codedeploy':
      return ['codedeploy.account'];
    case 'cloudwatch': {
      const own = `cloudwatch.${operation}`;
      return [own in AWS_BUCKETS ? (own as BucketName) : 'cloudwatch.other'];
    }
    case 'ecr':
      return [operation === 'BatchGetImage' ? 'ecr.BatchGetImage' : 'ecr.other'];
    case 'sts':
      return ['sts.account'];
  }
}

interface BucketState {
  tokens: number;
  at: number;
}

/** Token buckets per Region and bucket name, refilled continuously from `now()` (ms). */
export class RateLimiter {
  private readonly state = new Map<string, BucketState>();
  private readonly throttledCalls = new Map<BucketName, number>();

  constructor(
    private readonly now: () => number,
    private readonly buckets: Readonly<Record<BucketName, BucketSpec>> = AWS_BUCKETS,
  ) {}

  /** Takes a token from each bucket of the call; false, taking nothing, when one is empty. */
  take(service: SimServiceName, operation: string, region: string): boolean {
    const now = this.now();
    const names = bucketsFor(service, operation);
    const states = names.map((name) => this.refilled(`${region}/${name}`, name, now));
    const empty = names.find((_, i) => states[i]!.tokens < 1);
    if (empty !== undefined) {
      this.throttledCalls.set(empty, (this.throttledCalls.get(empty) ?? 0) + 1);
      return false;
    }
    for (const s of states) s.tokens -= 1;
    return true;
  }

  /** Tokens left in a bucket now (tests, the bench). */
  tokens(name: BucketName, region = 'us-east-1'): number {
    return this.refilled(`${region}/${name}`, name, this.now()).tokens;
  }

  /** Calls refused so far, per bucket that was empty. */
  throttled(): Readonly<Partial<Record<BucketName, number>>> {
    return Object.fromEntries(this.throttledCalls);
  }

  private refilled(key: string, name: BucketName, now: number): BucketState {
    const spec = this.buckets[name];
    let s = this.state.get(key);
    if (!s) {
      s = { tokens: spec.burst, at: now };
      this.state.set(key, s);
    }
    // a clock that went backwards (never expected) refills nothing rather than draining
    const elapsed = Math.max(0, now - s.at);
    s.tokens = Math.min(spec.burst, s.tokens + (elapsed / 1000) * spec.refillPerSecond);
    s.at = now;
    return s;
  }
}

/** Milliseconds that refill the buckets: real time under a scaled clock, else the clock's. */
export function rateLimitTime(clock: SimClock): () => number {
  if (clock.kind === 'scaled' && 'speed' in clock && typeof clock.speed === 'number') {
    const speed = clock.speed;
    return () => clock.now() / speed;
  }
  return () => clock.now();
}
