import { createHash } from 'node:crypto';
import type { AwsGateway, CallOptions } from '../../aws/gateway';
import { ExpectedError } from '../../errors';
import { equivalentCommand, scopeOf } from '../command-line';
import { serviceFingerprint } from '../plan/fingerprint';
import { blockersOf, targetHealthCheck } from '../plan/preflight';
import { isProtected } from '../plan/register';
import { loadServiceContext, type ServiceContext } from '../plan/service-context';
import type { DeployPlan, DeployRequest } from '../plan/types';
import { revisionLabel } from '../revision-label';
import { planRolling } from '../rolling/plan';
import { strategyFit } from '../strategy-fit';
import type { DeployTarget, PlannedCall, PreflightCheck } from '../types';
import { detectCanaryPair, type CanaryPair } from './detection';
import {
  canaryAlarmsCheck,
  canaryDesiredCheck,
  notMidPlanCheck,
  pairCheck,
  sameNetworkCheck,
  weightsAtStableCheck,
} from './preflight';
import { readWeights } from './rule-weights';
import { parseAlbCanarySettings, type AlbCanarySettings } from './settings';
import { formatWeights, weightsFor } from './state';
import { decodePlan } from './tags';
import { readRule } from './weight-writer';

export interface AlbCanaryPlanOptions extends CallOptions {
  profile?: string;
  region?: string;
  now?: () => Date;
}

/** Everything planning read, for apply to re-check against. */
export interface AlbCanaryPlanning {
  pair: CanaryPair;
  settings: AlbCanarySettings;
  stable: ServiceContext;
  canary: ServiceContext;
  fingerprint: string;
  checks: PreflightCheck[];
}

/** Reads the pair, the rule and both services, and checks them. Changes nothing. */
export async function readPlanning(
  gw: AwsGateway,
  request: DeployRequest,
  opts: AlbCanaryPlanOptions,
): Promise<AlbCanaryPlanning> {
  const parsed = parseAlbCanarySettings(request.settings);
  if (!parsed.ok)
    throw new ExpectedError(`invalid ALB canary settings: ${parsed.errors.join('; ')}`);
  const settings = parsed.settings;
  const found = await detectCanaryPair(
    gw,
    request.cluster,
    request.service,
    {
      ...(settings.canaryService ? { canaryService: settings.canaryService } : {}),
      ...(settings.ruleArn ? { ruleArn: settings.ruleArn } : {}),
    },
    { ...opts, fresh: true },
  );
  if (!found.ok) {
    throw new ExpectedError(
      `no ALB canary pair for "${request.service}": ${found.reason}`,
      'an ALB canary needs two services of the cluster, each on its own target group, and one listener rule forwarding to both (name them with --canary-service and --rule-arn)',
    );
  }
  const pair = found.pair;
  const stable = await loadServiceContext(gw, request.cluster, pair.stableService, opts);
  const canary = await loadServiceContext(gw, request.cluster, pair.canaryService, opts);
  for (const ctx of [stable, canary]) {
    const fit = strategyFit(ctx.service, 'alb-canary', pair);
    if (!fit.ok) throw new ExpectedError(`${ctx.service.name}: ${fit.reason}`);
  }
  const rule = await readRule(gw, pair.ruleArn, opts);
  const tags = (await gw.elb.describeTags([pair.ruleArn], opts))[pair.ruleArn] ?? {};
  const checks: PreflightCheck[] = [
    pairCheck(pair),
    sameNetworkCheck(pair),
    canaryDesiredCheck(canary.service),
    notMidPlanCheck(decodePlan(tags), request.cluster, request.service),
    weightsAtStableCheck(rule, pair),
    await canaryAlarmsCheck(gw, settings.alarms, opts),
  ];
  const health = await targetHealthCheck(gw, stable.service, opts);
  if (health) checks.push({ ...health, id: 'stable-healthy', label: 'stable targets healthy' });
  const groups = {
    stableTargetGroupArn: pair.stableTargetGroup.arn,
    canaryTargetGroupArn: pair.canaryTargetGroup.arn,
  };
  const weights = readWeights(rule, groups);
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify([
        serviceFingerprint(stable.service),
        serviceFingerprint(canary.service),
        weights.ok ? formatWeights(weights.weights) : weights.reason,
      ]),
    )
    .digest('hex')
    .slice(0, 16);
  return { pair, settings, stable, canary, fingerprint, checks };
}

/** What the canary service gets: the plan's resolved images (pinned as reviewed) or revision. */
export function canaryTarget(plan: DeployPlan): DeployTarget {
  return plan.next.kind === 'register'
    ? {
        kind: 'image',
        images: plan.next.images.map((i) => ({ container: i.container, ref: i.image })),
        pinDigest: false,
      }
    : { kind: 'revision', taskDefinition: plan.next.taskDefinitionArn };
}

export async function planAlbCanary(
  gw: AwsGateway,
  request: DeployRequest,
  opts: AlbCanaryPlanOptions,
): Promise<{ plan: DeployPlan; ctx: ServiceContext }> {
  const p = await readPlanning(gw, request, opts);
  const { pair, settings } = p;
  // the canary service's deployment is an ordinary rolling update, planned as one
  const inner = (
    await planRolling(
      gw,
      { ...request, service: pair.canaryService, strategy: 'rolling', settings: {} },
      opts,
    )
  ).plan;
  const innerChecks = inner.checks
    .filter((c) => c.id !== 'desired-count')
    .map((c) => ({ ...c, id: `canary-${c.id}`, label: `canary: ${c.label}` }));
  const checks = [...p.checks, ...innerChecks];
  const normalized: DeployRequest = {
    ...request,
    strategy: 'alb-canary',
    settings: { ...settings, canaryService: pair.canaryService, ruleArn: pair.ruleArn },
  };
  const plan: DeployPlan = {
    version: 1,
    request: normalized,
    createdAt: (opts.now?.() ?? new Date()).toISOString(),
    currentTaskDefinitionArn: p.canary.taskDefinition.arn,
    next: inner.next,
    imageChanges: inner.imageChanges,
    diff: inner.diff,
    checks,
    calls: plannedCalls(
      pair,
      settings,
      inner.calls,
      p.stable.taskDefinition.arn,
      p.canary.taskDefinition.arn,
    ),
    command: equivalentCommand(
      normalized,
      scopeOf(opts, isProtected(p.stable.service.tags) || isProtected(p.canary.service.tags)),
    ),
    fingerprint: p.fingerprint,
    blockers: blockersOf(checks),
    notes: [
      `the diff is against ${pair.canaryService}'s current revision; on promotion ${pair.stableService} gets the same images`,
      'the plan advances only while a client polls it (this TUI, another operator, or ecs-rollout watch in CI)',
    ],
    protectedService: isProtected(p.stable.service.tags) || isProtected(p.canary.service.tags),
  };
  return { plan, ctx: p.canary };
}

function plannedCalls(
  pair: CanaryPair,
  settings: AlbCanarySettings,
  canaryCalls: PlannedCall[],
  stableArn: string,
  canaryArn: string,
): PlannedCall[] {
  const tg = (canary: number) => {
    const w = weightsFor(canary);
    return `${pair.stableTargetGroup.name} ${w.stable}, ${pair.canaryTargetGroup.name} ${w.canary}`;
  };
  return [
    {
      service: 'ELBv2',
      operation: 'AddTags',
      summary: `plan state on the rule (ecs-rollout:canary:*): steps ${settings.steps.join(', ')}, bake ${settings.bakeMinutes} min, ${settings.advance} advance`,
    },
    ...canaryCalls.map((c) => ({ ...c, summary: `canary: ${c.summary}` })),
    ...settings.steps.map((s, i) => ({
      service: 'ELBv2',
      operation: 'ModifyRule',
      summary: `step ${i + 1}: ${tg(s)} (read back before and after; other actions, stickiness, conditions kept)`,
    })),
    {
      service: 'ECS',
      operation: 'UpdateService',
      summary: `promote: ${pair.cluster}/${pair.stableService} ${revisionLabel(stableArn)} → the new revision (rolling)`,
    },
    { service: 'ELBv2', operation: 'ModifyRule', summary: `promote: ${tg(0)}` },
    {
      service: 'ECS',
      operation: 'UpdateService',
      summary: `promote: ${pair.cluster}/${pair.canaryService} back to ${revisionLabel(canaryArn)}`,
    },
  ];
}
