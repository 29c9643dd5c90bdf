/**
 * Failing a deployment and rolling back (aws-semantics B.5, B.6, C.3, G.8).
 *
 * The rollback target is the most recent deployment that reached COMPLETED, never "the
 * previous revision". If that deployment is still in `deployments[]` (its tasks still run),
 * it becomes PRIMARY again with rolloutState IN_PROGRESS: the docs say it "changes from
 * COMPLETED to IN_PROGRESS", and its healthy tasks keep serving. Otherwise a new PRIMARY
 * deployment runs its revision. Either way the reason is
 * `ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/<completed id>.`, the
 * event `(service S) rolling back to deployment ecs-svc/<completed id>.`, and the service's
 * `taskDefinition` goes back to the target's.
 *
 * The rollback is part of the failed service deployment (its `rollback` names the revision
 * deployed, C.3): ROLLBACK_IN_PROGRESS, then ROLLBACK_SUCCESSFUL when the rollback deployment
 * completes. With no COMPLETED deployment (a first deployment) nothing is launched and the
 * deployment stalls; the service deployment reads ROLLBACK_FAILED (a guess: AWS's status for
 * this case is unverified). Without rollback the service deployment is STOPPED (the SDK:
 * stoppedAt is set "when a failure detector fires and rollback is not enabled").
 */
import {
  createDeployment,
  isServiceDeploymentFinished,
  markDeploymentFailed,
  setServiceDeploymentStatus,
} from '../services/ecs/deployments';
import { addServiceEvent, eventText, rolloutReason } from '../services/ecs/events';
import { taskDefinitionByArn } from '../services/ecs/state';
import type { DeploymentRec, ServiceDeploymentRec } from '../services/ecs/types';
import { deploymentRuntime, type EngineRuntime, type ServiceRuntime } from './runtime';

export type RollbackCause = 'circuit-breaker' | 'alarm' | 'user';

interface RollbackTarget {
  deploymentId: string;
  revisionArn: string;
  /** Set when the deployment is still in `deployments[]`. */
  deployment?: DeploymentRec;
}

/** The most recent COMPLETED deployment other than `failing`. */
export function findRollbackTarget(
  srt: ServiceRuntime,
  failing: DeploymentRec,
): RollbackTarget | undefined {
  const { service, scope } = srt;
  const live = new Set(service.deployments.map((d) => d.id));
  for (const d of service.deployments) {
    if (d !== failing && d.rolloutState === 'COMPLETED') {
      return { deploymentId: d.id, revisionArn: d.serviceRevisionArn, deployment: d };
    }
  }
  const last = srt.lastCompleted;
  if (last && last.deploymentId !== failing.id && !live.has(last.deploymentId)) return last;
  // a scenario's history: the newest service deployment that finished SUCCESSFUL
  for (let i = service.serviceDeploymentArns.length - 1; i >= 0; i--) {
    const sd = scope.ecs.serviceDeployments.get(service.serviceDeploymentArns[i]!);
    if (sd?.status === 'SUCCESSFUL' && !live.has(sd.deploymentId)) {
      return { deploymentId: sd.deploymentId, revisionArn: sd.targetRevisionArn };
    }
  }
  return undefined;
}

/** The circuit breaker or an alarm failed the PRIMARY deployment. */
export function failDeployment(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  deployment: DeploymentRec,
  why: 'tasks failed to start' | 'alarm detected',
  triggeredAlarms: string[] = [],
): void {
  // ECS-native blue/green, linear and canary roll back by moving traffic (native/failure.ts)
  if (rt.nativeFailure?.(srt, deployment, why, triggeredAlarms)) return;
  const { scope, service } = srt;
  const now = rt.world.now;
  markDeploymentFailed(scope, service, deployment, why, now);
  const sd = scope.ecs.serviceDeployments.get(deployment.serviceDeploymentArn);
  if (sd && sd.deploymentId === deployment.id) {
    if (why === 'alarm detected') {
      sd.alarms.status = 'TRIGGERED';
      sd.alarms.triggeredAlarmNames = triggeredAlarms;
    } else {
      sd.circuitBreaker.status = 'TRIGGERED';
      sd.circuitBreaker.failureCount = deployment.failedTasks;
    }
    sd.updatedAt = now;
  }
  const cfg = service.deploymentConfiguration;
  const rollback =
    why === 'alarm detected'
      ? cfg.alarms?.rollback === true
      : cfg.deploymentCircuitBreaker?.rollback === true;
  if (sd && !isServiceDeploymentFinished(sd.status)) {
    if (deploymentRuntime(rt, deployment).isRollback) {
      // a rollback that fails has nothing left to roll back to
      setServiceDeploymentStatus(sd, 'ROLLBACK_FAILED', now, deployment.rolloutStateReason);
    } else if (rollback) {
      startRollback(
        rt,
        srt,
        deployment,
        sd,
        why === 'alarm detected' ? 'alarm' : 'circuit-breaker',
      );
    } else {
      setServiceDeploymentStatus(sd, 'STOPPED', now, deployment.rolloutStateReason);
    }
  }
  rt.reconcile(srt);
}

function reasonFor(cause: RollbackCause, targetId: string): string {
  if (cause === 'alarm') return rolloutReason.alarmRollingBack(targetId);
  if (cause === 'user') return rolloutReason.userRollingBack(targetId);
  return rolloutReason.rollingBack(targetId);
}

/**
 * Rolls `failing` back to the last COMPLETED deployment, driven by service deployment `sd`.
 * Returns false (and marks `sd` ROLLBACK_FAILED) when there is nothing to roll back to.
 */
export function startRollback(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  failing: DeploymentRec,
  sd: ServiceDeploymentRec,
  cause: RollbackCause,
): boolean {
  const { scope, service } = srt;
  const now = rt.world.now;
  const target = findRollbackTarget(srt, failing);
  const revision = target && scope.ecs.serviceRevisions.get(target.revisionArn);
  const td = revision && taskDefinitionByArn(scope.ecs, revision.taskDefinition);
  if (!target || !revision || !td) {
    setServiceDeploymentStatus(
      sd,
      'ROLLBACK_FAILED',
      now,
      'There is no deployment in COMPLETED state to roll back to.',
    );
    return false;
  }
  const reason = reasonFor(cause, target.deploymentId);
  sd.rollback = { reason, startedAt: now, serviceRevisionArn: target.revisionArn };
  setServiceDeploymentStatus(sd, 'ROLLBACK_IN_PROGRESS', now);
  // right after "deployment failed" (B.6 shows this order)
  addServiceEvent(
    scope,
    service,
    eventText.rollingBack(service.name, target.deploymentId),
    now + 1,
  );
  let primary: DeploymentRec;
  if (target.deployment) {
    primary = target.deployment;
    for (const d of service.deployments) if (d.status === 'PRIMARY') d.status = 'ACTIVE';
    primary.status = 'PRIMARY';
    primary.rolloutState = 'IN_PROGRESS';
    primary.rolloutStateReason = reason;
    primary.desiredCount = service.desiredCount;
    primary.failedTasks = 0;
    primary.updatedAt = now;
    primary.serviceDeploymentArn = sd.arn;
    service.deployments = [primary, ...service.deployments.filter((d) => d !== primary)];
    service.taskDefinition = primary.taskDefinition;
  } else {
    primary = createDeployment(scope, service, {
      taskDefinition: td,
      cause: 'rollback',
      at: now,
      rolloutStateReason: reason,
      continueServiceDeployment: sd,
      reuseRevision: revision,
    }).deployment;
  }
  deploymentRuntime(rt, primary).isRollback = true;
  srt.startFailures = 0;
  srt.launchNotBefore = 0;
  srt.throttleNoted = false;
  srt.bake = undefined;
  rt.reconcile(srt);
  return true;
}
