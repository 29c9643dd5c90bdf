import type { Service } from '../../aws/types';
import { isRolloutActive } from '../../present/rollout-state';
import type { PollHub } from '../poll-hub';
import type { Poller, PollSnapshot } from '../poller';
import { DEFAULT_INTERVALS, type ActivityIntervals } from './intervals';

export interface ServiceStoreOptions {
  cluster: string;
  service: string;
  intervals?: ActivityIntervals;
}

/**
 * One service (DescribeServices with TAGS), the source of the detail header, the Events tab and
 * the rollout monitor. `data` is null when AWS says the service is MISSING (status `empty`).
 * Polls at the fast interval by itself while the service is rolling out.
 */
export class ServiceStore {
  readonly cluster: string;
  readonly service: string;
  private readonly poller: Poller<Service | null>;
  private readonly intervals: ActivityIntervals;

  constructor(
    private readonly hub: PollHub,
    options: ServiceStoreOptions,
  ) {
    this.cluster = options.cluster;
    this.service = options.service;
    this.intervals = options.intervals ?? DEFAULT_INTERVALS.service;
    this.poller = hub.createPoller({
      name: `service:${options.cluster}/${options.service}`,
      intervalMs: this.intervals.idle,
      fetch: async (signal) => {
        const { services } = await hub.gateway.ecs.describeServices(this.cluster, [this.service], {
          signal,
          includeTags: true,
        });
        const service = services[0] ?? null;
        this.poller.setInterval(
          service && isRolloutActive(service) ? this.intervals.active : this.intervals.idle,
        );
        return service;
      },
      cost: () => ({ 'ecs.serviceRead': 1 }),
    });
  }

  readonly subscribe = (listener: () => void) => this.poller.subscribe(listener);
  readonly getSnapshot = (): PollSnapshot<Service | null> => this.poller.getSnapshot();

  /** The last service read has a rollout in progress. */
  get active(): boolean {
    const service = this.poller.getSnapshot().data;
    return service ? isRolloutActive(service) : false;
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
}
