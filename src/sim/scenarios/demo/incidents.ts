import { addServiceEvent, eventText } from '../../services/ecs/events';
import { ecsScope, taskDefinitionByArn } from '../../services/ecs/state';
import { setTaskStatus, startTask, stopTask } from '../../services/ecs/tasks';
import type { ServiceRec, TaskRec } from '../../services/ecs/types';
import type { World } from '../../world/world';
import { MINUTE } from './calendar';

// Small things that went wrong recently, so the Tasks tab has stopped tasks to group by reason
// and the Services screen shows more than green rows. Everything here is in the last hour:
// stopped tasks older than that are gone on AWS too.

function oldestRunning(service: ServiceRec): TaskRec | undefined {
  let found: TaskRec | undefined;
  for (const task of service.tasks.values()) {
    if (task.lastStatus === 'RUNNING' && (!found || task.createdAt < found.createdAt)) found = task;
  }
  return found;
}

function stopWithExit(world: World, task: TaskRec, at: number, exitCode: number, reason?: string) {
  const app = task.containers[0];
  if (app) {
    app.exitCode = exitCode;
    if (reason) app.reason = reason;
  }
  stopTask(
    task,
    {
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      lastStatus: 'STOPPED',
      at,
    },
    world.now,
  );
}

/**
 * The app container of one task ran out of memory `agoMinutes` ago (exit 137) and ECS started
 * a replacement that runs now.
 */
export function recentOomKill(
  world: World,
  region: string,
  service: ServiceRec,
  agoMinutes: number,
): void {
  const scope = ecsScope(world, region);
  const victim = oldestRunning(service);
  if (!victim) return;
  const at = world.now - agoMinutes * MINUTE;
  stopWithExit(world, victim, at, 137, 'OutOfMemoryError: Container killed due to memory usage');
  const td = taskDefinitionByArn(scope.ecs, victim.taskDefinitionArn)!;
  const replacement = startTask(scope, {
    cluster: scope.ecs.clusters.get(service.clusterName)!,
    taskDefinition: td,
    service,
    ...(victim.ownerId ? { ownerId: victim.ownerId } : {}),
    launchType: 'FARGATE',
    ...(service.networkConfiguration ? { networkConfiguration: service.networkConfiguration } : {}),
    lastStatus: 'RUNNING',
    ...(victim.healthStatus === 'HEALTHY' ? { healthStatus: 'HEALTHY' as const } : {}),
    at: at + 20_000,
  });
  addServiceEvent(
    scope,
    service,
    eventText.startedTasks(service.name, [replacement.id]),
    at + 21_000,
  );
  addServiceEvent(scope, service, eventText.steadyState(service.name), at + 3 * MINUTE);
}

/**
 * A task crashed and its replacements cannot start (the execution role lost access to a
 * secret): the service runs one task short of desired, with stopped tasks showing why.
 */
export function secretAccessLost(
  world: World,
  region: string,
  service: ServiceRec,
  agoMinutes: number,
): void {
  const scope = ecsScope(world, region);
  const victim = oldestRunning(service);
  if (!victim) return;
  const at = world.now - agoMinutes * MINUTE;
  stopWithExit(world, victim, at, 1);
  const td = taskDefinitionByArn(scope.ecs, victim.taskDefinitionArn)!;
  const secret = td.containerDefinitions[0]?.secrets?.[0]?.valueFrom ?? 'the secret';
  for (let i = 0; i < 3; i++) {
    const tryAt = at + (30 + i * 150) * 1000;
    const attempt = startTask(scope, {
      cluster: scope.ecs.clusters.get(service.clusterName)!,
      taskDefinition: td,
      service,
      ...(victim.ownerId ? { ownerId: victim.ownerId } : {}),
      launchType: 'FARGATE',
      ...(service.networkConfiguration
        ? { networkConfiguration: service.networkConfiguration }
        : {}),
      at: tryAt,
    });
    setTaskStatus(attempt, 'PENDING', tryAt + 4_000);
    stopTask(
      attempt,
      {
        stopCode: 'TaskFailedToStart',
        stoppedReason: `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${secret} from secrets manager: AccessDeniedException`,
        lastStatus: 'STOPPED',
        at: tryAt + 25_000,
      },
      world.now,
    );
    addServiceEvent(
      scope,
      service,
      eventText.startedTasks(service.name, [attempt.id]),
      tryAt + 1_000,
    );
  }
  addServiceEvent(
    scope,
    service,
    eventText.unableToStartConsistently(service.name),
    at + 8 * MINUTE,
  );
}
