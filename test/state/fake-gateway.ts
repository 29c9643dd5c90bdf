import type { AwsGateway, CallCounter, CallEvent } from '../../src/aws/gateway';
import type { Service } from '../../src/aws/types';

/** Counts calls per `service:Operation` like the real gateway's counter. */
export class FakeCalls implements CallCounter {
  private readonly table = new Map<string, number>();

  add(service: string, operation: string, n = 1): void {
    const key = `${service}:${operation}`;
    this.table.set(key, (this.table.get(key) ?? 0) + n);
  }

  count(service?: string, operation?: string): number {
    let total = 0;
    for (const [key, n] of this.table) {
      const [svc, op] = key.split(':');
      if (
        (service === undefined || svc === service) &&
        (operation === undefined || op === operation)
      ) {
        total += n;
      }
    }
    return total;
  }

  snapshot(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.table);
  }

  mutatingAttempts(): number {
    return 0;
  }

  mutatingSent(): number {
    return 0;
  }

  reset(): void {
    this.table.clear();
  }

  subscribe(_listener: (event: CallEvent) => void): () => void {
    return () => undefined;
  }
}

type Stubs = { [K in 'ecs' | 'elb' | 'sts' | 'codedeploy']?: Partial<AwsGateway[K]> };

/**
 * A gateway whose sub-gateways answer from the given stubs; any other method rejects, so a
 * store calling something unexpected fails its test.
 */
export function fakeGateway(
  stubs: Stubs,
  calls = new FakeCalls(),
): AwsGateway & { calls: FakeCalls } {
  const part = (name: string, impl: object | undefined) =>
    new Proxy(impl ?? {}, {
      get(target, prop) {
        const value = (target as Record<string | symbol, unknown>)[prop];
        if (value !== undefined) return value;
        return () => Promise.reject(new Error(`fake gateway: ${name}.${String(prop)} not stubbed`));
      },
    });
  return {
    ecs: part('ecs', stubs.ecs),
    elb: part('elb', stubs.elb),
    sts: part('sts', stubs.sts),
    codedeploy: part('codedeploy', stubs.codedeploy),
    ecr: part('ecr', undefined),
    cloudwatch: part('cloudwatch', undefined),
    calls,
    context: { region: 'us-east-1', readOnly: true },
  } as AwsGateway & { calls: FakeCalls };
}

/** A minimal ACTIVE rolling service. */
export function makeService(name: string, patch: Partial<Service> = {}): Service {
  return {
    arn: `arn:aws:ecs:us-east-1:123456789012:service/big/${name}`,
    name,
    clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/big',
    status: 'ACTIVE',
    desiredCount: 1,
    runningCount: 1,
    pendingCount: 0,
    taskDefinitionArn: `arn:aws:ecs:us-east-1:123456789012:task-definition/${name}:1`,
    deploymentController: 'ECS',
    deploymentConfiguration: { strategy: 'ROLLING', lifecycleHooks: [] },
    deployments: [
      {
        id: 'ecs-svc/1',
        status: 'PRIMARY',
        taskDefinitionArn: `arn:aws:ecs:us-east-1:123456789012:task-definition/${name}:1`,
        desiredCount: 1,
        runningCount: 1,
        pendingCount: 0,
        failedTasks: 0,
        rolloutState: 'COMPLETED',
      },
    ],
    taskSets: [],
    events: [
      { id: 'e', createdAt: new Date(0), message: `(service ${name}) has reached a steady state.` },
    ],
    loadBalancers: [],
    capacityProviders: [],
    tags: {},
    ...patch,
  };
}

/** An ECS fake with `n` services named svc-00000..., counting calls as AWS would page them. */
export function bigClusterEcs(
  n: number,
  calls: FakeCalls,
  patch: (name: string) => Partial<Service> = () => ({}),
) {
  const names = Array.from({ length: n }, (_, i) => `svc-${String(i).padStart(5, '0')}`);
  return {
    names,
    ecs: {
      listServiceArns: (cluster: string) => {
        calls.add('ecs', 'ListServices', Math.max(1, Math.ceil(names.length / 100)));
        return Promise.resolve(
          names.map((s) => `arn:aws:ecs:us-east-1:123456789012:service/${cluster}/${s}`),
        );
      },
      describeServices: (_cluster: string, wanted: string[]) => {
        calls.add('ecs', 'DescribeServices', Math.ceil(wanted.length / 10));
        const known = new Set(names);
        return Promise.resolve({
          services: wanted.filter((w) => known.has(w)).map((w) => makeService(w, patch(w))),
          missing: wanted.filter((w) => !known.has(w)),
        });
      },
      describeTaskDefinition: (arn: string) => {
        calls.add('ecs', 'DescribeTaskDefinition');
        const tail = arn.slice(arn.lastIndexOf('/') + 1);
        const [family = '', revision = '1'] = tail.split(':');
        return Promise.resolve({
          arn,
          family,
          revision: Number(revision),
          status: 'ACTIVE',
          requiresCompatibilities: [],
          containers: [
            {
              name: 'app',
              image: `repo/${family}:v${revision}`,
              essential: true,
              portMappings: [],
              environment: [],
              secrets: [],
            },
          ],
          tags: {},
          document: { family, containerDefinitions: [] },
        });
      },
    },
  };
}
