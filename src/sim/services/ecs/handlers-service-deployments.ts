import { SimError } from '../../core/errors';
import { optString, reqString, validation } from '../../core/input';
import type { HandlerTable } from '../../core/types';
import { isServiceDeploymentFinished, setServiceDeploymentStatus } from './deployments';
import { emitEcs } from './hooks';
import { type Json, optObject, optStringList } from './input';
import { clusterOrThrow, ecsError, scopeOf, serviceOrThrow } from './lookup';
import { pageOf } from './paging';
import {
  projectServiceDeployment,
  projectServiceDeploymentBrief,
  projectServiceRevision,
} from './project-deployment';
import type { EcsScope } from './state';
import type { ServiceDeploymentRec, ServiceDeploymentStatus, ServiceRec } from './types';

const STATUSES = new Set<string>([
  'PENDING',
  'IN_PROGRESS',
  'SUCCESSFUL',
  'STOPPED',
  'STOP_REQUESTED',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED',
]);

/** Timestamps arrive as epoch seconds (SDK, CLI); ISO text is accepted too. */
function readTime(obj: Json, key: string): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  const ms = typeof v === 'number' ? v * 1000 : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw validation(`createdAt.${key} must be a timestamp`);
  return ms;
}

function arnList(input: Json, key: string): string[] {
  const arns = optStringList(input, key) ?? [];
  if (arns.length === 0) throw ecsError.invalid(`${key} cannot be empty.`);
  if (arns.length > 20) throw ecsError.invalid(`${key} can have at most 20 items.`);
  return arns;
}

function deploymentOrThrow(
  scope: EcsScope,
  arn: string,
): { sd: ServiceDeploymentRec; service: ServiceRec } {
  const sd = scope.ecs.serviceDeployments.get(arn);
  const service = sd && scope.ecs.clusters.get(sd.clusterName)?.services.get(sd.serviceName);
  if (!sd || !service) {
    throw new SimError(
      'ServiceDeploymentNotFoundException',
      'The service deployment does not exist.',
    );
  }
  return { sd, service };
}

function conflict(sd: ServiceDeploymentRec, what: string): SimError {
  // ECS ConflictException carries the ids it conflicts on; the message text is unverified
  return new SimError(
    'ConflictException',
    `The service deployment is ${sd.status} and can no longer be ${what}.`,
    { fields: { resourceIds: [sd.arn] } },
  );
}

export const serviceDeploymentHandlers: HandlerTable = {
  ListServiceDeployments: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const cluster = clusterOrThrow(scope, optString(input, 'cluster'));
    const service = serviceOrThrow(scope, cluster, reqString(input, 'service'));
    const statuses = optStringList(input, 'status');
    for (const s of statuses ?? []) {
      if (!STATUSES.has(s)) throw ecsError.invalid(`Invalid service deployment status '${s}'.`);
    }
    const created = optObject(input, 'createdAt');
    const before = created ? readTime(created, 'before') : undefined;
    const after = created ? readTime(created, 'after') : undefined;
    const briefs = [];
    // newest first: the current deployment leads
    for (let i = service.serviceDeploymentArns.length - 1; i >= 0; i--) {
      const sd = scope.ecs.serviceDeployments.get(service.serviceDeploymentArns[i]!);
      if (!sd) continue;
      if (statuses && statuses.length > 0 && !statuses.includes(sd.status)) continue;
      if (before !== undefined && sd.createdAt >= before) continue;
      if (after !== undefined && sd.createdAt <= after) continue;
      briefs.push(projectServiceDeploymentBrief(sd));
    }
    const page = pageOf(briefs, input, {
      listing: `ListServiceDeployments/${service.arn}/${(statuses ?? []).join(',')}/${before ?? ''}/${after ?? ''}`,
      defaultSize: 20,
      max: 100,
    });
    return { serviceDeployments: page.items, nextToken: page.nextToken };
  },

  DescribeServiceDeployments: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const serviceDeployments = [];
    const failures = [];
    for (const arn of arnList(input, 'serviceDeploymentArns')) {
      const sd = scope.ecs.serviceDeployments.get(arn);
      if (sd) serviceDeployments.push(projectServiceDeployment(scope, sd));
      else failures.push({ arn, reason: 'MISSING' });
    }
    return { serviceDeployments, failures };
  },

  DescribeServiceRevisions: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const serviceRevisions = [];
    const failures = [];
    for (const arn of arnList(input, 'serviceRevisionArns')) {
      const rev = scope.ecs.serviceRevisions.get(arn);
      if (rev) serviceRevisions.push(projectServiceRevision(rev));
      else failures.push({ arn, reason: 'MISSING' });
    }
    return { serviceRevisions, failures };
  },

  /**
   * Records the stop (aws-semantics C.3, "Stopping Amazon ECS service deployments"): a PENDING
   * or IN_PROGRESS deployment moves to ROLLBACK_REQUESTED (or STOP_REQUESTED for ABORT); one
   * already stopping keeps going. The rollback itself is an engine's job (`stopRequested`).
   */
  StopServiceDeployment: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const { sd, service } = deploymentOrThrow(scope, reqString(input, 'serviceDeploymentArn'));
    const stopType = optString(input, 'stopType') ?? 'ROLLBACK';
    if (stopType !== 'ROLLBACK' && stopType !== 'ABORT') {
      throw ecsError.invalid(`Invalid stopType '${stopType}'. Valid values: ROLLBACK.`);
    }
    if (isServiceDeploymentFinished(sd.status)) throw conflict(sd, 'stopped');
    if (sd.status === 'PENDING' || sd.status === 'IN_PROGRESS') {
      const next: ServiceDeploymentStatus =
        stopType === 'ROLLBACK' ? 'ROLLBACK_REQUESTED' : 'STOP_REQUESTED';
      sd.stopRequest = { stopType, at: ctx.now };
      setServiceDeploymentStatus(sd, next, ctx.now);
      emitEcs(ctx.world, 'stopRequested', { scope, service, serviceDeployment: sd, stopType });
    }
    return { serviceDeploymentArn: sd.arn };
  },

  /** Records the decision on a lifecycle hook that is waiting; an engine resumes or rolls back. */
  ContinueServiceDeployment: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const { sd, service } = deploymentOrThrow(scope, reqString(input, 'serviceDeploymentArn'));
    const hookId = reqString(input, 'hookId');
    const action = optString(input, 'action') ?? 'CONTINUE';
    if (action !== 'CONTINUE' && action !== 'ROLLBACK') {
      throw ecsError.invalid(`Invalid action '${action}'. Valid values: CONTINUE, ROLLBACK.`);
    }
    if (isServiceDeploymentFinished(sd.status)) throw conflict(sd, 'continued');
    const hook = sd.lifecycleHooks.find((h) => h.hookId === hookId);
    if (!hook) {
      throw ecsError.invalid(
        `The hookId ${hookId} does not match a lifecycle hook of this service deployment.`,
      );
    }
    if (hook.status !== 'AWAITING_ACTION' && hook.status !== 'IN_PROGRESS') {
      throw ecsError.invalid(
        `The lifecycle hook ${hookId} is ${hook.status} and is not waiting for an action.`,
      );
    }
    hook.requestedAction = action;
    sd.updatedAt = ctx.now;
    emitEcs(ctx.world, 'continueRequested', {
      scope,
      service,
      serviceDeployment: sd,
      hook,
      action,
    });
    return { serviceDeploymentArn: sd.arn };
  },
};
