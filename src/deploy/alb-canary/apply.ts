import type { AwsGateway, CallOptions } from '../../aws/gateway';
import { describeError, ExpectedError, UserAbort } from '../../errors';
import type { IoHost } from '../io-host';
import type { DeployPlan } from '../plan/types';
import { revisionLabel } from '../revision-label';
import { applyRolling } from '../rolling/apply';
import { planRolling } from '../rolling/plan';
import type { CanaryRef } from './context';
import { AlbCanaryController } from './controller';
import { clearCanaryPairCache } from './detection';
import { canaryTarget, readPlanning } from './plan';
import { PlanStore } from './plan-store';
import { readWeights } from './rule-weights';
import type { PlanState } from './state';
import { readRule } from './weight-writer';

export interface AlbCanaryApplyOptions extends CallOptions {
  now?: () => Date;
  confirmed?: boolean;
  startedBy?: string;
}

/**
 * Starts a reviewed canary plan: re-checks that nothing changed since the review, claims the
 * rule by writing the plan to its tags (status preparing), then deploys the new revision to
 * the canary service as a rolling update. The returned controller walks the steps as it polls.
 */
export async function applyAlbCanary(
  gw: AwsGateway,
  plan: DeployPlan,
  io: IoHost,
  opts: AlbCanaryApplyOptions = {},
): Promise<AlbCanaryController> {
  const now = opts.now ?? (() => new Date());
  const planning = await readPlanning(gw, plan.request, { ...opts, now });
  const { pair, settings } = planning;
  if (planning.fingerprint !== plan.fingerprint) {
    throw new ExpectedError(
      `the canary pair ${pair.stableService} / ${pair.canaryService} or its rule changed since the plan was made`,
      'make a new plan and review it again',
    );
  }
  const blockers = planning.checks.filter((c) => c.status === 'fail');
  if (plan.blockers.length > 0 || blockers.length > 0) {
    const all = [...new Set([...plan.blockers, ...blockers.map((c) => `${c.label}: ${c.detail}`)])];
    throw new ExpectedError(`the plan has failing checks: ${all.join('; ')}`);
  }
  if (!opts.confirmed) {
    const ok = await io.confirm({
      title: `ALB canary: ${pair.stableService} / ${pair.canaryService}`,
      lines: plan.calls.map((c) => `${c.service} ${c.operation}: ${c.summary}`),
      dangerous: false,
      ...(plan.protectedService ? { typeToConfirm: pair.stableService } : {}),
    });
    if (!ok) throw new UserAbort('deployment cancelled; nothing was changed');
  }

  const startedBy = opts.startedBy ?? (await whoAmI(gw, opts));
  const ref: CanaryRef = {
    cluster: pair.cluster,
    ruleArn: pair.ruleArn,
    stableService: pair.stableService,
    canaryService: pair.canaryService,
    groups: {
      stableTargetGroupArn: pair.stableTargetGroup.arn,
      canaryTargetGroupArn: pair.canaryTargetGroup.arn,
    },
    loadBalancerArn: pair.loadBalancerArn,
  };
  const found = readWeights(await readRule(gw, pair.ruleArn, opts), ref.groups);
  if (!found.ok) throw new ExpectedError(found.reason);
  const startedAt = now();
  const store = new PlanStore(gw, pair.ruleArn);
  let state: PlanState = {
    id: `${pair.canaryService}-${startedAt.getTime().toString(36)}`,
    cluster: pair.cluster,
    stableService: pair.stableService,
    canaryService: pair.canaryService,
    steps: settings.steps,
    bakeMinutes: settings.bakeMinutes,
    advance: settings.advance,
    prepareTimeoutMinutes: settings.prepareTimeoutMinutes,
    gates: {
      health: settings.healthGate,
      alarms: settings.alarms,
      errors: settings.errorGate,
      errorMarginPct: settings.errorMarginPct,
      minRequests: settings.minRequests,
    },
    stepIndex: -1,
    startedAt,
    startedBy,
    status: 'preparing',
    newRevision: 'pending',
    previousCanaryRevision: planning.canary.taskDefinition.arn,
    previousStableRevision: planning.stable.taskDefinition.arn,
    lastWritten: found.weights,
    lastTick: startedAt,
  };
  // claim the rule first: a second client planning now sees the plan and offers to attach
  const { tags: before } = await store.read(opts);
  let tags = await store.save(before, state, opts);
  io.notify({
    code: 'ECSR_CANARY_I4001',
    level: 'info',
    text: `canary plan ${state.id} started by ${startedBy}: steps ${settings.steps.join(', ')}%, bake ${settings.bakeMinutes} min`,
    data: { planId: state.id, ruleArn: pair.ruleArn, steps: settings.steps },
  });

  try {
    const request = {
      cluster: pair.cluster,
      service: pair.canaryService,
      strategy: 'rolling' as const,
      target: canaryTarget(plan),
      settings: {},
    };
    const inner = (await planRolling(gw, request, { ...opts, now })).plan;
    if (inner.blockers.length > 0)
      throw new ExpectedError(
        `the canary service cannot be deployed: ${inner.blockers.join('; ')}`,
      );
    const rolling = await applyRolling(gw, inner, io, {
      ...opts,
      now,
      confirmed: true,
      startedBy,
    });
    state = {
      ...state,
      newRevision: rolling.ref.taskDefinitionArn,
      deploymentId: rolling.ref.deploymentId,
    };
    tags = await store.save(tags, state, opts);
  } catch (error) {
    // the rule was only tagged: end the plan there, say so, and let the error through
    const { message } = describeError(error);
    await store.save(
      tags,
      {
        ...state,
        status: 'rolled-back',
        trigger: 'deployment',
        note: `the canary deployment could not start: ${message}; weights were not changed`,
        finishedAt: now(),
      },
      opts,
    );
    throw error;
  }
  clearCanaryPairCache(gw);
  io.notify({
    code: 'ECSR_CANARY_I4008',
    level: 'info',
    text: `deploying ${revisionLabel(state.newRevision)} to ${pair.canaryService}; steps start once its targets are healthy`,
    data: { deploymentId: state.deploymentId, taskDefinitionArn: state.newRevision },
  });
  return new AlbCanaryController(gw, ref, {
    now,
    notify: (m) => io.notify(m),
    startedBy,
  });
}

async function whoAmI(gw: AwsGateway, opts: CallOptions): Promise<string> {
  try {
    return (await gw.sts.getCallerIdentity(opts)).arn || 'unknown';
  } catch {
    // who started it is for display; a caller that cannot ask STS still deploys
    return 'unknown';
  }
}
