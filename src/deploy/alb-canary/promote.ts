import type { Service } from '../../aws/types';
import { describeError, ExpectedError } from '../../errors';
import type { IoHost } from '../io-host';
import { revisionLabel } from '../revision-label';
import { applyRolling } from '../rolling/apply';
import { rollingOutcome } from '../rolling/outcome';
import { planRolling } from '../rolling/plan';
import type { DeployTarget } from '../types';
import { targetsReady, type DriveContext, type Held, type Observation } from './context';
import { weightsFor, type PlanState } from './state';
import { current, pauseConflict, pausePlan, rollBack, saveState } from './transitions';
import { writeWeights } from './weight-writer';

/**
 * Promotion (`P`, or `p` / auto-advance past the last step): canary to 100%; the stable
 * service gets the new revision through a rolling update while it takes no traffic, and must
 * turn healthy; then weights go back to stable 100 and the canary service returns to its
 * previous revision (its desired count untouched), so the pair rests as it was before the plan.
 */
export async function startPromote(ctx: DriveContext, base: Held): Promise<Held> {
  const { held, moved } = await current(ctx, base);
  if (moved) return held;
  const { pause: _p, note: _n, ...rest } = held.state;
  const saved = await saveState(ctx, held, { ...rest, status: 'promoting', phase: 'to-full' });
  ctx.notify({
    code: 'ECSR_CANARY_I4003',
    level: 'info',
    text: `promoting: canary to 100%, then ${ctx.ref.stableService} gets ${revisionLabel(held.state.newRevision)}`,
    data: { revision: held.state.newRevision },
  });
  return continuePromote(ctx, saved);
}

/** Carries promotion as far as it can go now; the stable's rollout is waited for across polls. */
export async function continuePromote(
  ctx: DriveContext,
  held: Held,
  obs?: Observation,
): Promise<Held> {
  let h = held;
  if (h.state.phase === 'to-full') {
    const full = weightsFor(100);
    const result = await writeWeights(
      ctx.gw,
      {
        ruleArn: ctx.ref.ruleArn,
        groups: ctx.ref.groups,
        expected: h.state.lastWritten,
        target: full,
      },
      ctx.opts,
    );
    if (result.kind === 'conflict' || result.kind === 'mismatch')
      return pauseConflict(ctx, h, result.difference, 'promoting');
    h = await saveState(ctx, h, {
      ...h.state,
      phase: 'stable-deploy',
      lastWritten: full,
      stepIndex: h.state.steps.length - 1,
    });
  }
  if (h.state.phase === 'stable-deploy') {
    h = await deployStable(ctx, h);
    if (h.state.status !== 'promoting') return h;
  }
  if (h.state.phase === 'stable-wait') {
    if (!obs) return h;
    const verdict = stableVerdict(h.state, obs);
    if (verdict.kind === 'failed') return rollBack(ctx, h, 'deployment', verdict.reason, true);
    if (verdict.kind === 'waiting') return h;
    h = await saveState(ctx, h, { ...h.state, phase: 'to-stable' });
  }
  if (h.state.phase === 'to-stable') return finishPromote(ctx, h);
  return h;
}

function stableVerdict(
  state: PlanState,
  obs: Observation,
): { kind: 'ready' } | { kind: 'waiting' } | { kind: 'failed'; reason: string } {
  const id = state.deploymentId ?? '';
  const ours = obs.stable.deployments.find((d) => d.id === id);
  const outcome = rollingOutcome(obs.stable, id, ours?.taskDefinitionArn ?? '');
  if (outcome.kind === 'SUCCEEDED')
    return targetsReady(obs.stableTargets, obs.stable.desiredCount)
      ? { kind: 'ready' }
      : { kind: 'waiting' };
  if (outcome.kind === 'IN_PROGRESS' || outcome.kind === 'PAUSED') return { kind: 'waiting' };
  return {
    kind: 'failed',
    reason: `the stable service's deployment ${id} did not complete: ${outcome.reason}`,
  };
}

async function finishPromote(ctx: DriveContext, h: Held): Promise<Held> {
  const home = weightsFor(0);
  const result = await writeWeights(
    ctx.gw,
    {
      ruleArn: ctx.ref.ruleArn,
      groups: ctx.ref.groups,
      expected: h.state.lastWritten,
      target: home,
    },
    ctx.opts,
  );
  if (result.kind === 'conflict' || result.kind === 'mismatch')
    return pauseConflict(ctx, h, result.difference, 'promoting');
  const { services } = await ctx.gw.ecs.describeServices(
    ctx.ref.cluster,
    [ctx.ref.canaryService],
    ctx.opts,
  );
  const canary = services[0];
  if (canary && canary.taskDefinitionArn !== h.state.previousCanaryRevision) {
    await ctx.gw.ecs.updateService(
      {
        cluster: ctx.ref.cluster,
        service: ctx.ref.canaryService,
        taskDefinition: h.state.previousCanaryRevision,
      },
      ctx.opts,
    );
  }
  const note = `promoted: ${ctx.ref.stableService} runs the new revision and takes all traffic; ${ctx.ref.canaryService} returns to ${revisionLabel(h.state.previousCanaryRevision)}`;
  const done = await saveState(ctx, h, {
    ...h.state,
    status: 'done',
    lastWritten: home,
    note,
    finishedAt: ctx.now(),
  });
  ctx.notify({ code: 'ECSR_CANARY_I4005', level: 'result', text: note });
  return done;
}

async function deployStable(ctx: DriveContext, h: Held): Promise<Held> {
  const hold = (why: string) =>
    pausePlan(
      ctx,
      h,
      'abort',
      `holding at canary 100%: ${why}; p retries the promotion, R rolls back`,
    );
  let stable: Service | undefined;
  let target: DeployTarget | 'already';
  try {
    const { services } = await ctx.gw.ecs.describeServices(
      ctx.ref.cluster,
      [ctx.ref.stableService],
      ctx.opts,
    );
    stable = services[0];
    if (!stable) return await hold(`service ${ctx.ref.stableService} no longer exists`);
    target = await promotedTarget(ctx, h.state, stable);
  } catch (error) {
    return hold(describeError(error).message);
  }
  if (target === 'already') {
    const primary = stable.deployments.find((d) => d.status === 'PRIMARY');
    return saveState(ctx, h, {
      ...h.state,
      phase: 'stable-wait',
      ...(primary ? { deploymentId: primary.id } : {}),
    });
  }
  try {
    const request = {
      cluster: ctx.ref.cluster,
      service: ctx.ref.stableService,
      strategy: 'rolling' as const,
      target,
      settings: {},
    };
    const { plan } = await planRolling(ctx.gw, request, { ...ctx.opts, now: ctx.now });
    if (plan.blockers.length > 0)
      return await hold(
        `${ctx.ref.stableService} cannot be deployed now (${plan.blockers.join('; ')})`,
      );
    const controller = await applyRolling(ctx.gw, plan, forwardingIo(ctx), {
      ...ctx.opts,
      now: ctx.now,
      confirmed: true,
      ...(ctx.startedBy ? { startedBy: ctx.startedBy } : {}),
    });
    ctx.notify({
      code: 'ECSR_CANARY_I4004',
      level: 'info',
      text: `${ctx.ref.stableService} is deploying ${revisionLabel(controller.ref.taskDefinitionArn)} while the canary takes all traffic`,
      data: { deploymentId: controller.ref.deploymentId },
    });
    return await saveState(ctx, h, {
      ...h.state,
      phase: 'stable-wait',
      deploymentId: controller.ref.deploymentId,
    });
  } catch (error) {
    return hold(describeError(error).message);
  }
}

/**
 * What the stable service gets: the canary's exact revision when both services share a task
 * definition family; otherwise its own definition with the images the canary deployment changed.
 */
async function promotedTarget(
  ctx: DriveContext,
  state: PlanState,
  stable: Service,
): Promise<DeployTarget | 'already'> {
  if (stable.taskDefinitionArn === state.newRevision) return 'already';
  const ecs = ctx.gw.ecs;
  const next = await ecs.describeTaskDefinition(state.newRevision, ctx.opts);
  const own = await ecs.describeTaskDefinition(stable.taskDefinitionArn ?? '', ctx.opts);
  if (next.family === own.family) return { kind: 'revision', taskDefinition: state.newRevision };
  const before = await ecs.describeTaskDefinition(state.previousCanaryRevision, ctx.opts);
  const changed = next.containers.filter(
    (c) =>
      before.containers.find((b) => b.name === c.name)?.image !== c.image &&
      own.containers.some((o) => o.name === c.name),
  );
  if (changed.length === 0) {
    throw new ExpectedError(
      `the canary's revision ${revisionLabel(state.newRevision)} changes no container that ${stable.name} has`,
    );
  }
  if (changed.every((c) => own.containers.find((o) => o.name === c.name)?.image === c.image))
    return 'already';
  return {
    kind: 'image',
    images: changed.map((c) => ({ container: c.name, ref: c.image })),
    pinDigest: false,
  };
}

function forwardingIo(ctx: DriveContext): IoHost {
  return {
    notify: (m) => ctx.notify(m),
    // the person confirmed the promotion itself; the rolling step asks nothing more
    confirm: () => Promise.resolve(true),
  };
}
