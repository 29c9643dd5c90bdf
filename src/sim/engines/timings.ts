/**
 * Simulated durations, in ms. Real ECS is slower in places (STOPPING about 45 s, a task RUNNING
 * 30 to 40 s after launch, aws-semantics B.4); these keep the same order of events and the
 * parts that dominate a real rollout (health checks, deregistration delay, both taken from
 * the target group) while keeping the rest short, so a demo rollout finishes in well under a
 * minute of real time at speed 6. Every random draw comes from `world.rng`.
 */
import type { Rng } from '../rng';

export const TIMING = {
  /** The ECS scheduler acting on UpdateService / CreateService / a rollback. */
  react: [1_000, 3_000],
  /** PROVISIONING -> PENDING (ENI attached). */
  provision: [2_000, 4_000],
  /** PENDING: pulling the image; a pull that fails gives up after as long. */
  pull: [10_000, 20_000],
  /** ACTIVATING -> RUNNING. */
  activate: [2_000, 4_000],
  /** A crash-on-start image: the essential container exits this long after it started. */
  crash: [1_000, 3_000],
  /** Per-task spread added to a launch batch's shared durations. */
  jitter: [0, 500],
  /** Tasks reaching RUNNING within this window share one "registered N targets" event. */
  registerWindow: 2_000,
  /** "has stopped" -> "deregistered" (B.4: about 10 s). */
  deregisterAfter: 10_000,
  /** DEACTIVATING without a load balancer. */
  deactivateNoLb: 2_000,
  /** STOPPING (real: about 45 s). */
  stopping: [5_000, 10_000],
  /** DEPROVISIONING (real: about 15 s). */
  deprovision: 5_000,
  /** No load balancer and no container health check: healthy 40 s after RUNNING (B.3). */
  healthyWithoutChecks: 40_000,
  /** A slow-start image answers health checks only this long after RUNNING. */
  slowStart: 75_000,
  /** StopServiceDeployment: the scheduler acting on the request. */
  stopReaction: 1_000,
} as const satisfies Record<string, number | readonly [number, number]>;

/** A duration drawn uniformly from [min, max] (whole ms). */
export function draw(rng: Rng, range: readonly [number, number]): number {
  return rng.int(range[0], range[1]);
}

/**
 * Launch back-off (B.4: "the scheduler lengthens the gap between launch attempts"; the real
 * schedule is unverified). After the second consecutive task that never reached RUNNING the
 * next launch waits 15 s, then 30 s, 60 s, ... up to 5 min. A task reaching RUNNING or a new
 * deployment resets it.
 */
export function launchBackoffMs(consecutiveStartFailures: number): number {
  if (consecutiveStartFailures < 2) return 0;
  return Math.min(15_000 * 2 ** (consecutiveStartFailures - 2), 300_000);
}
