import type { LifecycleHookDetail, ServiceDeployment } from '../../aws/types';
import type { Outcome } from '../outcome';

/**
 * Where an ECS-native deployment stands, from its ServiceDeployment (aws-semantics C.3):
 * SUCCEEDED, ROLLED BACK with what triggered it (alarm, hook, health = circuit breaker,
 * operator), FAILED (a rollback that could not happen, or a failure detector with rollback
 * off), STOPPED (stopped where it stood; in progress while STOP_REQUESTED), PAUSED while a PAUSE hook awaits action, else in
 * progress. The rollback's trigger is read from `rollback.reason` / `statusReason`, the
 * monitors and the hooks; `operatorAction` is what this client asked for, when it did.
 */
export function nativeOutcome(
  sd: ServiceDeployment,
  now: Date,
  operatorAction?: 'rollback' | 'abort',
): Outcome {
  const reason = sd.rollback?.reason ?? sd.statusReason ?? '';
  switch (sd.status) {
    case 'SUCCESSFUL':
      return { kind: 'SUCCEEDED', reason: reason || 'deployment completed' };
    case 'ROLLBACK_REQUESTED':
    case 'ROLLBACK_IN_PROGRESS':
    case 'ROLLBACK_SUCCESSFUL':
      return {
        kind: 'ROLLED_BACK',
        reason:
          (reason || 'rollback requested') +
          (sd.status === 'ROLLBACK_SUCCESSFUL'
            ? ''
            : ' (traffic is back on blue; green is scaling in)'),
        trigger: triggerOf(sd, operatorAction),
      };
    case 'ROLLBACK_FAILED':
      return {
        kind: 'FAILED',
        reason: `rollback failed${reason ? `: ${reason}` : ''}`,
        trigger: triggerOf(sd, operatorAction),
      };
    case 'STOP_REQUESTED':
      // ECS is still stopping it (STOP_REQUESTED is an ongoing state, C.3): the deployment may
      // still be IN_PROGRESS on the service, so a deploy right now would be refused
      return {
        kind: 'IN_PROGRESS',
        reason: 'stop requested: ECS is stopping the deployment where it stands',
      };
    case 'STOPPED': {
      const why = reason.replace(/\.$/, '');
      const detector =
        sd.circuitBreaker?.status === 'TRIGGERED' || sd.alarms?.status === 'TRIGGERED';
      return {
        kind: detector ? 'FAILED' : 'STOPPED',
        reason: detector
          ? `${why || 'deployment failed'}; rollback is off, so both revisions keep running as they are`
          : `${why || 'deployment stopped'}: both revisions keep running and the listener weights stay as they are until the next deployment (deploy again, or roll back to an earlier revision)`,
        trigger: detector ? triggerOf(sd, operatorAction) : 'operator',
      };
    }
    default: {
      const waiting = awaiting(sd);
      if (waiting.length > 0) {
        const hook = waiting[0]!;
        return { kind: 'PAUSED', reason: pausedText(sd, hook, now) };
      }
      return {
        kind: 'IN_PROGRESS',
        reason: `deployment ${sd.status.toLowerCase()}${sd.lifecycleStage ? ` · ${sd.lifecycleStage}` : ''}`,
      };
    }
  }
}

export function awaiting(sd: ServiceDeployment): LifecycleHookDetail[] {
  return sd.lifecycleHooks.filter((h) => h.status === 'AWAITING_ACTION');
}

function pausedText(sd: ServiceDeployment, hook: LifecycleHookDetail, now: Date): string {
  const stage = sd.lifecycleStage ? ` at ${sd.lifecycleStage}` : '';
  const left = hook.expiresAt ? minutesLeft(hook.expiresAt, now) : undefined;
  const timeout =
    left !== undefined ? `; in ${left} ECS will ${hook.timeoutAction ?? 'ROLLBACK'} by itself` : '';
  return `paused${stage}: hook ${hook.hookId} awaits action (promote to continue, or roll back)${timeout}`;
}

export function minutesLeft(expiresAt: Date, now: Date): string {
  const ms = Math.max(0, expiresAt.getTime() - now.getTime());
  if (ms < 60_000) return `${Math.ceil(ms / 1000)} s`;
  const m = Math.ceil(ms / 60_000);
  if (m < 120) return `${m} min`;
  return m % 60 === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function triggerOf(
  sd: ServiceDeployment,
  operatorAction?: 'rollback' | 'abort',
): Outcome['trigger'] {
  if (sd.circuitBreaker?.status === 'TRIGGERED') return 'circuit-breaker';
  if (sd.alarms?.status === 'TRIGGERED') return 'alarm';
  const reason = `${sd.rollback?.reason ?? ''} ${sd.statusReason ?? ''}`;
  if (/circuit breaker/i.test(reason)) return 'circuit-breaker';
  if (/alarm/i.test(reason)) return 'alarm';
  if (operatorAction) return 'operator';
  // a person answered a pause hook with ROLLBACK, or stopped the deployment
  if (/continued with ROLLBACK|stopped/i.test(reason)) return 'operator';
  if (/lifecycle hook|timed out/i.test(reason)) return 'hook';
  if (sd.lifecycleHooks.some((h) => h.status === 'FAILED' || h.status === 'TIMED_OUT'))
    return 'hook';
  return 'unknown';
}
