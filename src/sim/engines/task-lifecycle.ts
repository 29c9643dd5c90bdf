/**
 * Launching service tasks and walking them to RUNNING (aws-semantics B.8):
 * PROVISIONING -> PENDING (image pull) -> ACTIVATING -> RUNNING, on the world's scheduler.
 * Bad versions fail on the way, as AWS shows them:
 * - an image ECR does not have: STOPPED after the pull, stopCode TaskFailedToStart,
 *   `CannotPullContainerError: ...`, never RUNNING (no startedAt);
 * - `crash-on-start`: the essential container starts and exits (exit code 1) before ECS sees
 *   the task RUNNING, stopCode EssentialContainerExited, `Essential container in task exited`.
 *   Not reaching RUNNING is what lets circuit-breaker stage 1 catch a crash loop (B.5).
 * Both feed the circuit breaker and the launch back-off (`onStartFailure`).
 */
import { parseEcrImageUri, resolveEcrImage } from '../services/ecr/state';
import { addServiceEvent, eventText, stoppedReasonText } from '../services/ecs/events';
import { taskDefinitionByArn } from '../services/ecs/state';
import { setTaskStatus, startTask, stopTask } from '../services/ecs/tasks';
import type { DeploymentRec, TaskRec } from '../services/ecs/types';
import type { ImageBehaviour } from '../world/image-behaviour';
import type { World } from '../world/world';
import { onStartFailure } from './circuit-breaker';
import {
  chunks,
  deploymentRuntime,
  serviceTargetGroups,
  type EngineRuntime,
  type ServiceRuntime,
} from './runtime';
import { startContainerHealth, queueRegistration } from './task-health';
import { taskGone } from './task-stop';
import { draw, TIMING } from './timings';

const SEVERITY: readonly ImageBehaviour[] = [
  'crash-on-start',
  'fail-health-check',
  'slow-start',
  'http-5xx',
  'ok',
];

/** The worst behaviour among the task's essential containers. */
export function behaviourOfTask(world: World, task: TaskRec): ImageBehaviour {
  let worst: ImageBehaviour = 'ok';
  for (const c of task.containers) {
    if (!c.essential) continue;
    const b = world.images.of(c.image, c.imageDigest);
    if (SEVERITY.indexOf(b) < SEVERITY.indexOf(worst)) worst = b;
  }
  return worst;
}

/** Starts `count` tasks of a deployment and writes the "has started" event (B.4, B.7). */
export function launchTasks(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  deployment: DeploymentRec,
  count: number,
): TaskRec[] {
  const { scope, service } = srt;
  const { world, region } = scope;
  const cluster = scope.ecs.clusters.get(service.clusterName);
  const td = taskDefinitionByArn(scope.ecs, deployment.taskDefinition);
  if (!cluster || !td || count <= 0) return [];
  // tasks launched together start at about the same pace, as on AWS
  const base = {
    provision: draw(world.rng, TIMING.provision),
    pull: draw(world.rng, TIMING.pull),
    activate: draw(world.rng, TIMING.activate),
  };
  const network = deployment.networkConfiguration ?? service.networkConfiguration;
  const platformVersion = deployment.platformVersion ?? service.platformVersion;
  const started: TaskRec[] = [];
  for (let i = 0; i < count; i++) {
    const task = startTask(scope, {
      cluster,
      taskDefinition: td,
      service,
      ownerId: deployment.id,
      launchType: deployment.launchType ?? service.launchType ?? 'FARGATE',
      ...(platformVersion ? { platformVersion } : {}),
      ...(network ? { networkConfiguration: network } : {}),
    });
    uniqueIp(rt, region, task);
    rt.tasks.set(task, { service, region, behaviour: behaviourOfTask(world, task), targets: [] });
    rt.ipOwners.set(`${region}|${task.privateIp}`, task);
    scheduleLifecycle(rt, srt, deployment, task, base);
    started.push(task);
  }
  chunks(started.map((t) => t.id)).forEach((ids, i) => {
    const replaced = i === 0 ? srt.replacedUnhealthy : 0;
    addServiceEvent(scope, service, eventText.startedTasks(service.name, ids, replaced));
  });
  srt.replacedUnhealthy = 0;
  srt.settling = true;
  deployment.updatedAt = world.now;
  return started;
}

/** Two live tasks must not share an IP: a target is `ip:port` in its group. */
function uniqueIp(rt: EngineRuntime, region: string, task: TaskRec): void {
  const prefix = task.privateIp.slice(0, task.privateIp.lastIndexOf('.') + 1);
  for (let tries = 0; tries < 50; tries++) {
    const other = rt.ipOwners.get(`${region}|${task.privateIp}`);
    if (!other || other.lastStatus === 'STOPPED') return;
    task.privateIp = [prefix, String(rt.world.rng.int(4, 254))].join('');
  }
}

function scheduleLifecycle(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  deployment: DeploymentRec,
  task: TaskRec,
  base: { provision: number; pull: number; activate: number },
): void {
  const { world } = rt;
  const jitter = () => draw(world.rng, TIMING.jitter);
  const provision = base.provision + jitter();
  const pull = base.pull + jitter();
  const activate = base.activate + jitter();
  // every step first checks the task is still meant to run: a stop cancels what follows
  const alive = () => task.desiredStatus === 'RUNNING';
  world.scheduler.after(provision, () => {
    if (!alive()) return;
    setTaskStatus(task, 'PENDING', world.now);
    world.scheduler.after(pull, () => {
      if (!alive()) return;
      if (failedPull(rt, srt, task)) return;
      const trt = rt.tasks.get(task);
      if (trt) trt.behaviour = behaviourOfTask(world, task);
      setTaskStatus(task, 'ACTIVATING', world.now);
      if (trt?.behaviour === 'crash-on-start') {
        world.scheduler.after(draw(world.rng, TIMING.crash), () => {
          if (alive()) crash(rt, srt, task);
        });
        return;
      }
      world.scheduler.after(activate, () => {
        if (alive()) reachRunning(rt, srt, deployment, task);
      });
    });
  });
}

/** Resolves every container image as the pull would; a missing one stops the task. */
function failedPull(rt: EngineRuntime, srt: ServiceRuntime, task: TaskRec): boolean {
  const { world } = rt;
  for (const c of task.containers) {
    const resolved = resolveEcrImage(world, c.image);
    if (resolved.kind === 'found') {
      // a tag moved while the task was pending: the pull gets what the tag points at now
      c.imageDigest = resolved.digest;
      continue;
    }
    if (resolved.kind !== 'missing') continue;
    const reason = repositoryExists(world, c.image)
      ? stoppedReasonText.cannotPullMissingImage(c.image)
      : stoppedReasonText.cannotPullMissingRepository(c.image);
    c.reason = reason;
    stopTask(
      task,
      { stopCode: 'TaskFailedToStart', stoppedReason: reason, lastStatus: 'STOPPED' },
      world.now,
    );
    taskGone(rt, srt, task);
    onStartFailure(rt, srt, task);
    return true;
  }
  return false;
}

function repositoryExists(world: World, image: string): boolean {
  const ref = parseEcrImageUri(image);
  if (!ref || !world.regionNames().includes(ref.region)) return false;
  return world.region(ref.region).ecr.repositories.has(ref.repository);
}

function crash(rt: EngineRuntime, srt: ServiceRuntime, task: TaskRec): void {
  for (const c of task.containers) if (c.essential) c.exitCode = 1;
  stopTask(
    task,
    {
      stopCode: 'EssentialContainerExited',
      stoppedReason: stoppedReasonText.essentialExited(),
      lastStatus: 'STOPPED',
    },
    rt.world.now,
  );
  taskGone(rt, srt, task);
  onStartFailure(rt, srt, task);
}

function reachRunning(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  deployment: DeploymentRec,
  task: TaskRec,
): void {
  const { world } = rt;
  setTaskStatus(task, 'RUNNING', world.now);
  deploymentRuntime(rt, deployment).reachedRunning++;
  // a task that starts ends the throttle episode (B.4)
  srt.startFailures = 0;
  srt.launchNotBefore = 0;
  srt.throttleNoted = false;
  queueRegistration(rt, srt, task);
  const checked = task.containers.some((c) => c.essential && c.hasHealthCheck);
  startContainerHealth(rt, srt, task);
  if (!checked && serviceTargetGroups(srt.service).length === 0) {
    // healthy for the scheduler 40 s after RUNNING (B.3): look again then
    world.scheduler.after(TIMING.healthyWithoutChecks, () => rt.reconcile(srt));
  }
  rt.reconcile(srt);
}
