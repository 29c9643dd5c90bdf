import { isFinal } from '../outcome';
import { rollingOutcome } from '../rolling/outcome';
import { targetsReady, type DriveContext, type Held, type Observation } from './context';
import { healthGate, type GateVerdict } from './gates';
import { describeDifference } from './rule-weights';
import { continuePromote, startPromote } from './promote';
import {
  formatWeights,
  isFinalStatus,
  sameWeights,
  weightsFor,
  type PausedFrom,
  type PlanState,
} from './state';
import { current, goToStep, pauseConflict, rollBack, saveState } from './transitions';

/** A client that drives the plan stamps `tick` at least this often, so others can tell. */
export const HEARTBEAT_MS = 60_000;
/** A plan claimed this long ago whose canary deployment never got recorded was abandoned. */
const UNSTARTED_MS = 2 * 60_000;

/**
 * One step of the plan's state machine, run by `poll()`: whatever is due now (a step whose bake
 * ended with its gates passing, a failing gate, a finished canary or stable deployment) happens,
 * and is written to the rule's tags before the call returns.
 */
export async function tick(
  ctx: DriveContext,
  held: Held,
  obs: Observation,
  verdict: GateVerdict,
): Promise<Held> {
  const next = await step(ctx, held, obs, verdict);
  const s = next.state;
  if (isFinalStatus(s.status)) return next;
  const since = s.lastTick ? ctx.now().getTime() - s.lastTick.getTime() : Infinity;
  return since >= HEARTBEAT_MS ? saveState(ctx, next, s) : next;
}

async function step(
  ctx: DriveContext,
  held: Held,
  obs: Observation,
  verdict: GateVerdict,
): Promise<Held> {
  const s = held.state;
  switch (s.status) {
    case 'done':
    case 'rolled-back':
      return held;
    case 'rolling-back':
      return rollBack(ctx, held, s.trigger ?? 'operator', s.note ?? 'rolling back', s.revertStable);
    case 'preparing':
      return prepareTick(ctx, held, obs, false);
    case 'running':
      return runTick(ctx, held, obs, verdict);
    case 'promoting':
      return promoteTick(ctx, held, obs, verdict);
    case 'paused':
      return pausedTick(ctx, held, obs, verdict);
  }
}

/** How the rule differs from what the plan last wrote; undefined when it does not. */
export function drift(
  state: PlanState,
  obs: Observation,
  groups: DriveContext['ref']['groups'],
): { difference: string } | { adoptStep: number } | undefined {
  if (!obs.weights.ok) return { difference: obs.weights.reason };
  const found = obs.weights.weights;
  if (sameWeights(found, state.lastWritten)) return undefined;
  // the rule already holds the next step: a client of this plan wrote it and stopped (or is
  // about to write the tags); take that step as made rather than call it someone else's change
  // (from preparing too: a lost reply to the first step's ModifyRule leaves the tags at -1)
  const moving =
    state.status === 'running' ||
    state.status === 'preparing' ||
    (state.status === 'paused' && state.pause?.from === 'preparing');
  const nextPercent = moving ? state.steps[state.stepIndex + 1] : undefined;
  if (nextPercent !== undefined && sameWeights(found, weightsFor(nextPercent)))
    return { adoptStep: state.stepIndex + 1 };
  return {
    difference: `expected ${formatWeights(state.lastWritten)}, found ${formatWeights(found)} (${describeDifference(state.lastWritten, found, groups)})`,
  };
}

async function onDrift(
  ctx: DriveContext,
  held: Held,
  d: NonNullable<ReturnType<typeof drift>>,
  from: PausedFrom,
): Promise<Held> {
  if ('difference' in d) return pauseConflict(ctx, held, d.difference, from);
  const { held: fresh, moved } = await current(ctx, held);
  if (moved) return fresh;
  const percent = fresh.state.steps[d.adoptStep]!;
  const s = fresh.state;
  return saveState(ctx, fresh, {
    ...s,
    // a step on the rule means preparation was over when it was written
    ...(s.status === 'preparing' ? { status: 'running' as const } : {}),
    ...(s.status === 'paused' && s.pause?.from === 'preparing'
      ? { pause: { ...s.pause, from: 'running' as const } }
      : {}),
    stepIndex: d.adoptStep,
    stepStartedAt: ctx.now(),
    lastWritten: weightsFor(percent),
  });
}

async function prepareTick(
  ctx: DriveContext,
  held: Held,
  obs: Observation,
  paused: boolean,
): Promise<Held> {
  const s = held.state;
  const d = drift(s, obs, ctx.ref.groups);
  if (d) return onDrift(ctx, held, d, 'preparing');
  const age = ctx.now().getTime() - s.startedAt.getTime();
  if (!s.deploymentId) {
    return age > UNSTARTED_MS
      ? rollBack(
          ctx,
          held,
          'deployment',
          'the canary deployment was never recorded: the client that began the plan stopped before it started',
        )
      : held;
  }
  const outcome = rollingOutcome(obs.canary, s.deploymentId, s.newRevision);
  if (isFinal(outcome.kind) && outcome.kind !== 'SUCCEEDED') {
    return rollBack(
      ctx,
      held,
      'deployment',
      `the canary deployment of ${ctx.ref.canaryService} did not complete: ${outcome.reason}`,
    );
  }
  if (s.gates.health) {
    const gate = healthGate(obs.canaryTargets);
    // while preparing, only unhealthy targets fail the gate: new ones may still be registering
    if (gate.status === 'fail' && /unhealthy/.test(gate.detail))
      return rollBack(ctx, held, 'gate', `gate "${gate.name}" failed: ${gate.detail}`);
  }
  if (
    !paused &&
    outcome.kind === 'SUCCEEDED' &&
    targetsReady(obs.canaryTargets, obs.canary.desiredCount)
  )
    return goToStep(ctx, held, 0);
  if (age > s.prepareTimeoutMinutes * 60_000) {
    return rollBack(
      ctx,
      held,
      'timeout',
      `the canary service did not deploy and turn healthy within ${s.prepareTimeoutMinutes} minutes`,
    );
  }
  return held;
}

async function runTick(
  ctx: DriveContext,
  held: Held,
  obs: Observation,
  verdict: GateVerdict,
): Promise<Held> {
  const s = held.state;
  const d = drift(s, obs, ctx.ref.groups);
  if (d) return onDrift(ctx, held, d, 'running');
  if (verdict.failed)
    return rollBack(
      ctx,
      held,
      'gate',
      `gate "${verdict.failed.name}" failed: ${verdict.failed.detail}`,
    );
  if (s.advance !== 'auto' || !verdict.allPass || !bakeDone(s, ctx.now())) return held;
  return s.stepIndex + 1 < s.steps.length
    ? goToStep(ctx, held, s.stepIndex + 1)
    : startPromote(ctx, held);
}

async function promoteTick(
  ctx: DriveContext,
  held: Held,
  obs: Observation,
  verdict: GateVerdict,
): Promise<Held> {
  const s = held.state;
  // to-full and to-stable compare the rule with what they write themselves (read-back first)
  if (s.phase === 'stable-deploy' || s.phase === 'stable-wait') {
    const d = drift(s, obs, ctx.ref.groups);
    if (d && 'difference' in d) return pauseConflict(ctx, held, d.difference, 'promoting');
  }
  if (s.phase !== 'to-stable' && verdict.failed) {
    return rollBack(
      ctx,
      held,
      'gate',
      `gate "${verdict.failed.name}" failed: ${verdict.failed.detail}`,
      s.phase === 'stable-wait',
    );
  }
  return continuePromote(ctx, held, obs);
}

async function pausedTick(
  ctx: DriveContext,
  held: Held,
  obs: Observation,
  verdict: GateVerdict,
): Promise<Held> {
  const s = held.state;
  // abort holds everything; a conflict waits for a person: nothing automatic happens
  if (s.pause?.reason !== 'manual') return held;
  const from = s.pause.from;
  if (from === 'preparing') return prepareTick(ctx, held, obs, true);
  const d = drift(s, obs, ctx.ref.groups);
  if (d && 'difference' in d) return pauseConflict(ctx, held, d.difference, from);
  if (verdict.failed) {
    return rollBack(
      ctx,
      held,
      'gate',
      `gate "${verdict.failed.name}" failed: ${verdict.failed.detail}`,
      from === 'promoting' && s.phase === 'stable-wait',
    );
  }
  return held;
}

export function bakeEndsAt(s: PlanState): Date | undefined {
  return s.stepStartedAt ? new Date(s.stepStartedAt.getTime() + s.bakeMinutes * 60_000) : undefined;
}

export function bakeDone(s: PlanState, now: Date): boolean {
  const end = bakeEndsAt(s);
  return !!end && now.getTime() >= end.getTime();
}
