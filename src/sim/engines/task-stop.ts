/**
 * Stopping service tasks the way ECS does (aws-semantics B.4, B.8, G.17): "has stopped N
 * running tasks" at once (the task DEACTIVATING), about 10 s later "deregistered N targets"
 * per target group and "(service S, taskSet <owner deployment>) has begun draining
 * connections on N tasks.", DEACTIVATING for the group's deregistration delay, then STOPPING,
 * DEPROVISIONING and STOPPED. Tasks not yet RUNNING go straight to STOPPED.
 */
import { addServiceEvent, eventText } from '../services/ecs/events';
import { finishServiceDeletion } from '../services/ecs/services';
import { setTaskStatus, stopTask, type StopTaskOptions } from '../services/ecs/tasks';
import type { TaskRec } from '../services/ecs/types';
import { deregisterTarget } from '../services/elbv2/targets';
import { chunks, targetKey, type EngineRuntime, type ServiceRuntime } from './runtime';
import { draw, TIMING } from './timings';

export type StopReason = Pick<StopTaskOptions, 'stopCode' | 'stoppedReason'>;

/** Tasks in the DEACTIVATING pipeline, so a second stop path does not run them twice. */
const deactivating = new WeakSet<TaskRec>();

/**
 * Stops tasks the scheduler chose. `announce` writes "has stopped N running tasks" for those
 * that were RUNNING (scale-in and rollouts do; health replacements have their own event).
 */
export function stopServiceTasks(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  tasks: readonly TaskRec[],
  reasonOf: (task: TaskRec) => StopReason,
  announce: boolean,
): void {
  const now = rt.world.now;
  const announced: string[] = [];
  const draining: TaskRec[] = [];
  for (const task of tasks) {
    const owner = srt.service.deployments.find((d) => d.id === task.ownerId);
    if (owner) owner.updatedAt = now;
    const wasRunning = task.lastStatus === 'RUNNING';
    const queued = srt.registerQueue.indexOf(task);
    if (queued >= 0) srt.registerQueue.splice(queued, 1);
    stopTask(task, reasonOf(task), now);
    if (task.lastStatus === 'STOPPED') {
      taskGone(rt, srt, task);
      continue;
    }
    if (wasRunning) announced.push(task.id);
    draining.push(task);
  }
  if (announce) {
    for (const ids of chunks(announced)) {
      addServiceEvent(srt.scope, srt.service, eventText.stoppedTasks(srt.service.name, ids));
    }
  }
  if (draining.length > 0) beginDeactivation(rt, srt, draining);
  if (tasks.length > 0) {
    srt.settling = true;
    // the stopped tasks no longer count against maximumPercent: replacements may start now
    rt.reconcile(srt);
  }
}

/**
 * Takes DEACTIVATING tasks through deregistration and draining to STOPPED. Also used for
 * tasks that DeleteService stopped. Tasks already on their way are skipped.
 */
export function beginDeactivation(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  tasks: readonly TaskRec[],
): void {
  const { world } = rt;
  const fresh = tasks.filter((t) => !deactivating.has(t));
  for (const t of fresh) deactivating.add(t);
  const registered = fresh.filter((t) => (rt.tasks.get(t)?.targets.length ?? 0) > 0);
  for (const task of fresh) {
    if (registered.includes(task)) continue;
    world.scheduler.after(TIMING.deactivateNoLb, () => finishStopping(rt, srt, task));
  }
  if (registered.length === 0) return;
  world.scheduler.after(TIMING.deregisterAfter, () => deregisterBatch(rt, srt, registered));
}

function deregisterBatch(rt: EngineRuntime, srt: ServiceRuntime, tasks: readonly TaskRec[]) {
  const { scope, service } = srt;
  const byGroup = new Map<string, number>();
  const byOwner = new Map<string, number>();
  for (const task of tasks) {
    for (const t of rt.tasks.get(task)!.targets) {
      byGroup.set(t.targetGroupArn, (byGroup.get(t.targetGroupArn) ?? 0) + 1);
    }
    const owner = task.ownerId ?? task.startedBy ?? '';
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
  }
  for (const [tg, n] of byGroup) {
    addServiceEvent(scope, service, eventText.deregisteredTargets(service.name, n, tg));
  }
  // the draining event names the deployment (task set) that owns the tasks, B.4
  for (const [owner, n] of byOwner) {
    addServiceEvent(scope, service, eventText.drainingConnections(service.name, owner, n));
  }
  for (const task of tasks) {
    const trt = rt.tasks.get(task)!;
    let left = trt.targets.length;
    for (const t of trt.targets.splice(0)) {
      const key = targetKey(trt.region, t.targetGroupArn, task.privateIp, t.port);
      const drained = () => {
        if (rt.targetOwners.get(key) === task) rt.targetOwners.delete(key);
        if (--left === 0) finishStopping(rt, srt, task);
      };
      try {
        deregisterTarget(
          rt.world,
          trt.region,
          t.targetGroupArn,
          { id: task.privateIp, port: t.port },
          drained,
        );
      } catch {
        // the target group was deleted meanwhile: nothing to drain
        rt.world.scheduler.after(0, drained);
      }
    }
  }
}

/** Drained (or nothing to drain): STOPPING, DEPROVISIONING, STOPPED. */
function finishStopping(rt: EngineRuntime, srt: ServiceRuntime, task: TaskRec): void {
  const { world } = rt;
  if (task.lastStatus !== 'DEACTIVATING') return;
  setTaskStatus(task, 'STOPPING', world.now);
  // past draining the task no longer holds its deployment: completion may follow (B.4)
  rt.reconcile(srt);
  world.scheduler.after(draw(world.rng, TIMING.stopping), () => {
    setTaskStatus(task, 'DEPROVISIONING', world.now);
    world.scheduler.after(TIMING.deprovision, () => {
      setTaskStatus(task, 'STOPPED', world.now);
      taskGone(rt, srt, task);
    });
  });
}

/** A task reached STOPPED: forget its IP, wake the controller, finish a service deletion. */
export function taskGone(rt: EngineRuntime, srt: ServiceRuntime, task: TaskRec): void {
  const trt = rt.tasks.get(task);
  const region = trt?.region ?? srt.scope.region;
  const ipKey = `${region}|${task.privateIp}`;
  if (rt.ipOwners.get(ipKey) === task) rt.ipOwners.delete(ipKey);
  if (srt.service.status === 'DRAINING') {
    if (finishServiceDeletion(srt.service)) rt.services.delete(srt.service.arn);
    return;
  }
  rt.reconcile(srt);
}
