import type { Cluster } from '../../aws/types';
import type { PollHub } from '../poll-hub';
import type { Poller, PollSnapshot } from '../poller';

export interface ClustersStoreOptions {
  /** Clusters change rarely; default 30 s. */
  intervalMs?: number;
}

/** Screen 1: every cluster of the account + Region (ListClusters + DescribeClusters), by name. */
export class ClustersStore {
  private readonly poller: Poller<Cluster[]>;
  private lastCount = 0;

  constructor(
    private readonly hub: PollHub,
    options: ClustersStoreOptions = {},
  ) {
    this.poller = hub.createPoller({
      name: 'clusters',
      intervalMs: options.intervalMs ?? 30_000,
      fetch: async (signal) => {
        const arns = await hub.gateway.ecs.listClusterArns({ signal });
        const clusters = arns.length
          ? await hub.gateway.ecs.describeClusters(arns, { signal })
          : [];
        this.lastCount = clusters.length;
        return clusters.sort((a, b) => a.name.localeCompare(b.name));
      },
      // one ListClusters page and one DescribeClusters batch per 100 clusters
      cost: () => ({ 'ecs.clusterRead': 2 * Math.max(1, Math.ceil(this.lastCount / 100)) }),
    });
  }

  readonly subscribe = (listener: () => void) => this.poller.subscribe(listener);
  readonly getSnapshot = (): PollSnapshot<Cluster[]> => this.poller.getSnapshot();

  start(): void {
    this.poller.start();
  }

  /** Pauses polling (the screen is covered or below the top); the data stays. */
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
