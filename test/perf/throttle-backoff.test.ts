import { describe, expect, it } from 'vitest';
import { buildCluster, buildService } from '../../src/sim/services/ecs/builder';
import { ServiceStore } from '../../src/state/stores/service';
import { startPerfHub } from './perf-hub';

const SECOND = 1000;

describe('a poller against AWS rate limits drained by someone else', () => {
  it('doubles its interval on throttling, says so, and calls less per minute until it clears', async () => {
    const { sim, time, hub } = await startPerfHub({ rateLimits: 'aws' });
    const cluster = buildCluster(sim.world, 'us-east-1', 'prod');
    buildService(sim.world, 'us-east-1', { cluster, name: 'api', image: 'api:v1' });
    const store = new ServiceStore(hub, { cluster: 'prod', service: 'api' });
    const describes = () => sim.calls.count('ecs', 'DescribeServices');
    const throttled = () =>
      sim.calls.all().filter((c) => c.errorCode === 'ThrottlingException').length;
    store.start();
    await store.whenIdle();
    const base = store.getSnapshot().intervalMs;
    expect(base).toBe(10 * SECOND);

    // a CI job on the same account takes every service-read token there is (the bucket is
    // shared by every caller of the account and Region)
    const drain = () => {
      while (sim.rateLimits!.take('ecs', 'ListServices', 'us-east-1'));
    };
    /** One simulated minute, with or without the neighbour. */
    const minute = async (neighbour: boolean) => {
      const before = describes();
      for (let s = 0; s < 60; s++) {
        // the bucket refills, the neighbour takes it all, then our poller's turn comes
        sim.advance(SECOND);
        if (neighbour) drain();
        time.advance(SECOND);
        await store.whenIdle();
      }
      return describes() - before;
    };

    const quiet = await minute(false);
    expect(quiet).toBe(6);
    const busy1 = await minute(true);
    expect(store.getSnapshot()).toMatchObject({ throttled: true, status: 'ready', stale: true });
    expect(store.getSnapshot().intervalMs).toBeGreaterThanOrEqual(4 * base);
    expect(hub.getSnapshot().throttled).toBe(true);
    expect(hub.getSnapshot().throttledPollers).toEqual(['service:prod/api']);
    const busy2 = await minute(true);
    expect(store.getSnapshot().intervalMs).toBe(60 * SECOND); // the cap
    expect(busy1).toBeLessThan(quiet);
    expect(busy2).toBeLessThanOrEqual(2);
    expect(throttled()).toBeGreaterThan(0);

    // the neighbour stops: clean polls bring the interval back down and clear the badge
    for (let m = 0; m < 8 && store.getSnapshot().intervalMs > base; m++) await minute(false);
    expect(store.getSnapshot()).toMatchObject({ throttled: false, stale: false, intervalMs: base });
    expect(hub.getSnapshot().throttled).toBe(false);
    store.dispose();
  });
});
