import { DEFAULT_SECURITY_GROUPS, DEFAULT_SUBNETS } from '../../services/ecs/builder-defaults';
import {
  circuitBreakerThreshold,
  createDeployment,
  removeDeployment,
} from '../../services/ecs/deployments';
import {
  MAX_SERVICE_EVENTS,
  addServiceEvent,
  eventText,
  rolloutReason,
} from '../../services/ecs/events';
import { randomHex, randomUuid } from '../../services/ecs/rand';
import { createServiceRecord } from '../../services/ecs/services';
import { ecsScope, taskDefinitionByArn, type EcsScope } from '../../services/ecs/state';
import { startTask } from '../../services/ecs/tasks';
import type {
  ClusterRec,
  DeploymentConfiguration,
  DeploymentRec,
  LoadBalancer,
  ServiceRec,
  TaskDefinitionRec,
} from '../../services/ecs/types';
import type { World } from '../../world/world';
import { HOUR, MINUTE, deploymentDuration } from './calendar';

// An ECS-controller service with the history a team leaves behind: one service deployment per
// release at the time it happened, the events ECS wrote on the way (only the newest 100 stay),
// a release the circuit breaker rolled back, and the tasks of the current release running.
// Built from the ECS state functions directly, with no hooks fired: the world starts steady.

export interface Release {
  td: TaskDefinitionRec;
  at: number;
  /** The circuit breaker failed it and ECS rolled back to the release before. */
  rolledBack?: boolean;
}

export interface HistorySpec {
  cluster: ClusterRec;
  name: string;
  desiredCount: number;
  /** Oldest first; the first creates the service, the last must not be rolled back. */
  releases: Release[];
  deploymentConfiguration?: DeploymentConfiguration;
  loadBalancers?: LoadBalancer[];
  tags?: Record<string, string>;
  createdBy: string;
}

interface Live {
  deployment: DeploymentRec;
  taskIds: string[];
}

export function buildServiceHistory(world: World, region: string, spec: HistorySpec): ServiceRec {
  const scope = ecsScope(world, region);
  const first = spec.releases[0];
  const last = spec.releases[spec.releases.length - 1];
  if (!first || !last || last.rolledBack) {
    throw new Error(`demo service ${spec.name}: needs releases, the last one not rolled back`);
  }
  const service = createServiceRecord(scope, {
    cluster: spec.cluster,
    name: spec.name,
    desiredCount: spec.desiredCount,
    ...(spec.deploymentConfiguration
      ? { deploymentConfiguration: spec.deploymentConfiguration }
      : {}),
    loadBalancers: spec.loadBalancers ?? [],
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: DEFAULT_SUBNETS as string[],
        securityGroups: DEFAULT_SECURITY_GROUPS as string[],
        assignPublicIp: 'DISABLED',
      },
    },
    healthCheckGracePeriodSeconds: spec.loadBalancers?.length ? 30 : 0,
    enableExecuteCommand: true,
    tags: Object.entries(spec.tags ?? {}).map(([key, value]) => ({ key, value })),
    at: first.at - 2 * MINUTE,
  });
  service.createdBy = spec.createdBy;

  let live: Live | undefined;
  let lastDone = first.at;
  spec.releases.forEach((release, i) => {
    const isLast = i === spec.releases.length - 1;
    if (release.rolledBack && live) {
      lastDone = rollBack(scope, service, release, live);
    } else {
      const next = release.at + durationOf(world, service);
      const deployment = createDeployment(scope, service, {
        taskDefinition: release.td,
        cause: i === 0 ? 'create-service' : 'update-service',
        at: release.at,
        completedAt: next,
      }).deployment;
      for (const old of service.deployments.slice(1)) removeDeployment(service, old);
      const taskIds = isLast
        ? startCurrentTasks(scope, service, deployment, release.at)
        : fakeTaskIds(world, service.desiredCount);
      writeRolloutEvents(scope, service, live, { deployment, taskIds }, release.at, next);
      live = { deployment, taskIds };
      lastDone = next;
    }
  });
  addReminders(world, service, lastDone);
  return service;
}

/**
 * ECS repeats "has reached a steady state." every six hours while nothing changes; the last
 * few of those are the newest events. Ids are drawn for all six slots whether or not they fit
 * before now, so the seed, not the start time, decides every later id.
 */
function addReminders(world: World, service: ServiceRec, lastDone: number): void {
  const ids = Array.from({ length: REMINDERS }, () => randomUuid(world.rng));
  const first = Math.max(
    lastDone + 6 * HOUR,
    lastDone + 6 * HOUR * (Math.floor((world.now - lastDone) / (6 * HOUR)) - REMINDERS + 1),
  );
  ids.forEach((id, k) => {
    const at = first + k * 6 * HOUR;
    if (at >= world.now) return;
    service.events.unshift({ id, createdAt: at, message: eventText.steadyState(service.name) });
  });
  if (service.events.length > MAX_SERVICE_EVENTS) service.events.length = MAX_SERVICE_EVENTS;
}

const REMINDERS = 6;

function durationOf(world: World, service: ServiceRec): number {
  const cfg = service.deploymentConfiguration;
  const strategy = cfg.strategy ?? 'ROLLING';
  const shift =
    strategy === 'CANARY'
      ? (cfg.canaryConfiguration?.canaryBakeTimeInMinutes ?? 10)
      : strategy === 'LINEAR'
        ? Math.ceil(100 / (cfg.linearConfiguration?.stepPercent ?? 10) - 1) *
          (cfg.linearConfiguration?.stepBakeTimeInMinutes ?? 6)
        : 0;
  const bake = strategy === 'ROLLING' ? 0 : (cfg.bakeTimeInMinutes ?? 0);
  return deploymentDuration(world, strategy, bake, shift);
}

function fakeTaskIds(world: World, count: number): string[] {
  return Array.from({ length: Math.min(count, 10) }, () => randomHex(world.rng, 32));
}

/** The current release's tasks: RUNNING (and HEALTHY when checked) since just after `at`. */
function startCurrentTasks(
  scope: EcsScope,
  service: ServiceRec,
  deployment: DeploymentRec,
  at: number,
): string[] {
  const td = taskDefinitionByArn(scope.ecs, deployment.taskDefinition);
  if (!td) throw new Error(`demo service ${service.name}: no task definition to run`);
  const checked = td.containerDefinitions.some((c) => c.healthCheck && c.essential !== false);
  const ids: string[] = [];
  for (let i = 0; i < service.desiredCount; i++) {
    const task = startTask(scope, {
      cluster: scope.ecs.clusters.get(service.clusterName)!,
      taskDefinition: td,
      service,
      ownerId: deployment.id,
      launchType: 'FARGATE',
      ...(service.platformVersion ? { platformVersion: service.platformVersion } : {}),
      ...(service.networkConfiguration
        ? { networkConfiguration: service.networkConfiguration }
        : {}),
      lastStatus: 'RUNNING',
      ...(checked ? { healthStatus: 'HEALTHY' as const } : {}),
      at: at + 5_000,
    });
    ids.push(task.id);
  }
  return ids;
}

/** The events of one healthy rollout that replaced `before` (aws-semantics B.4). */
function writeRolloutEvents(
  scope: EcsScope,
  service: ServiceRec,
  before: Live | undefined,
  now: Live,
  at: number,
  done: number,
): void {
  const name = service.name;
  const groups = service.loadBalancers.flatMap((lb) =>
    lb.targetGroupArn ? [lb.targetGroupArn] : [],
  );
  const n = service.desiredCount;
  if (n > 0) {
    addServiceEvent(scope, service, eventText.startedTasks(name, now.taskIds), at + 5_000);
    for (const tg of groups)
      addServiceEvent(scope, service, eventText.registeredTargets(name, n, tg), at + 45_000);
    if (before && before.taskIds.length > 0) {
      addServiceEvent(scope, service, eventText.stoppedTasks(name, before.taskIds), at + 95_000);
      for (const tg of groups) {
        addServiceEvent(scope, service, eventText.deregisteredTargets(name, n, tg), at + 105_000);
      }
      addServiceEvent(
        scope,
        service,
        eventText.drainingConnections(name, before.deployment.id, before.taskIds.length),
        at + 105_006,
      );
    }
  }
  addServiceEvent(scope, service, eventText.deploymentCompleted(name, now.deployment.id), done);
  addServiceEvent(scope, service, eventText.steadyState(name), done + 1);
}

/**
 * A release whose tasks never started: the circuit breaker failed it and ECS rolled back to
 * the live deployment's definition. AWS tracks both in one service deployment that ends
 * ROLLBACK_SUCCESSFUL, so the rollback deployment's own record is folded into it. Returns
 * when it was over.
 */
function rollBack(scope: EcsScope, service: ServiceRec, release: Release, live: Live): number {
  const { world } = scope;
  const name = service.name;
  const cfg = service.deploymentConfiguration;
  const threshold = circuitBreakerThreshold(service.desiredCount, cfg);
  const failAt = release.at + world.rng.int(4, 7) * MINUTE;
  const doneAt = failAt + world.rng.int(120, 200) * 1000;
  const previousTd = live.deployment.taskDefinition;
  const previousRevision = live.deployment.serviceRevisionArn;
  const bad = createDeployment(scope, service, {
    taskDefinition: release.td,
    cause: 'update-service',
    at: release.at,
    completedAt: failAt,
  });
  bad.deployment.rolloutState = 'FAILED';
  bad.deployment.rolloutStateReason = rolloutReason.circuitBreakerFailed();
  bad.deployment.failedTasks = threshold;
  // ECS launched a batch of `desired` tasks at a time until the failures reached the threshold
  const batch = Math.max(1, service.desiredCount);
  for (let k = 0; k < threshold; k += batch) {
    const ids = fakeTaskIds(world, Math.min(batch, threshold - k));
    addServiceEvent(
      scope,
      service,
      eventText.startedTasks(name, ids),
      release.at + 5_000 + k * 40_000,
    );
  }
  addServiceEvent(
    scope,
    service,
    eventText.deploymentFailed(name, bad.deployment.id, 'tasks failed to start'),
    failAt,
  );
  addServiceEvent(scope, service, eventText.rollingBack(name, live.deployment.id), failAt + 1);

  const td = taskDefinitionByArn(scope.ecs, previousTd);
  if (!td) throw new Error(`demo service ${name}: no definition to roll back to`);
  const reason = 'Circuit breaker triggered: tasks failed to start.';
  const back = createDeployment(scope, service, {
    taskDefinition: td,
    cause: 'rollback',
    at: failAt,
    completedAt: doneAt,
    rollback: { reason, serviceRevisionArn: previousRevision },
  });
  service.serviceDeploymentArns.pop();
  scope.ecs.serviceDeployments.delete(back.serviceDeployment.arn);
  back.deployment.serviceDeploymentArn = bad.serviceDeployment.arn;
  const sd = bad.serviceDeployment;
  sd.status = 'ROLLBACK_SUCCESSFUL';
  sd.statusReason = rolloutReason.circuitBreakerFailed();
  sd.rollback = { reason, startedAt: failAt, serviceRevisionArn: previousRevision };
  sd.circuitBreaker = { status: 'TRIGGERED', failureCount: threshold, threshold };
  sd.finishedAt = doneAt;
  sd.updatedAt = doneAt;
  for (const old of service.deployments.slice(1)) removeDeployment(service, old);
  addServiceEvent(scope, service, eventText.deploymentCompleted(name, back.deployment.id), doneAt);
  addServiceEvent(scope, service, eventText.steadyState(name), doneAt + 1);
  // the rolled-back-to tasks kept running: the live deployment is now the rollback one
  live.deployment = back.deployment;
  return doneAt;
}
