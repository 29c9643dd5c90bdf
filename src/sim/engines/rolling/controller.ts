/**
 * The rolling-update scheduler (deployment controller ECS, strategy ROLLING; aws-semantics
 * B.3, B.4). One pass over a service, run whenever something it depends on changed (a new
 * deployment, a task state or health change, a desired count, a drained target):
 *
 * - upper = floor(desired x maximumPercent / 100): tasks RUNNING or starting, across all
 *   deployments; lower = ceil(desired x minimumHealthyPercent / 100): healthy tasks.
 * - Old tasks that are not healthy may always stop; healthy old tasks stop only while the
 *   healthy count stays at or above `lower`. PRIMARY tasks beyond the desired count stop too.
 * - The PRIMARY then starts up to min(desired - its tasks, upper - active) tasks, unless the
 *   start throttle holds launches back or the deployment FAILED (it launches nothing more).
 * - Tasks marked by a failed health check are replaced: the replacement starts first when
 *   maximumPercent leaves room, then the unhealthy task stops (B.8, SDK maximumPercent doc).
 * - Deployments whose tasks are all gone (or past draining) leave `deployments[]`; when only
 *   the PRIMARY is left with `desired` healthy tasks the rollout completes (completion.ts).
 *
 * Examples: desired 4 at 100/200 starts 4 new tasks at once and stops old ones as new ones
 * turn healthy; at 50/100 it first stops 2 old tasks, then starts 2; desired 1 at 0/100 stops
 * the old task and starts the new one together.
 */
import { primaryDeployment, removeDeployment } from '../../services/ecs/deployments';
import { stoppedReasonText } from '../../services/ecs/events';
import type { DeploymentRec, TaskRec } from '../../services/ecs/types';
import { checkAlarms } from '../alarm-rollback';
import { onHealthyTask } from '../circuit-breaker';
import { holdsDeployment, isActiveTask, type EngineRuntime, type ServiceRuntime } from '../runtime';
import { isTaskHealthy } from '../task-health';
import { launchTasks } from '../task-lifecycle';
import { stopServiceTasks } from '../task-stop';
import { settle } from './completion';

export function reconcileService(rt: EngineRuntime, srt: ServiceRuntime): void {
  const { service } = srt;
  if (service.status !== 'ACTIVE' || service.deploymentController !== 'ECS') return;
  // ECS-native blue/green, linear and canary have their own lifecycle (C.2)
  if ((service.deploymentConfiguration.strategy ?? 'ROLLING') !== 'ROLLING') return;
  const primary = primaryDeployment(service);
  if (!primary) return;
  if (checkAlarms(rt, srt, primary)) return;

  const tasks = [...service.tasks.values()];
  dropDrainedDeployments(srt, primary, tasks);
  // a FAILED deployment launches no more tasks (B.2)
  const launch = primary.rolloutState !== 'FAILED';
  step(rt, srt, primary, tasks, launch);
  for (const d of service.deployments) {
    if (d === primary) continue;
    d.desiredCount = tasks.filter(
      (t) => t.ownerId === d.id && t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED',
    ).length;
  }
  if (launch && isSteady(rt, srt, primary)) settle(rt, srt, primary);
}

/** Old deployments leave the array once none of their tasks is up or draining (B.2, B.4). */
function dropDrainedDeployments(srt: ServiceRuntime, primary: DeploymentRec, tasks: TaskRec[]) {
  for (const d of [...srt.service.deployments]) {
    if (d === primary) continue;
    if (!tasks.some((t) => t.ownerId === d.id && holdsDeployment(t))) {
      removeDeployment(srt.service, d);
    }
  }
}

function step(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  primary: DeploymentRec,
  tasks: TaskRec[],
  launch: boolean,
): void {
  const { service } = srt;
  const { world } = rt;
  const desired = service.desiredCount;
  primary.desiredCount = desired;
  const cfg = service.deploymentConfiguration;
  const upper = Math.floor((desired * (cfg.maximumPercent ?? 200)) / 100);
  const lower = Math.ceil((desired * (cfg.minimumHealthyPercent ?? 100)) / 100);

  const healthy = new Set<TaskRec>();
  const mine: TaskRec[] = [];
  const old: TaskRec[] = [];
  const replace: TaskRec[] = [];
  let active = 0;
  for (const t of tasks) {
    if (t.desiredStatus !== 'RUNNING' || t.lastStatus === 'STOPPED') continue;
    if (isActiveTask(t)) active++;
    if (isTaskHealthy(rt, service, t)) {
      healthy.add(t);
      if (t.ownerId === primary.id) onHealthyTask(rt, srt, t);
    }
    if (rt.tasks.get(t)?.replace) replace.push(t);
    else (t.ownerId === primary.id ? mine : old).push(t);
  }

  // least useful first: not healthy, then the newest
  const byUsefulness = (a: TaskRec, b: TaskRec) =>
    Number(healthy.has(a)) - Number(healthy.has(b)) || b.createdAt - a.createdAt;
  const toStop: TaskRec[] = [];
  let healthyLeft = healthy.size;
  const stop = (t: TaskRec) => {
    toStop.push(t);
    if (healthy.has(t)) healthyLeft--;
    if (isActiveTask(t)) active--;
  };
  const kept = Math.min(mine.length, desired);
  // a FAILED deployment stays where it stopped: only unhealthy tasks go
  if (launch) {
    if (mine.length > desired) {
      [...mine]
        .sort(byUsefulness)
        .slice(0, mine.length - desired)
        .forEach(stop);
    }
    // old tasks: those not healthy first, oldest deployment first; healthy ones within `lower`
    const order = new Map(service.deployments.map((d, i) => [d.id, -i]));
    old.sort(
      (a, b) =>
        Number(healthy.has(a)) - Number(healthy.has(b)) ||
        (order.get(a.ownerId ?? '') ?? 0) - (order.get(b.ownerId ?? '') ?? 0),
    );
    for (const t of old) {
      if (!healthy.has(t) || healthyLeft - 1 >= lower) stop(t);
    }
  }
  const scaling = stoppedReasonText.scaling(primary.id);
  stopServiceTasks(
    rt,
    srt,
    toStop,
    () => ({ stopCode: 'ServiceSchedulerInitiated', stoppedReason: scaling }),
    true,
  );

  const wanted = Math.min(desired - kept, upper - active);
  if (launch && wanted > 0) {
    if (world.now >= srt.launchNotBefore) launchTasks(rt, srt, primary, wanted);
    else world.scheduler.at(srt.launchNotBefore, () => rt.reconcile(srt));
  }
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

/** Only the PRIMARY is left, with exactly `desired` healthy tasks and nothing draining. */
function isSteady(rt: EngineRuntime, srt: ServiceRuntime, primary: DeploymentRec): boolean {
  const { service } = srt;
  if (service.deployments.length !== 1) return false;
  let count = 0;
  for (const t of service.tasks.values()) {
    if (t.lastStatus === 'STOPPED') continue;
    if (t.desiredStatus !== 'RUNNING') {
      if (holdsDeployment(t)) return false;
      continue;
    }
    if (t.ownerId !== primary.id || !isTaskHealthy(rt, service, t)) return false;
    count++;
  }
  return count === service.desiredCount;
}
