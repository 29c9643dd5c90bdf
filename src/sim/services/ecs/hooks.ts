import type { World } from '../../world/world';
import type { EcsScope } from './state';
import type {
  DeploymentRec,
  HookAction,
  LifecycleHookRec,
  ServiceDeploymentRec,
  ServiceRec,
  TaskSetRec,
} from './types';

/**
 * Where engines plug in. The API layer only records what a caller asked for (a new
 * deployment, a stop, a hook decision); engines subscribe here and make it happen over
 * simulated time with `world.scheduler`. Hooks are per world rather than per region state
 * because regions are created lazily on first use: one subscription covers them all.
 * Listeners run synchronously inside the request; they must not throw, and should schedule
 * their work on `world.scheduler` rather than change tasks at once, so the API reply shows the
 * state right after the call, as AWS's does.
 */

/** Why a deployment was created. Engines may ignore causes they produced themselves. */
export type DeploymentCause = 'create-service' | 'update-service' | 'rollback';

export interface DeploymentCreatedEvent {
  scope: EcsScope;
  service: ServiceRec;
  /** The new PRIMARY deployment, rolloutState IN_PROGRESS, with no tasks yet. */
  deployment: DeploymentRec;
  serviceDeployment: ServiceDeploymentRec;
  /** Deployments that were live before (now ACTIVE), newest first. */
  previous: DeploymentRec[];
  cause: DeploymentCause;
}

export interface TaskSetCreatedEvent {
  scope: EcsScope;
  service: ServiceRec;
  taskSet: TaskSetRec;
}

export interface DesiredCountChangedEvent {
  scope: EcsScope;
  service: ServiceRec;
  from: number;
  to: number;
}

export interface StopRequestedEvent {
  scope: EcsScope;
  service: ServiceRec;
  serviceDeployment: ServiceDeploymentRec;
  stopType: 'ROLLBACK' | 'ABORT';
}

export interface ContinueRequestedEvent {
  scope: EcsScope;
  service: ServiceRec;
  serviceDeployment: ServiceDeploymentRec;
  hook: LifecycleHookRec;
  action: HookAction;
}

export interface ServiceDeletedEvent {
  scope: EcsScope;
  service: ServiceRec;
}

export interface EcsHooks {
  readonly deploymentCreated: Set<(e: DeploymentCreatedEvent) => void>;
  readonly taskSetCreated: Set<(e: TaskSetCreatedEvent) => void>;
  readonly desiredCountChanged: Set<(e: DesiredCountChangedEvent) => void>;
  readonly stopRequested: Set<(e: StopRequestedEvent) => void>;
  readonly continueRequested: Set<(e: ContinueRequestedEvent) => void>;
  readonly serviceDeleted: Set<(e: ServiceDeletedEvent) => void>;
}

const HOOKS = new WeakMap<World, EcsHooks>();

/** The hook lists of one world; created empty on first use. */
export function ecsHooks(world: World): EcsHooks {
  let hooks = HOOKS.get(world);
  if (!hooks) {
    hooks = {
      deploymentCreated: new Set(),
      taskSetCreated: new Set(),
      desiredCountChanged: new Set(),
      stopRequested: new Set(),
      continueRequested: new Set(),
      serviceDeleted: new Set(),
    };
    HOOKS.set(world, hooks);
  }
  return hooks;
}

type HookName = keyof EcsHooks;
type EventOf<K extends HookName> = EcsHooks[K] extends Set<(e: infer E) => void> ? E : never;

/** Subscribes `fn`; returns the function that unsubscribes it. */
export function onEcs<K extends HookName>(
  world: World,
  name: K,
  fn: (e: EventOf<K>) => void,
): () => void {
  const set = ecsHooks(world)[name] as Set<(e: EventOf<K>) => void>;
  set.add(fn);
  return () => set.delete(fn);
}

export function emitEcs<K extends HookName>(world: World, name: K, event: EventOf<K>): void {
  const set = HOOKS.get(world)?.[name] as Set<(e: EventOf<K>) => void> | undefined;
  if (!set) return;
  for (const fn of [...set]) fn(event);
}
