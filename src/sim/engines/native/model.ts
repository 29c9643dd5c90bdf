/**
 * What the ECS-native engine keeps per service deployment it runs (BLUE_GREEN, LINEAR,
 * CANARY; aws-semantics C). The AWS records (service, deployments, service deployment, hook
 * details, listener rules) stay the truth for everything the API shows; a Run is only the
 * engine's own bookkeeping: which deployment is blue, which target groups are green, the
 * traffic steps, and the generation counter that makes stale timers do nothing.
 */
import type {
  DeploymentConfiguration,
  DeploymentRec,
  LifecycleHookRec,
  ServiceDeploymentRec,
  ServiceRec,
} from '../../services/ecs/types';
import type { EngineRuntime, ServiceRuntime } from '../runtime';

export type NativeStrategy = 'BLUE_GREEN' | 'LINEAR' | 'CANARY';

/** The strategy when it is one of ECS's own blue/green family, else undefined. */
export function nativeStrategyOf(service: ServiceRec): NativeStrategy | undefined {
  if (service.deploymentController !== 'ECS') return undefined;
  const s = service.deploymentConfiguration.strategy;
  return s === 'BLUE_GREEN' || s === 'LINEAR' || s === 'CANARY' ? s : undefined;
}

/**
 * One `loadBalancers[]` entry with an advancedConfiguration, roles resolved for this
 * deployment: `liveTg` serves production now (blue), `greenTg` is where the new revision
 * registers. The two swap on every deployment (C.2).
 */
export interface Lane {
  liveTg: string;
  greenTg: string;
  port: number;
  productionRule: string;
  testRule?: string;
}

export type Phase =
  /** Working through the lifecycle stages. */
  | 'running'
  /** CLEAN_UP: blue is scaling in; completes when its tasks are gone. */
  | 'cleaning'
  /** Traffic is back on blue; completes when green's tasks are gone and blue is whole. */
  | 'rolling-back'
  /** SUCCESSFUL, ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED, STOPPED or superseded: nothing more. */
  | 'over';

export interface Run {
  readonly rt: EngineRuntime;
  readonly srt: ServiceRuntime;
  readonly sd: ServiceDeploymentRec;
  readonly green: DeploymentRec;
  /** The deployment production runs on now; undefined for a service's first deployment. */
  readonly blue?: DeploymentRec;
  /** Other live deployments (an interrupted earlier one): RECONCILE_SERVICE scales them in. */
  readonly strays: DeploymentRec[];
  readonly lanes: Lane[];
  readonly strategy: NativeStrategy;
  /** The configuration the deployment started with (later UpdateServices do not change it). */
  readonly config: DeploymentConfiguration;
  /** Green's cumulative share of production traffic, one entry per step; the last is 100. */
  readonly steps: number[];
  /** Index of the traffic step in progress. */
  step: number;
  phase: Phase;
  /** Bumped whenever the run changes course: timers set before then do nothing. */
  gen: number;
  /** SCALE_UP has begun: green is kept at the desired count from then on. */
  greenStarted?: boolean;
  /** What must hold before the current stage may move on (checked on every wake-up). */
  until?: 'strays-gone' | 'green-ready';
  /** Hooks the current stage waits on, and what follows once they are done. */
  waiting?: { hooks: LifecycleHookRec[]; next: () => void };
}

const RUNS = new WeakMap<EngineRuntime, Map<string, Run>>();

/** The runs of one engine runtime, by service ARN (one live run per service). */
export function runsOf(rt: EngineRuntime): Map<string, Run> {
  let runs = RUNS.get(rt);
  if (!runs) RUNS.set(rt, (runs = new Map<string, Run>()));
  return runs;
}

/** The run driving this service deployment, if the engine runs it. */
export function runOfServiceDeployment(
  rt: EngineRuntime,
  sd: ServiceDeploymentRec,
): Run | undefined {
  const run = runsOf(rt).get(sd.serviceArn);
  return run?.sd === sd ? run : undefined;
}

/** Green's share after each traffic step (C.2): all at once, canary then rest, or linear. */
export function trafficSteps(strategy: NativeStrategy, cfg: DeploymentConfiguration): number[] {
  const tenth = (p: number) => Math.round(p * 10) / 10;
  if (strategy === 'CANARY') {
    const p = tenth(cfg.canaryConfiguration?.canaryPercent ?? 5);
    return p >= 100 ? [100] : [p, 100];
  }
  if (strategy === 'LINEAR') {
    const step = tenth(cfg.linearConfiguration?.stepPercent ?? 10);
    const steps: number[] = [];
    for (let k = 1; steps.length < 1000; k++) {
      const p = tenth(step * k);
      if (p >= 100) break;
      steps.push(p);
    }
    return [...steps, 100];
  }
  return [100];
}

/** Minutes a traffic step bakes before the next (never after the last, C.1). */
export function stepBakeMinutes(strategy: NativeStrategy, cfg: DeploymentConfiguration): number {
  if (strategy === 'CANARY') return cfg.canaryConfiguration?.canaryBakeTimeInMinutes ?? 10;
  if (strategy === 'LINEAR') return cfg.linearConfiguration?.stepBakeTimeInMinutes ?? 6;
  return 0;
}

/** The run's scheduler callbacks go through here: a change of course cancels them. */
export function later(run: Run, ms: number, fn: () => void): void {
  const gen = run.gen;
  run.rt.world.scheduler.after(ms, () => {
    if (run.gen === gen && run.phase !== 'over') fn();
  });
}
