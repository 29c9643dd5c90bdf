import type { EcsAppSpec } from '../../services/codedeploy/appspec';
import { setDeploymentStatus, setTargetStatus } from '../../services/codedeploy/deployments';
import type { DeploymentRec } from '../../services/codedeploy/state';
import type { EcsScope } from '../../services/ecs/state';
import type { ServiceRec, TaskDefinitionRec, TaskSetRec } from '../../services/ecs/types';
import type { World } from '../../world/world';

/**
 * One CodeDeploy deployment the engine is carrying out. Everything that happens later is a
 * callback on `world.scheduler`; `gen` goes up whenever the run changes course (a stop, a
 * reroute, a failure), so callbacks scheduled for the old course find a newer gen and do
 * nothing.
 */
export interface Run {
  readonly world: World;
  readonly region: string;
  readonly rec: DeploymentRec;
  readonly spec: EcsAppSpec;
  gen: number;
  phase: 'created' | 'events' | 'ready-wait' | 'shifting' | 'termination-wait' | 'finished';
  /** Resolved at Install; a rollback run borrows its failed deployment's. */
  res?: Resources;
  /** Percent of production traffic on the replacement (green) task set. */
  weight: number;
  /** Replacement tasks that failed to start or failed health checks. */
  failures: number;
  /** When the ready wait or the termination wait ends (epoch ms). */
  waitEndsAt?: number;
  /** A stop is scheduled (StopDeployment answers Pending first). */
  stopping?: boolean;
  /** Stops the replacement task set's task runner; set while it runs. */
  stopRunner?: () => void;
}

export interface TaskSetSide {
  set?: TaskSetRec;
  targetGroupArn: string;
  targetGroupName: string;
  /** The last task set info shown for this side, kept once the set is gone. */
  lastStatus?: TaskSetRec['status'];
}

export interface Resources {
  scope: EcsScope;
  service: ServiceRec;
  blue: TaskSetSide & { set: TaskSetRec };
  green: TaskSetSide;
  taskDefinition: TaskDefinitionRec;
  prodListenerArn: string;
  testListenerArn?: string;
}

const RUNS = new WeakMap<World, Map<string, Run>>();

export function runsOf(world: World): Map<string, Run> {
  let runs = RUNS.get(world);
  if (!runs) {
    runs = new Map<string, Run>();
    RUNS.set(world, runs);
  }
  return runs;
}

export function findRun(world: World, deploymentId: string): Run | undefined {
  return RUNS.get(world)?.get(deploymentId);
}

/**
 * Runs `fn` after `delayMs` unless the run has changed course (or finished) by then. A step
 * that throws (a listener or target group deleted under the deployment) fails the deployment
 * with INTERNAL_ERROR instead of breaking the scheduler, and so every request after it.
 */
export function later(run: Run, delayMs: number, fn: () => void): void {
  const gen = run.gen;
  run.world.scheduler.after(delayMs, () => {
    if (run.gen !== gen || run.phase === 'finished') return;
    guard(run, fn);
  });
}

/** Runs one step of the run; see `later` for what a throw does. */
export function guard(run: Run, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    crashed(run, error);
  }
}

function crashed(run: Run, error: unknown): void {
  run.gen++;
  run.phase = 'finished';
  run.stopRunner?.();
  delete run.stopRunner;
  const message = error instanceof Error ? error.message : String(error);
  try {
    setTargetStatus(run.world, run.region, run.rec.id, 'Failed');
    setDeploymentStatus(run.world, run.region, run.rec.id, 'Failed', {
      errorInformation: {
        code: 'INTERNAL_ERROR',
        message: `The deployment failed because of an internal error: ${message}`,
      },
    });
  } catch {
    // the deployment itself is gone: nothing left to record it on
  }
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
