import { deregisterTarget } from '../../services/elbv2/targets';
import { addServiceEvent, eventText, stoppedReasonText } from '../../services/ecs/events';
import { removeTaskSet, setTaskSetStability } from '../../services/ecs/task-sets';
import { setTaskStatus, stopTask } from '../../services/ecs/tasks';
import type { TaskRec } from '../../services/ecs/types';
import type { World } from '../../world/world';
import type { TaskSetTarget } from './task-runner';

const STOP_AFTER_DRAIN_MS = 2_000;

/** The target of a task in a target group: its private IP and the container port. */
export const targetOf = (task: TaskRec, port: number) => ({
  id: task.privateIp,
  port,
  availabilityZone: task.availabilityZone,
});

/** Once its target is gone the task shuts down: STOPPED a moment later. */
export function stopAfterDrain(world: World, task: TaskRec, then: () => void): void {
  world.scheduler.after(STOP_AFTER_DRAIN_MS, () => {
    if (task.lastStatus !== 'STOPPED') setTaskStatus(task, 'STOPPED', world.now);
    then();
  });
}

/**
 * DeleteTaskSet: the set goes DRAINING at scale 0, its targets (in the target group of its own
 * load balancer entry) drain for the group's deregistration delay, its tasks stop, and then it
 * leaves `taskSets[]`.
 */
export function drainTaskSet(
  t: Omit<TaskSetTarget, 'targetGroupArn' | 'containerPort'>,
  onChange: () => void,
  onGone?: () => void,
): void {
  const { world, region, scope, service, set } = t;
  if (set.status === 'DRAINING') return;
  const lb = set.loadBalancers.find((l) => l.targetGroupArn && l.containerPort !== undefined);
  set.status = 'DRAINING';
  set.scale = { value: 0, unit: 'PERCENT' };
  set.updatedAt = world.now;
  setTaskSetStability(set, 'STABILIZING', world.now);
  const tasks = [...service.tasks.values()].filter(
    (task) => task.ownerId === set.id && task.desiredStatus !== 'STOPPED',
  );
  addServiceEvent(
    scope,
    service,
    eventText.drainingConnections(service.name, set.id, tasks.length),
  );
  let left = tasks.length;
  const done = () => {
    if (--left > 0) return;
    removeTaskSet(service, set);
    onChange();
    onGone?.();
  };
  if (tasks.length === 0) {
    left = 1;
    world.scheduler.after(0, done);
  }
  for (const task of tasks) {
    stopTask(
      task,
      { stopCode: 'ServiceSchedulerInitiated', stoppedReason: stoppedReasonText.scaling(set.id) },
      world.now,
    );
    const drained = () =>
      stopAfterDrain(world, task, () => {
        onChange();
        done();
      });
    if (lb)
      deregisterTarget(
        world,
        region,
        lb.targetGroupArn!,
        targetOf(task, lb.containerPort!),
        drained,
      );
    else drained();
  }
  if (lb && tasks.length > 0) {
    addServiceEvent(
      scope,
      service,
      eventText.deregisteredTargets(service.name, tasks.length, lb.targetGroupArn!),
    );
  }
  onChange();
}
