import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { DeploymentConfig, DeploymentGroup } from '../../aws/types';
import { ExpectedError } from '../../errors';
import { diffTaskDefinitions } from '../../present/task-definition-diff';
import { equivalentCommand, scopeOf } from '../command-line';
import { serviceFingerprint } from '../plan/fingerprint';
import { nextTaskDefinitionView, resolveNextDefinition } from '../plan/next-definition';
import { blockersOf, changeCheck, desiredCountCheck, imageChecks } from '../plan/preflight';
import { isProtected } from '../plan/register';
import { loadServiceContext, type ServiceContext } from '../plan/service-context';
import type { DeployPlan, DeployRequest } from '../plan/types';
import { revisionLabel } from '../revision-label';
import { settingsErrors } from '../settings';
import { strategyFit } from '../strategy-fit';
import type { PlannedCall, PreflightCheck } from '../types';
import { buildAppSpec } from './appspec';
import {
  autoRollbackCheck,
  containerCheck,
  groupAlarmsCheck,
  groupIdleCheck,
  loadBalancerChecks,
  servingHealthCheck,
} from './checks';
import { findDeploymentGroup, type GroupQuery } from './discover';
import {
  codeDeployDefaults,
  codeDeploySettingsSchema,
  GROUP_DEFAULT_CONFIG,
  hookMap,
  type CodeDeploySettings,
} from './settings';
import { trafficPlanText, waitsText } from './texts';

export interface CodeDeployPlanOptions extends CallOptions {
  profile?: string;
  region?: string;
  now?: () => Date;
}

/** Placeholder for the revision that apply registers, in the AppSpec shown before it exists. */
export const NEW_REVISION = '<registered at apply>';

/** The application and group names of raw settings (strings, or one-element CLI lists). */
export function groupQuery(raw: Record<string, unknown>): GroupQuery {
  const name = (v: unknown) => (Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : '');
  return { application: name(raw['application']), deploymentGroup: name(raw['deploymentGroup']) };
}

export function parseCodeDeploySettings(
  raw: Record<string, unknown>,
  ctx: ServiceContext,
): CodeDeploySettings {
  const parsed = codeDeploySettingsSchema.safeParse({
    ...codeDeployDefaults(ctx.service),
    ...raw,
  });
  if (!parsed.success) {
    throw new ExpectedError(
      `invalid CodeDeploy settings: ${settingsErrors(parsed.error).join('; ')}`,
    );
  }
  return parsed.data;
}

/**
 * Reads what a CodeDeploy blue/green deployment needs and says what it would do: the
 * deployment group (found from the service), the revision to run, the AppSpec, the checks.
 * Changes nothing.
 */
export async function planCodeDeploy(
  gw: AwsGateway,
  request: DeployRequest,
  opts: CodeDeployPlanOptions,
): Promise<{ plan: DeployPlan; ctx: ServiceContext }> {
  const ctx = await loadServiceContext(gw, request.cluster, request.service, opts);
  const fit = strategyFit(ctx.service, 'codedeploy');
  if (!fit.ok) throw new ExpectedError(fit.reason);
  // the group first: a service without one gets that answer, not a settings complaint
  const group = await findDeploymentGroup(
    gw,
    request.cluster,
    request.service,
    groupQuery(request.settings),
    opts,
  );
  const settings = parseCodeDeploySettings(request.settings, ctx);
  const configName =
    settings.deploymentConfig === GROUP_DEFAULT_CONFIG
      ? (group.deploymentConfigName ?? 'CodeDeployDefault.ECSAllAtOnce')
      : settings.deploymentConfig;
  const config = await gw.codedeploy.getDeploymentConfig(configName, opts);
  const next = await resolveNextDefinition(gw, ctx.taskDefinition, request.target, opts);
  const nextView = nextTaskDefinitionView(ctx.taskDefinition, next);

  const idle = await groupIdleCheck(gw, group, opts);
  const lb = await loadBalancerChecks(gw, group, opts);
  const checks: PreflightCheck[] = [
    idle.check,
    changeCheck(next, ctx.taskDefinition.arn),
    containerCheck(settings, nextView, ctx.service),
    ...lb.checks,
    autoRollbackCheck(group),
    await groupAlarmsCheck(gw, group, opts),
  ];
  if (next.kind === 'register') checks.push(...imageChecks(next.changes));
  const health = await servingHealthCheck(gw, ctx.service, opts);
  if (health) checks.push(health);
  const desired = desiredCountCheck(ctx.service);
  if (desired) checks.push(desired);

  const registers = next.kind === 'register' || next.needsReRegister;
  const family = next.kind === 'register' ? next.document.family : next.taskDefinition.family;
  const appSpec = buildAppSpec({
    taskDefinitionArn: registers ? `${family}:${NEW_REVISION}` : next.taskDefinition.arn,
    containerName: settings.containerName,
    containerPort: settings.containerPort,
    hooks: hookMap(settings.hooks),
  });
  const calls: PlannedCall[] = [];
  if (registers) {
    calls.push({
      service: 'ECS',
      operation: 'RegisterTaskDefinition',
      summary: `family ${family}, from ${revisionLabel(next.kind === 'register' ? ctx.taskDefinition.arn : next.taskDefinition.arn)}`,
    });
  }
  calls.push({
    service: 'CodeDeploy',
    operation: 'CreateDeployment',
    summary: `${group.applicationName}/${group.name} config=${config.name} AppSpec: ${registers ? `${family}:<new revision>` : revisionLabel(next.taskDefinition.arn)} ${settings.containerName}:${settings.containerPort}${settings.hooks.length ? ` hooks=${settings.hooks.join(',')}` : ''}`,
  });

  const normalized: DeployRequest = {
    ...request,
    settings: {
      ...settings,
      application: group.applicationName,
      deploymentGroup: group.name,
    },
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
    diff: diffTaskDefinitions(ctx.taskDefinition, nextView),
    checks,
    calls,
    command: equivalentCommand(normalized, scopeOf(opts, isProtected(ctx.service.tags))),
    fingerprint: serviceFingerprint(ctx.service),
    blockers: blockersOf(checks),
    notes: planNotes(group, config, appSpec, blueName(ctx, lb.targetGroupArns, group)),
    protectedService: isProtected(ctx.service.tags),
  };
  return { plan, ctx };
}

/** The group of the pair the PRIMARY task set (blue) is in. */
function blueName(ctx: ServiceContext, arns: string[], group: DeploymentGroup): string | undefined {
  const primary = ctx.service.taskSets.find((t) => t.status === 'PRIMARY');
  const i = arns.findIndex((a) => a && primary?.targetGroupArns.includes(a));
  return i >= 0 ? group.targetGroupNames[i] : undefined;
}

function planNotes(
  group: DeploymentGroup,
  config: DeploymentConfig,
  appSpec: string,
  blue: string | undefined,
): string[] {
  const green = group.targetGroupNames.find((n) => n !== blue);
  return [
    `deployment group ${group.applicationName}/${group.name}: ${blue && green ? `${blue} serves now (blue); the new task set goes to ${green} (green)` : `target groups ${group.targetGroupNames.join(' / ')}`}`,
    `traffic: ${trafficPlanText(config)}`,
    ...waitsText(group),
    'AppSpec sent with CreateDeployment:',
    ...appSpec
      .trimEnd()
      .split('\n')
      .map((line) => `  ${line}`),
  ];
}
