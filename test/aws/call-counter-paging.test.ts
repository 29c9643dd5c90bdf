import { describe, expect, it } from 'vitest';
import { CallRecorder, type CallEvent } from '../../src/aws';
import { chunk, collectPages, mapLimit, pageSize } from '../../src/aws/sdk/paging';

const event = (e: Partial<CallEvent>): CallEvent => ({
  service: 'ecs',
  operation: 'DescribeServices',
  mutating: false,
  outcome: 'ok',
  durationMs: 1,
  ...e,
});

describe('call counter', () => {
  it('counts sent calls per service and operation, refused ones apart', () => {
    const calls = new CallRecorder();
    calls.record(event({}));
    calls.record(event({}));
    calls.record(event({ operation: 'ListServices', outcome: 'error', errorKind: 'throttled' }));
    calls.record(event({ service: 'elbv2', operation: 'ModifyRule', mutating: true }));
    calls.record(event({ operation: 'UpdateService', mutating: true, outcome: 'refused' }));
    expect(calls.count()).toBe(4);
    expect(calls.count('ecs')).toBe(3);
    expect(calls.count('ecs', 'DescribeServices')).toBe(2);
    expect(calls.count(undefined, 'ModifyRule')).toBe(1);
    expect(calls.refused()).toBe(1);
    expect(calls.snapshot()).toEqual({
      'ecs:DescribeServices': 2,
      'ecs:ListServices': 1,
      'elbv2:ModifyRule': 1,
    });
    expect(calls.mutatingAttempts()).toBe(2);
    expect(calls.mutatingSent()).toBe(1);
  });

  it('tells subscribers about every call until they unsubscribe, and survives a throwing one', () => {
    const calls = new CallRecorder();
    const seen: string[] = [];
    calls.subscribe(() => {
      throw new Error('listener bug');
    });
    const off = calls.subscribe((e) => seen.push(`${e.operation}:${e.errorKind ?? e.outcome}`));
    calls.record(event({ outcome: 'error', errorKind: 'throttled' }));
    off();
    calls.record(event({}));
    expect(seen).toEqual(['DescribeServices:throttled']);
    expect(calls.count()).toBe(2);
  });
});

describe('paging helpers', () => {
  it('chunks', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 10)).toEqual([]);
  });

  it('runs at most `limit` at once and keeps the order', async () => {
    let running = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const done = mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      return n * 10;
    });
    while (gates.length > 0 || running > 0) {
      await Promise.resolve();
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(await done).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(peak).toBe(3);
  });

  it('stops starting work after a failure', async () => {
    const started: number[] = [];
    await expect(
      mapLimit([1, 2, 3, 4, 5], 1, (n) => {
        started.push(n);
        return n === 2 ? Promise.reject(new Error('boom')) : Promise.resolve(n);
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });

  it('follows tokens, stops at max, and stops on a repeated token', async () => {
    const pages: Record<string, { items: number[]; next?: string }> = {
      start: { items: [1, 2], next: 'a' },
      a: { items: [3, 4], next: 'b' },
      b: { items: [5] },
    };
    let calls = 0;
    const fetch = (token: string | undefined) => {
      calls++;
      const p = pages[token ?? 'start']!;
      return Promise.resolve({ items: p.items, next: p.next });
    };
    expect(await collectPages(fetch)).toEqual([1, 2, 3, 4, 5]);
    expect(calls).toBe(3);
    calls = 0;
    expect(await collectPages(fetch, 3)).toEqual([1, 2, 3]);
    expect(calls).toBe(2);
    let loops = 0;
    expect(await collectPages(() => Promise.resolve({ items: [loops++], next: 'same' }))).toEqual([
      0, 1,
    ]);
    expect(pageSize(undefined, 100)).toBe(100);
    expect(pageSize(7, 100)).toBe(7);
    expect(pageSize(500, 100)).toBe(100);
  });
});
