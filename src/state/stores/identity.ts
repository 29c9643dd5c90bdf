import type { CallerIdentity } from '../../aws/types';
import type { PollHub } from '../poll-hub';
import type { Poller, PollSnapshot } from '../poller';

/**
 * Who we are (STS GetCallerIdentity), asked once for the context bar. refresh() asks again,
 * e.g. after an expired SSO session was renewed.
 */
export class IdentityStore {
  private readonly poller: Poller<CallerIdentity>;

  constructor(private readonly hub: PollHub) {
    this.poller = hub.createPoller({
      name: 'identity',
      intervalMs: Infinity,
      fetch: (signal) => hub.gateway.sts.getCallerIdentity({ signal }),
    });
  }

  readonly subscribe = (listener: () => void) => this.poller.subscribe(listener);
  readonly getSnapshot = (): PollSnapshot<CallerIdentity> => this.poller.getSnapshot();

  /** Asks once (no-op when already asked and not failed). */
  start(): void {
    const { status, fetching } = this.poller.getSnapshot();
    if (fetching || status === 'ready') return;
    void this.poller.refresh();
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
