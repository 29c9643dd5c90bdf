/**
 * What one poll of the live rollout monitor costs, per strategy, measured against the
 * simulator on a manual clock: the calls each `controller.poll()` makes while a rollout runs,
 * for a service with a short and a long deployment history. Shared by test/perf (which asserts
 * the counts) and `npm run bench` (which prints them); no vitest here.
 */
import { createGateway, type ClosableAwsGateway } from '../../src/aws';
import { applyPlan, planDeploy, supportedStrategies } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import type { DeployRequest } from '../../src/deploy/plan/types';
import type { StrategyId } from '../../src/deploy/types';
import { ManualClock, startSimulator, type RunningSimulator, type World } from '../../src/sim';
import { enginesOf } from '../../src/sim/engines';
import { buildCompletedDeployment } from '../../src/sim/services/codedeploy/builder';
import { pushImage } from '../../src/sim/services/ecr/builder';
import { buildService } from '../../src/sim/services/ecs/builder';
import type { DeploymentConfiguration } from '../../src/sim/services/ecs/types';
import {
  buildAlb,
  buildForwardRule,
  buildServiceRouting,
  buildTargetGroup,
} from '../../src/sim/services/elbv2/builder';
import { registerTarget } from '../../src/sim/services/elbv2/targets';
import { buildCodeDeployWorld } from '../helpers/codedeploy-world';

const R = 'us-east-1';
const MINUTE = 60_000;

/** Builds a service with `history` deployments (the current one included) and its request. */
type WorldBuilder = (world: World, history: number) => DeployRequest;

const breaker = {
  deploymentCircuitBreaker: { enable: true, rollback: true },
  minimumHealthyPercent: 100,
  maximumPercent: 200,
};

function images(world: World, repo: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => pushImage(world, R, repo, `v${i}`).pinnedUri);
}

/**
 * An ECS-native service as test/sim/native-helpers builds one (blue and green target groups
 * behind a production rule weighted 100/0, advancedConfiguration naming them, tasks healthy in
 * blue), with `history` deployments of its own.
 */
function nativeWorld(config: DeploymentConfiguration): WorldBuilder {
  return (world, history) => {
    const [next, ...rest] = images(world, 'web', history + 1).reverse();
    const alb = buildAlb(world, { name: 'web-alb' });
    const { targetGroupArns, ruleArn } = buildServiceRouting(world, {
      listenerArn: alb.httpListenerArn,
      serviceName: 'web',
      priority: 1,
      blueGreen: true,
      deregistrationDelaySeconds: 30,
      healthCheck: { intervalSeconds: 10, healthyThreshold: 2 },
    });
    const [blueTg, greenTg] = targetGroupArns as [string, string];
    const service = buildService(world, R, {
      cluster: 'prod',
      name: 'web',
      image: rest[0]!,
      previousImages: rest.slice(1).reverse(),
      desiredCount: 2,
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: true, rollback: true },
        ...config,
      },
      loadBalancers: [
        {
          targetGroupArn: blueTg,
          containerName: 'app',
          containerPort: 8080,
          advancedConfiguration: {
            alternateTargetGroupArn: greenTg,
            productionListenerRule: ruleArn,
            roleArn: 'arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers',
          },
        },
      ],
    });
    for (const task of service.tasks.values()) {
      const target = { id: task.privateIp, port: 8080, availabilityZone: task.availabilityZone };
      registerTarget(world, R, blueTg, target, undefined, { initiallyHealthy: true });
    }
    return request('web', nativeStrategy(config), next!);
  };
}

function nativeStrategy(config: DeploymentConfiguration): StrategyId {
  return config.strategy === 'LINEAR'
    ? 'linear'
    : config.strategy === 'CANARY'
      ? 'canary'
      : 'blue-green';
}

const WORLDS: Partial<Record<StrategyId, WorldBuilder>> = {
  'blue-green': nativeWorld({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 2 }),
  linear: nativeWorld({
    strategy: 'LINEAR',
    bakeTimeInMinutes: 2,
    linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 },
  }),
  canary: nativeWorld({
    strategy: 'CANARY',
    bakeTimeInMinutes: 2,
    canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
  }),
  rolling(world, history) {
    const [current, ...rest] = images(world, 'api', history + 1).reverse();
    buildService(world, R, {
      cluster: 'prod',
      name: 'api',
      image: rest[0]!,
      previousImages: rest.slice(1).reverse(),
      desiredCount: 4,
      deploymentConfiguration: breaker,
    });
    return request('api', 'rolling', current!);
  },
  'alb-canary'(world, history) {
    const [next, ...rest] = images(world, 'orders', history + 1).reverse();
    const alb = buildAlb(world, { name: 'shop', https: {} });
    const healthCheck = { intervalSeconds: 10, healthyThreshold: 2, unhealthyThreshold: 2 };
    const tg = (name: string) =>
      buildTargetGroup(world, { name, port: 8080, healthCheck, deregistrationDelaySeconds: 5 });
    const stable = tg('orders-tg');
    const canary = tg('orders-canary-tg');
    buildForwardRule(world, {
      listenerArn: alb.httpsListenerArn!,
      priority: 10,
      pathPattern: '/orders/*',
      targetGroups: [
        { targetGroupArn: stable, weight: 100 },
        { targetGroupArn: canary, weight: 0 },
      ],
    });
    for (const [name, targetGroupArn] of [
      ['orders', stable],
      ['orders-canary', canary],
    ] as const) {
      buildService(world, R, {
        cluster: 'prod',
        name,
        image: rest[0]!,
        previousImages: rest.slice(1).reverse(),
        desiredCount: 2,
        deploymentConfiguration: breaker,
        loadBalancers: [{ targetGroupArn, containerName: 'app', containerPort: 8080 }],
      });
    }
    return request('orders', 'alb-canary', next!);
  },
  codedeploy(world, history) {
    const w = buildCodeDeployWorld(world);
    // finished CodeDeploy deployments before this one, oldest first
    for (let i = history - 1; i >= 1; i--) {
      buildCompletedDeployment(world, {
        applicationName: 'web',
        groupName: 'web-prod',
        createdAt: world.now - i * 30 * MINUTE,
        taskDefinitionArn: w.current.arn,
        containerName: 'app',
      });
    }
    return request('web', 'codedeploy', ':v2');
  },
};

function request(service: string, strategy: StrategyId, ref: string): DeployRequest {
  return {
    cluster: 'prod',
    service,
    strategy,
    target: { kind: 'image', images: [{ ref }], pinDigest: true },
    settings: {},
  };
}

/** Strategies the engine has and whose poll cost this file can measure; the rest are n/a. */
export function measurableStrategies(): { measured: StrategyId[]; missing: StrategyId[] } {
  const all: StrategyId[] = [
    'rolling',
    'blue-green',
    'linear',
    'canary',
    'codedeploy',
    'alb-canary',
  ];
  const supported = new Set(supportedStrategies());
  const measured = all.filter((s) => supported.has(s) && WORLDS[s]);
  return { measured, missing: all.filter((s) => !measured.includes(s)) };
}

export interface PollCost {
  strategy: StrategyId;
  history: number;
  /** Calls of each poll, `service:Operation` -> count, in order. */
  polls: Record<string, number>[];
  /** Calls per poll, in order. */
  totals: number[];
}

/**
 * Starts a rollout of `strategy` on a service with `history` deployments and polls it `polls`
 * times, `stepMs` of simulated time apart, counting what each poll sent.
 */
export async function measurePollCost(
  strategy: StrategyId,
  history: number,
  { polls = 12, stepMs = 5_000 } = {},
): Promise<PollCost> {
  const build = WORLDS[strategy];
  if (!build) throw new Error(`no world to measure ${strategy} polls in`);
  const sim: RunningSimulator = await startSimulator({ port: 0, clock: new ManualClock() });
  let gateway: ClosableAwsGateway | undefined;
  try {
    const req = build(sim.world, history);
    enginesOf(sim.world)?.adoptScenario();
    gateway = await createGateway({
      region: R,
      endpointUrl: sim.endpoint,
      credentials: { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'sim-secret' },
      readOnly: false,
      maxAttempts: 1,
    });
    const now = () => new Date(sim.world.now);
    const plan = await planDeploy(gateway, req, { now });
    if (plan.blockers.length)
      throw new Error(`${strategy} plan blocked: ${plan.blockers.join('; ')}`);
    const controller = await applyPlan(gateway, plan, new RecordingIoHost(), {
      confirmed: true,
      now,
    });
    await controller.poll(); // the first poll may read what later polls cache
    const out: Record<string, number>[] = [];
    for (let i = 0; i < polls; i++) {
      sim.advance(stepMs);
      const before = gateway.calls.snapshot();
      await controller.poll();
      out.push(diff(before, gateway.calls.snapshot()));
    }
    return {
      strategy,
      history,
      polls: out,
      totals: out.map((p) => Object.values(p).reduce((a, b) => a + b, 0)),
    };
  } finally {
    gateway?.close();
    await sim.close();
  }
}

function diff(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(after)) {
    const d = n - (before[key] ?? 0);
    if (d > 0) out[key] = d;
  }
  return out;
}
