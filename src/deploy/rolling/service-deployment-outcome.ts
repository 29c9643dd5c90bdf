import type { ServiceDeployment } from '../../aws/types';
import type { Outcome } from '../outcome';

/** The outcome a ServiceDeployment's own status states (ECS 2024+ deployment history). */
export function serviceDeploymentOutcome(sd: ServiceDeployment): Outcome {
  const reason = sd.statusReason ?? '';
  // ECS often leaves statusReason empty on a rollback and says why in rollback.reason
  // ("ECS deployment circuit breaker: rolling back to deploymentId ...")
  const rollbackReason = reason || sd.rollback?.reason || '';
  switch (sd.status) {
    case 'SUCCESSFUL':
      return { kind: 'SUCCEEDED', reason: reason || 'deployment completed' };
    case 'ROLLBACK_REQUESTED':
    case 'ROLLBACK_IN_PROGRESS':
      return {
        kind: 'ROLLED_BACK',
        reason: rollbackReason || 'rolling back',
        trigger: rollbackTrigger(sd),
      };
    case 'ROLLBACK_SUCCESSFUL':
      return {
        kind: 'ROLLED_BACK',
        reason: rollbackReason || 'rolled back',
        trigger: rollbackTrigger(sd),
      };
    case 'ROLLBACK_FAILED':
      return {
        kind: 'FAILED',
        reason: `rollback failed${reason ? `: ${reason}` : ''}`,
        trigger: rollbackTrigger(sd),
      };
    case 'STOPPED':
    case 'STOP_REQUESTED':
      return {
        kind:
          sd.circuitBreaker?.status === 'TRIGGERED' || sd.alarms?.status === 'TRIGGERED'
            ? 'FAILED'
            : 'STOPPED',
        reason: reason || 'deployment stopped',
        trigger: stopTrigger(sd),
      };
    default:
      return { kind: 'IN_PROGRESS', reason: reason || `deployment ${sd.status.toLowerCase()}` };
  }
}

function rollbackTrigger(sd: ServiceDeployment): Outcome['trigger'] {
  if (sd.circuitBreaker?.status === 'TRIGGERED') return 'circuit-breaker';
  if (sd.alarms?.status === 'TRIGGERED') return 'alarm';
  if (sd.lifecycleHooks.some((h) => h.status === 'FAILED' || h.status === 'TIMED_OUT'))
    return 'hook';
  if (
    /circuit breaker/i.test(sd.statusReason ?? '') ||
    /circuit breaker/i.test(sd.rollback?.reason ?? '')
  )
    return 'circuit-breaker';
  if (/alarm/i.test(sd.statusReason ?? '') || /alarm/i.test(sd.rollback?.reason ?? ''))
    return 'alarm';
  return 'operator';
}

/**
 * Who stopped a deployment where it stood: a failure detector with rollback off, else a person
 * (StopServiceDeployment ABORT, or a newer deployment superseding it). Hooks that were waiting
 * read FAILED once it stopped: closed by the stop, not the cause of it.
 */
function stopTrigger(sd: ServiceDeployment): Outcome['trigger'] {
  if (sd.circuitBreaker?.status === 'TRIGGERED') return 'circuit-breaker';
  if (sd.alarms?.status === 'TRIGGERED') return 'alarm';
  return 'operator';
}
