import { setMaxListeners } from 'node:events';
import { isRolloutActive } from '../../present/rollout-state';
import { Observable } from '../observable';
import type { PollHub } from '../poll-hub';
import type { Poller, PollStatus } from '../poller';
import { ImageBursts } from './image-bursts';
import { ServiceDescriptions } from './service-descriptions';
import {
  nameOrder,
  orderEntries,
  serviceNameOf,
  type ServiceListEntry,
  type ServiceSort,
  type ServiceSortKey,
} from './service-list';

export interface ServicesStoreOptions {
  cluster: string;
  /** The name list (ListServices, 100 per call) changes rarely. Default 60 s. */
  listIntervalMs?: number;
  /** Re-describing visible rows. Defaults 15 s idle, 5 s while one of them is rolling out. */
  describeIntervalMs?: { idle: number; active: number };
  /**
   * Wait for scrolling to settle (and keys to stop, see postpone) before describing newly
   * visible rows. Default 150 ms.
   */
  debounceMs?: number;
  /** Most rows described per refresh (visible + selected). Default 50. */
  maxDescribed?: number;
  /** Most descriptions kept in memory; the oldest invisible ones go first. Default 1000. */
  maxCached?: number;
  /** Fetch each row's task definition once for the image column. Default true. */
  resolveImages?: boolean;
}

export interface ServicesSnapshot {
  readonly cluster: string;
  /** Of the name list: loading until the first ListServices pass finished. */
  readonly status: PollStatus;
  /** The latest failure of either the list or the describes. */
  readonly error: Error | undefined;
  readonly stale: boolean;
  readonly throttled: boolean;
  readonly fetchedAt: number | undefined;
  /** Services in the cluster, before filtering. */
  readonly total: number;
  /**
   * Every service, sorted; undescribed rows carry only their name. An entry keeps its identity
   * until its data changes, and the array keeps its identity until an entry or the order does.
   * The screen filters it as it renders (FilterMemo), so a keystroke costs one render.
   */
  readonly entries: readonly ServiceListEntry[];
  readonly sort: ServiceSort;
  /** A visible service is rolling out, so rows refresh at the fast interval. */
  readonly active: boolean;
}

/**
 * Screen 2, windowed: every name (ListServices, all pages) but descriptions only for the rows
 * on screen plus the selection, 10 per DescribeServices call. Browsing N services costs
 * ceil(N/100) + ceil(V/10) calls per refresh, whatever N is.
 */
export class ServicesStore extends Observable<ServicesSnapshot> {
  readonly cluster: string;
  private readonly list: Poller<string[]>;
  private readonly describe: Poller<number>;
  private readonly cache: ServiceDescriptions;
  private readonly abort = new AbortController();
  private readonly opts: Required<Omit<ServicesStoreOptions, 'cluster'>>;
  private visible: string[] = [];
  private selected: string | undefined;
  private sort: ServiceSort = { key: 'name', descending: false };
  private debounce: unknown;
  private describeAll = false;
  private active = false;
  /** The names in name order, sorted once per listing rather than once per rebuild. */
  private readonly sortedNames = nameOrder();
  private readonly images: ImageBursts;
  private rebuildQueued = false;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly hub: PollHub,
    options: ServicesStoreOptions,
  ) {
    super({
      cluster: options.cluster,
      status: 'loading',
      error: undefined,
      stale: false,
      throttled: false,
      fetchedAt: undefined,
      total: 0,
      entries: [],
      sort: { key: 'name', descending: false },
      active: false,
    });
    this.cluster = options.cluster;
    // every image lookup of the window shares this signal (32 at once at 120x40); past Node's
    // default of 10 listeners a leak warning would be printed over the full-screen frame
    setMaxListeners(0, this.abort.signal);
    this.opts = {
      listIntervalMs: options.listIntervalMs ?? 60_000,
      describeIntervalMs: options.describeIntervalMs ?? { idle: 15_000, active: 5_000 },
      debounceMs: options.debounceMs ?? 150,
      maxDescribed: options.maxDescribed ?? 50,
      maxCached: options.maxCached ?? 1000,
      resolveImages: options.resolveImages ?? true,
    };
    this.images = new ImageBursts(hub.taskDefinitions, this.abort.signal, () => this.rebuild());
    this.cache = new ServiceDescriptions(this.opts.maxCached, (arn) =>
      hub.taskDefinitions.get(arn),
    );
    this.list = hub.createPoller({
      name: `services.list:${this.cluster}`,
      intervalMs: this.opts.listIntervalMs,
      fetch: (signal) => this.fetchNames(signal),
      cost: () => ({
        'ecs.serviceRead': Math.max(
          1,
          Math.ceil((this.list.getSnapshot().data?.length ?? 0) / 100),
        ),
      }),
    });
    this.describe = hub.createPoller({
      name: `services.describe:${this.cluster}`,
      intervalMs: this.opts.describeIntervalMs.idle,
      fetch: (signal) => this.describeDue(signal),
      isEmpty: () => false,
      cost: () => ({ 'ecs.serviceRead': Math.ceil(this.wanted().length / 10) }),
    });
    this.unsubscribe.push(
      this.list.subscribe(() => this.rebuild()),
      this.describe.subscribe(() => this.rebuild()),
      hub.taskDefinitions.subscribe(({ arn }) => {
        const touched = this.cache.taskDefinitionArrived(arn);
        // one this store asked for is drawn with the rest of its burst; one another screen
        // fetched is drawn now, with any others arriving in the same turn
        if (!this.images.arrived(arn) && touched) this.rebuildSoon();
      }),
    );
  }

  start(): void {
    this.list.start();
    this.describe.start();
  }

  /** Pauses both pollers (the screen is covered or below the top); the rows stay. */
  stop(): void {
    if (this.debounce !== undefined) this.hub.time.clearTimeout(this.debounce);
    this.debounce = undefined;
    this.list.stop();
    this.describe.stop();
  }

  /** Re-reads the names and re-describes every visible row now. */
  async refresh(): Promise<void> {
    await this.list.refresh();
    this.describeAll = true;
    await this.describe.refresh();
  }

  /** Names of the rows on screen (the screen's window); only these are described. */
  setVisible(names: readonly string[]): void {
    const next = [...new Set(names)].slice(0, this.opts.maxDescribed);
    if (next.length === this.visible.length && next.every((n, i) => n === this.visible[i])) return;
    // the describe cost follows the number of rows, not which ones (each scroll step changes those)
    const resized = next.length !== this.visible.length;
    this.visible = next;
    if (resized) this.hub.rebalance();
    if (next.some((n) => !this.cache.has(n))) this.describeSoon();
  }

  /** The selected row is described even when scrolled away. */
  setSelected(name: string | undefined): void {
    if (name === this.selected) return;
    this.selected = name;
    if (name !== undefined && !this.cache.has(name)) this.describeSoon();
  }

  /**
   * A key was pressed: a describe still waiting for the rows to settle waits its full delay
   * again. Keys come in runs (scrolling, `/` and a filter typed), the rows often change a key
   * later, and a describe landing between two keys costs the next one its frame.
   */
  postpone(): void {
    if (this.debounce !== undefined) this.describeSoon();
  }

  setSort(key: ServiceSortKey, descending = false): void {
    if (key === this.sort.key && descending === this.sort.descending) return;
    this.sort = { key, descending };
    this.rebuild();
  }

  /** Resolves once no list or describe call is running (tests, the headless CLI). */
  async whenIdle(): Promise<void> {
    await Promise.all([this.list.whenIdle(), this.describe.whenIdle()]);
  }

  dispose(): void {
    this.abort.abort();
    if (this.debounce !== undefined) this.hub.time.clearTimeout(this.debounce);
    for (const off of this.unsubscribe) off();
    this.hub.release(this.list);
    this.hub.release(this.describe);
  }

  private async fetchNames(signal: AbortSignal): Promise<string[]> {
    const arns = await this.hub.gateway.ecs.listServiceArns(this.cluster, { signal });
    const names = arns.map(serviceNameOf);
    this.cache.retain(new Set(names));
    this.hub.rebalance(); // the page count may have changed
    return names;
  }

  private wanted(): string[] {
    const names = this.selected === undefined ? this.visible : [this.selected, ...this.visible];
    return [...new Set(names)].slice(0, this.opts.maxDescribed);
  }

  private describeSoon(): void {
    if (!this.describe.isRunning) return;
    if (this.debounce !== undefined) this.hub.time.clearTimeout(this.debounce);
    this.debounce = this.hub.time.setTimeout(() => {
      this.debounce = undefined;
      void this.describe.refresh();
    }, this.opts.debounceMs);
  }

  /**
   * Describes the wanted rows that are due: never described, or described at least half an
   * interval ago (so a catch-up for new rows does not re-describe the ones just done).
   */
  private async describeDue(signal: AbortSignal): Promise<number> {
    const now = this.hub.time.now();
    const threshold = this.describe.effectiveIntervalMs / 2;
    const all = this.describeAll;
    this.describeAll = false;
    const due = this.wanted().filter((name) => {
      const at = this.cache.describedAt(name);
      return all || at === undefined || now - at >= threshold;
    });
    if (!due.length) return 0;
    const { services, missing } = await this.hub.gateway.ecs.describeServices(this.cluster, due, {
      signal,
    });
    const at = this.hub.time.now();
    for (const service of services) {
      // the list keeps no events (up to 100 per service); the detail store fetches its own
      this.cache.remember(service.name, at, { ...service, events: [] });
    }
    for (const name of missing) this.cache.remember(serviceNameOf(name), at, undefined);
    this.cache.evict(new Set(this.wanted()));
    this.updateActivity();
    if (this.opts.resolveImages) {
      this.images.request(services.flatMap((s) => s.taskDefinitionArn ?? []));
    }
    return due.length;
  }

  private updateActivity(): void {
    const active = this.wanted().some((name) => {
      const service = this.cache.service(name);
      return service !== undefined && isRolloutActive(service);
    });
    if (active === this.active) return;
    this.active = active;
    const { idle, active: fast } = this.opts.describeIntervalMs;
    this.describe.setInterval(active ? fast : idle);
  }

  /** Several arrivals in one turn of the event loop make one rebuild. */
  private rebuildSoon(): void {
    if (this.rebuildQueued) return;
    this.rebuildQueued = true;
    queueMicrotask(() => {
      this.rebuildQueued = false;
      if (!this.abort.signal.aborted) this.rebuild();
    });
  }

  private rebuild(): void {
    const list = this.list.getSnapshot();
    const desc = this.describe.getSnapshot();
    const names = list.data ?? [];
    const ordered = orderEntries(
      this.sortedNames(names).map((n) => this.cache.entry(n)),
      this.sort,
    );
    const previous = this.snapshot.entries;
    const same = ordered.length === previous.length && ordered.every((e, i) => e === previous[i]);
    // update() tells the screen only when a field changed, so a poll that changed nothing
    // (or only when the next one is due) draws no frame; for that reason the snapshot has no
    // `fetching`: two frames per poll that nothing on screen shows
    this.update({
      status: list.status,
      error: desc.error ?? list.error,
      stale: list.stale || desc.stale,
      throttled: list.throttled || desc.throttled,
      fetchedAt: list.fetchedAt,
      total: names.length,
      entries: same ? previous : ordered,
      sort: this.sort,
      active: this.active,
    });
  }
}
