/**
 * Durations of the ECS-native engine, in ms, drawn from `world.rng`. AWS documents none of
 * these for ALB (aws-semantics C.2: with VPC Lattice ECS waits about 3 min after scale-up and
 * 90 s after each weight change; for ALB unverified), so they are kept short; what dominates a
 * deployment is what the person configured (bake times, hooks) and the health checks.
 */
export const NATIVE_TIMING = {
  /** ECS moving from one lifecycle stage to the next when nothing waits. */
  stageGap: [1_000, 3_000],
  /** A simulated AWS_LAMBDA hook answering. */
  lambda: [3_000, 8_000],
} as const satisfies Record<string, readonly [number, number]>;
