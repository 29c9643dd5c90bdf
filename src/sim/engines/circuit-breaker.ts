/**
 * Deployment circuit breaker (aws-semantics B.5, G.7) and the task-start throttle (B.4).
 *
 * - Stage 1 counts tasks that stop before reaching RUNNING; it is skipped once more than one
 *   task of the deployment has reached RUNNING.
 * - Stage 2 counts tasks replaced for failed ELB or container health checks.
 * - `failedTasks` is the running count (also `deploymentCircuitBreaker.failureCount` on the
 *   service deployment). A task of the deployment counting as healthy resets it, unless
 *   `resetOnHealthyTask: false` (2026) makes it cumulative.
 * - Threshold: ceil(50 % of desired) clamped to 3..200, or what `thresholdConfiguration`
 *   says (`circuitBreakerThreshold`). Reaching it fails the PRIMARY deployment while it is
 *   IN_PROGRESS; `failDeployment` rolls back or stops.
 *
 * Failures are counted whether or not the breaker is enabled (`failedTasks` is always
 * reported); only an enabled breaker acts on them.
 */
import { addServiceEvent, eventText } from '../services/ecs/events';
import { circuitBreakerThreshold } from '../services/ecs/deployments';
import type { DeploymentRec, TaskRec } from '../services/ecs/types';
import { failDeployment } from './rollback';
import { deploymentRuntime, type EngineRuntime, type ServiceRuntime } from './runtime';
import { launchBackoffMs } from './timings';

function ownerOf(srt: ServiceRuntime, task: TaskRec): DeploymentRec | undefined {
  return srt.service.deployments.find((d) => d.id === task.ownerId);
}

/** A task stopped before RUNNING: the throttle grows, and stage 1 counts it. */
export function onStartFailure(rt: EngineRuntime, srt: ServiceRuntime, task: TaskRec): void {
  const { world } = rt;
  srt.startFailures++;
  const backoff = launchBackoffMs(srt.startFailures);
  if (backoff > 0) {
    srt.launchNotBefore = world.now + backoff;
    if (!srt.throttleNoted) {
      srt.throttleNoted = true;
      addServiceEvent(
        srt.scope,
        srt.service,
        eventText.unableToStartConsistently(srt.service.name),
      );
    }
    world.scheduler.at(srt.launchNotBefore, () => rt.reconcile(srt));
  }
  const deployment = ownerOf(srt, task);
  if (deployment && deploymentRuntime(rt, deployment).reachedRunning <= 1) {
    recordFailure(rt, srt, task);
  }
  rt.reconcile(srt);
}

/** Counts one failed task against its deployment and trips the breaker at the threshold. */
export function recordFailure(rt: EngineRuntime, srt: ServiceRuntime, task: TaskRec): void {
  const deployment = ownerOf(srt, task);
  // a FAILED or COMPLETED deployment is no longer evaluated (B.2): the count stays as it was
  if (!deployment || deployment.rolloutState !== 'IN_PROGRESS') return;
  const { scope, service } = srt;
  const now = rt.world.now;
  deployment.failedTasks++;
  deployment.updatedAt = now;
  const cfg = service.deploymentConfiguration;
  const threshold = circuitBreakerThreshold(service.desiredCount, cfg);
  const sd = scope.ecs.serviceDeployments.get(deployment.serviceDeploymentArn);
  // a rollback deployment drives the failed one's service deployment: leave its monitor alone
  if (sd && sd.deploymentId === deployment.id) {
    sd.circuitBreaker.failureCount = deployment.failedTasks;
    sd.circuitBreaker.threshold = threshold;
    sd.updatedAt = now;
  }
  if (
    cfg.deploymentCircuitBreaker?.enable === true &&
    deployment.status === 'PRIMARY' &&
    deployment.rolloutState === 'IN_PROGRESS' &&
    deployment.failedTasks >= threshold
  ) {
    failDeployment(rt, srt, deployment, 'tasks failed to start');
  }
}

/** A task of the deployment counts as healthy for the first time (B.5 resetOnHealthyTask). */
export function onHealthyTask(rt: EngineRuntime, srt: ServiceRuntime, task: TaskRec): void {
  const trt = rt.tasks.get(task);
  if (!trt || trt.wasHealthy) return;
  trt.wasHealthy = true;
  const deployment = ownerOf(srt, task);
  const cfg = srt.service.deploymentConfiguration;
  if (!deployment || cfg.deploymentCircuitBreaker?.resetOnHealthyTask === false) return;
  if (deployment.failedTasks === 0) return;
  deployment.failedTasks = 0;
  deployment.updatedAt = rt.world.now;
  const sd = srt.scope.ecs.serviceDeployments.get(deployment.serviceDeploymentArn);
  if (sd && sd.deploymentId === deployment.id) sd.circuitBreaker.failureCount = 0;
}
