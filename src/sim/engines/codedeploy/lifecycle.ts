/**
 * The timeline of one ECS blue/green deployment (aws-semantics D.3-D.5), on simulated time:
 *
 * - +1 s: Created -> InProgress; the events run in order. A hooked event (BeforeInstall,
 *   AfterInstall, AfterAllowTestTraffic, BeforeAllowTraffic, AfterAllowTraffic) takes 3 s
 *   (the sim has no Lambda: hooks succeed), an unhooked one 1 s.
 * - Install: the replacement (green) task set, scale 100 %, externalId = deployment id,
 *   startedBy CODE_DEPLOY, on the other target group of the pair; done when every task is
 *   RUNNING and healthy there (about 35-60 s with the usual health checks).
 * - AllowTestTraffic: the test listener forwards to green (2 s; no test listener: 1 s).
 * - Ready wait, when the group's ready option waits (waitTimeInMinutes > 0): status and target
 *   Ready until ContinueDeployment READY_WAIT, or the wait ends: CONTINUE_DEPLOYMENT goes on,
 *   STOP_DEPLOYMENT stops the deployment (D.6).
 * - AllowTraffic: production weights move per the deployment config (trafficSteps: all at
 *   once; canary 10 % then the rest after the interval; linear 10 % per interval), then green
 *   becomes PRIMARY and blue ACTIVE (UpdateServicePrimaryTaskSet), 1 s after the last step.
 * - After AfterAllowTraffic: TERMINATE keeps blue for terminationWaitTimeInMinutes
 *   (instanceTerminationWaitTimeStarted = true, status still InProgress: unverified), then
 *   deletes it (DRAINING, then gone) and the deployment is Succeeded. KEEP_ALIVE: Succeeded at
 *   once and blue stays.
 */
import { findDeploymentConfig, trafficSteps } from '../../services/codedeploy/configs';
import {
  setDeploymentStatus,
  setLifecycleEvent,
  setTargetStatus,
  updateDeployment,
} from '../../services/codedeploy/deployments';
import { ECS_LIFECYCLE_EVENTS, type LifecycleEventName } from '../../services/codedeploy/state';
import { createTaskSet, setPrimaryTaskSet } from '../../services/ecs/task-sets';
import { failRun, readyWaitTimedOut, stopIfAlarming } from './finish';
import { resolveResources } from './resources';
import { guard, later, MINUTE, SECOND, type Run } from './run';
import { syncTaskSets } from './sync';
import { runTaskSet } from './task-runner';
import { drainTaskSet } from './task-set-drain';
import { attachGreen, pointListenerAt, setProductionWeights } from './traffic';

const START_MS = SECOND;
const HOOK_MS = 3 * SECOND;
const STEP_MS = SECOND;
const TEST_TRAFFIC_MS = 2 * SECOND;
/** Replacement tasks that may fail before the deployment gives up (like the circuit breaker's minimum). */
export const MAX_TASK_FAILURES = 3;

export function beginRun(run: Run): void {
  later(run, START_MS, () => {
    run.phase = 'events';
    setDeploymentStatus(run.world, run.region, run.rec.id, 'InProgress');
    setTargetStatus(run.world, run.region, run.rec.id, 'InProgress');
    runEvent(run, 'BeforeInstall');
  });
}

function runEvent(run: Run, name: LifecycleEventName): void {
  if (stopIfAlarming(run)) return;
  setLifecycleEvent(run.world, run.region, run.rec.id, name, 'InProgress');
  switch (name) {
    case 'Install':
      return install(run);
    case 'AllowTestTraffic':
      return allowTestTraffic(run);
    case 'AllowTraffic':
      return allowTraffic(run);
    case 'BeforeInstall':
    case 'AfterInstall':
    case 'AfterAllowTestTraffic':
    case 'BeforeAllowTraffic':
    case 'AfterAllowTraffic':
      later(run, run.spec.hooks[name] ? HOOK_MS : STEP_MS, () => finishEvent(run, name));
  }
}

function finishEvent(run: Run, name: LifecycleEventName): void {
  setLifecycleEvent(run.world, run.region, run.rec.id, name, 'Succeeded');
  if (name === 'AfterAllowTestTraffic') return readyGate(run);
  if (name === 'AfterAllowTraffic') return terminationWait(run);
  runEvent(run, ECS_LIFECYCLE_EVENTS[ECS_LIFECYCLE_EVENTS.indexOf(name) + 1]!);
}

function install(run: Run): void {
  const resolved = resolveResources(run);
  if (!resolved.ok) return failRun(run, resolved.code, resolved.message);
  const res = (run.res = resolved.res);
  const { world, region } = run;
  // a replacement set left behind by a stopped deployment goes first
  for (const stale of res.service.taskSets.filter((s) => s.status === 'ACTIVE')) {
    drainTaskSet({ world, region, scope: res.scope, service: res.service, set: stale }, () =>
      syncTaskSets(run),
    );
  }
  attachGreen(
    world,
    region,
    res.prodListenerArn,
    res.blue.targetGroupArn,
    res.green.targetGroupArn,
  );
  const green = createTaskSet(res.scope, res.service, {
    taskDefinition: res.taskDefinition,
    scalePercent: 100,
    externalId: run.rec.id,
    startedBy: 'CODE_DEPLOY',
    loadBalancers: [
      {
        targetGroupArn: res.green.targetGroupArn,
        containerName: run.spec.containerName,
        containerPort: run.spec.containerPort,
      },
    ],
    // this engine drives the set's tasks; the ECS engine must not start a second batch
    notify: false,
  });
  res.green.set = green;
  const gen = run.gen;
  run.stopRunner = runTaskSet({
    world,
    region,
    scope: res.scope,
    service: res.service,
    set: green,
    taskDefinition: res.taskDefinition,
    targetGroupArn: res.green.targetGroupArn,
    containerPort: run.spec.containerPort,
    onChange: () => syncTaskSets(run),
    onStable: () => {
      if (run.gen === gen && run.phase === 'events') guard(run, () => finishEvent(run, 'Install'));
    },
    onFailure: (reason) =>
      guard(run, () => {
        if (run.phase === 'finished') return;
        run.failures++;
        if (run.failures < MAX_TASK_FAILURES) return;
        failRun(
          run,
          'HEALTH_CONSTRAINTS',
          `The deployment failed because ${run.failures} tasks of the replacement task set ${green.id} failed to start or failed health checks. Last stop reason: ${reason}`,
        );
      }),
  });
  syncTaskSets(run);
}

function allowTestTraffic(run: Run): void {
  const res = run.res!;
  if (!res.testListenerArn) {
    later(run, STEP_MS, () => finishEvent(run, 'AllowTestTraffic'));
    return;
  }
  pointListenerAt(run.world, run.region, res.testListenerArn, res.green.targetGroupArn);
  later(run, TEST_TRAFFIC_MS, () => finishEvent(run, 'AllowTestTraffic'));
}

function readyGate(run: Run): void {
  const bg = run.rec.blueGreen;
  const waitMs = bg.readyWaitMinutes * MINUTE;
  if (waitMs <= 0) return runEvent(run, 'BeforeAllowTraffic');
  run.phase = 'ready-wait';
  run.waitEndsAt = run.world.now + waitMs;
  setDeploymentStatus(run.world, run.region, run.rec.id, 'Ready');
  setTargetStatus(run.world, run.region, run.rec.id, 'Ready');
  later(run, waitMs, () => {
    if (run.phase !== 'ready-wait') return;
    if (bg.readyAction === 'CONTINUE_DEPLOYMENT') return reroute(run);
    readyWaitTimedOut(run, bg.readyWaitMinutes);
  });
}

/** ContinueDeployment READY_WAIT, or the end of a CONTINUE_DEPLOYMENT wait. */
export function reroute(run: Run): void {
  if (run.phase !== 'ready-wait') return;
  run.gen++;
  run.phase = 'events';
  delete run.waitEndsAt;
  setDeploymentStatus(run.world, run.region, run.rec.id, 'InProgress');
  setTargetStatus(run.world, run.region, run.rec.id, 'InProgress');
  runEvent(run, 'BeforeAllowTraffic');
}

function allowTraffic(run: Run): void {
  const config = findDeploymentConfig(run.rec.configName);
  const steps = config ? trafficSteps(config) : [100];
  const intervalMs = (config?.trafficRouting?.intervalMinutes ?? 0) * MINUTE;
  run.phase = 'shifting';
  const step = (i: number) => {
    if (i > 0 && stopIfAlarming(run)) return;
    const res = run.res!;
    run.weight = steps[i]!;
    setProductionWeights(
      run.world,
      run.region,
      res.prodListenerArn,
      res.blue.targetGroupArn,
      res.green.targetGroupArn,
      run.weight,
    );
    syncTaskSets(run);
    if (i + 1 < steps.length) return later(run, intervalMs, () => step(i + 1));
    later(run, STEP_MS, () => {
      setPrimaryTaskSet(res.service, res.green.set!, run.world.now);
      syncTaskSets(run);
      run.phase = 'events';
      finishEvent(run, 'AllowTraffic');
    });
  };
  step(0);
}

function terminationWait(run: Run): void {
  const bg = run.rec.blueGreen;
  if (bg.terminationAction === 'KEEP_ALIVE') return succeed(run);
  updateDeployment(run.world, run.region, run.rec.id, { instanceTerminationWaitTimeStarted: true });
  run.phase = 'termination-wait';
  const waitMs = bg.terminationWaitMinutes * MINUTE;
  run.waitEndsAt = run.world.now + waitMs;
  later(run, waitMs, () => endTerminationWait(run));
}

/** ContinueDeployment TERMINATION_WAIT, or the end of the wait: blue goes, and we are done. */
export function endTerminationWait(run: Run): void {
  if (run.phase !== 'termination-wait') return;
  const res = run.res!;
  drainTaskSet(
    {
      world: run.world,
      region: run.region,
      scope: res.scope,
      service: res.service,
      set: res.blue.set,
    },
    () => syncTaskSets(run),
  );
  succeed(run);
}

function succeed(run: Run): void {
  run.gen++;
  delete run.waitEndsAt;
  run.stopRunner?.();
  delete run.stopRunner;
  syncTaskSets(run, true);
  setTargetStatus(run.world, run.region, run.rec.id, 'Succeeded');
  setDeploymentStatus(run.world, run.region, run.rec.id, 'Succeeded');
  run.phase = 'finished';
}
