import { describe, expect, it } from 'vitest';
import { AwsError } from '../errors';
import { flushPromises, ManualTimer } from './manual-timer';
import { Poller } from './poller';

function throttled(): AwsError {
  return new AwsError('Rate exceeded', {
    kind: 'throttled',
    code: 'ThrottlingException',
    service: 'ecs',
    operation: 'DescribeServices',
    retryable: true,
  });
}

/** A fetch the test resolves or rejects by hand, to see what happens while it runs. */
function controlledFetch<T>() {
  const calls: {
    signal: AbortSignal;
    resolve: (v: T) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const fetch = (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => calls.push({ signal, resolve, reject }));
  return { calls, fetch };
}

describe('Poller', () => {
  it('fetches at start, then once per interval measured from the end of the last fetch', async () => {
    const time = new ManualTimer();
    let n = 0;
    const poller = new Poller({
      name: 't',
      time,
      intervalMs: 2000,
      fetch: () => Promise.resolve(++n),
    });
    expect(poller.getSnapshot().status).toBe('loading');
    poller.start();
    await flushPromises();
    expect(poller.getSnapshot()).toMatchObject({ status: 'ready', data: 1, stale: false });
    expect(poller.getSnapshot().nextPollAt).toBe(time.now() + 2000);
    await time.advanceAsync(1999);
    expect(n).toBe(1);
    await time.advanceAsync(1);
    expect(n).toBe(2);
    await time.advanceAsync(10_000);
    expect(n).toBe(7);
    poller.stop();
  });

  it('never overlaps itself: ticks during a slow fetch are dropped, refreshes fold into one', async () => {
    const time = new ManualTimer();
    const { calls, fetch } = controlledFetch<number>();
    const poller = new Poller({ name: 'slow', time, intervalMs: 1000, fetch });
    poller.start();
    await flushPromises();
    expect(calls).toHaveLength(1);
    await time.advanceAsync(30_000); // a fetch that hangs for 30 s
    const r1 = poller.refresh();
    const r2 = poller.refresh();
    expect(calls).toHaveLength(1);
    expect(poller.getSnapshot().fetching).toBe(true);
    calls[0]!.resolve(1);
    await flushPromises();
    // exactly one follow-up fetch for the two refreshes, started after the first ended
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(2);
    await Promise.all([r1, r2]);
    expect(poller.getSnapshot().data).toBe(2);
    await time.advanceAsync(999);
    expect(calls).toHaveLength(2);
    await time.advanceAsync(1);
    expect(calls).toHaveLength(3);
    poller.stop();
  });

  it('keeps the last good data when a fetch fails and marks it stale', async () => {
    const time = new ManualTimer();
    const results: (() => Promise<string>)[] = [
      () => Promise.resolve('good'),
      () => Promise.reject(new Error('network down')),
      () => Promise.resolve('better'),
    ];
    const poller = new Poller({
      name: 'x',
      time,
      intervalMs: 1000,
      fetch: () => results.shift()!(),
    });
    poller.start();
    await flushPromises();
    const firstFetchedAt = poller.getSnapshot().fetchedAt;
    await time.advanceAsync(1000);
    expect(poller.getSnapshot()).toMatchObject({ status: 'ready', data: 'good', stale: true });
    expect(poller.getSnapshot().error?.message).toBe('network down');
    expect(poller.getSnapshot().fetchedAt).toBe(firstFetchedAt);
    await time.advanceAsync(1000);
    expect(poller.getSnapshot()).toMatchObject({
      status: 'ready',
      data: 'better',
      stale: false,
      error: undefined,
    });
    poller.stop();
  });

  it('reports error (no data) and empty states', async () => {
    const time = new ManualTimer();
    const failing = new Poller({
      name: 'f',
      time,
      intervalMs: 1000,
      fetch: () => Promise.reject(new Error('access denied')),
    });
    await failing.refresh();
    expect(failing.getSnapshot()).toMatchObject({ status: 'error', data: undefined, stale: false });
    const empty = new Poller({
      name: 'e',
      time,
      intervalMs: 1000,
      fetch: () => Promise.resolve([]),
    });
    await empty.refresh();
    expect(empty.getSnapshot().status).toBe('empty');
  });

  it('doubles its interval on throttling up to 60 s, then decays after 3 clean polls', async () => {
    const time = new ManualTimer();
    let throttle = true;
    const starts: number[] = [];
    const poller = new Poller({
      name: 'busy',
      time,
      intervalMs: 2000,
      fetch: () => {
        starts.push(time.now());
        return throttle ? Promise.reject(throttled()) : Promise.resolve('ok');
      },
    });
    poller.start();
    await flushPromises();
    expect(poller.getSnapshot()).toMatchObject({ throttled: true, intervalMs: 4000 });
    const intervals: number[] = [];
    for (let i = 0; i < 6; i++) {
      await time.advanceAsync(poller.getSnapshot().intervalMs);
      intervals.push(poller.getSnapshot().intervalMs);
    }
    expect(intervals).toEqual([8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(gaps).toEqual([4000, 8000, 16_000, 32_000, 60_000, 60_000]);

    throttle = false;
    const decay: number[] = [];
    for (let i = 0; i < 15; i++) {
      await time.advanceAsync(poller.getSnapshot().intervalMs);
      decay.push(poller.getSnapshot().intervalMs);
    }
    // halves after every third clean poll: 60 -> 30 -> 15 -> 7.5 -> 3.75 -> 2 (base)
    expect(decay).toEqual([
      60_000, 60_000, 30_000, 30_000, 30_000, 15_000, 15_000, 15_000, 7500, 7500, 7500, 3750, 3750,
      3750, 2000,
    ]);
    expect(poller.getSnapshot().throttled).toBe(false);
    poller.stop();
  });

  it('a throttled poll keeps the data and counts as not clean', async () => {
    const time = new ManualTimer();
    const script = ['ok', 'throttle', 'ok', 'ok', 'throttle', 'ok', 'ok', 'ok'];
    const poller = new Poller({
      name: 's',
      time,
      intervalMs: 1000,
      fetch: () =>
        script.shift() === 'throttle' ? Promise.reject(throttled()) : Promise.resolve(1),
    });
    poller.start();
    await flushPromises();
    const seen: number[] = [];
    for (let i = 0; i < 7; i++) {
      await time.advanceAsync(poller.getSnapshot().intervalMs);
      seen.push(poller.getSnapshot().intervalMs);
      expect(poller.getSnapshot().data).toBe(1);
    }
    // 2 s after the first throttle, 4 s after the second (two clean polls were not enough)
    expect(seen).toEqual([2000, 2000, 2000, 4000, 4000, 4000, 2000]);
    poller.stop();
  });

  it('stop() aborts the fetch in flight and ignores its late answer', async () => {
    const time = new ManualTimer();
    const { calls, fetch } = controlledFetch<string>();
    const poller = new Poller({ name: 'a', time, intervalMs: 1000, fetch });
    poller.start();
    await flushPromises();
    expect(calls[0]!.signal.aborted).toBe(false);
    poller.stop();
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.resolve('late');
    await time.advanceAsync(10_000);
    expect(poller.getSnapshot()).toMatchObject({ status: 'loading', data: undefined });
    expect(calls).toHaveLength(1);
    expect(time.pendingCount()).toBe(0);
  });

  it('changes interval at runtime and moves the pending tick', async () => {
    const time = new ManualTimer();
    let n = 0;
    const poller = new Poller({
      name: 'i',
      time,
      intervalMs: 30_000,
      fetch: () => Promise.resolve(++n),
    });
    poller.start();
    await flushPromises();
    await time.advanceAsync(1000);
    poller.setInterval(2000); // a rollout started
    expect(poller.getSnapshot().nextPollAt).toBe(time.now() + 1000);
    await time.advanceAsync(1000);
    expect(n).toBe(2);
    poller.setInterval(15_000);
    await time.advanceAsync(14_999);
    expect(n).toBe(2);
    await time.advanceAsync(1);
    expect(n).toBe(3);
    poller.stop();
  });

  it('changes snapshot identity only when state changes', async () => {
    const time = new ManualTimer();
    const poller = new Poller({
      name: 'id',
      time,
      intervalMs: Infinity,
      fetch: () => Promise.resolve('same'),
    });
    let notified = 0;
    poller.subscribe(() => notified++);
    const before = poller.getSnapshot();
    expect(poller.getSnapshot()).toBe(before);
    poller.setInterval(Infinity);
    expect(poller.getSnapshot()).toBe(before);
    await poller.refresh();
    const after = poller.getSnapshot();
    expect(after).not.toBe(before);
    expect(after.data).toBe('same');
    expect(poller.getSnapshot()).toBe(after);
    expect(notified).toBeGreaterThan(0);
    // an Infinity interval never schedules
    expect(after.nextPollAt).toBeUndefined();
    expect(time.pendingCount()).toBe(0);
  });

  it('reset() forgets the data and fetches again', async () => {
    const time = new ManualTimer();
    const { calls, fetch } = controlledFetch<string>();
    const poller = new Poller({ name: 'r', time, intervalMs: 5000, fetch });
    poller.start();
    await flushPromises();
    calls[0]!.resolve('running');
    await flushPromises();
    const done = poller.reset();
    expect(poller.getSnapshot()).toMatchObject({ status: 'loading', data: undefined });
    expect(calls).toHaveLength(2);
    calls[1]!.resolve('stopped');
    await done;
    expect(poller.getSnapshot().data).toBe('stopped');
    poller.stop();
  });

  it('refuses a zero or negative interval', () => {
    expect(
      () =>
        new Poller({
          name: 'bad',
          time: new ManualTimer(),
          intervalMs: 0,
          fetch: () => Promise.resolve(1),
        }),
    ).toThrow(/bad must be above 0/);
  });
});
