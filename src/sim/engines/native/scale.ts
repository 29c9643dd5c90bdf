/**
 * Tasks of an ECS-native deployment, through the shared task lifecycle (task-lifecycle.ts,
 * task-stop.ts): launches at the same pace and with the same image behaviours as a rolling
 * deployment, registration in the lane's group (green into the group that is not live,
 * aws-semantics C.2 SCALE_UP), ELB and container health, stop with deregistration and
 * draining. Unhealthy tasks are replaced and count for the circuit breaker (B.5: it applies
 * to these strategies too).
 */
import { stoppedReasonText } from '../../services/ecs/events';
import type { DeploymentRec, ServiceRec, TaskRec } from '../../services/ecs/types';
import { elbState } from '../../services/elbv2/model';
import { targetHealth } from '../../services/elbv2/targets';
import { onHealthyTask } from '../circuit-breaker';
import { holdsDeployment, type EngineRuntime, type ServiceRuntime } from '../runtime';
import { registerTaskTarget } from '../task-health';
import { behaviourOfTask, launchTasks } from '../task-lifecycle';
import { stopServiceTasks } from '../task-stop';
import { TIMING } from '../timings';
import type { Lane } from './model';

export type Group = { targetGroupArn: string; port: number };

export function liveGroups(lanes: readonly Lane[]): Group[] {
  return lanes.map((l) => ({ targetGroupArn: l.liveTg, port: l.port }));
}

export function greenGroups(lanes: readonly Lane[]): Group[] {
  return lanes.map((l) => ({ targetGroupArn: l.greenTg, port: l.port }));
}

/** Tasks of a deployment that are meant to run and have not stopped. */
export function tasksOf(service: ServiceRec, deployment: DeploymentRec): TaskRec[] {
  return [...service.tasks.values()].filter(
    (t) =>
      t.ownerId === deployment.id && t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED',
  );
}

/** None of the deployment's tasks is up or draining any more (B.4: it leaves the array). */
export function deploymentGone(service: ServiceRec, deployment: DeploymentRec): boolean {
  for (const t of service.tasks.values()) {
    if (t.ownerId === deployment.id && holdsDeployment(t)) return false;
  }
  return true;
}

/**
 * Healthy for the scheduler (B.3): RUNNING, registered and `healthy` in every group (a group
 * no rule forwards to runs no checks and does not hold it back), container checks HEALTHY;
 * without either, 40 s after it started. Tasks a scenario built (not the engine's) count as
 * healthy while RUNNING.
 */
export function healthyIn(rt: EngineRuntime, task: TaskRec, groups: readonly Group[]): boolean {
  if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') return false;
  const trt = rt.tasks.get(task);
  if (!trt) return true;
  if (trt.replace) return false;
  const checked = task.containers.some((c) => c.essential && c.hasHealthCheck);
  if (checked && task.healthStatus !== 'HEALTHY') return false;
  if (groups.length === 0) {
    return (
      checked || rt.world.now >= (task.startedAt ?? rt.world.now) + TIMING.healthyWithoutChecks
    );
  }
  for (const g of groups) {
    if (!elbState(rt.world, trt.region).targetGroups.has(g.targetGroupArn)) continue;
    if (!trt.targets.some((t) => t.targetGroupArn === g.targetGroupArn)) return false;
    const view = targetHealth(rt.world, trt.region, g.targetGroupArn, {
      id: task.privateIp,
      port: g.port,
    });
    if (view.state !== 'healthy' && view.reason !== 'Target.NotInUse') return false;
  }
  return true;
}

/** Healthy tasks of a deployment; each one resets the breaker's count once (B.5). */
export function readyCount(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  deployment: DeploymentRec,
  groups: readonly Group[],
): number {
  let n = 0;
  for (const t of tasksOf(srt.service, deployment)) {
    if (!healthyIn(rt, t, groups)) continue;
    onHealthyTask(rt, srt, t);
    n++;
  }
  return n;
}

/**
 * Keeps a deployment at `count` tasks in `groups`: tasks marked by a failed health check
 * stop and are replaced, missing ones launch (unless the start throttle holds them back, B.4),
 * extra ones stop (least useful first).
 */
export function keepAt(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  deployment: DeploymentRec,
  count: number,
  groups: readonly Group[],
): void {
  const { world } = rt;
  deployment.desiredCount = count;
  const tasks = tasksOf(srt.service, deployment);
  const replace = tasks.filter((t) => rt.tasks.get(t)?.replace);
  const kept = tasks.filter((t) => !replace.includes(t));
  const scaling = stoppedReasonText.scaling(deployment.id);
  if (replace.length > 0) {
    stopServiceTasks(
      rt,
      srt,
      replace,
      (t) => ({
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: rt.tasks.get(t)?.replace?.stoppedReason ?? scaling,
      }),
      false,
    );
  }
  if (kept.length > count) {
    const extra = [...kept]
      .sort(
        (a, b) =>
          Number(healthyIn(rt, a, groups)) - Number(healthyIn(rt, b, groups)) ||
          b.createdAt - a.createdAt,
      )
      .slice(0, kept.length - count);
    stopServiceTasks(
      rt,
      srt,
      extra,
      () => ({ stopCode: 'ServiceSchedulerInitiated', stoppedReason: scaling }),
      true,
    );
    return;
  }
  const missing = count - kept.length;
  if (missing <= 0 || deployment.rolloutState === 'FAILED') return;
  if (world.now < srt.launchNotBefore) {
    world.scheduler.at(srt.launchNotBefore, () => rt.reconcile(srt));
    return;
  }
  for (const task of launchTasks(rt, srt, deployment, missing)) {
    const trt = rt.tasks.get(task);
    if (trt) trt.registerInto = groups.map((g) => ({ ...g }));
  }
}

/** Stops every task of a deployment (CLEAN_UP of blue, green after a rollback). */
export function scaleIn(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  deployment: DeploymentRec,
  by: DeploymentRec,
): void {
  deployment.desiredCount = 0;
  deployment.updatedAt = rt.world.now;
  const reason = stoppedReasonText.scaling(by.id);
  stopServiceTasks(
    rt,
    srt,
    tasksOf(srt.service, deployment),
    () => ({ stopCode: 'ServiceSchedulerInitiated', stoppedReason: reason }),
    true,
  );
}

/**
 * Tasks a scenario built RUNNING (not launched by the engine) get their targets recorded in
 * `groups` as healthy, so a later stop deregisters and drains them like any task.
 */
export function adoptTasks(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  deployment: DeploymentRec,
  groups: readonly Group[],
): void {
  const { service, scope } = srt;
  for (const task of service.tasks.values()) {
    if (task.ownerId !== deployment.id || rt.tasks.has(task)) continue;
    if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') continue;
    rt.tasks.set(task, {
      service,
      region: scope.region,
      behaviour: behaviourOfTask(rt.world, task),
      targets: [],
      wasHealthy: true,
      registerInto: groups.map((g) => ({ ...g })),
    });
    rt.ipOwners.set(`${scope.region}|${task.privateIp}`, task);
    for (const g of groups) registerTaskTarget(rt, task, g, true);
  }
}
