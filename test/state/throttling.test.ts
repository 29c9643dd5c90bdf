import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../src/aws';
import { buildService } from '../../src/sim/services/ecs/builder';
import { ServiceStore } from '../../src/state/stores/service';
import { startSimHub } from './sim-hub';

async function setup() {
  // one attempt per call: the poller, not the SDK, rides out throttling (perf-reliability 1.5)
  const ctx = await startSimHub({ maxAttempts: 1 });
  buildService(ctx.sim.world, 'us-east-1', { cluster: 'prod', name: 'api', image: 'api:v1' });
  const store = new ServiceStore(ctx.hub, { cluster: 'prod', service: 'api' });
  return { ...ctx, store };
}

describe('pollers against a throttling simulator', () => {
  it('backs off (double, keep data, badge) on ThrottlingException and recovers', async () => {
    const { sim, time, hub, store } = await setup();
    store.start();
    await store.whenIdle();
    expect(store.getSnapshot()).toMatchObject({ status: 'ready', intervalMs: 10_000 });
    const good = store.getSnapshot().data;

    sim.faults.add({ kind: 'throttle', service: 'ecs', operation: 'DescribeServices', times: 2 });
    time.advance(10_000);
    await store.whenIdle();
    expect(store.getSnapshot()).toMatchObject({
      status: 'ready',
      stale: true,
      throttled: true,
      intervalMs: 20_000,
    });
    expect(store.getSnapshot().data).toBe(good);
    expect(store.getSnapshot().error).toMatchObject({ kind: 'throttled' });
    expect(hub.getSnapshot()).toMatchObject({
      throttled: true,
      throttledPollers: ['service:prod/api'],
    });

    time.advance(20_000);
    await store.whenIdle();
    expect(store.getSnapshot().intervalMs).toBe(40_000);

    for (let i = 0; i < 3; i++) {
      time.advance(store.getSnapshot().intervalMs);
      await store.whenIdle();
    }
    expect(store.getSnapshot()).toMatchObject({
      stale: false,
      intervalMs: 20_000,
      error: undefined,
    });
    for (let i = 0; i < 3; i++) {
      time.advance(store.getSnapshot().intervalMs);
      await store.whenIdle();
    }
    expect(store.getSnapshot()).toMatchObject({ throttled: false, intervalMs: 10_000 });
    expect(hub.getSnapshot().throttled).toBe(false);
    expect(sim.calls.count('ecs', 'DescribeServices')).toBe(1 + 2 + 6);
  });

  it('keeps the data but does not back off on access denied', async () => {
    const { sim, time, store } = await setup();
    store.start();
    await store.whenIdle();
    sim.faults.add({
      kind: 'access-denied',
      service: 'ecs',
      operation: 'DescribeServices',
      times: 1,
    });
    time.advance(10_000);
    await store.whenIdle();
    expect(store.getSnapshot()).toMatchObject({
      status: 'ready',
      stale: true,
      throttled: false,
      intervalMs: 10_000,
    });
    expect(store.getSnapshot().error).toMatchObject({ kind: 'access-denied' });
  });

  it('aborts the call in flight when the screen goes away', async () => {
    const { sim, gateway, time, store } = await setup();
    store.start();
    await store.whenIdle();
    const events: CallEvent[] = [];
    const ended = new Promise<void>((resolve) =>
      gateway.calls.subscribe((e) => {
        events.push(e);
        resolve();
      }),
    );
    sim.faults.add({ kind: 'hang', service: 'ecs', operation: 'DescribeServices' });
    time.advance(10_000);
    expect(store.getSnapshot().fetching).toBe(true);
    store.dispose();
    await store.whenIdle();
    await ended;
    expect(events[0]).toMatchObject({
      operation: 'DescribeServices',
      outcome: 'error',
      errorKind: 'aborted',
    });
    expect(store.getSnapshot().fetching).toBe(false);
    expect(time.pendingCount()).toBe(0);
  });
});
