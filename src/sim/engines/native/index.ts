/**
 * The ECS-native deployment engine: BLUE_GREEN, LINEAR and CANARY services (deployment
 * controller ECS, aws-semantics C). It carries out what UpdateService / CreateService,
 * StopServiceDeployment and ContinueServiceDeployment asked for (the ECS hooks), over
 * simulated time: stages.ts has the lifecycle, hooks.ts the lifecycle hooks, lanes.ts the
 * target groups and listener-rule weights, scale.ts the tasks, failure.ts rollback and stop.
 *
 * It shares the rolling engine's runtime: the task lifecycle wakes services through
 * `rt.reconcile`, which this engine wraps so native services come here (the rolling
 * controller leaves non-ROLLING strategies alone), and the circuit breaker hands native
 * failures over through `rt.nativeFailure`.
 */
import { setServiceDeploymentStatus } from '../../services/ecs/deployments';
import { onEcs } from '../../services/ecs/hooks';
import type { ServiceDeploymentRec } from '../../services/ecs/types';
import { serviceRuntime, type EngineRuntime, type ServiceRuntime } from '../runtime';
import { draw, TIMING } from '../timings';
import { closePendingHooks, nativeFailure, rollBack, stopHere } from './failure';
import { decideHook } from './hooks';
import { planLanes, resolveGreenRevision } from './lanes';
import {
  later,
  nativeStrategyOf,
  runOfServiceDeployment,
  runsOf,
  trafficSteps,
  type Run,
} from './model';
import { adoptTasks, liveGroups } from './scale';
import { beginRun, tickService } from './stages';

/** Installs the engine on a runtime the engines index created; returns its uninstaller. */
export function installNativeEngine(rt: EngineRuntime): () => void {
  const { world } = rt;
  let live = true;
  const runs = runsOf(rt);
  const owns = (srt: ServiceRuntime) =>
    nativeStrategyOf(srt.service) !== undefined ||
    (runs.get(srt.service.arn)?.phase ?? 'over') !== 'over';

  const base = rt.reconcile;
  const queued = new WeakSet<ServiceRuntime>();
  rt.reconcile = (srt) => {
    if (!owns(srt)) {
      base(srt);
      return;
    }
    if (!live || queued.has(srt)) return;
    queued.add(srt);
    world.scheduler.after(0, () => {
      queued.delete(srt);
      if (live) tickService(rt, srt);
    });
  };
  rt.nativeFailure = (srt, deployment, why, alarms) =>
    live && nativeFailure(rt, srt, deployment, why, alarms);

  const offs = [
    onEcs(world, 'deploymentCreated', (e) => {
      const strategy = nativeStrategyOf(e.service);
      if (!strategy || e.cause === 'rollback') return;
      const srt = serviceRuntime(rt, e.service);
      const old = runs.get(e.service.arn);
      if (old && old.phase !== 'over') {
        // superseded by this deployment: createDeployment already marked it STOPPED
        old.gen++;
        closePendingHooks(old);
        old.phase = 'over';
      }
      const blue = e.previous.find((d) => d.rolloutState === 'COMPLETED');
      const lanes = planLanes(rt, srt, blue);
      const sd = e.serviceDeployment;
      const run: Run = {
        rt,
        srt,
        sd,
        green: e.deployment,
        ...(blue ? { blue } : {}),
        strays: e.previous.filter((d) => d !== blue),
        lanes,
        strategy,
        config: sd.deploymentConfiguration,
        steps: trafficSteps(strategy, sd.deploymentConfiguration),
        step: 0,
        phase: 'running',
        gen: 0,
      };
      runs.set(e.service.arn, run);
      if (blue) adoptTasks(rt, srt, blue, liveGroups(lanes));
      resolveGreenRevision(
        run,
        srt.scope.ecs.serviceRevisions.get(e.deployment.serviceRevisionArn),
      );
      later(run, draw(world.rng, TIMING.react), () => beginRun(run));
    }),
    onEcs(world, 'stopRequested', (e) => {
      const run = runOfServiceDeployment(rt, e.serviceDeployment);
      if (!run && !nativeStrategyOf(e.service)) return;
      world.scheduler.after(TIMING.stopReaction, () => {
        if (live) onStop(rt, e.serviceDeployment, e.stopType);
      });
    }),
    onEcs(world, 'continueRequested', (e) => {
      const run = runOfServiceDeployment(rt, e.serviceDeployment);
      if (!run) return;
      world.scheduler.after(TIMING.stopReaction, () => {
        if (live) decideHook(run, e.hook, e.action);
      });
    }),
    onEcs(world, 'desiredCountChanged', (e) => {
      if (nativeStrategyOf(e.service)) rt.reconcile(serviceRuntime(rt, e.service));
    }),
    onEcs(world, 'serviceDeleted', (e) => {
      const run = runs.get(e.service.arn);
      if (!run) return;
      run.gen++;
      run.phase = 'over';
      runs.delete(e.service.arn);
    }),
  ];
  return () => {
    live = false;
    for (const off of offs) off();
    rt.reconcile = base;
    delete rt.nativeFailure;
  };
}

/** StopServiceDeployment reached the engine (the handler moved the status already). */
function onStop(rt: EngineRuntime, sd: ServiceDeploymentRec, stopType: 'ROLLBACK' | 'ABORT') {
  if (sd.status !== 'ROLLBACK_REQUESTED' && sd.status !== 'STOP_REQUESTED') return;
  const run = runOfServiceDeployment(rt, sd);
  if (!run || run.phase === 'over' || run.phase === 'rolling-back') {
    // nothing of ours is driving it (the simulator restarted, or a scenario's record)
    setServiceDeploymentStatus(
      sd,
      stopType === 'ROLLBACK' ? 'ROLLBACK_FAILED' : 'STOPPED',
      rt.world.now,
      'The service deployment is not running.',
    );
    return;
  }
  if (stopType === 'ROLLBACK') rollBack(run, { kind: 'user' });
  else stopHere(run, { kind: 'user' }, 'Service deployment stopped by request.');
}
