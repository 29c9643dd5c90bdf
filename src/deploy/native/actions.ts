import type { LifecycleHookDetail, ServiceDeployment } from '../../aws/types';
import { isFinal, type Outcome } from '../outcome';
import type { ActionAvailability, RolloutActionId } from '../types';
import { shortId } from '../revision-label';
import { available, unavailable } from '../view-parts';
import { awaiting } from './outcome';

/**
 * The monitor keys for ECS-native deployments (product.md, Strategies):
 * - `p`: ContinueServiceDeployment CONTINUE on the paused hook (the oldest one waiting);
 * - `P`: the same for every hook waiting now, and for every later PAUSE hook of this
 *   deployment as it comes (the controller keeps the intent and continues them from its
 *   polls, while some client watches). ECS-native has no "skip the remaining steps": traffic
 *   steps and bakes still run as configured;
 * - `R`: ContinueServiceDeployment ROLLBACK on a paused hook, else StopServiceDeployment
 *   ROLLBACK (works whether or not rollback was configured, C.3);
 * - `a`: StopServiceDeployment ABORT. AWS documents only ROLLBACK for that call; ABORT is in
 *   the API's enum and stops the deployment where it stands (traffic split and both
 *   revisions stay as they are);
 * - `space`: not a thing ECS can do: pauses are PAUSE hooks set before the deployment.
 */
export type Step =
  | {
      kind: 'continue';
      hookIds: string[];
      action: 'CONTINUE' | 'ROLLBACK';
      /** Also continue every later pause of this deployment as it comes (`P`). */
      laterPauses?: boolean;
    }
  | { kind: 'stop'; stopType: 'ROLLBACK' | 'ABORT' };

export interface ActionPlan {
  availability: Record<RolloutActionId, ActionAvailability>;
  steps: Partial<Record<RolloutActionId, Step>>;
}

const NO_PAUSE =
  'ECS-native deployments cannot be paused on demand: pauses are PAUSE lifecycle hooks set before the deployment starts (deploy with pause stages)';

export function nativeActions(
  service: string,
  sd: ServiceDeployment | undefined,
  outcome: Outcome,
): ActionPlan {
  const steps: ActionPlan['steps'] = {};
  const togglePause = unavailable('pause', NO_PAUSE);
  if (!sd || isFinal(outcome.kind)) {
    const why = !sd
      ? 'the service deployment has not been read yet'
      : `the deployment has finished (${sd.status}): pick an earlier deployment with R on the service`;
    return {
      availability: {
        promote: unavailable('continue', why),
        promoteFull: unavailable('continue through every pause', why),
        rollback: unavailable('roll back', why),
        abort: unavailable('abort', why),
        togglePause,
      },
      steps,
    };
  }
  if (sd.status === 'STOP_REQUESTED') {
    const why = 'ECS is stopping this deployment where it stands';
    return {
      availability: {
        promote: unavailable('continue', why),
        promoteFull: unavailable('continue through every pause', why),
        rollback: unavailable(
          'roll back',
          `${why}; once it has stopped, deploy or roll back to a revision`,
        ),
        abort: unavailable('abort', why),
        togglePause,
      },
      steps,
    };
  }
  const waiting = awaiting(sd);
  const arn = sd.arn;
  // what it does first: a confirm box cuts long lines, and the ARN is long
  const target = `service deployment ${shortId(arn)}`;
  const hookLine = (h: LifecycleHookDetail, action: 'CONTINUE' | 'ROLLBACK') =>
    `ECS ContinueServiceDeployment action=${action} hookId=${h.hookId}`;
  let promote: ActionAvailability;
  let promoteFull: ActionAvailability;
  if (waiting.length > 0) {
    const first = waiting[0]!;
    steps.promote = { kind: 'continue', hookIds: [first.hookId], action: 'CONTINUE' };
    steps.promoteFull = {
      kind: 'continue',
      hookIds: waiting.map((h) => h.hookId),
      action: 'CONTINUE',
      laterPauses: true,
    };
    promote = available('continue', {
      title: `Continue ${service} past ${sd.lifecycleStage ?? 'the pause'}`,
      lines: [hookLine(first, 'CONTINUE'), target, 'ECS goes on with the next stage'],
      dangerous: false,
    });
    promoteFull = available('continue through every pause', {
      title: `Continue ${service} through every pause`,
      lines: [
        ...waiting.map((h) => hookLine(h, 'CONTINUE')),
        target,
        'then every later PAUSE hook of this deployment as it comes (sent by this client while it watches the rollout; if it stops watching first, promote fully again then)',
        'ECS-native has no "skip the remaining steps": traffic steps and bakes still run as configured',
      ],
      dangerous: true,
    });
  } else {
    promote = unavailable(
      'continue',
      'nothing is paused: ECS moves through the stages by itself; promote continues a PAUSE hook while one waits',
    );
    promoteFull = unavailable(
      'continue through every pause',
      'nothing is paused: ECS moves through the stages by itself; promoting fully continues a PAUSE hook while one waits, and every later one (traffic steps and bakes still run as configured)',
    );
  }
  const rollingBack = sd.status === 'ROLLBACK_REQUESTED' || sd.status === 'ROLLBACK_IN_PROGRESS';
  let rollback: ActionAvailability;
  let abort: ActionAvailability;
  if (rollingBack) {
    rollback = unavailable('roll back', 'ECS is already rolling this deployment back');
    abort = unavailable('abort', 'ECS is rolling this deployment back; it cannot be stopped now');
  } else {
    if (waiting.length > 0) {
      const first = waiting[0]!;
      steps.rollback = { kind: 'continue', hookIds: [first.hookId], action: 'ROLLBACK' };
      rollback = available('roll back', {
        title: `Roll back ${service} through the paused hook`,
        lines: [
          hookLine(first, 'ROLLBACK'),
          target,
          'production and test traffic go back to blue at once; green scales in',
        ],
        dangerous: true,
      });
    } else {
      steps.rollback = { kind: 'stop', stopType: 'ROLLBACK' };
      rollback = available('roll back', {
        title: `Roll back ${service}`,
        lines: [
          'ECS StopServiceDeployment stopType=ROLLBACK',
          target,
          'production and test traffic go back to blue at once; green scales in',
        ],
        dangerous: true,
      });
    }
    steps.abort = { kind: 'stop', stopType: 'ABORT' };
    abort = available('abort', {
      title: `Stop ${service} where it stands (no rollback)`,
      lines: [
        'ECS StopServiceDeployment stopType=ABORT',
        target,
        'AWS documents only ROLLBACK for this call; ABORT (in the API enum) stops the deployment here:',
        'the traffic split and both revisions stay as they are until the next deployment:',
        'deploy again, or roll back to an earlier revision (ECS scales the stopped one in first)',
      ],
      dangerous: true,
    });
  }
  return { availability: { promote, promoteFull, rollback, abort, togglePause }, steps };
}
