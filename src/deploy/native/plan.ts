import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { Rule } from '../../aws/types';
import { ExpectedError, isAwsError } from '../../errors';
import { diffTaskDefinitions } from '../../present/task-definition-diff';
import { equivalentCommand, scopeOf } from '../command-line';
import { serviceFingerprint } from '../plan/fingerprint';
import { nextTaskDefinitionView, resolveNextDefinition } from '../plan/next-definition';
import {
  blockersOf,
  changeCheck,
  desiredCountCheck,
  imageChecks,
  nothingInProgressCheck,
} from '../plan/preflight';
import { isProtected } from '../plan/register';
import {
  loadServiceContext,
  stoppedDeployment,
  type ServiceContext,
} from '../plan/service-context';
import type { DeployPlan, DeployRequest } from '../plan/types';
import { revisionLabel } from '../revision-label';
import { settingsErrors } from '../settings';
import { strategyFit } from '../strategy-fit';
import { STRATEGY_LABELS, type PlannedCall, type PreflightCheck } from '../types';
import { alarmsCheck, breakerCheck, groupHealthChecks, pauseCheck, ruleChecks } from './checks';
import {
  AWS_STRATEGY,
  nativeDefaults,
  nativeSettingsSchema,
  productionSteps,
  type NativeSettings,
  type NativeStrategyId,
} from './settings';
import { liveGroupOf, nativeLanes, readRules, targetGroupName } from './setup';

export interface NativePlanOptions extends CallOptions {
  profile?: string;
  region?: string;
  now?: () => Date;
}

/** The strategy's settings: the service's (or AWS's) defaults overlaid with what was asked. */
export function parseNativeSettings(
  strategy: NativeStrategyId,
  raw: Record<string, unknown>,
  ctx: ServiceContext,
): NativeSettings {
  const parsed = nativeSettingsSchema(strategy).safeParse({
    ...nativeDefaults(ctx.service, strategy),
    ...raw,
  });
  if (!parsed.success) {
    throw new ExpectedError(
      `invalid ${STRATEGY_LABELS[strategy]} settings: ${settingsErrors(parsed.error).join('; ')}`,
      'nothing was changed',
    );
  }
  return parsed.data;
}

/** How production moves, in words: `10 % for 2 min, then 100 %`. */
export function trafficPlanText(strategy: NativeStrategyId, s: NativeSettings): string {
  const steps = productionSteps(strategy, s);
  const bake = strategy === 'canary' ? s.canaryBakeTimeInMinutes : s.stepBakeTimeInMinutes;
  const moves =
    steps.length === 1
      ? 'production 0 → 100 % at once'
      : `production ${steps
          .slice(0, -1)
          .map((p) => `${p} %`)
          .join(', ')} (each for ${bake ?? 0} min), then 100 %`;
  return `${moves}; both revisions run ${s.bakeTimeInMinutes} min more (bake), then blue scales in`;
}

async function rulesOrProblem(
  gw: AwsGateway,
  ctx: ServiceContext,
  opts: CallOptions,
): Promise<{ rules: Map<string, Rule>; check?: PreflightCheck }> {
  try {
    return { rules: await readRules(gw, nativeLanes(ctx.service), opts) };
  } catch (error) {
    if (!isAwsError(error, 'not-found')) throw error;
    return {
      rules: new Map(),
      check: {
        id: 'listener-rules',
        label: 'listener rules exist',
        status: 'fail',
        detail: `a listener rule of advancedConfiguration does not exist (${(error as Error).message})`,
      },
    };
  }
}

/** Reads what an ECS-native deployment needs and says what it would do. Changes nothing. */
export function planNative(strategy: NativeStrategyId) {
  return async (
    gw: AwsGateway,
    request: DeployRequest,
    opts: NativePlanOptions,
  ): Promise<{ plan: DeployPlan; ctx: ServiceContext }> => {
    const ctx = await loadServiceContext(gw, request.cluster, request.service, opts);
    const fit = strategyFit(ctx.service, strategy);
    if (!fit.ok) throw new ExpectedError(fit.reason, 'nothing was changed');
    const settings = parseNativeSettings(strategy, request.settings, ctx);
    const next = await resolveNextDefinition(gw, ctx.taskDefinition, request.target, opts);
    const lanes = nativeLanes(ctx.service);
    const { rules, check: missingRule } = await rulesOrProblem(gw, ctx, opts);

    const checks: PreflightCheck[] = [
      nothingInProgressCheck(ctx.service),
      changeCheck(next, ctx.taskDefinition.arn),
      ...(missingRule
        ? [missingRule]
        : ruleChecks(lanes, rules, stoppedDeployment(ctx.service) !== undefined)),
      breakerCheck(settings),
      await alarmsCheck(gw, settings, opts),
      pauseCheck(settings),
    ];
    if (next.kind === 'register') checks.push(...imageChecks(next.changes));
    if (!missingRule) checks.push(...(await groupHealthChecks(gw, lanes, rules, opts)));
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
      summary: `${request.cluster}/${request.service} taskDefinition=${nextLabel} ${updateSummary(strategy, settings)}`,
    });

    const normalized: DeployRequest = { ...request, settings };
    const greenGroups = lanes.map((l) => {
      const live = liveGroupOf(l, rules.get(l.productionRule));
      return targetGroupName(l.targetGroups[0] === live ? l.targetGroups[1] : l.targetGroups[0]);
    });
    const kept = ctx.service.deploymentConfiguration.lifecycleHooks.filter(
      (h) => h.targetType !== 'PAUSE',
    ).length;
    const notes = [
      `ECS moves the listener rules itself: ${trafficPlanText(strategy, settings)}`,
      ...(greenGroups.length > 0 ? [`green registers in ${greenGroups.join(', ')}`] : []),
      ...(kept > 0 ? [`the service's ${kept} Lambda lifecycle hook(s) stay as configured`] : []),
      ...(fit.note ? [fit.note] : []),
    ];
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
      diff: diffTaskDefinitions(
        ctx.taskDefinition,
        nextTaskDefinitionView(ctx.taskDefinition, next),
      ),
      checks,
      calls,
      command: equivalentCommand(normalized, scopeOf(opts, isProtected(ctx.service.tags))),
      fingerprint: serviceFingerprint(ctx.service),
      blockers: blockersOf(checks),
      notes,
      protectedService: isProtected(ctx.service.tags),
    };
    return { plan, ctx };
  };
}

/** The deploymentConfiguration members UpdateService sends, for the review. */
export function updateSummary(strategy: NativeStrategyId, s: NativeSettings): string {
  const parts = [`strategy=${AWS_STRATEGY[strategy]}`, `bake=${s.bakeTimeInMinutes}min`];
  if (strategy === 'canary')
    parts.push(`canary=${s.canaryPercent}%/${s.canaryBakeTimeInMinutes}min`);
  if (strategy === 'linear') parts.push(`linear=${s.stepPercent}%/${s.stepBakeTimeInMinutes}min`);
  if (s.pauseStages.length > 0) {
    parts.push(
      `pause=${s.pauseStages.join(',')}(${s.pauseTimeoutMinutes}min→${s.pauseTimeoutAction})`,
    );
  }
  parts.push(`circuitBreaker=${s.circuitBreaker}`);
  if (s.alarms.length > 0) parts.push(`alarms=${s.alarms.join(',')}`);
  return parts.join(' ');
}
