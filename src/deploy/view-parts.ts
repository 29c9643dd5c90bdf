import type { Deployment, ServiceEvent, Task, TargetHealth } from '../aws/types';
import type { ConfirmRequest } from './io-host';
import { revisionLabel } from './revision-label';
import type {
  ActionAvailability,
  RolloutActionId,
  RolloutDeploymentRow,
  RolloutView,
  TrafficRow,
} from './types';

// Building blocks shared by every strategy's RolloutView.

const MAX_EVENTS = 50;

/** Events of this rollout (since it started), newest first, with a severity for colouring. */
export function rolloutEvents(
  events: ServiceEvent[],
  since: Date | undefined,
): RolloutView['events'] {
  const from = since ? since.getTime() - 1000 : 0;
  return events
    .filter((e) => e.createdAt.getTime() >= from)
    .slice(0, MAX_EVENTS)
    .map((e) => ({ at: e.createdAt, message: e.message, severity: eventSeverity(e.message) }));
}

export function eventSeverity(message: string): 'info' | 'warn' | 'error' {
  if (
    /deployment failed|circuit breaker|rolling back|unable to|failed container health|is unhealthy|CannotPull|Essential container/i.test(
      message,
    )
  ) {
    return 'error';
  }
  if (/throttled|draining|deregistered|stopped \d+ running/i.test(message)) return 'warn';
  return 'info';
}

/** Stopped tasks grouped by reason, biggest group first. */
export function groupStoppedTasks(tasks: Task[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const t of tasks) {
    if (t.lastStatus !== 'STOPPED' && t.desiredStatus !== 'STOPPED') continue;
    const container = t.containers.find((c) => c.reason || c.exitCode !== undefined);
    const detail =
      container?.reason ??
      (container?.exitCode !== undefined ? `exit code ${container.exitCode}` : undefined);
    const reason = [t.stopCode, t.stoppedReason ?? 'no reason given', detail]
      .filter(Boolean)
      .join(': ');
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count);
}

export function deploymentRow(d: Deployment, image?: string): RolloutDeploymentRow {
  return {
    role: d.status,
    id: d.id,
    status: d.status,
    taskDefinitionArn: d.taskDefinitionArn,
    revisionLabel: revisionLabel(d.taskDefinitionArn),
    ...(image ? { image } : {}),
    desired: d.desiredCount,
    running: d.runningCount,
    pending: d.pendingCount,
    failed: d.failedTasks,
    ...(d.rolloutState ? { rolloutState: d.rolloutState } : {}),
  };
}

/** Health counts of one target group. */
export function healthCounts(
  targets: TargetHealth[],
): Pick<TrafficRow, 'healthy' | 'unhealthy' | 'draining' | 'initial'> {
  const count = (state: string) => targets.filter((t) => t.state === state).length;
  return {
    healthy: count('healthy'),
    unhealthy: count('unhealthy') + count('unhealthy.draining'),
    draining: count('draining'),
    initial: count('initial'),
  };
}

export function unavailable(label: string, reason: string): ActionAvailability {
  return { available: false, label, reason };
}

export function available(label: string, confirm: ConfirmRequest): ActionAvailability {
  return { available: true, label, confirm };
}

export function allUnavailable(reason: string): Record<RolloutActionId, ActionAvailability> {
  return {
    promote: unavailable('promote', reason),
    promoteFull: unavailable('promote fully', reason),
    rollback: unavailable('roll back', reason),
    abort: unavailable('abort', reason),
    togglePause: unavailable('pause', reason),
  };
}
