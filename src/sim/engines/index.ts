/**
 * The simulator's engines on one world: the ECS rolling-deployment scheduler with task
 * lifecycle, health, circuit breaker, alarm rollback and StopServiceDeployment, plus
 * synthetic ALB traffic and metrics. `installEngines` subscribes them to the ECS hooks
 * (`deploymentCreated`, `desiredCountChanged`, `stopRequested`, `serviceDeleted`), to target
 * health and alarm changes (per region, on first use) and starts the traffic tick.
 *
 * Install before a scenario is built, so deployments the scenario starts roll out; call
 * `adoptScenario()` after it, so the scenario's steady tasks sit behind their target groups
 * (`startSimulator` does both). Worlds built after start (tests) adopt when they call it;
 * tasks never adopted count as healthy and stop without deregistration.
 */
import type { TargetHealthChange } from '../services/elbv2/targets';
import { onTargetHealthChange, setProbeResolver } from '../services/elbv2/targets';
import { onAlarmStateChange } from '../services/cloudwatch/alarms';
import { onEcs } from '../services/ecs/hooks';
import type { World } from '../world/world';
import { adoptWorld, isRollingService } from './adopt';
import { installCodeDeployEngine } from './codedeploy';
import { onAlarmChange } from './alarm-rollback';
import { installNativeEngine } from './native';
import { reconcileService } from './rolling/controller';
import { createRuntime, serviceRuntime, type EngineRuntime } from './runtime';
import { handleStopRequest } from './stop-deployment';
import { onTargetChange } from './task-health';
import { beginDeactivation, taskGone } from './task-stop';
import { draw, TIMING } from './timings';
import { startTraffic } from './traffic';

export interface Engines {
  readonly runtime: EngineRuntime;
  /** Registers scenario-built RUNNING tasks in their target groups (adopt.ts). */
  adoptScenario(): void;
  /** Unsubscribes everything and stops the traffic tick (timers already queued do nothing). */
  uninstall(): void;
}

export interface EngineOptions {
  /** Synthetic traffic and ALB metrics; default on. */
  traffic?: boolean;
}

const INSTALLED = new WeakMap<World, Engines>();

/** Installs the engines on a world once; later calls return the same handle. */
export function installEngines(world: World, opts: EngineOptions = {}): Engines {
  const existing = INSTALLED.get(world);
  if (existing) return existing;
  const rt = createRuntime(world);
  let live = true;
  rt.reconcile = (srt) => {
    if (!live || srt.reconcileQueued) return;
    srt.reconcileQueued = true;
    world.scheduler.after(0, () => {
      srt.reconcileQueued = false;
      if (live) reconcileService(rt, srt);
    });
  };
  rt.ensureRegion = (region) => {
    if (rt.regions.has(region)) return;
    rt.regions.add(region);
    rt.disposers.push(
      onTargetHealthChange(world, region, (c: TargetHealthChange) => {
        if (live) onTargetChange(rt, c);
      }),
      onAlarmStateChange(world, region, (c) => {
        if (live) onAlarmChange(rt, c);
      }),
    );
    installProbeResolver(rt, region);
  };

  const later = (fn: () => void) => world.scheduler.after(draw(world.rng, TIMING.react), fn);
  rt.disposers.push(
    onEcs(world, 'deploymentCreated', (e) => {
      if (e.service.deploymentController !== 'ECS') return;
      const srt = serviceRuntime(rt, e.service);
      // a new deployment resets the start throttle (B.4)
      srt.startFailures = 0;
      srt.launchNotBefore = 0;
      srt.throttleNoted = false;
      later(() => rt.reconcile(srt));
    }),
    onEcs(world, 'desiredCountChanged', (e) => {
      if (!isRollingService(e.service)) return;
      const srt = serviceRuntime(rt, e.service);
      later(() => rt.reconcile(srt));
    }),
    onEcs(world, 'stopRequested', (e) => {
      if (!isRollingService(e.service)) return;
      const srt = serviceRuntime(rt, e.service);
      world.scheduler.after(TIMING.stopReaction, () => {
        if (live) handleStopRequest(rt, srt, e.serviceDeployment, e.stopType);
      });
    }),
    onEcs(world, 'serviceDeleted', (e) => {
      if (e.service.deploymentController !== 'ECS') return;
      const srt = serviceRuntime(rt, e.service);
      srt.registerQueue.length = 0;
      const tasks = [...e.service.tasks.values()];
      beginDeactivation(
        rt,
        srt,
        tasks.filter((t) => t.lastStatus === 'DEACTIVATING'),
      );
      for (const t of tasks) if (t.lastStatus === 'STOPPED') taskGone(rt, srt, t);
      if (e.service.status === 'INACTIVE') rt.services.delete(e.service.arn);
    }),
  );
  rt.disposers.push(installCodeDeployEngine(world));
  rt.disposers.push(installNativeEngine(rt));
  if (opts.traffic !== false) rt.disposers.push(startTraffic(rt));

  const engines: Engines = {
    runtime: rt,
    adoptScenario: () => adoptWorld(rt),
    uninstall: () => {
      live = false;
      for (const dispose of rt.disposers.splice(0)) dispose();
      INSTALLED.delete(world);
    },
  };
  INSTALLED.set(world, engines);
  return engines;
}

/** The engines installed on a world, if any. */
export function enginesOf(world: World): Engines | undefined {
  return INSTALLED.get(world);
}

/**
 * Targets registered through the API (RegisterTargets) with the IP of a task the engine runs
 * answer health checks as that task's image does. Another resolver already installed for the
 * region is asked first.
 */
function installProbeResolver(rt: EngineRuntime, region: string): void {
  const state = rt.world.region(region).elbv2;
  const previous = state.probeResolver;
  setProbeResolver(rt.world, region, (tgArn, id, port) => {
    const earlier = previous?.(tgArn, id, port);
    if (earlier) return earlier;
    const task = rt.ipOwners.get(`${region}|${id}`);
    const behaviour = task && rt.tasks.get(task)?.behaviour;
    if (behaviour === 'fail-health-check') return () => 'fail';
    return undefined;
  });
  rt.disposers.push(() => setProbeResolver(rt.world, region, previous));
}
