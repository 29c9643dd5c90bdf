import { ExpectedError } from '../../errors';
import type { DriveContext, Held } from './context';
import { samePosition } from './plan-store';
import { targetGroupName } from './rule-weights';
import {
  formatWeights,
  weightsFor,
  type PauseReason,
  type PausedFrom,
  type PlanState,
  type RollbackTrigger,
  type Weights,
} from './state';
import { writeWeights } from './weight-writer';

// Changes of the plan's position, each written to the rule's tags as it happens.

export async function saveState(ctx: DriveContext, held: Held, next: PlanState): Promise<Held> {
  const stamped = { ...next, lastTick: ctx.now() };
  const tags = await ctx.store.save(held.tags, stamped, ctx.opts);
  return { state: stamped, tags };
}

/** The plan as the rule's tags hold it now. */
export async function reload(ctx: DriveContext): Promise<Held> {
  const { tags, plan } = await ctx.store.read(ctx.opts);
  if (plan.kind === 'plan') return { state: plan.state, tags };
  throw new ExpectedError(
    plan.kind === 'none'
      ? `the canary plan's tags were removed from rule ${ctx.ref.ruleArn}; nothing more is driven`
      : plan.reason,
  );
}

/**
 * Re-reads the tags before a change: when another client moved the plan since `held` was
 * read, its position wins and the caller gets it back instead of going ahead.
 */
export async function current(
  ctx: DriveContext,
  held: Held,
): Promise<{ held: Held; moved: boolean }> {
  const fresh = await reload(ctx);
  return { held: fresh, moved: !samePosition(fresh.state, held.state) };
}

function withoutPause(state: PlanState): PlanState {
  const { pause: _pause, note: _note, ...rest } = state;
  return rest;
}

/**
 * Moves to step `index`: read back, write the step's weights, read back, start its bake. A plan
 * paused by space (`p` on it) stays paused at the new step: nothing advances by itself until
 * space resumes it.
 */
export async function goToStep(ctx: DriveContext, base: Held, index: number): Promise<Held> {
  const { held, moved } = await current(ctx, base);
  if (moved) return held;
  const { state } = held;
  const stayPaused = state.status === 'paused' && state.pause?.reason === 'manual';
  const percent = state.steps[index]!;
  const target = weightsFor(percent);
  const result = await writeWeights(
    ctx.gw,
    { ruleArn: ctx.ref.ruleArn, groups: ctx.ref.groups, expected: state.lastWritten, target },
    ctx.opts,
  );
  if (result.kind === 'conflict' || result.kind === 'mismatch')
    return pauseConflict(ctx, held, result.difference, 'running');
  const next: PlanState = {
    ...(stayPaused
      ? { ...state, pause: { reason: 'manual', from: 'running' } }
      : withoutPause(state)),
    status: stayPaused ? 'paused' : 'running',
    stepIndex: index,
    stepStartedAt: ctx.now(),
    lastWritten: target,
  };
  const saved = await saveState(ctx, held, next);
  ctx.notify({
    code: 'ECSR_CANARY_I4002',
    level: 'info',
    text: `step ${index + 1}/${state.steps.length}: canary ${percent}% (${targetGroupName(ctx.ref.groups.stableTargetGroupArn)} ${target.stable}, ${targetGroupName(ctx.ref.groups.canaryTargetGroupArn)} ${target.canary}; read back ${formatWeights(result.actual)})${stayPaused ? '; still paused: space resumes' : ''}`,
    data: { step: index + 1, percent, weights: target, readBack: result.actual },
  });
  return saved;
}

/** Someone else changed the rule: stop, say what changed, write nothing to the rule. */
export async function pauseConflict(
  ctx: DriveContext,
  held: Held,
  difference: string,
  from: PausedFrom,
): Promise<Held> {
  const note = `someone else changed the rule's weights: ${difference}; nothing was overwritten. space resumes from the rule's weights as they are, R rolls back`;
  const saved = await saveState(ctx, held, {
    ...held.state,
    status: 'paused',
    pause: { reason: 'conflict', from },
    note,
  });
  ctx.notify({
    code: 'ECSR_CANARY_W4101',
    level: 'warn',
    text: `canary paused: ${note}`,
    data: { reason: 'conflict', difference },
  });
  return saved;
}

export async function pausePlan(
  ctx: DriveContext,
  held: Held,
  reason: Exclude<PauseReason, 'conflict'>,
  note?: string,
): Promise<Held> {
  const { state } = held;
  const from: PausedFrom =
    state.status === 'paused'
      ? (state.pause?.from ?? 'running')
      : state.status === 'preparing' || state.status === 'promoting'
        ? state.status
        : 'running';
  const text =
    note ??
    (reason === 'abort'
      ? `held at canary ${state.lastWritten.canary}% by abort: nothing advances or rolls back by itself until resumed`
      : 'auto-advance paused; gates still guard the canary');
  const saved = await saveState(ctx, held, {
    ...state,
    status: 'paused',
    pause: { reason, from },
    note: text,
  });
  ctx.notify({
    code: reason === 'abort' ? 'ECSR_CANARY_W4103' : 'ECSR_CANARY_W4102',
    level: 'warn',
    text: `canary paused: ${text}`,
    data: { reason },
  });
  return saved;
}

/** Back to what the plan was doing; after a conflict, from the weights the rule holds now. */
export async function resumePlan(ctx: DriveContext, held: Held, adopt?: Weights): Promise<Held> {
  const { state } = held;
  const from = state.pause?.from ?? 'running';
  const next: PlanState = {
    ...withoutPause(state),
    status: from,
    ...(adopt ? { lastWritten: adopt } : {}),
    // the bake of the step restarts: its traffic so far was not what the plan set
    ...(adopt && from === 'running' ? { stepStartedAt: ctx.now() } : {}),
  };
  const saved = await saveState(ctx, held, next);
  ctx.notify({
    code: 'ECSR_CANARY_I4007',
    level: 'info',
    text: adopt
      ? `canary resumed from the rule's weights ${formatWeights(adopt)}`
      : 'canary resumed',
    data: { from, ...(adopt ? { weights: adopt } : {}) },
  });
  return saved;
}

/**
 * Rolls back: records the intent, then weights to stable 100 at once (whatever the rule
 * holds), then the stable service (if promotion had started) and the canary service back to
 * their previous revisions. Each part is skipped when already done, so a client that attaches
 * to a half-done rollback simply finishes it.
 */
export async function rollBack(
  ctx: DriveContext,
  held: Held,
  trigger: RollbackTrigger,
  note: string,
  revertStable = held.state.revertStable ?? false,
): Promise<Held> {
  let saved = held;
  if (held.state.status !== 'rolling-back') {
    const { pause: _p, ...rest } = held.state;
    saved = await saveState(ctx, held, {
      ...rest,
      status: 'rolling-back',
      trigger,
      note,
      ...(revertStable ? { revertStable } : {}),
    });
    ctx.notify({
      code: 'ECSR_CANARY_E4201',
      level: 'error',
      text: `rolling back: ${note}`,
      data: { trigger },
    });
  }
  const { state } = saved;
  const stableFirst = weightsFor(0);
  const written = await writeWeights(
    ctx.gw,
    {
      ruleArn: ctx.ref.ruleArn,
      groups: ctx.ref.groups,
      expected: state.lastWritten,
      target: stableFirst,
      force: true,
    },
    ctx.opts,
  );
  const weightsOk = written.kind === 'written' || written.kind === 'already';
  const { services } = await ctx.gw.ecs.describeServices(
    ctx.ref.cluster,
    [ctx.ref.stableService, ctx.ref.canaryService],
    ctx.opts,
  );
  const svc = (name: string) => services.find((s) => s.name === name);
  const stable = svc(ctx.ref.stableService);
  if (revertStable && stable && stable.taskDefinitionArn !== state.previousStableRevision) {
    await ctx.gw.ecs.updateService(
      {
        cluster: ctx.ref.cluster,
        service: ctx.ref.stableService,
        taskDefinition: state.previousStableRevision,
      },
      ctx.opts,
    );
  }
  const canary = svc(ctx.ref.canaryService);
  if (canary && canary.taskDefinitionArn !== state.previousCanaryRevision) {
    await ctx.gw.ecs.updateService(
      {
        cluster: ctx.ref.cluster,
        service: ctx.ref.canaryService,
        taskDefinition: state.previousCanaryRevision,
      },
      ctx.opts,
    );
  }
  if (!weightsOk) {
    // the services are back; the weights could not be set: say so and retry next poll
    const base = (state.note ?? note).replace(/; weights NOT back at stable 100 yet.*$/, '');
    const why =
      written.kind === 'conflict' || written.kind === 'mismatch' ? written.difference : '';
    return saveState(ctx, saved, {
      ...state,
      note: `${base}; weights NOT back at stable 100 yet: ${why}`,
    });
  }
  const done = await saveState(ctx, saved, {
    ...state,
    status: 'rolled-back',
    lastWritten: stableFirst,
    finishedAt: ctx.now(),
  });
  ctx.notify({
    code: 'ECSR_CANARY_I4006',
    level: 'result',
    text: `rolled back: weights at stable 100; ${ctx.ref.canaryService} returning to its previous revision${revertStable ? `, ${ctx.ref.stableService} too` : ''}`,
    data: { trigger, reason: state.note ?? note },
  });
  return done;
}
