/**
 * Target registration and health dynamics: the API engines (ECS tasks, CodeDeploy task sets)
 * use to put targets behind a target group and watch them turn healthy, unhealthy or drain.
 * The RegisterTargets / DeregisterTargets / DescribeTargetHealth handlers go through it too.
 *
 * Timeline of one target (aws-semantics E.3, E.4), all on `world.scheduler`:
 * - `registerTarget` at t: `initial` / `Elb.RegistrationInProgress` ("Target registration is
 *   in progress") until t + min(5 s, interval / 2), then `initial` / `Elb.InitialHealthChecking`.
 * - Health checks at t + k * HealthCheckIntervalSeconds call `probe()`:
 *   - `'ok'`, or a status code the group's Matcher accepts, passes;
 *   - `'fail'` (read as HTTP 502) or another status code fails with `Target.ResponseCodeMismatch`
 *     ("Health checks failed with these codes: [502]");
 *   - `'timeout'` fails with `Target.Timeout` ("Request timed out").
 *   A new target is `healthy` after ONE passing check. `initial` or `healthy` turns `unhealthy`
 *   after UnhealthyThresholdCount consecutive failures; `unhealthy` returns to `healthy` after
 *   HealthyThresholdCount consecutive passes. A check that times out is judged at once, not
 *   HealthCheckTimeoutSeconds later.
 * - `deregisterTarget`: `draining` / `Target.DeregistrationInProgress` for the group's
 *   `deregistration_delay.timeout_seconds` (default 300 s), then the target is removed and every
 *   `onDrained` callback runs once. Asked about by name afterwards it is `unused` /
 *   `Target.NotRegistered`.
 * - A group that no load balancer forwards to runs no checks; its targets read as `unused` /
 *   `Target.NotInUse` until a rule forwards to it.
 *
 * Checks stop for a target that is healthy and has no probe (nothing can change), so a
 * steady-state scenario with thousands of targets schedules nothing. `setTargetProbe` restarts
 * them. Every change of state, reason or description is reported to `onTargetHealthChange`
 * listeners, synchronously, after the change is visible to DescribeTargetHealth.
 */
import type { World } from '../../world/world';
import { elbState, getTargetGroup } from './model';
import { deregistrationDelayMs } from './target-groups';
import {
  NOT_REGISTERED,
  effectiveHealth,
  isInUse,
  judge,
  keyOf,
  type TargetRef,
} from './target-health';
import type {
  ElbState,
  HealthProbe,
  TargetGroupRec,
  TargetHealthListener,
  TargetHealthView,
  TargetRec,
} from './state';

export type { HealthProbe, ProbeResult, TargetHealthChange, TargetHealthView } from './state';
export {
  listTargets,
  matchesCode,
  targetHealth,
  type TargetRef,
  type TargetSnapshot,
} from './target-health';

export interface RegisterTargetOptions {
  /** Start `healthy` with no warm-up: for scenarios that begin in a steady state. */
  initiallyHealthy?: boolean;
}

const REGISTRATION_MS = 5_000;

/** Puts a target in the group (a no-op apart from the probe if it is already registered). */
export function registerTarget(
  world: World,
  region: string,
  targetGroupArn: string,
  target: TargetRef,
  probe?: HealthProbe,
  opts: RegisterTargetOptions = {},
): TargetHealthView {
  const state = elbState(world, region);
  const tg = getTargetGroup(state, targetGroupArn);
  const port = target.port ?? tg.port;
  const key = keyOf(target.id, port);
  const existing = tg.targets.get(key);
  if (existing && existing.health.state !== 'draining') {
    if (probe) existing.probe = probe;
    scheduleCheck(world, region, tg, existing);
    return effectiveHealth(state, tg, existing);
  }
  // Re-registering a draining target takes it back; its pending onDrained callbacks are dropped.
  const rec: TargetRec = {
    id: target.id,
    port,
    ...(target.availabilityZone ? { availabilityZone: target.availabilityZone } : {}),
    health: opts.initiallyHealthy
      ? { state: 'healthy' }
      : {
          state: 'initial',
          reason: 'Elb.RegistrationInProgress',
          description: 'Target registration is in progress',
        },
    ...(probe ? { probe } : {}),
    registeredAt: world.now,
    passes: opts.initiallyHealthy ? tg.healthCheck.healthyThreshold : 0,
    failures: 0,
    gen: (existing?.gen ?? 0) + 1,
    checking: false,
    onDrained: [],
  };
  tg.targets.set(key, rec);
  emit(world, region, state, tg, rec, existing?.health, false);
  if (!opts.initiallyHealthy) {
    const gen = rec.gen;
    const delay = Math.min(REGISTRATION_MS, (tg.healthCheck.intervalSeconds * 1000) / 2);
    world.scheduler.after(delay, () => {
      if (!isLive(tg, rec, gen) || rec.health.reason !== 'Elb.RegistrationInProgress') return;
      setHealth(world, region, state, tg, rec, {
        state: 'initial',
        reason: 'Elb.InitialHealthChecking',
        description: 'Initial health checks in progress',
      });
    });
  }
  scheduleCheck(world, region, tg, rec);
  return effectiveHealth(state, tg, rec);
}

/**
 * Starts draining a target. `onDrained` runs once it is gone (at once, on the scheduler, if it
 * was not registered). Returns false when the target was not registered.
 */
export function deregisterTarget(
  world: World,
  region: string,
  targetGroupArn: string,
  target: TargetRef,
  onDrained?: () => void,
): boolean {
  const state = elbState(world, region);
  const tg = getTargetGroup(state, targetGroupArn);
  const rec = tg.targets.get(keyOf(target.id, target.port ?? tg.port));
  if (!rec) {
    if (onDrained) world.scheduler.after(0, onDrained);
    return false;
  }
  if (onDrained) rec.onDrained.push(onDrained);
  if (rec.health.state === 'draining') return true;
  rec.gen++;
  rec.checking = false;
  setHealth(world, region, state, tg, rec, {
    state: 'draining',
    reason: 'Target.DeregistrationInProgress',
    description: 'Target deregistration is in progress',
  });
  const gen = rec.gen;
  world.scheduler.after(deregistrationDelayMs(tg), () => {
    if (!isLive(tg, rec, gen)) return;
    tg.targets.delete(keyOf(rec.id, rec.port));
    const previous = rec.health;
    rec.health = NOT_REGISTERED;
    emit(world, region, state, tg, rec, previous, true);
    for (const fn of rec.onDrained.splice(0)) fn();
  });
  return true;
}

/** Changes what a registered target answers from now on (a bad version, a recovered app). */
export function setTargetProbe(
  world: World,
  region: string,
  targetGroupArn: string,
  target: TargetRef,
  probe: HealthProbe | undefined,
): void {
  const tg = getTargetGroup(elbState(world, region), targetGroupArn);
  const rec = tg.targets.get(keyOf(target.id, target.port ?? tg.port));
  if (!rec) return;
  if (probe) rec.probe = probe;
  else delete rec.probe;
  scheduleCheck(world, region, tg, rec);
}

/** Subscribes to every health change in the region; returns the unsubscribe function. */
export function onTargetHealthChange(
  world: World,
  region: string,
  listener: TargetHealthListener,
): () => void {
  const listeners = elbState(world, region).healthListeners;
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Lets an engine supply probes for targets that arrive through RegisterTargets. */
export function setProbeResolver(
  world: World,
  region: string,
  resolver: ElbState['probeResolver'],
): void {
  const state = elbState(world, region);
  if (resolver) state.probeResolver = resolver;
  else delete state.probeResolver;
}

function isLive(tg: TargetGroupRec, rec: TargetRec, gen: number): boolean {
  return rec.gen === gen && tg.targets.get(keyOf(rec.id, rec.port)) === rec;
}

function scheduleCheck(world: World, region: string, tg: TargetGroupRec, rec: TargetRec): void {
  if (rec.checking || rec.health.state === 'draining') return;
  if (!rec.probe && rec.health.state === 'healthy') return;
  rec.checking = true;
  const gen = rec.gen;
  world.scheduler.after(tg.healthCheck.intervalSeconds * 1000, () => {
    if (!isLive(tg, rec, gen)) return;
    rec.checking = false;
    runCheck(world, region, tg, rec);
    scheduleCheck(world, region, tg, rec);
  });
}

function runCheck(world: World, region: string, tg: TargetGroupRec, rec: TargetRec): void {
  const state = elbState(world, region);
  if (!isInUse(state, tg)) return;
  const failure = judge(rec.probe ? rec.probe() : 'ok', tg.healthCheck.matcher);
  const s = rec.health.state;
  if (!failure) {
    rec.passes++;
    rec.failures = 0;
    if (s === 'initial' || (s === 'unhealthy' && rec.passes >= tg.healthCheck.healthyThreshold)) {
      setHealth(world, region, state, tg, rec, { state: 'healthy' });
    }
    return;
  }
  rec.failures++;
  rec.passes = 0;
  if (s === 'unhealthy' || rec.failures >= tg.healthCheck.unhealthyThreshold) {
    setHealth(world, region, state, tg, rec, { state: 'unhealthy', ...failure });
  }
}

function setHealth(
  world: World,
  region: string,
  state: ElbState,
  tg: TargetGroupRec,
  rec: TargetRec,
  next: TargetHealthView,
): void {
  const prev = rec.health;
  if (
    prev.state === next.state &&
    prev.reason === next.reason &&
    prev.description === next.description
  ) {
    return;
  }
  rec.health = next;
  emit(world, region, state, tg, rec, prev, false);
}

function emit(
  world: World,
  region: string,
  state: ElbState,
  tg: TargetGroupRec,
  rec: TargetRec,
  previous: TargetHealthView | undefined,
  removed: boolean,
): void {
  if (state.healthListeners.size === 0) return;
  const change = {
    region,
    targetGroupArn: tg.arn,
    target: {
      id: rec.id,
      port: rec.port,
      ...(rec.availabilityZone ? { availabilityZone: rec.availabilityZone } : {}),
    },
    ...(previous ? { previous } : {}),
    current: rec.health,
    removed,
    at: world.now,
  };
  for (const listener of [...state.healthListeners]) listener(change);
}
