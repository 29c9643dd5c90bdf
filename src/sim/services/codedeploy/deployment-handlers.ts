import { SimError } from '../../core/errors';
import type { RequestContext } from '../../core/types';
import { getDeployment } from './deployments';
import { batchLimit, DEPLOYMENT_ID, invalidDeploymentId } from './errors';
import { names, optional, pageOf, required, type Obj } from './input';
import { codeDeployState, getApplication, getGroup } from './model';
import { renderDeployment, renderTarget } from './render';
import type { CodeDeployState, DeploymentRec, DeploymentStatus } from './state';

// Deployments and their (ECS: single) deployment target.

const STATUSES: readonly DeploymentStatus[] = [
  'Created',
  'Queued',
  'InProgress',
  'Baking',
  'Ready',
  'Succeeded',
  'Failed',
  'Stopped',
];
const MAX_DEPLOYMENTS = 100;
const MAX_TARGETS = 25;

const deploymentId = (input: Obj): string =>
  required(input, 'deploymentId', 'DeploymentIdRequiredException', 'A deployment ID');

/** JSON timestamps are epoch seconds. */
function seconds(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number')
    throw new SimError('InvalidTimeRangeException', 'createTimeRange values must be timestamps.');
  return value * 1000;
}

export function listDeployments(input: Obj, ctx: RequestContext): unknown {
  const state = codeDeployState(ctx.world, ctx.region);
  const app = optional(input, 'applicationName');
  const group = optional(input, 'deploymentGroupName');
  if (app && !group)
    throw new SimError(
      'DeploymentGroupNameRequiredException',
      'A deployment group name must be specified with an application name.',
    );
  if (group && !app)
    throw new SimError(
      'ApplicationNameRequiredException',
      'An application name must be specified with a deployment group name.',
    );
  const statuses = names(input, 'includeOnlyStatuses');
  for (const s of statuses) {
    if (!(STATUSES as readonly string[]).includes(s)) {
      throw new SimError(
        'InvalidDeploymentStatusException',
        `${s} is not a valid deployment status; use one of ${STATUSES.join(', ')}`,
      );
    }
  }
  const range =
    typeof input['createTimeRange'] === 'object' && input['createTimeRange'] !== null
      ? (input['createTimeRange'] as Obj)
      : {};
  const start = seconds(range['start']);
  const end = seconds(range['end']);
  if (start !== undefined && end !== undefined && start > end) {
    throw new SimError(
      'InvalidTimeRangeException',
      'The start time of createTimeRange is after its end time.',
    );
  }
  const externalId = optional(input, 'externalId');
  let pool: DeploymentRec[];
  if (app && group)
    pool = getGroup(state, app, group).deploymentIds.map((id) => state.deployments.get(id)!);
  else pool = [...state.deployments.values()];
  const ids = pool
    .filter((d) => statuses.length === 0 || statuses.includes(d.status))
    .filter(
      (d) =>
        (start === undefined || d.createdAt >= start) && (end === undefined || d.createdAt <= end),
    )
    .filter((d) => externalId === undefined || d.externalId === externalId)
    // newest first, as the console and CLI show them
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((d) => d.id);
  const { items, nextToken } = pageOf(ids, input['nextToken']);
  return { deployments: items, ...(nextToken ? { nextToken } : {}) };
}

export function getDeploymentHandler(input: Obj, ctx: RequestContext): unknown {
  const state = codeDeployState(ctx.world, ctx.region);
  return { deploymentInfo: renderDeployment(state, getDeployment(state, deploymentId(input))) };
}

export function batchGetDeployments(input: Obj, ctx: RequestContext): unknown {
  const state = codeDeployState(ctx.world, ctx.region);
  const ids = names(input, 'deploymentIds');
  if (ids.length === 0)
    throw new SimError(
      'DeploymentIdRequiredException',
      'At least one deployment ID must be specified.',
    );
  if (ids.length > MAX_DEPLOYMENTS) throw batchLimit(MAX_DEPLOYMENTS);
  for (const id of ids) if (!DEPLOYMENT_ID.test(id)) throw invalidDeploymentId(id);
  // unknown ids are left out of the answer rather than failing it
  return {
    deploymentsInfo: ids
      .map((id) => state.deployments.get(id))
      .filter((d): d is DeploymentRec => d !== undefined)
      .map((d) => renderDeployment(state, d)),
  };
}

function startedDeployment(state: CodeDeployState, id: string): DeploymentRec {
  const d = getDeployment(state, id);
  // the applications and groups must still exist, as AWS checks them too
  getApplication(state, d.applicationName);
  if (d.status === 'Created' || d.status === 'Queued') {
    throw new SimError(
      'DeploymentNotStartedException',
      `The deployment ${id} has not started yet.`,
    );
  }
  return d;
}

export function listDeploymentTargets(input: Obj, ctx: RequestContext): unknown {
  const d = startedDeployment(codeDeployState(ctx.world, ctx.region), deploymentId(input));
  const filters =
    typeof input['targetFilters'] === 'object' && input['targetFilters'] !== null
      ? (input['targetFilters'] as Obj)
      : {};
  for (const key of Object.keys(filters)) {
    if (key !== 'TargetStatus' && key !== 'ServerInstanceLabel') {
      throw new SimError(
        'InvalidTargetFilterNameException',
        `${key} is not a target filter; use TargetStatus or ServerInstanceLabel`,
      );
    }
  }
  const statuses = names(filters, 'TargetStatus');
  const labels = names(filters, 'ServerInstanceLabel');
  const match =
    (statuses.length === 0 || statuses.includes(d.target.status)) && labels.length === 0;
  const { items, nextToken } = pageOf(match ? [d.target.id] : [], input['nextToken']);
  return { targetIds: items, ...(nextToken ? { nextToken } : {}) };
}

function targetOf(d: DeploymentRec, targetId: string): Record<string, unknown> {
  if (d.target.id !== targetId) {
    throw new SimError(
      'DeploymentTargetDoesNotExistException',
      `The provided target ID does not belong to the deployment: ${targetId}`,
    );
  }
  return renderTarget(d);
}

export function getDeploymentTarget(input: Obj, ctx: RequestContext): unknown {
  const d = startedDeployment(codeDeployState(ctx.world, ctx.region), deploymentId(input));
  const targetId = required(
    input,
    'targetId',
    'DeploymentTargetIdRequiredException',
    'A target ID',
  );
  return { deploymentTarget: targetOf(d, targetId) };
}

export function batchGetDeploymentTargets(input: Obj, ctx: RequestContext): unknown {
  const d = startedDeployment(codeDeployState(ctx.world, ctx.region), deploymentId(input));
  const ids = names(input, 'targetIds');
  if (ids.length === 0)
    throw new SimError(
      'DeploymentTargetIdRequiredException',
      'At least one target ID must be specified.',
    );
  if (ids.length > MAX_TARGETS) {
    throw new SimError(
      'DeploymentTargetListSizeExceededException',
      `The maximum number of targets that can be associated with this request (${MAX_TARGETS}) was exceeded.`,
    );
  }
  return { deploymentTargets: ids.map((id) => targetOf(d, id)) };
}
