/**
 * Polls a rollout controller every 2 s through the hub (so the client's call budget sees it):
 * only while the monitor is in view, keeping the last view (marked stale) when a poll fails,
 * and stopping once the rollout is final, after one more poll so late counts and events land
 * (and starting again when an action sets an ended rollout going: a held ALB canary resumed).
 */
import { isSettled } from '../../deploy/settled';
import type { RolloutController, RolloutView } from '../../deploy/types';
import { Observable } from '../../state/observable';
import type { PollHub } from '../../state/poll-hub';
import type { Poller, PollSnapshot } from '../../state/poller';

export const ROLLOUT_POLL_MS = 2_000;

export interface WatchSnapshot {
  poll: PollSnapshot<RolloutView>;
  /** Final and polled once more: nothing left to watch. */
  done: boolean;
}

export class RolloutWatch extends Observable<WatchSnapshot> {
  private readonly poller: Poller<RolloutView>;
  private finalPolls = 0;
  private wanted = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly hub: PollHub,
    readonly controller: RolloutController,
    name = 'rollout',
  ) {
    const poller = hub.createPoller<RolloutView>({
      name,
      fetch: (signal) => controller.poll(signal),
      intervalMs: ROLLOUT_POLL_MS,
      isEmpty: () => false,
      // rolling: DescribeServices and DescribeServiceDeployments every poll; target health
      // every 2nd and stopped tasks every 3rd (averaged here)
      cost: () => ({
        'ecs.serviceRead': 1,
        'ecs.serviceDeployment': 1,
        'ecs.clusterResourceRead': 0.7,
        'elb.describe': 0.5,
      }),
    });
    super({ poll: poller.getSnapshot(), done: false });
    this.poller = poller;
    this.unsubscribe = poller.subscribe(() => this.polled());
  }

  /** Poll while the monitor is in view (no-op once done). */
  start(): void {
    this.wanted = true;
    if (!this.snapshot.done) this.poller.start();
  }

  stop(): void {
    this.wanted = false;
    this.poller.stop();
  }

  /** Poll now (after an action, so its effect shows at once). */
  refresh(): Promise<void> {
    return this.poller.refresh();
  }

  dispose(): void {
    this.unsubscribe();
    this.hub.release(this.poller);
  }

  private polled(): void {
    const poll = this.poller.getSnapshot();
    const before = this.snapshot.poll;
    // a fetch just ended well: the poller went from fetching to not, without going stale
    const landed = before.fetching && !poll.fetching && !poll.stale && poll.data !== undefined;
    // an action on an ended rollout can set it going again (a held ALB canary resumed or
    // promoted): watch it again
    if (landed && this.snapshot.done && !isSettled(poll.data)) {
      this.finalPolls = 0;
      if (this.wanted) this.poller.start();
      this.update({ poll: this.poller.getSnapshot(), done: false });
      return;
    }
    // a known outcome is not the end: a rollback is followed until the service is back
    if (landed && isSettled(poll.data)) {
      this.finalPolls += 1;
      if (this.finalPolls >= 2) {
        this.poller.stop();
        this.update({ poll: this.poller.getSnapshot(), done: true });
        return;
      }
      if (this.wanted) void this.poller.refresh();
    }
    this.update({ poll });
  }
}
