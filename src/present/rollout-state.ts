import type { Deployment, Service, TaskSet } from '../aws/types';
import type { Token } from './tokens';

export type RolloutKind = 'in-progress' | 'rolling-back' | 'failed' | 'completed' | 'none';

export interface RolloutStateLabel {
  kind: RolloutKind;
  label: string;
  token: Token;
  /** Show a spinner next to the label. */
  spinner: boolean;
  /** `rolloutStateReason` or the task set's stability, for a detail line. */
  reason?: string;
}

const LABELS: Record<RolloutKind, Omit<RolloutStateLabel, 'reason'>> = {
  'in-progress': {
    kind: 'in-progress',
    label: 'in progress',
    token: 'rollout.inProgress',
    spinner: true,
  },
  'rolling-back': {
    kind: 'rolling-back',
    label: 'rolling back',
    token: 'rollout.rolledBack',
    spinner: true,
  },
  failed: { kind: 'failed', label: 'failed', token: 'rollout.failed', spinner: false },
  completed: { kind: 'completed', label: 'completed', token: 'rollout.succeeded', spinner: false },
  none: { kind: 'none', label: '—', token: 'ui.dim', spinner: false },
};

/** The newest deployment: PRIMARY when AWS marks one, else the most recently created. */
export function primaryDeployment(service: Service): Deployment | undefined {
  return (
    service.deployments.find((d) => d.status === 'PRIMARY') ??
    [...service.deployments].sort((a, b) => time(b.createdAt) - time(a.createdAt))[0]
  );
}

export function primaryTaskSet(service: Service): TaskSet | undefined {
  return service.taskSets.find((t) => t.status === 'PRIMARY') ?? service.taskSets[0];
}

/** Where the service's rollout stands, from DescribeServices alone (no extra calls). */
export function rolloutState(service: Service): RolloutStateLabel {
  if (service.deploymentController !== 'ECS') return taskSetState(service);
  const primary = primaryDeployment(service);
  if (!primary) return LABELS.none;
  const reason = primary.rolloutStateReason;
  const withReason = (kind: RolloutKind) => ({ ...LABELS[kind], ...(reason ? { reason } : {}) });
  if (primary.rolloutState === 'FAILED') return withReason('failed');
  if (primary.rolloutState === 'IN_PROGRESS' && reason && /rolling back/i.test(reason)) {
    return withReason('rolling-back');
  }
  if (primary.rolloutState === 'IN_PROGRESS' || service.deployments.length > 1) {
    return withReason('in-progress');
  }
  if (primary.rolloutState === 'COMPLETED') return withReason('completed');
  // no rolloutState (Classic Load Balancer): steady when one deployment runs them all
  return primary.runningCount === primary.desiredCount ? LABELS.completed : LABELS['in-progress'];
}

function taskSetState(service: Service): RolloutStateLabel {
  const primary = primaryTaskSet(service);
  if (!primary) return LABELS.none;
  const reason = primary.stabilityStatus;
  const extra = reason ? { reason } : {};
  if (service.taskSets.length > 1 || primary.stabilityStatus === 'STABILIZING') {
    return { ...LABELS['in-progress'], ...extra };
  }
  return { ...LABELS.completed, ...extra };
}

/** When the newest deployment (or task set) started. */
export function lastDeploymentAt(service: Service): Date | undefined {
  if (service.deploymentController === 'ECS') return primaryDeployment(service)?.createdAt;
  return primaryTaskSet(service)?.createdAt;
}

/** A rollout that the screens should watch closely (fast polling). */
export function isRolloutActive(service: Service): boolean {
  const kind = rolloutState(service).kind;
  return kind === 'in-progress' || kind === 'rolling-back';
}

function time(date: Date | undefined): number {
  return date ? date.getTime() : 0;
}
