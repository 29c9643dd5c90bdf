import type { Deployment, ServiceDeployment, ServiceRevision, TaskDefinition } from '../aws/types';
import { arnName, imageLabel, taskDefinitionLabel } from './labels';
import { ageSince, durationBetween } from './time';
import { NONE, PLACEHOLDER, type Token } from './tokens';

export interface DeploymentRow {
  key: string;
  /** Short id: the service deployment id or `ecs-svc/...`. */
  id: string;
  status: string;
  statusToken: Token;
  /** What started it: an update, a rollback (and why). */
  startedBy: string;
  /** Age of its start: `3m`. */
  started: string;
  duration: string;
  revision: string;
  image: string;
  reason: string;
}

const STATUS: Record<string, { label: string; token: Token }> = {
  PENDING: { label: 'pending', token: 'rollout.inProgress' },
  IN_PROGRESS: { label: 'in progress', token: 'rollout.inProgress' },
  SUCCESSFUL: { label: 'succeeded', token: 'rollout.succeeded' },
  STOPPED: { label: 'stopped', token: 'status.warn' },
  STOP_REQUESTED: { label: 'stopping', token: 'status.warn' },
  ROLLBACK_REQUESTED: { label: 'rollback requested', token: 'rollout.rolledBack' },
  ROLLBACK_IN_PROGRESS: { label: 'rolling back', token: 'rollout.rolledBack' },
  ROLLBACK_SUCCESSFUL: { label: 'rolled back', token: 'rollout.rolledBack' },
  ROLLBACK_FAILED: { label: 'rollback failed', token: 'rollout.failed' },
  // service.deployments[] rollout states
  COMPLETED: { label: 'completed', token: 'rollout.succeeded' },
  FAILED: { label: 'failed', token: 'rollout.failed' },
};

export function deploymentStatusLabel(status: string): { label: string; token: Token } {
  return STATUS[status] ?? { label: status.toLowerCase().replace(/_/g, ' '), token: 'ui.dim' };
}

/** Looks up a task definition already fetched (the store's cache), for the image. */
export type TaskDefinitionLookup = (arn: string) => TaskDefinition | undefined;

/** History rows from ListServiceDeployments + DescribeServiceDeployments, newest first. */
export function serviceDeploymentRows(
  deployments: readonly ServiceDeployment[],
  revisions: ReadonlyMap<string, ServiceRevision>,
  now: number,
  lookup: TaskDefinitionLookup = () => undefined,
): DeploymentRow[] {
  return [...deployments]
    .sort((a, b) => time(b.createdAt ?? b.startedAt) - time(a.createdAt ?? a.startedAt))
    .map((d) => {
      const status = deploymentStatusLabel(d.status);
      const revision = d.targetServiceRevision?.arn ?? d.targetServiceRevisionArn;
      const target = revision ? revisions.get(revision) : undefined;
      const image =
        target?.containerImages[0]?.image ??
        (target ? lookup(target.taskDefinitionArn)?.containers[0]?.image : undefined);
      return {
        key: d.arn,
        id: arnName(d.arn),
        status: status.label,
        statusToken: status.token,
        startedBy: startedBy(d),
        started: ageSince(d.startedAt ?? d.createdAt, now),
        duration: durationBetween(d.startedAt ?? d.createdAt, d.finishedAt ?? d.stoppedAt, now),
        revision: target
          ? taskDefinitionLabel(target.taskDefinitionArn)
          : revision
            ? PLACEHOLDER
            : NONE,
        image: image ? imageLabel(image) : target ? NONE : PLACEHOLDER,
        // a rolled-back deployment says why in its rollback, not always in its status reason
        reason: d.statusReason ?? d.rollback?.reason ?? '',
      };
    });
}

/**
 * History from `service.deployments[]`, for services without service deployments (CODE_DEPLOY,
 * EXTERNAL, or an account where the API is not available): only what still has tasks.
 */
export function legacyDeploymentRows(
  deployments: readonly Deployment[],
  now: number,
  lookup: TaskDefinitionLookup = () => undefined,
): DeploymentRow[] {
  return [...deployments]
    .sort((a, b) => time(b.createdAt) - time(a.createdAt))
    .map((d) => {
      const state = d.rolloutState ? deploymentStatusLabel(d.rolloutState) : undefined;
      const image = lookup(d.taskDefinitionArn)?.containers[0]?.image;
      const done = d.rolloutState === 'COMPLETED' || d.rolloutState === 'FAILED';
      return {
        key: d.id,
        id: d.id,
        status: state ? `${d.status.toLowerCase()} · ${state.label}` : d.status.toLowerCase(),
        statusToken: state?.token ?? (d.status === 'PRIMARY' ? 'rollout.inProgress' : 'ui.dim'),
        startedBy:
          d.rolloutStateReason && /rolling back/i.test(d.rolloutStateReason)
            ? 'rollback'
            : 'update',
        started: ageSince(d.createdAt, now),
        duration: durationBetween(d.createdAt, done ? d.updatedAt : undefined, now),
        revision: taskDefinitionLabel(d.taskDefinitionArn),
        image: image ? imageLabel(image) : PLACEHOLDER,
        reason: d.rolloutStateReason ?? '',
      };
    });
}

/**
 * What started it. `rollback` on a service deployment describes how it was itself rolled back
 * (its status and reason say that), not what started it: it was still started by an update.
 */
function startedBy(d: ServiceDeployment): string {
  if (d.sourceServiceRevisions.length === 0) return 'service created';
  return 'update';
}

function time(date: Date | undefined): number {
  return date ? date.getTime() : 0;
}
