/**
 * Lifecycle hooks of an ECS-native deployment (aws-semantics C.1, C.3). When a stage that
 * hooks are configured for begins, each hook gets a detail in `lifecycleHookDetails` with a
 * fresh hookId, and the stage moves on only once all of them are done:
 *
 * - PAUSE: `AWAITING_ACTION`, `expiresAt` = now + timeoutInMinutes (default 1440), and the
 *   timeout action (default ROLLBACK). ContinueServiceDeployment CONTINUE makes it SUCCEEDED;
 *   ROLLBACK makes it FAILED and rolls back. At expiry it is TIMED_OUT, then the timeout
 *   action: CONTINUE goes on, ROLLBACK rolls back.
 * - AWS_LAMBDA: `IN_PROGRESS`; the simulator has no Lambda, so the function "answers" a few
 *   seconds later: FAILED (rollback, C.1) when its ARN contains `fail`, else SUCCEEDED.
 *
 * For LINEAR and CANARY, hooks at PRE_PRODUCTION_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT
 * run at every traffic step, each time with a new hookId (C.1); stages.ts calls in here
 * once per step. Continuing a hook that already timed out is refused by the API handler
 * (InvalidParameterException: the hook is TIMED_OUT and not waiting for an action).
 */
import { lifecycleHookId } from '../../services/ecs/ids';
import type {
  DeploymentLifecycleHook,
  HookAction,
  LifecycleHookRec,
  LifecycleStage,
} from '../../services/ecs/types';
import { draw } from '../timings';
import { rollBack } from './failure';
import { later, type Run } from './model';
import { NATIVE_TIMING } from './timings';

const MINUTE = 60_000;
const DEFAULT_TIMEOUT_MINUTES = 1440;

function hooksAt(run: Run, stage: LifecycleStage): DeploymentLifecycleHook[] {
  return (run.config.lifecycleHooks ?? []).filter((h) => (h.lifecycleStages ?? []).includes(stage));
}

/** Runs the hooks configured for `stage`, then `next` (after ECS's short pause between stages). */
export function runStageHooks(run: Run, stage: LifecycleStage, next: () => void): void {
  const { world } = run.rt;
  const gap = () => draw(world.rng, NATIVE_TIMING.stageGap);
  const configured = hooksAt(run, stage);
  if (configured.length === 0) {
    later(run, gap(), next);
    return;
  }
  const hooks = configured.map((h) => startHook(run, h, stage));
  run.waiting = { hooks, next };
}

function startHook(run: Run, spec: DeploymentLifecycleHook, stage: LifecycleStage) {
  const { world } = run.rt;
  const type = spec.targetType ?? 'AWS_LAMBDA';
  const timeoutMs =
    (spec.timeoutConfiguration?.timeoutInMinutes ?? DEFAULT_TIMEOUT_MINUTES) * MINUTE;
  const hook: LifecycleHookRec = {
    hookId: lifecycleHookId(world.rng, type),
    targetType: type,
    ...(type === 'AWS_LAMBDA' && spec.hookTargetArn ? { targetArn: spec.hookTargetArn } : {}),
    stage,
    status: type === 'PAUSE' ? 'AWAITING_ACTION' : 'IN_PROGRESS',
    expiresAt: world.now + timeoutMs,
    timeoutAction: spec.timeoutConfiguration?.action ?? 'ROLLBACK',
  };
  run.sd.lifecycleHooks.push(hook);
  run.sd.updatedAt = world.now;
  later(run, timeoutMs, () => expire(run, hook));
  if (type === 'AWS_LAMBDA') {
    later(run, draw(world.rng, NATIVE_TIMING.lambda), () => {
      if (hook.status !== 'IN_PROGRESS') return;
      hook.status = /fail/i.test(hook.targetArn ?? '') ? 'FAILED' : 'SUCCEEDED';
      settle(run, hook);
    });
  }
  return hook;
}

function expire(run: Run, hook: LifecycleHookRec): void {
  if (hook.status !== 'AWAITING_ACTION' && hook.status !== 'IN_PROGRESS') return;
  hook.status = 'TIMED_OUT';
  run.sd.updatedAt = run.rt.world.now;
  if (hook.timeoutAction === 'ROLLBACK')
    rollBack(run, { kind: 'hook-timeout', hookId: hook.hookId });
  else settle(run, hook);
}

/** ContinueServiceDeployment reached the engine (the handler checked the hook was waiting). */
export function decideHook(run: Run, hook: LifecycleHookRec, action: HookAction): void {
  if (!run.waiting?.hooks.includes(hook)) return;
  if (hook.status !== 'AWAITING_ACTION' && hook.status !== 'IN_PROGRESS') return;
  delete hook.requestedAction;
  run.sd.updatedAt = run.rt.world.now;
  if (action === 'ROLLBACK') {
    hook.status = 'FAILED';
    rollBack(run, { kind: 'hook-rollback', hookId: hook.hookId });
    return;
  }
  hook.status = 'SUCCEEDED';
  settle(run, hook);
}

/** A hook finished: a failure rolls back; once all of the stage's hooks are done, go on. */
function settle(run: Run, hook: LifecycleHookRec): void {
  if (hook.status === 'FAILED') {
    rollBack(run, { kind: 'hook-failed', hookId: hook.hookId });
    return;
  }
  const waiting = run.waiting;
  if (!waiting) return;
  const done = waiting.hooks.every(
    (h) => h.status === 'SUCCEEDED' || (h.status === 'TIMED_OUT' && h.timeoutAction === 'CONTINUE'),
  );
  if (!done) return;
  run.waiting = undefined;
  later(run, draw(run.rt.world.rng, NATIVE_TIMING.stageGap), waiting.next);
}
