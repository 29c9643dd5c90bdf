import {
  DescribeServiceDeploymentsCommand,
  ECSClient,
  UpdateServiceCommand,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import {
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { buildTaskDefinition, buildService } from '../../src/sim/services/ecs/builder';
import type { DeploymentConfiguration, ServiceRec } from '../../src/sim/services/ecs/types';
import {
  buildAlb,
  buildForwardRule,
  buildServiceRouting,
} from '../../src/sim/services/elbv2/builder';
import { registerTarget } from '../../src/sim/services/elbv2/targets';
import { getForwardWeights } from '../../src/sim/services/elbv2/weights';
import { sdkConfig } from '../helpers/sim';
import { REGION, S, type Sim } from './engine-helpers';

export { REGION, S, type Sim };
export const MIN = 60 * S;

export interface NativeWorld {
  service: ServiceRec;
  blueTg: string;
  greenTg: string;
  productionRule: string;
  testRule?: string;
  loadBalancerArn: string;
}

export interface NativeSpec {
  name?: string;
  desiredCount?: number;
  config: DeploymentConfiguration;
  /** A test listener (HTTPS 8443) rule forwarding to the pair; default true. */
  testRule?: boolean;
  image?: string;
}

/**
 * A steady ECS-native service as a platform team sets one up (aws-semantics C.1): two target
 * groups behind a production rule weighted 100/0, a test rule on a second listener, the
 * advancedConfiguration naming them, and the running tasks registered (healthy) in blue.
 */
export function nativeService(sim: Sim, spec: NativeSpec): NativeWorld {
  // an image that answers 5xx, for alarm tests; one that crashes, for the circuit breaker
  sim.world.images.set('nginx:5xx', 'http-5xx');
  sim.world.images.set('nginx:crash', 'crash-on-start');
  const name = spec.name ?? 'web';
  const alb = buildAlb(sim.world, { name: `${name}-alb`, https: { port: 8443 } });
  const { targetGroupArns, ruleArn } = buildServiceRouting(sim.world, {
    listenerArn: alb.httpListenerArn,
    serviceName: name,
    priority: 1,
    blueGreen: true,
    deregistrationDelaySeconds: 30,
    healthCheck: { intervalSeconds: 10, healthyThreshold: 2 },
  });
  const [blueTg, greenTg] = targetGroupArns as [string, string];
  const testRule =
    spec.testRule === false
      ? undefined
      : buildForwardRule(sim.world, {
          listenerArn: alb.httpsListenerArn!,
          priority: 1,
          pathPattern: `/${name}/*`,
          targetGroups: [
            { targetGroupArn: blueTg, weight: 100 },
            { targetGroupArn: greenTg, weight: 0 },
          ],
        });
  const service = buildService(sim.world, REGION, {
    cluster: 'prod',
    name,
    image: spec.image ?? 'nginx:1.25',
    desiredCount: spec.desiredCount ?? 2,
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: true },
      ...spec.config,
    },
    loadBalancers: [
      {
        targetGroupArn: blueTg,
        containerName: 'app',
        containerPort: 8080,
        advancedConfiguration: {
          alternateTargetGroupArn: greenTg,
          productionListenerRule: ruleArn,
          ...(testRule ? { testListenerRule: testRule } : {}),
          roleArn: 'arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers',
        },
      },
    ],
  });
  for (const task of service.tasks.values()) {
    registerTarget(
      sim.world,
      REGION,
      blueTg,
      { id: task.privateIp, port: 8080, availabilityZone: task.availabilityZone },
      undefined,
      { initiallyHealthy: true },
    );
  }
  return {
    service,
    blueTg,
    greenTg,
    productionRule: ruleArn,
    ...(testRule ? { testRule } : {}),
    loadBalancerArn: alb.loadBalancerArn,
  };
}

/** Registers `<name>:2` with `image` and starts a deployment to it; returns its ARN. */
export async function deploy(ecs: ECSClient, sim: Sim, image: string, name = 'web') {
  const td = buildTaskDefinition(sim.world, REGION, { family: name, image });
  const out = await ecs.send(
    new UpdateServiceCommand({ cluster: 'prod', service: name, taskDefinition: td.arn }),
  );
  return out.service!.currentServiceDeployment!;
}

export async function serviceDeployment(ecs: ECSClient, arn: string): Promise<ServiceDeployment> {
  const out = await ecs.send(
    new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }),
  );
  return out.serviceDeployments![0]!;
}

/** Forward weights of a rule read back with the SDK, as `{tgArn: weight}`. */
export async function ruleWeights(
  elb: ElasticLoadBalancingV2Client,
  ruleArn: string,
): Promise<Record<string, number>> {
  const out = await elb.send(new DescribeRulesCommand({ RuleArns: [ruleArn] }));
  const forward = out.Rules![0]!.Actions!.find((a) => a.Type === 'forward')!;
  return Object.fromEntries(
    forward.ForwardConfig!.TargetGroups!.map((g) => [g.TargetGroupArn!, g.Weight!]),
  );
}

export function elbClient(sim: Sim): ElasticLoadBalancingV2Client {
  return new ElasticLoadBalancingV2Client(sdkConfig(sim));
}

export function ecsClientOf(sim: Sim): ECSClient {
  return new ECSClient(sdkConfig(sim));
}

export interface StagePoint {
  stage: string;
  /** Seconds since the deployment started. */
  at: number;
  production: [number, number];
  test?: [number, number];
}

/**
 * Advances the clock a second at a time until the service deployment finishes, reading the
 * production and test rules with the SDK each time the lifecycle stage or a weight changes.
 * `onWait` is called when a PAUSE hook waits (it may continue it).
 */
export async function followStages(
  sim: Sim,
  elb: ElasticLoadBalancingV2Client,
  w: NativeWorld,
  sdArn: string,
  opts: { maxMs?: number; onWait?: (hookId: string) => Promise<void> } = {},
): Promise<StagePoint[]> {
  const start = sim.world.now;
  const points: StagePoint[] = [];
  const sd = sim.world.region(REGION).ecs.serviceDeployments.get(sdArn)!;
  const finished = () =>
    !['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'].includes(sd.status);
  let lastKey = '';
  // the records say when something changed; what changed is read back with the SDK
  const recordKey = () =>
    JSON.stringify([
      sd.lifecycleStage,
      getForwardWeights(sim.world, REGION, w.productionRule),
      w.testRule ? getForwardWeights(sim.world, REGION, w.testRule) : null,
    ]);
  while (!finished()) {
    if (sim.world.now - start > (opts.maxMs ?? 60 * MIN))
      throw new Error('deployment did not finish');
    const key = recordKey();
    if (key !== lastKey) {
      lastKey = key;
      const prod = await ruleWeights(elb, w.productionRule);
      const test = w.testRule ? await ruleWeights(elb, w.testRule) : undefined;
      points.push({
        stage: sd.lifecycleStage ?? '',
        at: Math.round((sim.world.now - start) / S),
        production: [prod[w.blueTg] ?? 0, prod[w.greenTg] ?? 0],
        ...(test ? { test: [test[w.blueTg] ?? 0, test[w.greenTg] ?? 0] as [number, number] } : {}),
      });
    }
    const waiting = sd.lifecycleHooks.find((h) => h.status === 'AWAITING_ACTION');
    if (waiting && opts.onWait) await opts.onWait(waiting.hookId);
    sim.advance(S);
  }
  return points;
}
