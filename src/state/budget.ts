/**
 * API call budget. AWS throttles per account and Region with token buckets that every caller
 * shares (console, CI, other tools), so this client keeps itself to a fraction (a quarter) of
 * each bucket's sustained rate. Figures: perf-reliability.md 1.1-1.3.
 */
export type BucketId =
  | 'ecs.clusterRead'
  | 'ecs.serviceRead'
  | 'ecs.clusterResourceRead'
  | 'ecs.taskDefinitionRead'
  | 'ecs.serviceDeployment'
  | 'ecs.serviceRevision'
  | 'elb.describe'
  | 'codedeploy.read';

/** Sustained refill rate of each bucket, calls per second. */
export const SUSTAINED_RATES: Readonly<Record<BucketId, number>> = {
  'ecs.clusterRead': 20,
  'ecs.serviceRead': 20,
  'ecs.clusterResourceRead': 20,
  'ecs.taskDefinitionRead': 20,
  'ecs.serviceDeployment': 20,
  'ecs.serviceRevision': 20,
  // the account-wide ELB bucket is 10/s and shared by every ELB action
  'elb.describe': 10,
  // CodeDeploy publishes no bucket sizes; 1/s is a conservative stand-in
  'codedeploy.read': 1,
};

export const DEFAULT_BUDGET_FRACTION = 0.25;

/** Calls one fetch makes, per bucket. */
export type CallCost = Partial<Record<BucketId, number>>;

export interface BudgetEntry {
  cost: CallCost;
  /** How often the entry wants to run, before any stretching. */
  intervalMs: number;
}

export interface BudgetPlan {
  /** Per entry, the factor (>= 1) to multiply its interval by. */
  stretch: number[];
  /** Calls per second per bucket after stretching. */
  rates: Partial<Record<BucketId, number>>;
  /** Allowed calls per second per bucket. */
  limits: Record<BucketId, number>;
}

export function budgetLimits(
  fraction = DEFAULT_BUDGET_FRACTION,
  rates: Partial<Record<BucketId, number>> = {},
): Record<BucketId, number> {
  const limits = {} as Record<BucketId, number>;
  for (const bucket of Object.keys(SUSTAINED_RATES) as BucketId[]) {
    limits[bucket] = (rates[bucket] ?? SUSTAINED_RATES[bucket]) * fraction;
  }
  return limits;
}

/**
 * Stretches intervals so that no bucket's estimated rate exceeds its limit. Every entry using
 * an over-subscribed bucket is slowed by the same factor (fair, and the sum then lands exactly
 * on the limit); an entry in several buckets takes the largest factor among them.
 */
export function planBudget(
  entries: readonly BudgetEntry[],
  limits: Record<BucketId, number>,
): BudgetPlan {
  const demand: Partial<Record<BucketId, number>> = {};
  for (const entry of entries) {
    if (!Number.isFinite(entry.intervalMs) || entry.intervalMs <= 0) continue;
    for (const [bucket, calls] of costEntries(entry.cost)) {
      demand[bucket] = (demand[bucket] ?? 0) + (calls * 1000) / entry.intervalMs;
    }
  }
  const bucketStretch: Partial<Record<BucketId, number>> = {};
  for (const [bucket, rate] of Object.entries(demand) as [BucketId, number][]) {
    bucketStretch[bucket] = Math.max(1, rate / limits[bucket]);
  }
  const stretch = entries.map((entry) => {
    let factor = 1;
    for (const [bucket] of costEntries(entry.cost)) {
      factor = Math.max(factor, bucketStretch[bucket] ?? 1);
    }
    return factor;
  });
  const rates: Partial<Record<BucketId, number>> = {};
  entries.forEach((entry, i) => {
    if (!Number.isFinite(entry.intervalMs) || entry.intervalMs <= 0) return;
    const interval = entry.intervalMs * (stretch[i] ?? 1);
    for (const [bucket, calls] of costEntries(entry.cost)) {
      rates[bucket] = (rates[bucket] ?? 0) + (calls * 1000) / interval;
    }
  });
  return { stretch, rates, limits };
}

function costEntries(cost: CallCost): [BucketId, number][] {
  return (Object.entries(cost) as [BucketId, number][]).filter(([, calls]) => calls > 0);
}
