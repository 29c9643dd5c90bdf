import { revisionLabel } from '../revision-label';
import type { RolloutController } from '../types';
import { formatWeights, type PlanState, type Weights } from './state';

/**
 * Where a plan stands once this client stopped driving it (the app quit), for the lines printed
 * after the screen is restored: true to the rule, and what goes on from there.
 */
export interface PlanStanding {
  cluster: string;
  /** The pair's stable service: the plan's name in the commands (`--service`). */
  stableService: string;
  canaryService: string;
  /** `running at step 2/4, canary 25% (weights 75/25)`. */
  state: string;
  /** What it does now that no client drives it. */
  holds: string;
  /** How to go on, in order: each an `ecs-rollout` command on the pair. Empty once it ended. */
  next: readonly NextCommand[];
}

export interface NextCommand {
  /** `ecs-rollout <command> --cluster … --service <stable>`. */
  command: 'watch' | 'promote' | 'rollback';
  /** What it does here: `watch or resume`, `roll back`. */
  label: string;
}

const WATCH: NextCommand = { command: 'watch', label: 'watch or resume' };
const ROLLBACK: NextCommand = { command: 'rollback', label: 'roll back' };

/**
 * A rollout this client drives (the ALB canary plan), as the app sees it: it can stop driving
 * it when the app quits and say where it left it.
 */
export interface DrivenPlan {
  /** The pair and its rule: the plan is named by its stable service. */
  readonly ref: { cluster: string; stableService: string; canaryService: string; ruleArn: string };
  /**
   * Stops driving: no poll moves the plan and no action runs from now on. Resolves once the
   * move under way, if any, has ended (after `settleMs` its call in flight is cancelled), with
   * the plan as the rule holds it then (undefined when it could not be read).
   */
  stopDriving(settleMs?: number): Promise<PlanStanding | undefined>;
  /** Stops at once (Ctrl-C, a signal): the call in flight is cancelled, nothing more is sent. */
  halt(): void;
  /** Where the plan stands as this client last read or wrote it. */
  standing(): PlanStanding | undefined;
  /** False once stopped or halted. */
  readonly driving: boolean;
}

/** The controller as a plan this client drives, or undefined (AWS runs the rollout). */
export function drivenPlan(controller: RolloutController | undefined): DrivenPlan | undefined {
  if (!controller?.clientDriven) return undefined;
  const c = controller as RolloutController & Partial<DrivenPlan>;
  return typeof c.stopDriving === 'function' &&
    typeof c.halt === 'function' &&
    typeof c.standing === 'function'
    ? (c as RolloutController & DrivenPlan)
    : undefined;
}

/** `ruleWeights`: what the rule holds, when read; the plan's own last write otherwise. */
export function planStanding(s: PlanState, ruleWeights?: Weights): PlanStanding {
  const w = ruleWeights ?? s.lastWritten;
  const weights = `weights ${formatWeights(w)}`;
  const at = `canary ${w.canary}% (${weights})`;
  const step = s.stepIndex >= 0 ? `step ${s.stepIndex + 1}/${s.steps.length}, ` : '';
  const names = {
    cluster: s.cluster,
    stableService: s.stableService,
    canaryService: s.canaryService,
  };
  const waiting = 'it holds these weights until a client drives it again';
  switch (s.status) {
    case 'preparing':
      return {
        ...names,
        state: `preparing: ${s.canaryService} deploys ${revisionLabel(s.newRevision)}, ${at}`,
        holds: `ECS finishes that deployment; the first step waits until a client drives the plan again`,
        next: [WATCH, ROLLBACK],
      };
    case 'running':
      return {
        ...names,
        state: `running at ${step}${at}`,
        holds: `${waiting}; nothing advances, and no gate rolls it back, until then`,
        next: [WATCH, ROLLBACK],
      };
    case 'promoting':
      return {
        ...names,
        state: `promoting (${s.phase ?? 'started'}), ${at}`,
        holds: `${waiting}; the promotion goes on from there`,
        next: [WATCH, ROLLBACK],
      };
    case 'paused': {
      const why =
        s.pause?.reason === 'abort'
          ? 'held by abort'
          : s.pause?.reason === 'conflict'
            ? "paused: someone else changed the rule's weights"
            : 'paused (space)';
      const onward: NextCommand[] =
        s.pause?.from !== 'running' || s.pause.reason === 'conflict'
          ? []
          : s.pause.reason === 'abort'
            ? [{ command: 'promote', label: 'go on (next step)' }]
            : [{ command: 'promote', label: 'next step (stays paused)' }];
      return {
        ...names,
        state: `${why} at ${step}${at}`,
        holds:
          s.pause?.reason === 'conflict'
            ? "nothing is written until someone resumes it from the rule's weights (space in the monitor) or rolls it back"
            : 'it holds these weights; nothing advances until someone resumes it (space in the monitor)',
        next: [...onward, ROLLBACK],
      };
    }
    case 'rolling-back':
      return {
        ...names,
        state: `rolling back, not finished, ${at}`,
        holds: 'a client that drives it again finishes the rollback',
        next: [{ command: 'watch', label: 'finish it' }],
      };
    case 'done':
      return { ...names, state: `promoted (done), ${weights}`, holds: '', next: [] };
    case 'rolled-back':
      return { ...names, state: `rolled back, ${weights}`, holds: '', next: [] };
  }
}
