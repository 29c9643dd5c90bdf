import type { CallCost } from '../budget';
import type { PollHub } from '../poll-hub';
import type { Poller, PollSnapshot } from '../poller';
import type { ActivityIntervals } from './intervals';

/**
 * What the Deployments tab's stores share: one poller on the hub, at the fast interval while
 * the service rolls out and the idle one otherwise, empty when the page has no deployments.
 * Subclasses say how to fetch a page and what a fetch costs.
 */
export abstract class HistoryStore<T extends { readonly deployments: readonly unknown[] }> {
  private readonly poller: Poller<T>;
  private active = false;

  constructor(
    protected readonly hub: PollHub,
    name: string,
    private readonly intervals: ActivityIntervals,
  ) {
    this.poller = hub.createPoller({
      name,
      intervalMs: intervals.idle,
      fetch: (signal) => this.fetch(signal),
      isEmpty: (h) => h.deployments.length === 0,
      cost: () => this.cost(),
    });
  }

  readonly subscribe = (listener: () => void) => this.poller.subscribe(listener);
  readonly getSnapshot = (): PollSnapshot<T> => this.poller.getSnapshot();

  /** A rollout is running: poll at the fast interval. */
  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    this.poller.setInterval(active ? this.intervals.active : this.intervals.idle);
  }

  protected get isActive(): boolean {
    return this.active;
  }

  start(): void {
    this.poller.start();
  }

  stop(): void {
    this.poller.stop();
  }

  refresh(): Promise<void> {
    return this.poller.refresh();
  }

  whenIdle(): Promise<void> {
    return this.poller.whenIdle();
  }

  dispose(): void {
    this.hub.release(this.poller);
  }

  protected abstract fetch(signal: AbortSignal): Promise<T>;

  /** Calls one fetch makes now, per bucket, for the hub's budget. */
  protected abstract cost(): CallCost;
}
