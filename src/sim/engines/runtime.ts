/**
 * What the engines remember about one world beyond the AWS records: which task sits behind
 * which target, the image behaviour a task runs, per-service scheduler state (throttle,
 * pending registrations, alarm bake) and per-deployment counters. Records stay the truth for
 * everything AWS shows; this is only the scheduler's own bookkeeping.
 *
 * Nothing here is scheduled per tick: engines react to hooks, health changes and their own
 * timers, so a world of steady services costs nothing while time passes.
 */
import type { DeploymentRec, ServiceRec, TaskRec } from '../services/ecs/types';
import { ecsScope, type EcsScope } from '../services/ecs/state';
import type { ImageBehaviour } from '../world/image-behaviour';
import type { World } from '../world/world';

export interface TaskRuntime {
  readonly service: ServiceRec;
  readonly region: string;
  /** The worst behaviour among the task's essential containers (updated after the pull). */
  behaviour: ImageBehaviour;
  /** Target groups the task is registered in (target id is its private IP). */
  targets: { targetGroupArn: string; port: number }[];
  /** Marked by a failed ELB or container health check: to be replaced (aws-semantics B.8). */
  replace?: { stoppedReason: string };
  /** The task has counted as healthy once (resets the deployment's failure count, B.5). */
  wasHealthy?: boolean;
  /**
   * Target groups the task registers in when not its service's own `loadBalancers`: an
   * ECS-native blue/green, linear or canary deployment puts green into the group that is not
   * live now (native/lanes.ts, aws-semantics C.2). Unset for rolling services.
   */
  registerInto?: { targetGroupArn: string; port: number }[];
}

export interface ServiceRuntime {
  readonly scope: EcsScope;
  readonly service: ServiceRec;
  reconcileQueued: boolean;
  /** Consecutive tasks that stopped before RUNNING: drives the launch back-off (B.4). */
  startFailures: number;
  /** No launches before this time (the task-start throttle). */
  launchNotBefore: number;
  /** "is unable to consistently start tasks" written for the current throttle episode. */
  throttleNoted: boolean;
  /** Tasks replaced for failed health checks since the last "has started" event. */
  replacedUnhealthy: number;
  /** Tasks were started or stopped since the last steady state (scaling, replacements). */
  settling: boolean;
  /** Tasks that reached RUNNING and wait for the registration batch. */
  registerQueue: TaskRec[];
  /** While alarms are watched after steady state (B.6): the deployment and the bake end. */
  bake?: { deploymentId: string; until: number };
  /** The most recent deployment that reached COMPLETED (the rollback target, B.5). */
  lastCompleted?: { deploymentId: string; revisionArn: string };
}

export interface DeploymentRuntime {
  /** Tasks of this deployment that reached RUNNING; above 1 skips breaker stage 1 (B.5). */
  reachedRunning: number;
  /** A rollback deployment: alarms are not watched on it, and a failure cannot roll back. */
  isRollback?: boolean;
}

export interface EngineRuntime {
  readonly world: World;
  readonly tasks: WeakMap<TaskRec, TaskRuntime>;
  readonly deployments: WeakMap<DeploymentRec, DeploymentRuntime>;
  /** By service ARN; created when the engine first acts on a service. */
  readonly services: Map<string, ServiceRuntime>;
  /** `region|targetGroupArn|ip:port` -> the task behind it. */
  readonly targetOwners: Map<string, TaskRec>;
  /** `region|ip` -> task, for probes of targets registered through the API. */
  readonly ipOwners: Map<string, TaskRec>;
  /** Regions whose ELB and CloudWatch listeners are installed. */
  readonly regions: Set<string>;
  /** Installs listeners for a region (set by the installer; engines call it lazily). */
  ensureRegion: (region: string) => void;
  /** Runs the rolling controller for a service soon (set by the installer). */
  reconcile: (srt: ServiceRuntime) => void;
  /**
   * Set by the ECS-native engine: the circuit breaker hands it failures of BLUE_GREEN, LINEAR
   * and CANARY deployments, which roll back by moving traffic rather than by redeploying
   * (native/failure.ts). Returns true when it took the failure.
   */
  nativeFailure?: (
    srt: ServiceRuntime,
    deployment: DeploymentRec,
    why: 'tasks failed to start' | 'alarm detected',
    triggeredAlarms: string[],
  ) => boolean;
  /** Unsubscribe functions, run by uninstall. */
  readonly disposers: (() => void)[];
}

export function createRuntime(world: World): EngineRuntime {
  return {
    world,
    tasks: new WeakMap(),
    deployments: new WeakMap(),
    services: new Map(),
    targetOwners: new Map(),
    ipOwners: new Map(),
    regions: new Set(),
    ensureRegion: () => {},
    reconcile: () => {},
    disposers: [],
  };
}

export function targetKey(region: string, targetGroupArn: string, ip: string, port: number) {
  return [region, targetGroupArn, `${ip}:${port}`].join('|');
}

/** The region a service lives in, read from its ARN (`arn:aws:ecs:<region>:...`). */
export function regionOfArn(arn: string): string {
  return arn.split(':')[3] ?? '';
}

export function serviceRuntime(rt: EngineRuntime, service: ServiceRec): ServiceRuntime {
  let srt = rt.services.get(service.arn);
  // a service deleted and created again under the same name is a new record
  if (!srt || srt.service !== service) {
    const region = regionOfArn(service.arn);
    rt.ensureRegion(region);
    srt = {
      scope: ecsScope(rt.world, region),
      service,
      reconcileQueued: false,
      startFailures: 0,
      launchNotBefore: 0,
      throttleNoted: false,
      replacedUnhealthy: 0,
      settling: false,
      registerQueue: [],
    };
    rt.services.set(service.arn, srt);
  }
  return srt;
}

export function deploymentRuntime(rt: EngineRuntime, d: DeploymentRec): DeploymentRuntime {
  let drt = rt.deployments.get(d);
  if (!drt) rt.deployments.set(d, (drt = { reachedRunning: 0 }));
  return drt;
}

/** Target groups a service's tasks register in, with the container port (B.4, E.3). */
export function serviceTargetGroups(
  service: ServiceRec,
): { targetGroupArn: string; port: number }[] {
  const out: { targetGroupArn: string; port: number }[] = [];
  for (const lb of service.loadBalancers) {
    if (!lb.targetGroupArn || out.some((t) => t.targetGroupArn === lb.targetGroupArn)) continue;
    out.push({ targetGroupArn: lb.targetGroupArn, port: lb.containerPort ?? 80 });
  }
  return out;
}

/** Statuses in which a task still holds its deployment in `deployments[]` (B.4: until drained). */
export function holdsDeployment(task: TaskRec): boolean {
  switch (task.lastStatus) {
    case 'PROVISIONING':
    case 'PENDING':
    case 'ACTIVATING':
    case 'RUNNING':
    case 'DEACTIVATING':
      return true;
    default:
      return false;
  }
}

/** Counted against maximumPercent: RUNNING or on its way there, and meant to run (B.3). */
export function isActiveTask(task: TaskRec): boolean {
  return (
    task.desiredStatus === 'RUNNING' &&
    (task.lastStatus === 'PROVISIONING' ||
      task.lastStatus === 'PENDING' ||
      task.lastStatus === 'ACTIVATING' ||
      task.lastStatus === 'RUNNING')
  );
}

/** ECS events list task ids in batches; longer lists are split into events of 10. */
export function chunks<T>(items: readonly T[], size = 10): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
