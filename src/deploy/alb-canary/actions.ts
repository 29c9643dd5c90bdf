import { revisionLabel } from '../revision-label';
import type { ActionAvailability, RolloutActionId, RolloutView } from '../types';
import { allUnavailable, available, unavailable } from '../view-parts';
import type { CanaryRef, DriveContext, Held } from './context';
import { continuePromote, startPromote } from './promote';
import { targetGroupName } from './rule-weights';
import { formatWeights, isFinalStatus, weightsFor, type PlanState, type Weights } from './state';
import { goToStep, pausePlan, resumePlan, rollBack } from './transitions';

// What each key does to a plan, when it can, and what it asks first.

export function planActions(
  s: PlanState,
  ref: CanaryRef,
  ruleWeights: Weights | undefined,
  readOnly: boolean,
): RolloutView['actions'] {
  if (readOnly) return allUnavailable('read-only: this client cannot change the plan');
  if (isFinalStatus(s.status))
    return allUnavailable(
      `the canary plan has ended (${s.status === 'done' ? 'promoted' : 'rolled back'})`,
    );
  if (s.status === 'rolling-back') return allUnavailable('the plan is rolling back');
  const tg = (w: Weights) =>
    `${targetGroupName(ref.groups.stableTargetGroupArn)} ${w.stable}, ${targetGroupName(ref.groups.canaryTargetGroupArn)} ${w.canary}`;
  const conflict = s.status === 'paused' && s.pause?.reason === 'conflict';
  const from = s.status === 'paused' ? s.pause?.from : s.status;
  const last = s.stepIndex >= s.steps.length - 1;

  const actions = allUnavailable('');
  actions.rollback = available('roll back', {
    title: `Roll back the canary of ${ref.stableService}`,
    lines: [
      `ELBv2 ModifyRule: ${tg(weightsFor(0))} at once (other actions, stickiness and conditions kept)`,
      ...(s.status === 'promoting' || from === 'promoting'
        ? [
            `ECS UpdateService ${ref.stableService} → ${revisionLabel(s.previousStableRevision)} if it has moved`,
          ]
        : []),
      `ECS UpdateService ${ref.canaryService} → ${revisionLabel(s.previousCanaryRevision)}`,
    ],
    dangerous: true,
  });
  actions.promote = promoteAvailability(s, conflict, from, last, tg);
  actions.promoteFull =
    conflict || from !== 'running'
      ? unavailable(
          'promote fully',
          conflict
            ? 'someone else changed the weights: space resumes from them, R rolls back'
            : from === 'preparing'
              ? 'the canary service is still deploying'
              : 'promotion is already under way',
        )
      : available('promote fully', {
          title: `Promote ${revisionLabel(s.newRevision)} fully`,
          lines: [
            `skip the remaining steps: ELBv2 ModifyRule ${tg(weightsFor(100))}`,
            `ECS UpdateService ${ref.stableService} → the new revision (rolling), wait until healthy`,
            `then ${tg(weightsFor(0))}, and ${ref.canaryService} → ${revisionLabel(s.previousCanaryRevision)}`,
          ],
          dangerous: true,
        });
  actions.abort =
    s.status === 'paused' && s.pause?.reason !== 'manual'
      ? unavailable(
          'abort',
          conflict
            ? 'already stopped by a concurrent change'
            : 'already held: promote or resume it to go on, or roll back',
        )
      : available('abort', {
          title: `Hold the canary at ${formatWeights(s.lastWritten)}`,
          lines: [
            'weights stay where they are; nothing advances and no gate rolls back by itself',
            'the rollout stops here (STOPPED); the plan stays on the rule: promote or resume it to go on, or roll back',
          ],
          dangerous: true,
        });
  actions.togglePause = pauseAvailability(s, conflict, ruleWeights);
  return actions;
}

function promoteAvailability(
  s: PlanState,
  conflict: boolean,
  from: string | undefined,
  last: boolean,
  tg: (w: Weights) => string,
): ActionAvailability {
  if (conflict)
    return unavailable(
      'promote',
      'someone else changed the weights: space resumes from them, R rolls back',
    );
  if (from === 'preparing')
    return unavailable(
      'promote',
      'the canary service is still deploying; steps start once its targets are healthy',
    );
  if (s.status === 'promoting') return unavailable('promote', 'promotion is under way');
  if (from === 'promoting') {
    return available('retry promotion', {
      title: 'Continue the promotion',
      lines: [s.note ?? 'the promotion was held', 'it carries on from where it stopped'],
      dangerous: true,
    });
  }
  const paused = s.status === 'paused' && s.pause?.reason === 'manual';
  if (last) {
    return available('promote', {
      title: `Promote ${revisionLabel(s.newRevision)}`,
      lines: [
        'the stable service gets the new revision (rolling) while the canary takes all traffic',
        `then ${tg(weightsFor(0))}, and the canary service returns to ${revisionLabel(s.previousCanaryRevision)}`,
        ...(paused ? ['this ends the pause: the promotion carries on by itself to the end'] : []),
      ],
      dangerous: true,
    });
  }
  const nextPercent = s.steps[s.stepIndex + 1]!;
  return available('next step', {
    title: `Next step now: canary ${nextPercent}%`,
    lines: [
      `ELBv2 ModifyRule: ${tg(s.lastWritten)} → ${tg(weightsFor(nextPercent))} (read back before and after)`,
      paused
        ? `the plan stays paused at canary ${nextPercent}%: nothing advances by itself until space resumes it (gates still roll back a failing canary)`
        : "the rest of this step's bake is skipped; the next step bakes in full",
    ],
    dangerous: false,
  });
}

function pauseAvailability(
  s: PlanState,
  conflict: boolean,
  ruleWeights: Weights | undefined,
): ActionAvailability {
  if (s.status !== 'paused') {
    return available('pause', {
      title: 'Pause the canary plan',
      lines: [
        'the plan stops advancing; gates still roll back a failing canary',
        'space again resumes',
      ],
      dangerous: false,
    });
  }
  if (conflict) {
    if (!ruleWeights)
      return unavailable(
        'resume',
        'the rule no longer forwards to both target groups: fix it or roll back (R)',
      );
    return available('resume', {
      title: `Resume from the rule's weights ${formatWeights(ruleWeights)}`,
      lines: [
        `the plan takes ${formatWeights(ruleWeights)} as its own (it was ${formatWeights(s.lastWritten)}) and continues`,
        "the current step's bake starts again",
      ],
      dangerous: true,
    });
  }
  return available('resume', {
    title: 'Resume the canary plan',
    lines: [`back to ${s.pause?.from ?? 'running'}`],
    dangerous: false,
  });
}

/** Carries out an action already confirmed. */
export async function performAction(
  ctx: DriveContext,
  held: Held,
  action: RolloutActionId,
  ruleWeights: Weights | undefined,
): Promise<{ held: Held; message: string }> {
  const s = held.state;
  switch (action) {
    case 'promote': {
      if (s.status === 'paused' && s.pause?.from === 'promoting') {
        const resumed = await resumePlan(ctx, held);
        const next = await continuePromote(ctx, resumed);
        return {
          held: next,
          message: `promotion continued: ${next.state.phase ?? next.state.status}`,
        };
      }
      if (s.stepIndex >= s.steps.length - 1) {
        const next = await startPromote(ctx, held);
        return {
          held: next,
          message: `promoting: ${next.state.note ?? next.state.phase ?? ''}`.trim(),
        };
      }
      const next = await goToStep(ctx, held, s.stepIndex + 1);
      const moved =
        next.state.stepIndex === s.stepIndex + 1 && next.state.pause?.reason !== 'conflict';
      const step = `step ${s.stepIndex + 2}/${s.steps.length}: canary ${s.steps[s.stepIndex + 1]}%`;
      return {
        held: next,
        message: !moved
          ? (next.state.note ?? `the plan is ${next.state.status}`)
          : next.state.status === 'paused'
            ? `${step}; still paused: space resumes ${s.advance === 'auto' ? 'auto-advance' : 'the plan'}`
            : step,
      };
    }
    case 'promoteFull': {
      const next = await startPromote(ctx, held);
      return { held: next, message: `promoting fully: ${next.state.phase ?? next.state.status}` };
    }
    case 'rollback': {
      const at =
        s.stepIndex >= 0 ? `step ${s.stepIndex + 1} (canary ${s.lastWritten.canary}%)` : 'PREPARE';
      const next = await rollBack(ctx, held, 'operator', `rolled back by an operator at ${at}`);
      return {
        held: next,
        message: `rolled back: weights at stable 100; ${ctx.ref.canaryService} returning to ${revisionLabel(s.previousCanaryRevision)}`,
      };
    }
    case 'abort': {
      const next = await pausePlan(ctx, held, 'abort');
      return { held: next, message: next.state.note ?? 'held' };
    }
    case 'togglePause': {
      if (s.status !== 'paused') {
        const next = await pausePlan(ctx, held, 'manual');
        return { held: next, message: 'canary plan paused' };
      }
      const adopt = s.pause?.reason === 'conflict' ? ruleWeights : undefined;
      const next = await resumePlan(ctx, held, adopt);
      return {
        held: next,
        message: adopt ? `resumed from ${formatWeights(adopt)}` : 'canary plan resumed',
      };
    }
  }
}
