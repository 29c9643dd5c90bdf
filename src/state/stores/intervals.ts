/** Poll intervals for a panel: fast while a rollout runs, slow otherwise. */
export interface ActivityIntervals {
  idle: number;
  active: number;
}

/** Defaults per panel; product: 2 s while a rollout is active, 10-30 s idle. */
export const DEFAULT_INTERVALS = {
  service: { idle: 10_000, active: 2_000 },
  history: { idle: 30_000, active: 5_000 },
  tasks: { idle: 15_000, active: 5_000 },
  // ELB shares one account-wide bucket of 10/s: keep these slower
  traffic: { idle: 15_000, active: 5_000 },
} satisfies Record<string, ActivityIntervals>;
