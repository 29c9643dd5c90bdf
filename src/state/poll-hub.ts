import type { AwsGateway } from '../aws/gateway';
import { budgetLimits, planBudget, type BucketId, DEFAULT_BUDGET_FRACTION } from './budget';
import { Observable } from './observable';
import { Poller, type PollerOptions } from './poller';
import { TaskDefinitionCache } from './task-definition-cache';
import { systemTime, type TimeSource } from './time';

export interface PollHubOptions {
  gateway: AwsGateway;
  time?: TimeSource;
  /** Share of each AWS bucket this client may use. Default 0.25. */
  budgetFraction?: number;
  /** Overrides of the sustained bucket rates (an account with raised limits). */
  sustainedRates?: Partial<Record<BucketId, number>>;
}

export interface HubSnapshot {
  /** Some poller is backing off after throttling: the context bar shows the badge. */
  readonly throttled: boolean;
  readonly throttledPollers: readonly string[];
  /** Pollers running now. */
  readonly running: number;
  /** Estimated calls per second per bucket, after stretching. */
  readonly rates: Partial<Record<BucketId, number>>;
  /** Pollers slowed down to stay inside the budget. */
  readonly stretched: readonly string[];
}

export type HubPollerOptions<T> = Omit<PollerOptions<T>, 'time' | 'onTimingChange'>;

/**
 * One per gateway (account + Region): every poller of every screen is made here, so the budget
 * sees the whole client's demand and the throttled badge sees every back-off.
 */
export class PollHub extends Observable<HubSnapshot> {
  readonly gateway: AwsGateway;
  readonly time: TimeSource;
  /** Task definitions are immutable: one cache for every store of this account + Region. */
  readonly taskDefinitions: TaskDefinitionCache;
  private readonly pollers = new Set<Poller<unknown>>();
  private readonly limits: Record<BucketId, number>;
  private rebalancing = false;

  constructor(options: PollHubOptions) {
    super({ throttled: false, throttledPollers: [], running: 0, rates: {}, stretched: [] });
    this.gateway = options.gateway;
    this.time = options.time ?? systemTime;
    this.limits = budgetLimits(
      options.budgetFraction ?? DEFAULT_BUDGET_FRACTION,
      options.sustainedRates,
    );
    this.taskDefinitions = new TaskDefinitionCache(options.gateway);
  }

  /** A poller registered with the budget; not started. */
  createPoller<T>(options: HubPollerOptions<T>): Poller<T> {
    const poller = new Poller<T>({
      ...options,
      time: this.time,
      onTimingChange: () => this.rebalance(),
    });
    this.pollers.add(poller as Poller<unknown>);
    return poller;
  }

  /** Stops the poller and forgets it. */
  release<T>(poller: Poller<T>): void {
    poller.stop();
    this.pollers.delete(poller as Poller<unknown>);
    this.rebalance();
  }

  /** Recomputes stretch factors; stores call it when a poller's cost estimate changed. */
  rebalance(): void {
    if (this.rebalancing) return;
    this.rebalancing = true;
    try {
      const running = [...this.pollers].filter((p) => p.isRunning);
      const plan = planBudget(
        running.map((p) => ({ cost: p.cost(), intervalMs: p.backoffIntervalMs })),
        this.limits,
      );
      running.forEach((p, i) => p.setStretch(plan.stretch[i] ?? 1));
      for (const p of this.pollers) if (!p.isRunning) p.setStretch(1);
      const throttledPollers = [...this.pollers]
        .filter((p) => p.getSnapshot().throttled)
        .map((p) => p.name);
      const stretched = running.filter((_, i) => (plan.stretch[i] ?? 1) > 1).map((p) => p.name);
      this.update({
        throttled: throttledPollers.length > 0,
        throttledPollers: sameList(throttledPollers, this.snapshot.throttledPollers)
          ? this.snapshot.throttledPollers
          : throttledPollers,
        running: running.length,
        rates: sameRates(plan.rates, this.snapshot.rates) ? this.snapshot.rates : plan.rates,
        stretched: sameList(stretched, this.snapshot.stretched)
          ? this.snapshot.stretched
          : stretched,
      });
    } finally {
      this.rebalancing = false;
    }
  }

  /** The allowed calls per second per bucket. */
  budget(): Readonly<Record<BucketId, number>> {
    return this.limits;
  }

  /** Stops every poller (the gateway is going away: profile or Region switch, quit). */
  dispose(): void {
    for (const p of this.pollers) p.stop();
    this.pollers.clear();
    this.rebalance();
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameRates(
  a: Partial<Record<BucketId, number>>,
  b: Partial<Record<BucketId, number>>,
): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<BucketId>;
  for (const k of keys) if (Math.abs((a[k] ?? 0) - (b[k] ?? 0)) > 1e-9) return false;
  return true;
}

const hubs = new WeakMap<AwsGateway, PollHub>();

/**
 * The hub of a gateway (one per account + Region), made on first use, so every screen on the
 * same gateway shares one budget and one throttled badge. Options apply only when it is made.
 */
export function sharedPollHub(
  gateway: AwsGateway,
  options: Omit<PollHubOptions, 'gateway'> = {},
): PollHub {
  let hub = hubs.get(gateway);
  if (!hub) {
    hub = new PollHub({ ...options, gateway });
    hubs.set(gateway, hub);
  }
  return hub;
}
