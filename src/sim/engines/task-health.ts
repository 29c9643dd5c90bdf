/**
 * Task health as the ECS scheduler sees it (aws-semantics B.3, B.8, E.3, E.4):
 * - RUNNING tasks register in their service's target groups (one "registered N targets"
 *   event per group for tasks that came up together) and the ELB health engine checks them
 *   with a probe that follows the image behaviour ('fail-health-check' answers 502,
 *   'slow-start' times out until it is ready);
 * - container health checks turn HEALTHY after one interval, or UNHEALTHY after
 *   startPeriod + interval x retries for an image that fails them;
 * - an unhealthy target or container, once the service's healthCheckGracePeriodSeconds since
 *   the task started are over, gets the AWS event and marks the task for replacement
 *   (circuit-breaker stage 2). The controller starts the replacement and stops the task.
 */
import { SimError } from '../core/errors';
import { addServiceEvent, eventText, stoppedReasonText } from '../services/ecs/events';
import { taskDefinitionByArn } from '../services/ecs/state';
import { setTaskHealth } from '../services/ecs/tasks';
import type { ServiceRec, TaskRec } from '../services/ecs/types';
import { elbState } from '../services/elbv2/model';
import {
  registerTarget,
  setTargetProbe,
  targetHealth,
  type HealthProbe,
  type TargetHealthChange,
} from '../services/elbv2/targets';
import { recordFailure } from './circuit-breaker';
import {
  serviceRuntime,
  serviceTargetGroups,
  targetKey,
  type EngineRuntime,
  type ServiceRuntime,
  type TaskRuntime,
} from './runtime';
import { TIMING } from './timings';

/** What the load balancer's health check gets from a task, by image behaviour. */
function probeFor(rt: EngineRuntime, task: TaskRec, trt: TaskRuntime): HealthProbe | undefined {
  const { world } = rt;
  if (trt.behaviour === 'fail-health-check') return () => 'fail';
  if (trt.behaviour === 'slow-start') {
    const readyAt = (task.startedAt ?? world.now) + TIMING.slowStart;
    return () => (world.now < readyAt ? 'timeout' : 'ok');
  }
  // no probe: the target passes, and checks stop once it is healthy (cheap at scale)
  return undefined;
}

/** Queues a task that just reached RUNNING for the next registration batch. */
export function queueRegistration(rt: EngineRuntime, srt: ServiceRuntime, task: TaskRec): void {
  if (registrationGroups(rt, srt, task).length === 0) return;
  srt.registerQueue.push(task);
  if (srt.registerQueue.length === 1) {
    rt.world.scheduler.after(TIMING.registerWindow, () => flushRegistrations(rt, srt));
  }
}

/** Where a task registers: its service's groups, or the ones the native engine chose. */
function registrationGroups(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  task: TaskRec,
): { targetGroupArn: string; port: number }[] {
  return rt.tasks.get(task)?.registerInto ?? serviceTargetGroups(srt.service);
}

function flushRegistrations(rt: EngineRuntime, srt: ServiceRuntime): void {
  const { scope, service } = srt;
  const tasks = srt.registerQueue
    .splice(0)
    .filter((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING');
  // group by group, as ECS writes one event per target group
  const groups = new Map<string, { targetGroupArn: string; port: number }>();
  for (const task of tasks) {
    for (const tg of registrationGroups(rt, srt, task)) groups.set(tg.targetGroupArn, tg);
  }
  for (const tg of groups.values()) {
    let n = 0;
    for (const task of tasks) {
      const mine = registrationGroups(rt, srt, task).some(
        (g) => g.targetGroupArn === tg.targetGroupArn,
      );
      if (mine && registerTaskTarget(rt, task, tg)) n++;
    }
    if (n > 0) {
      addServiceEvent(
        scope,
        service,
        eventText.registeredTargets(service.name, n, tg.targetGroupArn),
      );
    }
  }
  rt.reconcile(srt);
}

/** Registers one task in one group; false when the group no longer exists. */
export function registerTaskTarget(
  rt: EngineRuntime,
  task: TaskRec,
  tg: { targetGroupArn: string; port: number },
  initiallyHealthy = false,
): boolean {
  const trt = rt.tasks.get(task);
  if (!trt) return false;
  const { world } = rt;
  const target = { id: task.privateIp, port: tg.port, availabilityZone: task.availabilityZone };
  try {
    registerTarget(
      world,
      trt.region,
      tg.targetGroupArn,
      target,
      probeFor(rt, task, trt),
      initiallyHealthy ? { initiallyHealthy: true } : {},
    );
  } catch (error) {
    if (error instanceof SimError) return false;
    throw error;
  }
  trt.targets.push({ targetGroupArn: tg.targetGroupArn, port: tg.port });
  rt.targetOwners.set(targetKey(trt.region, tg.targetGroupArn, task.privateIp, tg.port), task);
  if (trt.behaviour === 'slow-start' && !initiallyHealthy) {
    // once ready the app keeps answering: drop the probe so checks can stop when healthy
    const readyIn = (task.startedAt ?? world.now) + TIMING.slowStart - world.now;
    world.scheduler.after(Math.max(0, readyIn), () => {
      if (task.desiredStatus !== 'RUNNING') return;
      setTargetProbe(world, trt.region, tg.targetGroupArn, target, undefined);
    });
  }
  return true;
}

/** Container health checks of a task that just reached RUNNING, on the scheduler. */
export function startContainerHealth(rt: EngineRuntime, srt: ServiceRuntime, task: TaskRec): void {
  const trt = rt.tasks.get(task);
  const td = taskDefinitionByArn(srt.scope.ecs, task.taskDefinitionArn);
  if (!trt || !td) return;
  const { world } = rt;
  for (const c of task.containers) {
    const hc = c.hasHealthCheck
      ? td.containerDefinitions.find((d) => d.name === c.name)?.healthCheck
      : undefined;
    if (!hc) continue;
    const interval = (hc.interval ?? 30) * 1000;
    const running = () => task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING';
    if (trt.behaviour === 'fail-health-check') {
      const after = (hc.startPeriod ?? 0) * 1000 + interval * (hc.retries ?? 3);
      world.scheduler.after(after, () => {
        if (!running()) return;
        setTaskHealth(task, 'UNHEALTHY', c.name);
        judgeUnhealthy(rt, srt, task, { kind: 'container' });
      });
      continue;
    }
    const after = trt.behaviour === 'slow-start' ? Math.max(interval, TIMING.slowStart) : interval;
    world.scheduler.after(after, () => {
      if (!running()) return;
      setTaskHealth(task, 'HEALTHY', c.name);
      rt.reconcile(srt);
    });
  }
}

type Failure =
  { kind: 'container' } | { kind: 'elb'; targetGroupArn: string; port: number; reason: string };

/**
 * A failed ELB or container check. Inside the grace period ECS ignores it and looks again
 * when the period ends (B.3); after it, the event, the replacement mark and a stage-2
 * failure for the circuit breaker.
 */
export function judgeUnhealthy(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  task: TaskRec,
  failure: Failure,
): void {
  const trt = rt.tasks.get(task);
  if (!trt || trt.replace || task.desiredStatus !== 'RUNNING') return;
  const { world } = rt;
  const { scope, service } = srt;
  const graceEnd = (task.startedAt ?? world.now) + service.healthCheckGracePeriodSeconds * 1000;
  if (world.now < graceEnd) {
    world.scheduler.after(graceEnd - world.now, () => {
      if (stillUnhealthy(rt, task, trt, failure)) judgeUnhealthy(rt, srt, task, failure);
    });
    return;
  }
  if (failure.kind === 'elb') {
    addServiceEvent(
      scope,
      service,
      eventText.unhealthyInTargetGroup(
        service.name,
        task.id,
        failure.port,
        failure.targetGroupArn,
        failure.reason,
      ),
    );
    trt.replace = { stoppedReason: stoppedReasonText.elbHealth(failure.targetGroupArn) };
  } else {
    addServiceEvent(scope, service, eventText.failedContainerHealthChecks(service.name, task.id));
    trt.replace = { stoppedReason: stoppedReasonText.containerHealth() };
  }
  srt.replacedUnhealthy++;
  recordFailure(rt, srt, task);
  rt.reconcile(srt);
}

function stillUnhealthy(
  rt: EngineRuntime,
  task: TaskRec,
  trt: TaskRuntime,
  failure: Failure,
): boolean {
  if (failure.kind === 'container') return task.healthStatus === 'UNHEALTHY';
  const view = safeTargetHealth(
    rt,
    trt.region,
    failure.targetGroupArn,
    task.privateIp,
    failure.port,
  );
  return view?.state === 'unhealthy';
}

function safeTargetHealth(
  rt: EngineRuntime,
  region: string,
  targetGroupArn: string,
  ip: string,
  port: number,
) {
  if (!elbState(rt.world, region).targetGroups.has(targetGroupArn)) return undefined;
  return targetHealth(rt.world, region, targetGroupArn, { id: ip, port });
}

/** Health changes of targets the engine registered: judge failures, wake the controller. */
export function onTargetChange(rt: EngineRuntime, change: TargetHealthChange): void {
  const key = targetKey(change.region, change.targetGroupArn, change.target.id, change.target.port);
  const task = rt.targetOwners.get(key);
  const trt = task && rt.tasks.get(task);
  if (!task || !trt || change.removed) return;
  const srt = serviceRuntime(rt, trt.service);
  if (change.current.state === 'unhealthy') {
    judgeUnhealthy(rt, srt, task, {
      kind: 'elb',
      targetGroupArn: change.targetGroupArn,
      port: change.target.port,
      reason: change.current.description ?? change.current.reason ?? 'Health checks failed',
    });
  }
  rt.reconcile(srt);
}

/**
 * Whether a task counts toward minimumHealthyPercent (B.3): RUNNING and meant to run, and
 * healthy in every target group (a group no load balancer uses runs no checks and cannot
 * vouch either way, so it does not hold the task back) and in its container checks; with
 * neither, 40 s after it started. Tasks the engine did not start (a scenario's steady ones)
 * count as healthy while RUNNING.
 */
export function isTaskHealthy(rt: EngineRuntime, service: ServiceRec, task: TaskRec): boolean {
  if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') return false;
  const trt = rt.tasks.get(task);
  if (!trt) return true;
  if (trt.replace) return false;
  const checked = task.containers.some((c) => c.essential && c.hasHealthCheck);
  const groups = serviceTargetGroups(service);
  if (groups.length > 0) {
    for (const tg of groups) {
      if (!elbState(rt.world, trt.region).targetGroups.has(tg.targetGroupArn)) continue;
      if (!trt.targets.some((t) => t.targetGroupArn === tg.targetGroupArn)) return false;
      const view = safeTargetHealth(rt, trt.region, tg.targetGroupArn, task.privateIp, tg.port);
      if (view && view.state !== 'healthy' && view.reason !== 'Target.NotInUse') return false;
    }
    return !checked || task.healthStatus === 'HEALTHY';
  }
  if (checked) return task.healthStatus === 'HEALTHY';
  return rt.world.now >= (task.startedAt ?? rt.world.now) + TIMING.healthyWithoutChecks;
}
