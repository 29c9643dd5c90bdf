/**
 * How a deployment ends other than by success (aws-semantics D.6):
 *
 * - StopDeployment: answered Pending, carried out 1 s later: Stopped, MANUAL_STOP. Rolled back
 *   when the request says autoRollbackEnabled=true, or, when it says nothing, when the group
 *   rolls back on DEPLOYMENT_STOP_ON_REQUEST.
 * - A watched alarm in ALARM (group alarm configuration enabled): Stopped, ALARM_ACTIVE;
 *   rolled back on DEPLOYMENT_STOP_ON_ALARM.
 * - The replacement task set cannot stabilise (MAX_TASK_FAILURES tasks failed) or Install is
 *   impossible: Failed (HEALTH_CONSTRAINTS, ECS_UPDATE_ERROR, ...); rolled back on
 *   DEPLOYMENT_FAILURE.
 * - The ready wait ran out under STOP_DEPLOYMENT: Stopped, TIMEOUT; rolled back (green
 *   removed, test listener back to blue) when the group has auto-rollback on at all.
 *
 * The event running at that moment is Failed, later ones Skipped, the target Failed. Without
 * a rollback, CodeDeploy leaves things where they are: both task sets and the listener weights
 * of the moment (our reading of "stop without rollback"; unverified), and the next deployment
 * removes the leftover replacement set at Install.
 */
import { alarmsInAlarm } from '../../services/cloudwatch/alarms';
import {
  setDeploymentStatus,
  setLifecycleEvent,
  setTargetStatus,
} from '../../services/codedeploy/deployments';
import { codeDeployState, getGroup } from '../../services/codedeploy/model';
import type { AutoRollbackEvent } from '../../services/codedeploy/state';
import { startRollback } from './rollback';
import { guard, SECOND, type Run } from './run';
import { syncTaskSets } from './sync';

const STOP_DELAY_MS = SECOND;

export interface Ending {
  status: 'Failed' | 'Stopped';
  code: string;
  message: string;
  rollback: boolean;
}

const rollsBackOn = (run: Run, event: AutoRollbackEvent): boolean =>
  run.rec.autoRollback.enabled && run.rec.autoRollback.events.includes(event);

export function endRun(run: Run, ending: Ending): void {
  if (run.phase === 'finished') return;
  const { world, region, rec } = run;
  run.gen++;
  delete run.waitEndsAt;
  for (const event of rec.target.lifecycleEvents) {
    if (event.status === 'InProgress') {
      setLifecycleEvent(world, region, rec.id, event.name, 'Failed', {
        errorCode: ending.code,
        scriptName: '',
        message: ending.message,
        logTail: '',
      });
    } else if (event.status === 'Pending') {
      setLifecycleEvent(world, region, rec.id, event.name, 'Skipped');
    }
  }
  run.stopRunner?.();
  delete run.stopRunner;
  syncTaskSets(run, true);
  run.phase = 'finished';
  setTargetStatus(world, region, rec.id, 'Failed');
  setDeploymentStatus(world, region, rec.id, ending.status, {
    errorInformation: { code: ending.code, message: ending.message },
  });
  // before Install there is no replacement to take away: nothing to roll back
  if (ending.rollback && run.res?.green.set) startRollback(run);
}

export function failRun(run: Run, code: string, message: string): void {
  endRun(run, {
    status: 'Failed',
    code,
    message,
    rollback: rollsBackOn(run, 'DEPLOYMENT_FAILURE'),
  });
}

export function readyWaitTimedOut(run: Run, minutes: number): void {
  endRun(run, {
    status: 'Stopped',
    code: 'TIMEOUT',
    message: `The deployment was stopped because production traffic was not rerouted within the ${minutes} minute wait time`,
    rollback: run.rec.autoRollback.enabled,
  });
}

/** Stops the run when one of its group's alarms is in ALARM; true when it did. */
export function stopIfAlarming(run: Run): boolean {
  if (run.phase === 'finished') return true;
  const group = getGroup(
    codeDeployState(run.world, run.region),
    run.rec.applicationName,
    run.rec.groupName,
  );
  if (!group.alarms.enabled || group.alarms.names.length === 0) return false;
  const firing = alarmsInAlarm(run.world, run.region, group.alarms.names);
  if (firing.length === 0) return false;
  // the text CodeDeploy uses for ALARM_ACTIVE (as the builders record it)
  endRun(run, {
    status: 'Stopped',
    code: 'ALARM_ACTIVE',
    message: `One or more alarms have been activated according to the Amazon CloudWatch metrics you selected, and the affected deployments have been stopped. Activated alarms: <${firing.join(', ')}>`,
    rollback: rollsBackOn(run, 'DEPLOYMENT_STOP_ON_ALARM'),
  });
  return true;
}

/** StopDeployment, carried out a moment after the Pending reply. */
export function requestStop(run: Run, autoRollbackEnabled: boolean | undefined): void {
  if (run.phase === 'finished' || run.stopping) return;
  run.stopping = true;
  run.world.scheduler.after(STOP_DELAY_MS, () =>
    guard(run, () =>
      endRun(run, {
        status: 'Stopped',
        code: 'MANUAL_STOP',
        message: 'The deployment was stopped by a user',
        rollback: autoRollbackEnabled ?? rollsBackOn(run, 'DEPLOYMENT_STOP_ON_REQUEST'),
      }),
    ),
  );
}
