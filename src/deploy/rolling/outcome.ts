import type { Deployment, Service, ServiceEvent } from '../../aws/types';
import type { Outcome } from '../outcome';

/**
 * The truthful state of one rolling deployment ("ours"), read from the service.
 * SUCCEEDED only when our deployment is the PRIMARY, COMPLETED, on the revision we asked for.
 * A circuit-breaker, alarm or operator rollback is ROLLED_BACK, never success.
 */
export function rollingOutcome(
  service: Service,
  ourId: string,
  ourTaskDefinitionArn: string,
): Outcome {
  const ours = service.deployments.find((d) => d.id === ourId);
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  const rollback = primary && primary.id !== ourId && isRollbackOf(primary) ? primary : undefined;

  if (ours?.rolloutState === 'COMPLETED' && ours.status === 'PRIMARY') {
    if (ours.taskDefinitionArn !== ourTaskDefinitionArn) {
      return {
        kind: 'FAILED',
        reason: `deployment ${ourId} completed on ${ours.taskDefinitionArn}, not the requested revision`,
      };
    }
    return {
      kind: 'SUCCEEDED',
      reason: ours.rolloutStateReason ?? `deployment ${ourId} completed`,
    };
  }
  if (ours?.rolloutState === 'FAILED' || (!ours && rollback)) {
    // AWS's reasons end with a period; this one goes on with what happened next
    const why = failureReason(service, ours, ourId).replace(/\.$/, '');
    if (rollback) {
      const done = rollback.rolloutState === 'COMPLETED';
      return {
        kind: 'ROLLED_BACK',
        reason: `${why}; ${done ? 'rolled back' : 'rolling back'} to ${rollback.taskDefinitionArn.split('/').pop() ?? ''}`,
        trigger: triggerOf(service, why),
      };
    }
    return {
      kind: 'FAILED',
      reason: `${why}; no rollback (nothing to roll back to, or rollback is off)`,
      trigger: triggerOf(service, why),
    };
  }
  if (!ours) {
    // Our deployment left the list without completing or failing: someone replaced it.
    const other = primary
      ? ` by ${primary.id} (${primary.taskDefinitionArn.split('/').pop() ?? ''})`
      : '';
    return {
      kind: 'STOPPED',
      reason: `deployment ${ourId} was replaced${other} before it completed`,
      trigger: 'unknown',
    };
  }
  if (ours.status !== 'PRIMARY') {
    return {
      kind: 'STOPPED',
      reason: `deployment ${ourId} is no longer the primary (${primary?.id ?? 'none'} is)`,
      trigger: 'unknown',
    };
  }
  return {
    kind: 'IN_PROGRESS',
    reason: ours.rolloutStateReason ?? `deployment ${ourId} in progress`,
  };
}

function isRollbackOf(d: Deployment): boolean {
  return /rolling back|rollback/i.test(d.rolloutStateReason ?? '');
}

function failureReason(service: Service, ours: Deployment | undefined, ourId: string): string {
  if (ours?.rolloutStateReason) return ours.rolloutStateReason;
  const event = findEvent(
    service.events,
    (m) => m.includes(ourId) && /deployment failed|rolling back/.test(m),
  );
  return event?.message ?? `deployment ${ourId} failed`;
}

function triggerOf(service: Service, reason: string): Outcome['trigger'] {
  if (/circuit breaker|tasks failed to start/i.test(reason)) return 'circuit-breaker';
  if (/alarm/i.test(reason)) return 'alarm';
  if (findEvent(service.events, (m) => /alarm detected/.test(m))) return 'alarm';
  if (/stopped|requested|operator|user/i.test(reason)) return 'operator';
  return 'unknown';
}

function findEvent(
  events: ServiceEvent[],
  match: (message: string) => boolean,
): ServiceEvent | undefined {
  return events.find((e) => match(e.message));
}
