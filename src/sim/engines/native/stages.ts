/**
 * The lifecycle of an ECS-native deployment, stage by stage in AWS's order (aws-semantics
 * C.2), each stage's hooks run as it begins (hooks.ts):
 *
 * RECONCILE_SERVICE (only when another revision besides blue is still live: it scales in and
 * production goes back to blue) -> PRE_SCALE_UP -> SCALE_UP (green to 100 % of desired in the
 * green group, through the shared task lifecycle; moves on once every task is healthy there)
 * -> POST_SCALE_UP -> TEST_TRAFFIC_SHIFT (test rule to green 100 %) -> POST_TEST_TRAFFIC_SHIFT
 * -> per traffic step: PRE_PRODUCTION_TRAFFIC_SHIFT, PRODUCTION_TRAFFIC_SHIFT (production rule
 * to the step's share; BLUE_GREEN one step to 100, CANARY canaryPercent then 100 after
 * canaryBakeTimeInMinutes, LINEAR stepPercent at a time with stepBakeTimeInMinutes between
 * steps, not after 100; the stage reads PRODUCTION_TRAFFIC_SHIFT while a step bakes) ->
 * POST_PRODUCTION_TRAFFIC_SHIFT -> BAKE_TIME (bakeTimeInMinutes, both revisions running) ->
 * CLEAN_UP (blue scales in; once its tasks are gone green is the only deployment, COMPLETED,
 * and the service deployment SUCCESSFUL). Deployment alarms are checked on entering every
 * stage and whenever one changes (failure.ts).
 */
import { markDeploymentCompleted, removeDeployment } from '../../services/ecs/deployments';
import type { LifecycleStage } from '../../services/ecs/types';
import type { EngineRuntime, ServiceRuntime } from '../runtime';
import { primaryDeployment } from '../../services/ecs/deployments';
import { checkAlarms, finishRollback, rollBack } from './failure';
import { runStageHooks } from './hooks';
import { planLanes, ruleProblem, shiftTraffic, type Route } from './lanes';
import { later, runsOf, stepBakeMinutes, type Run } from './model';
import {
  adoptTasks,
  deploymentGone,
  greenGroups,
  keepAt,
  liveGroups,
  readyCount,
  scaleIn,
} from './scale';

const MINUTE = 60_000;

/** Starts the first stage, once the production and test rules are usable (C.1). */
export function beginRun(run: Run): void {
  const region = run.srt.scope.region;
  for (const lane of run.lanes) {
    const problem =
      ruleProblem(run.rt, region, lane.productionRule) ??
      (lane.testRule ? ruleProblem(run.rt, region, lane.testRule) : undefined);
    if (problem) {
      rollBack(run, { kind: 'config', detail: problem });
      return;
    }
  }
  enter(run, run.strays.length > 0 ? 'RECONCILE_SERVICE' : 'PRE_SCALE_UP');
}

function setStage(run: Run, stage: LifecycleStage): void {
  run.sd.lifecycleStage = stage;
  run.sd.updatedAt = run.rt.world.now;
}

/** Moves a route; a rule that can no longer be changed fails the deployment. */
function shifted(run: Run, route: Route, greenPercent: number): boolean {
  const problem = shiftTraffic(run, route, greenPercent);
  if (problem) rollBack(run, { kind: 'config', detail: problem });
  return problem === undefined;
}

export function enter(run: Run, stage: LifecycleStage): void {
  if (run.phase !== 'running') return;
  const { rt, srt } = run;
  setStage(run, stage);
  if (checkAlarms(run)) return;
  switch (stage) {
    case 'RECONCILE_SERVICE':
      if (!shifted(run, 'production', 0) || !shifted(run, 'test', 0)) return;
      for (const stray of run.strays) scaleIn(rt, srt, stray, run.green);
      run.until = 'strays-gone';
      rt.reconcile(srt);
      return;
    case 'PRE_SCALE_UP':
      runStageHooks(run, stage, () => enter(run, 'SCALE_UP'));
      return;
    case 'SCALE_UP':
      run.until = 'green-ready';
      run.greenStarted = true;
      rt.reconcile(srt);
      return;
    case 'POST_SCALE_UP':
      runStageHooks(run, stage, () => enter(run, 'TEST_TRAFFIC_SHIFT'));
      return;
    case 'TEST_TRAFFIC_SHIFT':
      if (!shifted(run, 'test', 100)) return;
      runStageHooks(run, stage, () => enter(run, 'POST_TEST_TRAFFIC_SHIFT'));
      return;
    case 'POST_TEST_TRAFFIC_SHIFT':
      runStageHooks(run, stage, () => enter(run, 'PRE_PRODUCTION_TRAFFIC_SHIFT'));
      return;
    case 'PRE_PRODUCTION_TRAFFIC_SHIFT':
      runStageHooks(run, stage, () => enter(run, 'PRODUCTION_TRAFFIC_SHIFT'));
      return;
    case 'PRODUCTION_TRAFFIC_SHIFT':
      if (!shifted(run, 'production', run.steps[run.step] ?? 100)) return;
      runStageHooks(run, stage, () => afterStep(run));
      return;
    case 'POST_PRODUCTION_TRAFFIC_SHIFT':
      runStageHooks(run, stage, () => enter(run, 'BAKE_TIME'));
      return;
    case 'BAKE_TIME':
      later(run, (run.config.bakeTimeInMinutes ?? 0) * MINUTE, () => enter(run, 'CLEAN_UP'));
      return;
    case 'CLEAN_UP':
      run.phase = 'cleaning';
      if (run.blue) scaleIn(rt, srt, run.blue, run.green);
      for (const stray of run.strays) scaleIn(rt, srt, stray, run.green);
      rt.reconcile(srt);
      return;
  }
}

/** After a traffic step: bake, then the next step; after the last, POST_PRODUCTION (C.1). */
function afterStep(run: Run): void {
  if (run.step >= run.steps.length - 1) {
    enter(run, 'POST_PRODUCTION_TRAFFIC_SHIFT');
    return;
  }
  later(run, stepBakeMinutes(run.strategy, run.config) * MINUTE, () => {
    run.step++;
    enter(run, 'PRE_PRODUCTION_TRAFFIC_SHIFT');
  });
}

/** CLEAN_UP is over: green is the only deployment (B.4 events, C.3 SUCCESSFUL). */
function finishSuccess(run: Run): void {
  const { rt, srt, green } = run;
  if (run.blue) removeDeployment(srt.service, run.blue);
  for (const stray of run.strays) removeDeployment(srt.service, stray);
  markDeploymentCompleted(srt.scope, srt.service, green, rt.world.now);
  srt.lastCompleted = { deploymentId: green.id, revisionArn: green.serviceRevisionArn };
  run.phase = 'over';
}

/**
 * One pass over a native service, whenever something it depends on changed (a task's state
 * or health, a drained target, a desired count, an alarm, a stage that waits for tasks).
 */
export function tickService(rt: EngineRuntime, srt: ServiceRuntime): void {
  const { service } = srt;
  if (service.status !== 'ACTIVE') return;
  const run = runsOf(rt).get(service.arn);
  if (!run || run.phase === 'over') {
    steady(rt, srt);
    return;
  }
  if (checkAlarms(run)) return;
  const desired = service.desiredCount;
  const green = greenGroups(run.lanes);
  switch (run.phase) {
    case 'running': {
      if (run.greenStarted) keepAt(rt, srt, run.green, desired, green);
      const ready = readyCount(rt, srt, run.green, green);
      if (run.until === 'green-ready' && ready >= desired) {
        run.until = undefined;
        enter(run, 'POST_SCALE_UP');
      } else if (
        run.until === 'strays-gone' &&
        run.strays.every((d) => deploymentGone(service, d))
      ) {
        run.until = undefined;
        for (const stray of run.strays) removeDeployment(service, stray);
        runStageHooks(run, 'RECONCILE_SERVICE', () => enter(run, 'PRE_SCALE_UP'));
      }
      return;
    }
    case 'cleaning':
      keepAt(rt, srt, run.green, desired, green);
      readyCount(rt, srt, run.green, green);
      if (
        (!run.blue || deploymentGone(service, run.blue)) &&
        run.strays.every((d) => deploymentGone(service, d))
      ) {
        finishSuccess(run);
      }
      return;
    case 'rolling-back': {
      if (!run.blue) return;
      const live = liveGroups(run.lanes);
      keepAt(rt, srt, run.blue, desired, live);
      const ready = readyCount(rt, srt, run.blue, live);
      if (deploymentGone(service, run.green) && ready >= desired) finishRollback(run);
      return;
    }
  }
}

/** No deployment running: the PRIMARY keeps its desired count in the live groups. */
function steady(rt: EngineRuntime, srt: ServiceRuntime): void {
  const primary = primaryDeployment(srt.service);
  // a deployment stopped where it stands (ABORT) launches nothing more
  if (!primary || primary.rolloutState === 'FAILED') return;
  const groups = liveGroups(planLanes(rt, srt, primary));
  adoptTasks(rt, srt, primary, groups);
  keepAt(rt, srt, primary, srt.service.desiredCount, groups);
  readyCount(rt, srt, primary, groups);
}
