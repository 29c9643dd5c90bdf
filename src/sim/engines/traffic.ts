/**
 * Synthetic ALB traffic, once per simulated minute (ALB publishes per-minute metrics), for
 * every listener rule and default action that forwards to a target group with targets:
 *
 * - each rule has a steady base rate of 50 to 500 requests a minute (from a hash of its ARN,
 *   so it does not move with unrelated changes) times a little per-minute noise;
 * - the rate is split across the forward's target groups by weight (`trafficShares`; weight 0
 *   gets nothing) and, within a group, evenly across healthy targets. Draining targets get no
 *   new requests. With no healthy target the ALB fails open to all of them (E.4);
 * - each target answers per the image behaviour of the task behind it: 'ok' ~0.1 % 5xx,
 *   'http-5xx' 20 to 40 %, 'fail-health-check' (and 'slow-start' before it is ready) mostly
 *   5xx with timeouts (seconds of response time);
 * - RequestCount, HTTPCode_Target_5XX_Count and TargetResponseTime go to CloudWatch through
 *   `recordTargetGroupTraffic`, so GetMetricData and alarms see them.
 *
 * The minute's sample is written 1 ms before the minute ends, so the alarm evaluation on the
 * minute boundary sees it. Cost: one timer per world; rules whose groups have no targets
 * (most of a big scenario) are skipped after a size check.
 */
import { recordTargetGroupTraffic } from '../services/cloudwatch/alb-metrics';
import type { TaskRec } from '../services/ecs/types';
import { forwardAction } from '../services/elbv2/actions';
import type { TargetGroupRec, TargetRec } from '../services/elbv2/state';
import { trafficShares } from '../services/elbv2/weights';
import type { ImageBehaviour } from '../world/image-behaviour';
import { behaviourOfTask } from './task-lifecycle';
import { targetKey, type EngineRuntime } from './runtime';
import { TIMING } from './timings';

const MINUTE = 60_000;

/** Error share and mean response time (s) of one target, by what it runs. */
const ANSWERS: Record<ImageBehaviour, { errors: [number, number]; latency: number }> = {
  ok: { errors: [0.0005, 0.0015], latency: 0.08 },
  'http-5xx': { errors: [0.2, 0.4], latency: 0.15 },
  'fail-health-check': { errors: [0.9, 1], latency: 4 },
  'slow-start': { errors: [0.9, 1], latency: 4 },
  'crash-on-start': { errors: [1, 1], latency: 0.01 },
};

/** 50..500 requests a minute, fixed per rule. */
export function baseRate(ruleArn: string): number {
  let h = 2166136261;
  for (let i = 0; i < ruleArn.length; i++) h = Math.imul(h ^ ruleArn.charCodeAt(i), 16777619);
  return 50 + ((h >>> 0) % 451);
}

/** Starts the per-minute traffic tick; returns the function that stops it. */
export function startTraffic(rt: EngineRuntime): () => void {
  const { world } = rt;
  let running = true;
  const schedule = () => {
    const next = Math.floor((world.now + 1) / MINUTE) * MINUTE + MINUTE - 1;
    world.scheduler.at(next, () => {
      if (!running) return;
      trafficTick(rt);
      schedule();
    });
  };
  schedule();
  return () => {
    running = false;
  };
}

interface Tally {
  targetGroupArn: string;
  loadBalancerArn: string;
  requests: number;
  errors: number;
  latencySum: number;
}

/** One minute of traffic in every region. Exported for tests. */
export function trafficTick(rt: EngineRuntime): void {
  const { world } = rt;
  for (const region of world.regionNames()) {
    const elb = world.region(region).elbv2;
    if (elb.rules.size === 0) continue;
    const tallies = new Map<string, Tally>();
    let byIp: Map<string, TaskRec> | undefined;
    const taskAt = (tg: TargetGroupRec, t: TargetRec): TaskRec | undefined => {
      const owned = rt.targetOwners.get(targetKey(region, tg.arn, t.id, t.port));
      if (owned) return owned;
      // a target someone else registered (API, another engine): find its task by IP
      byIp ??= tasksByIp(rt, region);
      return byIp.get(t.id);
    };
    for (const rule of elb.rules.values()) {
      const groups = forwardAction(rule.actions)?.targetGroups;
      if (!groups?.some((g) => (elb.targetGroups.get(g.targetGroupArn)?.targets.size ?? 0) > 0)) {
        continue;
      }
      const listener = elb.listeners.get(rule.listenerArn);
      if (!listener) continue;
      const total = baseRate(rule.arn) * (0.85 + 0.3 * world.rng.next());
      for (const { targetGroupArn, share } of trafficShares(groups)) {
        const tg = elb.targetGroups.get(targetGroupArn);
        if (!tg || tg.targets.size === 0) continue;
        const key = `${tg.arn}|${listener.loadBalancerArn}`;
        let tally = tallies.get(key);
        if (!tally) {
          tally = {
            targetGroupArn: tg.arn,
            loadBalancerArn: listener.loadBalancerArn,
            requests: 0,
            errors: 0,
            latencySum: 0,
          };
          tallies.set(key, tally);
        }
        route(rt, tg, Math.round(total * share), tally, taskAt);
      }
    }
    for (const t of tallies.values()) {
      recordTargetGroupTraffic(world, region, {
        targetGroupArn: t.targetGroupArn,
        loadBalancerArn: t.loadBalancerArn,
        requests: t.requests,
        target5xx: t.errors,
        ...(t.requests > 0 && t.latencySum > 0
          ? { responseTimeSeconds: t.latencySum / t.requests }
          : {}),
        at: world.now,
      });
    }
  }
}

function route(
  rt: EngineRuntime,
  tg: TargetGroupRec,
  requests: number,
  tally: Tally,
  taskAt: (tg: TargetGroupRec, t: TargetRec) => TaskRec | undefined,
): void {
  const { world } = rt;
  tally.requests += requests;
  const live = [...tg.targets.values()].filter((t) => t.health.state !== 'draining');
  const healthy = live.filter((t) => t.health.state === 'healthy');
  // no healthy target: the ALB fails open to every registered one (E.4)
  const serving = healthy.length > 0 ? healthy : live;
  // nothing to serve (all draining): the ALB answers 503 itself, not a target 5xx
  if (serving.length === 0 || requests === 0) return;
  const each = Math.floor(requests / serving.length);
  serving.forEach((target, i) => {
    const n = each + (i < requests % serving.length ? 1 : 0);
    if (n === 0) return;
    const answer = ANSWERS[behaviourAt(rt, taskAt(tg, target))];
    const rate = answer.errors[0] + (answer.errors[1] - answer.errors[0]) * world.rng.next();
    const expected = n * rate;
    tally.errors += Math.floor(expected) + (world.rng.next() < expected % 1 ? 1 : 0);
    tally.latencySum += n * answer.latency * (0.8 + 0.4 * world.rng.next());
  });
}

function behaviourAt(rt: EngineRuntime, task: TaskRec | undefined): ImageBehaviour {
  if (!task) return 'ok';
  const b = rt.tasks.get(task)?.behaviour ?? behaviourOfTask(rt.world, task);
  if (b === 'slow-start' && rt.world.now >= (task.startedAt ?? 0) + TIMING.slowStart) return 'ok';
  return b;
}

function tasksByIp(rt: EngineRuntime, region: string): Map<string, TaskRec> {
  const out = new Map<string, TaskRec>();
  for (const cluster of rt.world.region(region).ecs.clusters.values()) {
    for (const task of cluster.tasks.values()) {
      if (task.lastStatus !== 'STOPPED') out.set(task.privateIp, task);
    }
  }
  return out;
}
