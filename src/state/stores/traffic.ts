import type { Listener, Rule, TargetGroup, TargetHealth } from '../../aws/types';
import { forwardTargets, type TrafficInput } from '../../present/traffic-rows';
import type { PollHub } from '../poll-hub';
import type { Poller, PollSnapshot } from '../poller';
import { DEFAULT_INTERVALS, type ActivityIntervals } from './intervals';

/** What the Traffic tab shows; fits `TrafficInput` of src/present/traffic-rows. */
export interface TrafficData extends TrafficInput {
  readonly targetGroups: readonly TargetGroup[];
  readonly listeners: readonly { listener: Listener; rules: readonly Rule[] }[];
  readonly health: Readonly<Record<string, readonly TargetHealth[]>>;
  /** When listeners and rules were last discovered (time source ms). */
  readonly discoveredAt: number | undefined;
}

export interface TrafficStoreOptions {
  name: string;
  /** How long target groups, listeners and rules are trusted. Default 5 min. */
  discoveryTtlMs?: number;
  intervals?: ActivityIntervals;
}

interface Discovery {
  key: string;
  at: number;
  targetGroups: TargetGroup[];
  listeners: { listener: Listener; rules: Rule[] }[];
}

/**
 * Target groups of a service, the listener rules that forward to them and their target health.
 * Discovery (DescribeTargetGroups → DescribeListeners per load balancer → DescribeRules per
 * listener) is cached for minutes; each poll costs one DescribeTargetHealth per group, plus one
 * DescribeRules when live weights are asked for (a rollout is shifting traffic).
 */
export class TrafficStore {
  private readonly poller: Poller<TrafficData>;
  private readonly intervals: ActivityIntervals;
  private readonly ttlMs: number;
  private targetGroupArns: string[] = [];
  private discovery: Discovery | undefined;
  private liveWeights = false;
  private active = false;

  constructor(
    private readonly hub: PollHub,
    options: TrafficStoreOptions,
  ) {
    this.intervals = options.intervals ?? DEFAULT_INTERVALS.traffic;
    this.ttlMs = options.discoveryTtlMs ?? 5 * 60_000;
    this.poller = hub.createPoller({
      name: `traffic:${options.name}`,
      intervalMs: this.intervals.idle,
      fetch: (signal) => this.fetch(signal),
      isEmpty: (d) => d.targetGroups.length === 0,
      cost: () => ({
        'elb.describe': Math.max(1, this.targetGroupArns.length) + (this.liveWeights ? 1 : 0),
      }),
    });
  }

  readonly subscribe = (listener: () => void) => this.poller.subscribe(listener);
  readonly getSnapshot = (): PollSnapshot<TrafficData> => this.poller.getSnapshot();

  /** The service's target groups (primary and alternate); a change re-discovers at once. */
  setTargetGroups(arns: readonly string[]): void {
    const next = [...new Set(arns)].sort();
    if (next.join(' ') === this.targetGroupArns.join(' ')) return;
    this.targetGroupArns = next;
    this.discovery = undefined;
    this.hub.rebalance();
    if (this.poller.isRunning) void this.poller.refresh();
  }

  /** Re-read the forwarding rules every poll (weights move during a rollout). */
  setLiveWeights(live: boolean): void {
    this.liveWeights = live;
    this.hub.rebalance();
  }

  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    this.poller.setInterval(active ? this.intervals.active : this.intervals.idle);
  }

  /** Forget the cached listeners and rules (someone changed the load balancer). */
  rediscover(): Promise<void> {
    this.discovery = undefined;
    return this.poller.refresh();
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

  private async fetch(signal: AbortSignal): Promise<TrafficData> {
    const arns = this.targetGroupArns;
    if (!arns.length)
      return { targetGroups: [], listeners: [], health: {}, discoveredAt: undefined };
    const now = this.hub.time.now();
    const key = arns.join(' ');
    let found = this.discovery;
    const fresh = found && found.key === key && now - found.at < this.ttlMs;
    if (!found || !fresh) {
      found = await this.discover(arns, key, signal);
      this.discovery = found;
    } else if (this.liveWeights) {
      found = await this.rereadRules(found, signal);
      this.discovery = found;
    }
    const elb = this.hub.gateway.elb;
    const health = await Promise.all(
      found.targetGroups.map(
        async (tg) => [tg.arn, await elb.describeTargetHealth(tg.arn, { signal })] as const,
      ),
    );
    return {
      targetGroups: found.targetGroups,
      listeners: found.listeners,
      health: Object.fromEntries(health),
      discoveredAt: found.at,
    };
  }

  private async discover(arns: string[], key: string, signal: AbortSignal): Promise<Discovery> {
    const elb = this.hub.gateway.elb;
    const targetGroups = await elb.describeTargetGroups({ arns }, { signal });
    const ours = new Set(targetGroups.map((tg) => tg.arn));
    const loadBalancers = [...new Set(targetGroups.flatMap((tg) => tg.loadBalancerArns))];
    const listeners = (
      await Promise.all(
        loadBalancers.map((lb) => elb.describeListeners({ loadBalancerArn: lb }, { signal })),
      )
    ).flat();
    const withRules = await Promise.all(
      listeners.map(async (listener) => {
        const rules = await elb.describeRules({ listenerArn: listener.arn }, { signal });
        return { listener, rules: rules.filter((r) => forwardsTo(r, ours)) };
      }),
    );
    return {
      key,
      at: this.hub.time.now(),
      targetGroups: arns
        .map((arn) => targetGroups.find((tg) => tg.arn === arn))
        .filter((tg): tg is TargetGroup => tg !== undefined),
      listeners: withRules.filter((l) => l.rules.length > 0),
    };
  }

  /** One DescribeRules by ARN for every forwarding rule: the weights as they are now. */
  private async rereadRules(found: Discovery, signal: AbortSignal): Promise<Discovery> {
    const ruleArns = found.listeners.flatMap((l) => l.rules.map((r) => r.arn));
    if (!ruleArns.length) return found;
    const rules = await this.hub.gateway.elb.describeRules({ ruleArns }, { signal });
    const byArn = new Map(rules.map((r) => [r.arn, r]));
    return {
      ...found,
      listeners: found.listeners.map((l) => ({
        listener: l.listener,
        rules: l.rules.map((r) => byArn.get(r.arn) ?? r),
      })),
    };
  }
}

function forwardsTo(rule: Rule, targetGroups: ReadonlySet<string>): boolean {
  return forwardTargets(rule.actions).some((t) => targetGroups.has(t.targetGroupArn));
}
