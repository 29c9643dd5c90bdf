import type { AwsGateway, CallOptions } from '../../aws/gateway';
import { ExpectedError } from '../../errors';
import { equivalentCommand, scopeOf } from '../command-line';
import { serviceFingerprint } from '../plan/fingerprint';
import { resolveNextDefinition } from '../plan/next-definition';
import {
  blockersOf,
  changeCheck,
  desiredCountCheck,
  imageChecks,
  nothingInProgressCheck,
  targetHealthCheck,
} from '../plan/preflight';
import { isProtected } from '../plan/register';
import { loadServiceContext, type ServiceContext } from '../plan/service-context';
import type { DeployPlan, DeployRequest } from '../plan/types';
import { revisionLabel } from '../revision-label';
import {
  rollingDefaults,
  rollingSettingsSchema,
  settingsErrors,
  type RollingSettings,
} from '../settings';
import { strategyFit } from '../strategy-fit';
import type { PlannedCall, PreflightCheck } from '../types';
import { diffTaskDefinitions } from '../../present/task-definition-diff';
import { nextTaskDefinitionView } from '../plan/next-definition';

export interface PlanOptions extends CallOptions {
  profile?: string;
  region?: string;
  now?: () => Date;
}

/** Reads everything a rolling deployment needs and says what it would do. Changes nothing. */
export async function planRolling(
  gw: AwsGateway,
  request: DeployRequest,
  opts: PlanOptions,
): Promise<{ plan: DeployPlan; ctx: ServiceContext }> {
  const ctx = await loadServiceContext(gw, request.cluster, request.service, opts);
  const fit = strategyFit(ctx.service, 'rolling');
  if (!fit.ok) throw new ExpectedError(fit.reason);
  const parsed = rollingSettingsSchema.safeParse({
    ...rollingDefaults(ctx.service),
    ...request.settings,
  });
  if (!parsed.success)
    throw new ExpectedError(`invalid rolling settings: ${settingsErrors(parsed.error).join('; ')}`);
  const settings = parsed.data;
  const next = await resolveNextDefinition(gw, ctx.taskDefinition, request.target, opts);

  const checks: PreflightCheck[] = [
    nothingInProgressCheck(ctx.service),
    changeCheck(next, ctx.taskDefinition.arn),
    breakerCheck(settings),
    await alarmsCheck(gw, settings, opts),
  ];
  if (next.kind === 'register') checks.push(...imageChecks(next.changes));
  const health = await targetHealthCheck(gw, ctx.service, opts);
  if (health) checks.push(health);
  const desired = desiredCountCheck(ctx.service);
  if (desired) checks.push(desired);

  const family = next.kind === 'register' ? next.document.family : next.taskDefinition.family;
  const nextLabel =
    next.kind === 'existing' && !next.needsReRegister
      ? revisionLabel(next.taskDefinition.arn)
      : `${family}:<new revision>`;
  const calls: PlannedCall[] = [];
  if (next.kind === 'register' || next.needsReRegister) {
    calls.push({
      service: 'ECS',
      operation: 'RegisterTaskDefinition',
      summary: `family ${family}, from ${revisionLabel(next.kind === 'register' ? ctx.taskDefinition.arn : next.taskDefinition.arn)}`,
    });
  }
  calls.push({
    service: 'ECS',
    operation: 'UpdateService',
    summary: `${request.cluster}/${request.service} taskDefinition=${nextLabel} min=${settings.minimumHealthyPercent}% max=${settings.maximumPercent}% circuitBreaker=${settings.circuitBreaker}${settings.alarms.length ? ` alarms=${settings.alarms.join(',')}` : ''}`,
  });

  const normalized: DeployRequest = {
    ...request,
    settings: settings,
  };
  const plan: DeployPlan = {
    version: 1,
    request: normalized,
    createdAt: (opts.now?.() ?? new Date()).toISOString(),
    currentTaskDefinitionArn: ctx.taskDefinition.arn,
    next:
      next.kind === 'register'
        ? {
            kind: 'register',
            family,
            baseTaskDefinitionArn: ctx.taskDefinition.arn,
            images: next.changes.map((c) => ({ container: c.container, image: c.to })),
          }
        : {
            kind: 'existing',
            taskDefinitionArn: next.taskDefinition.arn,
            reRegister: next.needsReRegister,
          },
    imageChanges: next.kind === 'register' ? next.changes : [],
    diff: diffTaskDefinitions(ctx.taskDefinition, nextTaskDefinitionView(ctx.taskDefinition, next)),
    checks,
    calls,
    command: equivalentCommand(normalized, scopeOf(opts, isProtected(ctx.service.tags))),
    fingerprint: serviceFingerprint(ctx.service),
    blockers: blockersOf(checks),
    notes: fit.note ? [fit.note] : [],
    protectedService: isProtected(ctx.service.tags),
  };
  return { plan, ctx };
}

function breakerCheck(settings: RollingSettings): PreflightCheck {
  const status = settings.circuitBreaker === 'rollback' ? 'pass' : 'warn';
  const detail =
    settings.circuitBreaker === 'rollback'
      ? 'on, with rollback to the last completed deployment'
      : settings.circuitBreaker === 'on'
        ? 'on, but a failed deployment will not roll back by itself'
        : 'off: failing tasks will be retried until someone steps in';
  return { id: 'circuit-breaker', label: 'circuit breaker on', status, detail };
}

async function alarmsCheck(
  gw: AwsGateway,
  settings: RollingSettings,
  opts: CallOptions,
): Promise<PreflightCheck> {
  if (settings.alarms.length === 0) {
    return {
      id: 'alarms',
      label: 'alarms set',
      status: 'warn',
      detail: 'no CloudWatch alarms watch this deployment',
    };
  }
  const found = await gw.cloudwatch.describeAlarms(settings.alarms, opts);
  const missing = settings.alarms.filter((name) => !found.some((a) => a.name === name));
  if (missing.length > 0)
    return {
      id: 'alarms',
      label: 'alarms set',
      status: 'fail',
      detail: `no such alarm: ${missing.join(', ')}`,
    };
  const firing = found.filter((a) => a.state === 'ALARM');
  if (firing.length > 0) {
    return {
      id: 'alarms',
      label: 'alarms set',
      status: 'warn',
      detail: `already in ALARM: ${firing.map((a) => a.name).join(', ')} (the deployment would roll back at once)`,
    };
  }
  return {
    id: 'alarms',
    label: 'alarms set',
    status: 'pass',
    detail: `${found.length} alarm${found.length === 1 ? '' : 's'}${settings.alarmRollback ? ', rollback on ALARM' : ''}`,
  };
}
