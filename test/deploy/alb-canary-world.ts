import type { ClosableAwsGateway } from '../../src/aws';
import { applyPlan, planDeploy } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import type { DeployRequest } from '../../src/deploy/plan/types';
import type { RolloutController, RolloutView } from '../../src/deploy/types';
import { enginesOf } from '../../src/sim/engines';
import { buildTaskDefinition, buildService } from '../../src/sim/services/ecs/builder';
import { pushImage } from '../../src/sim/services/ecr/builder';
import { buildAlb, buildForwardRule, buildTargetGroup } from '../../src/sim/services/elbv2/builder';
import { getForwardWeights } from '../../src/sim/services/elbv2/weights';
import type { ImageBehaviour } from '../../src/sim/world/image-behaviour';
import { simGateway } from '../helpers/gateway';
import { awsCli, startTestSim } from '../helpers/sim';

// A shop with an `orders` / `orders-canary` pair behind one weighted rule on an HTTPS listener,
// the rule behind authenticate-oidc (Order 1) with stickiness on its forward, for the ALB
// canary tests. Target groups check every 10 s and drain for 5 s so rollouts are quick.

export const R = 'us-east-1';
export const S = 1000;
export const MIN = 60 * S;

export type Sim = Awaited<ReturnType<typeof startTestSim>>;

export interface CanaryWorld {
  sim: Sim;
  gw: ClosableAwsGateway;
  ruleArn: string;
  listenerArn: string;
  loadBalancerArn: string;
  stableTg: string;
  canaryTg: string;
  images: Record<'v1' | 'v2' | 'badHealth' | 'bad5xx', string>;
  /** [stable, canary] weights the rule was built with. */
  initialWeights: [number, number];
  close(): Promise<void>;
}

export interface WorldSpec {
  /** Both services on one task definition family (default true). */
  sharedFamily?: boolean;
  canaryDesired?: number;
  canaryPort?: number;
  canaryVpc?: string;
  /** Weights (stable, canary) the rule starts with; default 100/0. */
  weights?: [number, number];
  /** Forward to the stable group only. */
  singleGroup?: boolean;
}

export async function canaryWorld(spec: WorldSpec = {}): Promise<CanaryWorld> {
  const sim = await startTestSim();
  const w = sim.world;
  const push = (tag: string, behaviour?: ImageBehaviour) => {
    const image = pushImage(w, R, 'orders', tag);
    if (behaviour) w.images.set(image.digest, behaviour);
    return image.pinnedUri;
  };
  const images = {
    v1: push('v1'),
    v2: push('v2'),
    badHealth: push('bad-health', 'fail-health-check'),
    bad5xx: push('bad-5xx', 'http-5xx'),
  };
  const alb = buildAlb(w, { name: 'shop', https: {} });
  const healthCheck = { intervalSeconds: 10, healthyThreshold: 2, unhealthyThreshold: 2 };
  const stableTg = buildTargetGroup(w, {
    name: 'orders-tg',
    port: 8080,
    healthCheck,
    deregistrationDelaySeconds: 5,
  });
  const canaryTg = buildTargetGroup(w, {
    name: 'orders-canary-tg',
    port: spec.canaryPort ?? 8080,
    ...(spec.canaryVpc ? { vpcId: spec.canaryVpc } : {}),
    healthCheck,
    deregistrationDelaySeconds: 5,
  });
  const [sw, cw] = spec.weights ?? [100, 0];
  const ruleArn = buildForwardRule(w, {
    listenerArn: alb.httpsListenerArn!,
    priority: 10,
    pathPattern: '/orders/*',
    hostHeader: 'shop.example.com',
    targetGroups: spec.singleGroup
      ? stableTg
      : [
          { targetGroupArn: stableTg, weight: sw },
          { targetGroupArn: canaryTg, weight: cw },
        ],
    stickinessSeconds: 300,
    oidc: true,
  });
  const shared = spec.sharedFamily ?? true;
  const td = shared ? buildTaskDefinition(w, R, { family: 'orders', image: images.v1 }) : undefined;
  const breaker = {
    deploymentCircuitBreaker: { enable: true, rollback: true },
    minimumHealthyPercent: 100,
    maximumPercent: 200,
  };
  buildService(w, R, {
    cluster: 'prod',
    name: 'orders',
    ...(td ? { taskDefinition: td } : { image: images.v1 }),
    desiredCount: 2,
    deploymentConfiguration: breaker,
    loadBalancers: [{ targetGroupArn: stableTg, containerName: 'app', containerPort: 8080 }],
  });
  buildService(w, R, {
    cluster: 'prod',
    name: 'orders-canary',
    ...(td ? { taskDefinition: td } : { image: images.v1 }),
    desiredCount: spec.canaryDesired ?? 1,
    deploymentConfiguration: breaker,
    loadBalancers: [{ targetGroupArn: canaryTg, containerName: 'app', containerPort: 8080 }],
  });
  enginesOf(w)!.adoptScenario();
  const gw = await simGateway(sim);
  return {
    sim,
    gw,
    ruleArn,
    listenerArn: alb.httpsListenerArn!,
    loadBalancerArn: alb.loadBalancerArn,
    stableTg,
    canaryTg,
    images,
    initialWeights: spec.singleGroup ? [1, -1] : [sw, cw],
    async close() {
      gw.close();
      await sim.close();
    },
  };
}

/** The rule's weights as the simulator holds them: [stable, canary]. */
export function simWeights(world: CanaryWorld): [number, number] {
  const groups = getForwardWeights(world.sim.world, R, world.ruleArn);
  const of = (arn: string) => groups.find((g) => g.targetGroupArn === arn)?.weight ?? -1;
  return [of(world.stableTg), of(world.canaryTg)];
}

export function canaryRequest(
  image: string,
  settings: Record<string, unknown> = {},
  service = 'orders',
): DeployRequest {
  return {
    cluster: 'prod',
    service,
    strategy: 'alb-canary',
    target: { kind: 'image', images: [{ ref: image }], pinDigest: true },
    settings,
  };
}

export function planCanary(world: CanaryWorld, request: DeployRequest) {
  return planDeploy(world.gw, request, { now: () => new Date(world.sim.world.now) });
}

/** Simulated "now" as the controller's clock. */
export function simNow(world: CanaryWorld): () => Date {
  return () => new Date(world.sim.world.now);
}

/**
 * Moves simulated time in steps, polling the controller after each, until `done` holds for the
 * view; fails after `maxMs` of simulated time.
 */
export async function driveUntil(
  world: CanaryWorld,
  controller: RolloutController,
  done: (view: RolloutView) => boolean,
  maxMs: number,
  stepMs = 5 * S,
): Promise<RolloutView> {
  const start = world.sim.world.now;
  let view = await controller.poll();
  while (!done(view)) {
    if (world.sim.world.now - start > maxMs) {
      throw new Error(
        `not reached within ${maxMs / S} s of simulated time; last: ${view.stateLabel} · ${view.outcome?.reason ?? ''} · gates ${view.gates.map((g) => `${g.name}=${g.status} (${g.detail})`).join('; ')}`,
      );
    }
    world.sim.advance(stepMs);
    view = await controller.poll();
  }
  return view;
}

/** The rule as the real AWS CLI reads it back from the simulator. */
export async function cliRule(world: CanaryWorld): Promise<CliRule> {
  const out = (await awsCli(
    world.sim,
    'elbv2',
    'describe-rules',
    '--rule-arns',
    world.ruleArn,
  )) as {
    Rules: CliRule[];
  };
  return out.Rules[0]!;
}

export interface CliRule {
  RuleArn: string;
  Priority: string;
  Conditions: unknown[];
  Actions: {
    Type: string;
    Order?: number;
    ForwardConfig?: {
      TargetGroups: { TargetGroupArn: string; Weight: number }[];
      TargetGroupStickinessConfig?: { Enabled: boolean; DurationSeconds?: number };
    };
    [key: string]: unknown;
  }[];
}

/** [stable, canary] weights of a rule as the CLI printed it. */
export function cliWeights(world: CanaryWorld, rule: CliRule): [number, number] {
  const groups = rule.Actions.find((a) => a.Type === 'forward')?.ForwardConfig?.TargetGroups ?? [];
  const of = (arn: string) => groups.find((g) => g.TargetGroupArn === arn)?.Weight ?? -1;
  return [of(world.stableTg), of(world.canaryTg)];
}

/** The rule with its two weights blanked: what must never change but the weights. */
export function withoutWeights(rule: CliRule): unknown {
  return {
    ...rule,
    Actions: rule.Actions.map((a) =>
      a.ForwardConfig
        ? {
            ...a,
            ForwardConfig: {
              ...a.ForwardConfig,
              TargetGroups: a.ForwardConfig.TargetGroups.map((g) => ({ ...g, Weight: 0 })),
            },
          }
        : a,
    ),
  };
}

export async function serviceRevision(world: CanaryWorld, service: string): Promise<string> {
  return (await world.gw.ecs.describeServices('prod', [service])).services[0]!.taskDefinitionArn!;
}

export interface StartedCanary {
  controller: RolloutController;
  io: RecordingIoHost;
  /** The canary service's revision before the plan. */
  previous: string;
}

/** Plans and applies a canary of `image` (bake 2 min, 10 requests to judge 5xx by default). */
export async function startCanary(
  world: CanaryWorld,
  settings: Record<string, unknown> = {},
  image = ':v2',
  service = 'orders',
): Promise<StartedCanary> {
  const plan = await planCanary(
    world,
    canaryRequest(image, { bakeMinutes: 2, minRequests: 10, ...settings }, service),
  );
  if (plan.blockers.length > 0) throw new Error(`plan blocked: ${plan.blockers.join('; ')}`);
  const io = new RecordingIoHost();
  const previous = await serviceRevision(world, 'orders-canary');
  const controller = await applyPlan(world.gw, plan, io, { now: simNow(world) });
  return { controller, io, previous };
}
