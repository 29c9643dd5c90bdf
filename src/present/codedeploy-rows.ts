import type { CodeDeployDeployment } from '../aws/types';
import type { DeploymentRow, TaskDefinitionLookup } from './deployment-rows';
import { imageLabel, taskDefinitionLabel } from './labels';
import { ageSince, durationBetween } from './time';
import { NONE, PLACEHOLDER, type Token } from './tokens';

type Status = { label: string; token: Token };

const STATUS: Record<string, Status> = {
  Created: { label: 'created', token: 'rollout.inProgress' },
  Queued: { label: 'queued', token: 'rollout.inProgress' },
  InProgress: { label: 'in progress', token: 'rollout.inProgress' },
  Baking: { label: 'baking', token: 'rollout.inProgress' },
  // waiting under STOP_DEPLOYMENT for someone to reroute traffic
  Ready: { label: 'ready: waiting', token: 'rollout.paused' },
  Succeeded: { label: 'succeeded', token: 'rollout.succeeded' },
  Failed: { label: 'failed', token: 'rollout.failed' },
  Stopped: { label: 'stopped', token: 'status.warn' },
};

function statusOf(status: string): Status {
  return STATUS[status] ?? { label: status.toLowerCase(), token: 'ui.dim' };
}

/**
 * History rows from a CodeDeploy deployment group (ListDeployments + BatchGetDeployments),
 * newest first. A failed or stopped deployment that CodeDeploy rolled back reads "rolled back"
 * and names its rollback deployment; the rollback names the deployment it undid. The link is
 * taken from either side's `rollbackInfo`, so it shows even when only one side carries it.
 * `revisions`: task definition per AppSpec sha256 (null: unknown for good; absent: not read yet).
 */
export function codeDeployDeploymentRows(
  deployments: readonly CodeDeployDeployment[],
  revisions: ReadonlyMap<string, string | null>,
  now: number,
  lookup: TaskDefinitionLookup = () => undefined,
): DeploymentRow[] {
  const byId = new Map(deployments.map((d) => [d.id, d]));
  const rollbackOf = new Map<string, string>();
  const rolledBackBy = new Map<string, string>();
  for (const d of deployments) {
    const undid = d.rollbackInfo?.rollbackTriggeringDeploymentId;
    const by = d.rollbackInfo?.rollbackDeploymentId;
    if (undid) {
      rollbackOf.set(d.id, undid);
      rolledBackBy.set(undid, d.id);
    }
    if (by) {
      rolledBackBy.set(d.id, by);
      rollbackOf.set(by, d.id);
    }
  }
  return [...deployments]
    .sort((a, b) => time(b.createTime ?? b.startTime) - time(a.createTime ?? a.startTime))
    .map((d) => {
      const undid = rollbackOf.get(d.id);
      const by = rolledBackBy.get(d.id);
      const status = by ? rolledBackStatus(byId.get(by)) : statusOf(d.status);
      const td = d.revisionSha256 ? revisions.get(d.revisionSha256) : null;
      const image = td ? lookup(td)?.containers[0]?.image : undefined;
      return {
        key: d.id,
        id: d.id,
        status: status.label,
        statusToken: status.token,
        startedBy: startedBy(d, undid),
        started: ageSince(d.createTime ?? d.startTime, now),
        duration: durationBetween(d.startTime ?? d.createTime, d.completeTime, now),
        revision: td === undefined ? PLACEHOLDER : td === null ? NONE : taskDefinitionLabel(td),
        image: image ? imageLabel(image) : td === undefined || td ? PLACEHOLDER : NONE,
        reason: reason(d, by, undid ? byId.get(undid) : undefined),
      };
    });
}

/** A deployment CodeDeploy rolled back, by how its rollback deployment went. */
function rolledBackStatus(rollback: CodeDeployDeployment | undefined): Status {
  if (rollback?.status === 'Failed' || rollback?.status === 'Stopped') {
    return { label: 'rollback failed', token: 'rollout.failed' };
  }
  if (rollback && rollback.status !== 'Succeeded') {
    return { label: 'rolling back', token: 'rollout.rolledBack' };
  }
  return { label: 'rolled back', token: 'rollout.rolledBack' };
}

function startedBy(d: CodeDeployDeployment, undid: string | undefined): string {
  if (undid) return `rollback of ${undid}`;
  if (d.creator === 'codeDeployRollback') return 'rollback';
  return d.creator ?? NONE;
}

/** Why it ended as it did; for a rollback, why the deployment it undid failed. */
function reason(
  d: CodeDeployDeployment,
  rolledBackBy: string | undefined,
  undid: CodeDeployDeployment | undefined,
): string {
  const error = errorText(d);
  // the link first: a narrow column cuts the error message, not the deployment to look at
  if (rolledBackBy) return [`rolled back by ${rolledBackBy}`, error].filter(Boolean).join(' · ');
  if (error) return error;
  if (undid) return errorText(undid);
  // ecs-rollout, CI jobs and people write what they deploy here
  return d.description ?? '';
}

function errorText(d: CodeDeployDeployment): string {
  const info = d.errorInformation;
  return info?.message ?? info?.code ?? '';
}

function time(date: Date | undefined): number {
  return date ? date.getTime() : 0;
}
