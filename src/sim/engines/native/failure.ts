/**
 * How an ECS-native deployment ends early (aws-semantics B.5, B.6, C.2, C.3).
 *
 * Rollback (StopServiceDeployment ROLLBACK, a hook's ROLLBACK or failure or timeout with
 * action ROLLBACK, the circuit breaker on green, a deployment alarm in ALARM): production and
 * test traffic go back to blue at once (both revisions still run, which is the point of the
 * bake), blue is the PRIMARY again, green scales in; the service deployment reads
 * ROLLBACK_IN_PROGRESS with `rollback{reason, startedAt, serviceRevisionArn: blue's}`, then
 * ROLLBACK_SUCCESSFUL once green's tasks are gone and blue runs its desired count. With
 * nothing to go back to (a service's first deployment) it is ROLLBACK_FAILED and traffic
 * stays where it is.
 *
 * Stop without rollback (StopServiceDeployment ABORT, or a failure detector with rollback
 * off): STOPPED where it stands. AWS documents only ROLLBACK for StopServiceDeployment;
 * ABORT is in the API's enum, and our reading is "stop here": no more stages or traffic
 * steps, both revisions keep running, the listener rules keep their weights, green turns
 * FAILED (it launches nothing more). The next deployment reconciles (RECONCILE_SERVICE).
 *
 * Reason texts: only the circuit-breaker one follows a verified AWS text (B.2); the others
 * follow its pattern and are guesses. Hooks still waiting when a deployment ends this way
 * read FAILED (AWS's status for them is unverified).
 */
import { alarmsInAlarm } from '../../services/cloudwatch/alarms';
import {
  markDeploymentFailed,
  removeDeployment,
  setServiceDeploymentStatus,
  markDeploymentCompleted,
} from '../../services/ecs/deployments';
import { addServiceEvent, eventText, rolloutReason } from '../../services/ecs/events';
import type { DeploymentRec } from '../../services/ecs/types';
import { watchedAlarms } from '../alarm-rollback';
import { deploymentRuntime, type EngineRuntime, type ServiceRuntime } from '../runtime';
import { shiftTraffic } from './lanes';
import { nativeStrategyOf, runsOf, type Run } from './model';
import { scaleIn } from './scale';

export type NativeCause =
  | { kind: 'circuit-breaker' }
  | { kind: 'alarm'; alarms: string[] }
  | { kind: 'user' }
  | { kind: 'hook-failed'; hookId: string }
  | { kind: 'hook-timeout'; hookId: string }
  | { kind: 'hook-rollback'; hookId: string }
  | { kind: 'config'; detail: string };

export function rollbackReason(cause: NativeCause, blueId: string): string {
  switch (cause.kind) {
    case 'circuit-breaker':
      return rolloutReason.rollingBack(blueId);
    case 'alarm':
      return rolloutReason.alarmRollingBack(blueId);
    case 'user':
      return rolloutReason.userRollingBack(blueId);
    case 'hook-failed':
      return `ECS deployment lifecycle hook ${cause.hookId} failed: rolling back to deploymentId ${blueId}.`;
    case 'hook-timeout':
      return `ECS deployment lifecycle hook ${cause.hookId} timed out: rolling back to deploymentId ${blueId}.`;
    case 'hook-rollback':
      return `ECS deployment lifecycle hook ${cause.hookId} was continued with ROLLBACK: rolling back to deploymentId ${blueId}.`;
    case 'config':
      return `ECS deployment failed: ${cause.detail}: rolling back to deploymentId ${blueId}.`;
  }
}

/** Hooks still waiting when the deployment changes course can no longer be acted on. */
export function closePendingHooks(run: Run): void {
  for (const h of run.sd.lifecycleHooks) {
    if (h.status === 'AWAITING_ACTION' || h.status === 'IN_PROGRESS') h.status = 'FAILED';
  }
  run.waiting = undefined;
  run.until = undefined;
}

/** Green fails: the monitors record it, and the deployment event is written (B.5, B.6). */
function failGreen(run: Run, cause: NativeCause): void {
  const { srt, green, sd } = run;
  const now = run.rt.world.now;
  if (cause.kind === 'circuit-breaker' || cause.kind === 'alarm') {
    markDeploymentFailed(
      srt.scope,
      srt.service,
      green,
      cause.kind === 'alarm' ? 'alarm detected' : 'tasks failed to start',
      now,
    );
    if (cause.kind === 'alarm') {
      sd.alarms.status = 'TRIGGERED';
      sd.alarms.triggeredAlarmNames = cause.alarms;
    } else {
      sd.circuitBreaker.status = 'TRIGGERED';
      sd.circuitBreaker.failureCount = green.failedTasks;
    }
    return;
  }
  green.rolloutState = 'FAILED';
  green.rolloutStateReason = rolloutReason.stopped(green.id);
  green.updatedAt = now;
}

export function rollBack(run: Run, cause: NativeCause): void {
  if (run.phase === 'over' || run.phase === 'rolling-back') return;
  const { rt, srt, sd, green, blue } = run;
  const { scope, service } = srt;
  const now = rt.world.now;
  run.gen++;
  closePendingHooks(run);
  failGreen(run, cause);
  if (!blue) {
    setServiceDeploymentStatus(
      sd,
      'ROLLBACK_FAILED',
      now,
      'There is no deployment in COMPLETED state to roll back to.',
    );
    run.phase = 'over';
    return;
  }
  const reason = rollbackReason(cause, blue.id);
  sd.rollback = { reason, startedAt: now, serviceRevisionArn: blue.serviceRevisionArn };
  setServiceDeploymentStatus(sd, 'ROLLBACK_IN_PROGRESS', now, reason);
  addServiceEvent(scope, service, eventText.rollingBack(service.name, blue.id), now + 1);
  // traffic first: both revisions still run, so production is whole again at once (C.2)
  shiftTraffic(run, 'production', 0);
  shiftTraffic(run, 'test', 0);
  for (const d of service.deployments) if (d.status === 'PRIMARY') d.status = 'ACTIVE';
  blue.status = 'PRIMARY';
  blue.rolloutState = 'IN_PROGRESS';
  blue.rolloutStateReason = reason;
  blue.desiredCount = service.desiredCount;
  blue.failedTasks = 0;
  blue.updatedAt = now;
  blue.serviceDeploymentArn = sd.arn;
  service.deployments = [blue, ...service.deployments.filter((d) => d !== blue)];
  service.taskDefinition = blue.taskDefinition;
  // alarms that caused the rollback usually still fire: they must not fail it (B.6)
  deploymentRuntime(rt, blue).isRollback = true;
  run.phase = 'rolling-back';
  scaleIn(rt, srt, green, blue);
  rt.reconcile(srt);
}

/** STOPPED where it stands (ABORT, or a failure detector with rollback off). */
export function stopHere(run: Run, cause: NativeCause, reason: string): void {
  if (run.phase === 'over') return;
  run.gen++;
  closePendingHooks(run);
  failGreen(run, cause);
  setServiceDeploymentStatus(run.sd, 'STOPPED', run.rt.world.now, reason);
  run.phase = 'over';
}

/** A failure detector fired on green: roll back or stop, as configured (B.5, B.6). */
export function failureDetected(
  run: Run,
  cause: NativeCause & { kind: 'circuit-breaker' | 'alarm' },
) {
  if (run.phase !== 'running' && run.phase !== 'cleaning') return;
  const cfg = run.config;
  const rollback =
    cause.kind === 'alarm'
      ? cfg.alarms?.rollback === true
      : cfg.deploymentCircuitBreaker?.rollback === true;
  if (rollback) rollBack(run, cause);
  else {
    stopHere(
      run,
      cause,
      cause.kind === 'alarm'
        ? 'ECS deployment failed: alarm detected.'
        : rolloutReason.circuitBreakerFailed(),
    );
  }
}

/** Deployment alarms are watched through every stage, bake time included (B.6). */
export function checkAlarms(run: Run): boolean {
  if (run.phase !== 'running') return false;
  const names = watchedAlarms(run.config);
  if (!names) return false;
  const firing = alarmsInAlarm(run.rt.world, run.srt.scope.region, names);
  if (firing.length === 0) return false;
  failureDetected(run, { kind: 'alarm', alarms: firing });
  return true;
}

/**
 * `rt.nativeFailure`: the circuit breaker tripped on a deployment of a native service.
 * Green of a running deployment rolls back or stops; blue failing during a rollback leaves
 * nothing to go back to (ROLLBACK_FAILED); anything else is marked failed and stays.
 */
export function nativeFailure(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  deployment: DeploymentRec,
  why: 'tasks failed to start' | 'alarm detected',
  alarms: string[],
): boolean {
  if (!nativeStrategyOf(srt.service)) return false;
  const run = runsOf(rt).get(srt.service.arn);
  if (run && run.green === deployment) {
    failureDetected(
      run,
      why === 'alarm detected' ? { kind: 'alarm', alarms } : { kind: 'circuit-breaker' },
    );
    return true;
  }
  markDeploymentFailed(srt.scope, srt.service, deployment, why, rt.world.now);
  if (run && run.phase === 'rolling-back' && run.blue === deployment) {
    setServiceDeploymentStatus(
      run.sd,
      'ROLLBACK_FAILED',
      rt.world.now,
      deployment.rolloutStateReason,
    );
    run.phase = 'over';
  }
  return true;
}

/** Green's tasks are gone and blue is whole: ROLLBACK_SUCCESSFUL (C.3). */
export function finishRollback(run: Run): void {
  const { rt, srt, green, blue } = run;
  if (!blue) return;
  removeDeployment(srt.service, green);
  markDeploymentCompleted(srt.scope, srt.service, blue, rt.world.now);
  srt.lastCompleted = { deploymentId: blue.id, revisionArn: blue.serviceRevisionArn };
  run.phase = 'over';
}
