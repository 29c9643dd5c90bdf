import type { World } from '../../world/world';
import type { DeploymentRec } from './state';

/**
 * Where the CodeDeploy deployment engine plugs in, as `ecs/hooks.ts` does for ECS: the write
 * handlers validate and record what a caller asked for (a new deployment, a reroute, a stop),
 * then tell the engine, which makes it happen over simulated time. Without an engine a
 * deployment simply stays Created. Listeners run inside the request and must not throw.
 */

export interface DeploymentCreatedEvent {
  region: string;
  deployment: DeploymentRec;
}

export interface ContinueRequestedEvent {
  region: string;
  deployment: DeploymentRec;
  waitType: 'READY_WAIT' | 'TERMINATION_WAIT';
}

export interface StopRequestedEvent {
  region: string;
  deployment: DeploymentRec;
  /** As the caller gave it; undefined means "as the deployment group says". */
  autoRollbackEnabled?: boolean;
}

export interface CodeDeployHooks {
  readonly deploymentCreated: Set<(e: DeploymentCreatedEvent) => void>;
  readonly continueRequested: Set<(e: ContinueRequestedEvent) => void>;
  readonly stopRequested: Set<(e: StopRequestedEvent) => void>;
}

const HOOKS = new WeakMap<World, CodeDeployHooks>();

function hooksOf(world: World): CodeDeployHooks {
  let hooks = HOOKS.get(world);
  if (!hooks) {
    hooks = {
      deploymentCreated: new Set(),
      continueRequested: new Set(),
      stopRequested: new Set(),
    };
    HOOKS.set(world, hooks);
  }
  return hooks;
}

type HookName = keyof CodeDeployHooks;
type EventOf<K extends HookName> = CodeDeployHooks[K] extends Set<(e: infer E) => void> ? E : never;

/** Subscribes `fn`; returns the function that unsubscribes it. */
export function onCodeDeploy<K extends HookName>(
  world: World,
  name: K,
  fn: (e: EventOf<K>) => void,
): () => void {
  const set = hooksOf(world)[name] as Set<(e: EventOf<K>) => void>;
  set.add(fn);
  return () => set.delete(fn);
}

export function emitCodeDeploy<K extends HookName>(world: World, name: K, event: EventOf<K>): void {
  const set = HOOKS.get(world)?.[name] as Set<(e: EventOf<K>) => void> | undefined;
  if (!set) return;
  for (const fn of [...set]) fn(event);
}
