import type { RolloutDeploymentRow, RolloutView } from '../deploy/types';
import type { Body, EventLine, ProgressLine } from './json-schema';
import type { Reporter } from './output/reporter';

export function deploymentRows(view: RolloutView): ProgressLine['deployments'] {
  return view.deployments.map((d: RolloutDeploymentRow) => ({
    role: d.role,
    id: d.id,
    revision: d.revisionLabel,
    ...(d.image ? { image: d.image } : {}),
    desired: d.desired,
    running: d.running,
    pending: d.pending,
    failed: d.failed,
    ...(d.rolloutState ? { rolloutState: d.rolloutState } : {}),
  }));
}

export function progressLine(view: RolloutView): Body<ProgressLine> {
  return {
    type: 'progress',
    cluster: view.cluster,
    service: view.service,
    strategy: view.strategy,
    rolloutId: view.rolloutId,
    state: view.state,
    stateLabel: view.stateLabel,
    ...(view.step ? { step: view.step } : {}),
    deployments: deploymentRows(view),
    ...(view.circuitBreaker ? { circuitBreaker: view.circuitBreaker } : {}),
    traffic: view.traffic.map((t) => ({
      label: t.label,
      targetGroup: t.targetGroupName,
      ...((t.actualWeight ?? t.setWeight) !== undefined
        ? { weight: t.actualWeight ?? t.setWeight }
        : {}),
      healthy: t.healthy,
      unhealthy: t.unhealthy,
      draining: t.draining,
      initial: t.initial,
    })),
    stoppedTasks: view.stoppedTasks,
  };
}

/**
 * The state label as far as "did it change" goes: a countdown in it (CodeDeploy's `· 4m 53s
 * left`) moves on every poll, so it counts only when its minutes do (`4m left`, `<1m left`).
 */
export function labelKey(stateLabel: string): string {
  return stateLabel
    .replace(/\b(\d+m) \d+s left\b/g, '$1 left')
    .replace(/\b\d+s left\b/g, '<1m left');
}

/**
 * Says what changed between polls: a progress line when the state, counts, breaker or traffic
 * moved (not every 2 s; a countdown once a minute), and each service event once, oldest first.
 */
export class ProgressTracker {
  private lastKey = '';
  private readonly seenEvents = new Set<string>();

  constructor(private readonly reporter: Reporter) {}

  report(view: RolloutView): void {
    const line = progressLine(view);
    const key = JSON.stringify({
      ...line,
      stateLabel: labelKey(line.stateLabel),
      stoppedTasks: undefined,
    });
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.reporter.progress(line);
    }
    const fresh: Body<EventLine>[] = [];
    for (const e of view.events) {
      const id = `${e.at.getTime()}|${e.message}`;
      if (this.seenEvents.has(id)) continue;
      this.seenEvents.add(id);
      fresh.push({
        type: 'event',
        at: e.at.toISOString(),
        severity: e.severity,
        message: e.message,
      });
    }
    // view.events is newest first; a log reads oldest first
    for (const e of fresh.reverse()) this.reporter.event(e);
  }
}
