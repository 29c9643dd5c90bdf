import { randomUuid } from './rand';
import type { EcsScope } from './state';
import type { ServiceRec } from './types';

/** AWS keeps only the newest 100 events per service (aws-semantics B.1). */
export const MAX_SERVICE_EVENTS = 100;

/** Adds an event at the front (events are newest first) and drops the oldest beyond 100. */
export function addServiceEvent(
  scope: EcsScope,
  service: ServiceRec,
  message: string,
  at: number = scope.world.now,
): void {
  service.events.unshift({ id: randomUuid(scope.world.rng), createdAt: at, message });
  if (service.events.length > MAX_SERVICE_EVENTS) service.events.length = MAX_SERVICE_EVENTS;
}

/**
 * The exact event texts of real ECS (aws-semantics B.4, B.7). Task ids are the 32-hex short
 * ids. Target-group events have no trailing period; the others do.
 */
export const eventText = {
  steadyState: (service: string) => `(service ${service}) has reached a steady state.`,
  startedTasks: (service: string, taskIds: string[], replacedUnhealthy = 0) =>
    `(service ${service}) has started ${taskIds.length} tasks: ${taskList(taskIds)}.` +
    (replacedUnhealthy > 0
      ? ` Amazon ECS replaced ${replacedUnhealthy} tasks due to an unhealthy status.`
      : ''),
  stoppedTasks: (service: string, taskIds: string[]) =>
    `(service ${service}) has stopped ${taskIds.length} running tasks: ${taskList(taskIds)}.`,
  failedContainerHealthChecks: (service: string, taskId: string) =>
    `(service ${service}) (task ${taskId}) failed container health checks.`,
  unhealthyInTargetGroup: (
    service: string,
    taskId: string,
    port: number,
    targetGroupArn: string,
    reason: string,
  ) =>
    `(service ${service}) (task ${taskId}) (port ${port}) is unhealthy in (target-group ${targetGroupArn}) due to (reason ${reason}).`,
  deploymentCompleted: (service: string, deploymentId: string) =>
    `(service ${service}) (deployment ${deploymentId}) deployment completed.`,
  deploymentFailed: (service: string, deploymentId: string, why: string) =>
    `(service ${service}) (deployment ${deploymentId}) deployment failed: ${why}.`,
  rollingBack: (service: string, deploymentId: string) =>
    `(service ${service}) rolling back to deployment ${deploymentId}.`,
  registeredTargets: (service: string, count: number, targetGroupArn: string) =>
    `(service ${service}) registered ${count} targets in (target-group ${targetGroupArn})`,
  deregisteredTargets: (service: string, count: number, targetGroupArn: string) =>
    `(service ${service}) deregistered ${count} targets in (target-group ${targetGroupArn})`,
  /** The prefix names the deployment (task set) that owns the draining tasks. */
  drainingConnections: (service: string, deploymentId: string, count: number) =>
    `(service ${service}, taskSet ${deploymentId}) has begun draining connections on ${count} tasks.`,
  unableToStartConsistently: (service: string) =>
    `(service ${service}) is unable to consistently start tasks successfully.`,
  unableToPlace: (service: string, reason: string) =>
    `(service ${service}) was unable to place a task. Reason: ${reason}`,
  throttled: (service: string) =>
    `(service ${service}) operations are being throttled. Will try again later.`,
};

function taskList(taskIds: string[]): string {
  return taskIds.map((id) => `(task ${id})`).join(' ');
}

/** `rolloutStateReason` texts (aws-semantics B.2). */
export const rolloutReason = {
  inProgress: (deploymentId: string) => `ECS deployment ${deploymentId} in progress.`,
  completed: (deploymentId: string) => `ECS deployment ${deploymentId} completed.`,
  circuitBreakerFailed: () => 'ECS deployment circuit breaker: tasks failed to start.',
  rollingBack: (targetDeploymentId: string) =>
    `ECS deployment circuit breaker: rolling back to deploymentId ${targetDeploymentId}.`,
  // Only the circuit-breaker text above is verified (B.2). The alarm, StopServiceDeployment
  // and ABORT texts below follow its pattern and are guesses.
  alarmRollingBack: (targetDeploymentId: string) =>
    `ECS deployment alarms: rolling back to deploymentId ${targetDeploymentId}.`,
  userRollingBack: (targetDeploymentId: string) =>
    `ECS deployment stopped: rolling back to deploymentId ${targetDeploymentId}.`,
  stopped: (deploymentId: string) => `ECS deployment ${deploymentId} stopped.`,
};

/** `stoppedReason` texts (aws-semantics B.8). */
export const stoppedReasonText = {
  scaling: (deploymentId: string) => `Scaling activity initiated by (deployment ${deploymentId})`,
  user: () => 'Task stopped by user',
  essentialExited: () => 'Essential container in task exited',
  elbHealth: (targetGroupArn: string) =>
    `Task failed ELB health checks in (target-group ${targetGroupArn})`,
  containerHealth: () => 'Task failed container health checks',
  /**
   * TaskFailedToStart on Fargate 1.4 when the image is not in the registry: containerd's
   * resolver error after ECS's pull retries (OBS; exact tail varies by platform version).
   */
  cannotPullMissingImage: (image: string) =>
    `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: ${image}: not found`,
  cannotPullMissingRepository: (image: string) =>
    `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
};
