/**
 * What the browsing screens share for one AWS account + Region: the poll hub (and through it the
 * gateway), the world's clock for ages, read-only, and two small registers the screens feed —
 * names for palette completion and the refresh interval of the screen in view for the context
 * bar. A profile or Region switch makes a new session; nothing here outlives it.
 */
import type { AwsGateway } from '../aws';
import { Observable } from '../state/observable';
import type { PollHub } from '../state/poll-hub';

export interface BrowseSession {
  readonly hub: PollHub;
  readonly gateway: AwsGateway;
  /** Epoch ms of the world the app looks at (AWS: real time; --demo: the simulator's clock). */
  readonly now: () => number;
  readonly readOnly: boolean;
  readonly names: NameRegister;
  readonly refresh: RefreshRegister;
}

/** Cluster and service names seen on screen, so `:svc a<tab>` completes without a call. */
export class NameRegister {
  private clusterNames: readonly string[] = [];
  private readonly serviceNames = new Map<string, readonly string[]>();

  setClusters(names: readonly string[]): void {
    this.clusterNames = names;
  }

  setServices(cluster: string, names: readonly string[]): void {
    this.serviceNames.set(cluster, names);
  }

  readonly clusters = (): readonly string[] => this.clusterNames;

  readonly services = (cluster: string): readonly string[] => this.serviceNames.get(cluster) ?? [];
}

interface RefreshSnapshot {
  /** Whole seconds between polls of the screen in view; undefined when it does not poll. */
  readonly seconds: number | undefined;
}

/** The `⟳ 5s` of the context bar: the active screen reports its main poller's interval. */
export class RefreshRegister extends Observable<RefreshSnapshot> {
  private owner: object | undefined;

  constructor() {
    super({ seconds: undefined });
  }

  /** `owner` is the reporting screen; only it may clear what it set. */
  report(owner: object, intervalMs: number | undefined): void {
    this.owner = owner;
    const seconds =
      intervalMs === undefined || !Number.isFinite(intervalMs)
        ? undefined
        : Math.max(1, Math.round(intervalMs / 1000));
    this.update({ seconds });
  }

  clear(owner: object): void {
    if (this.owner !== owner) return;
    this.owner = undefined;
    this.update({ seconds: undefined });
  }

  readonly seconds = (): number | undefined => this.snapshot.seconds;
}

export function createBrowseSession(options: {
  hub: PollHub;
  now: () => number;
  readOnly: boolean;
}): BrowseSession {
  return {
    hub: options.hub,
    gateway: options.hub.gateway,
    now: options.now,
    readOnly: options.readOnly,
    names: new NameRegister(),
    refresh: new RefreshRegister(),
  };
}
