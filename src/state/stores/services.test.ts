import { afterEach, describe, expect, it } from 'vitest';
import { bigClusterEcs, FakeCalls, fakeGateway } from '../../../test/state/fake-gateway';
import { flushPromises, ManualTimer } from '../manual-timer';
import { PollHub } from '../poll-hub';
import { FilterMemo } from './filter-memo';
import type { ServiceListEntry } from './service-list';
import { ServicesStore } from './services';

let store: ServicesStore | undefined;
afterEach(() => store?.dispose());

function setup(n: number, patch?: Parameters<typeof bigClusterEcs>[2]) {
  const calls = new FakeCalls();
  const world = bigClusterEcs(n, calls, patch);
  const time = new ManualTimer();
  const hub = new PollHub({ gateway: fakeGateway({ ecs: world.ecs }, calls), time });
  store = new ServicesStore(hub, { cluster: 'big' });
  return { calls, world, time, hub, store };
}

const listCalls = (calls: FakeCalls) => calls.count('ecs', 'ListServices');
const describeCalls = (calls: FakeCalls) => calls.count('ecs', 'DescribeServices');

describe('ServicesStore (windowed)', () => {
  it('opens 5,000 services with 20 visible rows in 50 ListServices and 2 DescribeServices', async () => {
    const { calls, time, store } = setup(5000);
    store.start();
    await flushPromises();
    expect(store.getSnapshot()).toMatchObject({ status: 'ready', total: 5000 });
    expect(store.getSnapshot().entries.every((e) => e.service === undefined)).toBe(true);
    store.setVisible(
      store
        .getSnapshot()
        .entries.slice(0, 20)
        .map((e) => e.name),
    );
    await time.advanceAsync(150);
    await store.whenIdle();
    expect(listCalls(calls)).toBe(50);
    expect(describeCalls(calls)).toBe(2);
    const entries = store.getSnapshot().entries;
    expect(entries.slice(0, 20).every((e) => e.service?.status === 'ACTIVE')).toBe(true);
    expect(entries[20]!.service).toBeUndefined();
    // images come from each row's task definition, fetched once
    expect(entries[0]!.taskDefinition?.containers[0]?.image).toBe('repo/svc-00000:v1');
  });

  it('filters the full name list without describing anything more', async () => {
    const { calls, time, store } = setup(5000);
    store.start();
    await flushPromises();
    // the screen filters the store's entries as it renders
    const memo = new FilterMemo<ServiceListEntry>((e) => e.name);
    const matching = (filter: string) =>
      memo.apply(store.getSnapshot().entries, filter).map((e) => e.name);
    expect(matching('svc-0499')).toEqual(Array.from({ length: 10 }, (_, i) => `svc-0499${i}`));
    expect(matching('SVC 04999')).toEqual(['svc-04999']);
    await time.advanceAsync(1000);
    expect(describeCalls(calls)).toBe(0);
    expect(store.getSnapshot().total).toBe(5000);
  });

  it('holds a pending describe back while keys keep coming', async () => {
    const { calls, time, store, world } = setup(300);
    store.start();
    await flushPromises();
    store.setVisible(world.names.slice(0, 20));
    await time.advanceAsync(100);
    // `/` and a filter typed: keys that do not move the rows still hold the describe back
    store.postpone();
    await time.advanceAsync(100);
    store.postpone();
    await time.advanceAsync(100);
    expect(describeCalls(calls)).toBe(0);
    await time.advanceAsync(50);
    expect(describeCalls(calls)).toBe(2);
    // nothing pending: a key starts nothing
    store.postpone();
    await time.advanceAsync(1000);
    expect(describeCalls(calls)).toBe(2);
  });

  it('describes only newly visible rows after scrolling settles, then all visible per tick', async () => {
    const { calls, time, store, world } = setup(300);
    store.start();
    await flushPromises();
    store.setVisible(world.names.slice(0, 20));
    await time.advanceAsync(150);
    expect(describeCalls(calls)).toBe(2);
    // three quick scroll steps: one describe for the rows that came into view
    store.setVisible(world.names.slice(1, 21));
    await time.advanceAsync(50);
    store.setVisible(world.names.slice(2, 22));
    await time.advanceAsync(50);
    store.setVisible(world.names.slice(3, 23));
    await time.advanceAsync(150);
    expect(describeCalls(calls)).toBe(3);
    // the idle tick re-describes what is on screen: 20 rows, 2 calls
    await time.advanceAsync(15_000);
    expect(describeCalls(calls)).toBe(5);
    // the names are re-listed once a minute, 3 pages for 300 services
    await time.advanceAsync(60_000);
    expect(listCalls(calls)).toBe(6);
  });

  it('the selected row is described even when scrolled out of view', async () => {
    const { calls, time, store } = setup(300);
    store.start();
    await flushPromises();
    store.setSelected('svc-00299');
    await time.advanceAsync(150);
    expect(describeCalls(calls)).toBe(1);
    expect(store.getSnapshot().entries.find((e) => e.name === 'svc-00299')?.service).toBeDefined();
  });

  it('polls visible rows faster while one of them is rolling out', async () => {
    const { calls, time, store, world } = setup(50, (name) =>
      name === 'svc-00003'
        ? {
            deployments: [
              {
                id: 'ecs-svc/2',
                status: 'PRIMARY',
                taskDefinitionArn: 'td:2',
                desiredCount: 1,
                runningCount: 0,
                pendingCount: 1,
                failedTasks: 0,
                rolloutState: 'IN_PROGRESS',
              },
            ],
          }
        : {},
    );
    store.start();
    await flushPromises();
    store.setVisible(world.names.slice(0, 10));
    await time.advanceAsync(150);
    expect(store.getSnapshot().active).toBe(true);
    const before = describeCalls(calls);
    await time.advanceAsync(15_000);
    expect(describeCalls(calls) - before).toBe(3); // every 5 s instead of every 15 s
  });

  it('sorts by status (failed first) and age, undescribed rows last', async () => {
    const { time, store, world } = setup(30, (name) => {
      const i = Number(name.slice(4));
      return {
        deployments: [
          {
            id: `ecs-svc/${i}`,
            status: 'PRIMARY',
            taskDefinitionArn: 'td:1',
            desiredCount: 1,
            runningCount: 1,
            pendingCount: 0,
            failedTasks: 0,
            rolloutState: i === 2 ? 'FAILED' : 'COMPLETED',
            createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
          },
        ],
      };
    });
    store.start();
    await flushPromises();
    store.setVisible(world.names.slice(0, 5));
    await time.advanceAsync(150);
    store.setSort('status');
    expect(store.getSnapshot().entries[0]!.name).toBe('svc-00002');
    store.setSort('age');
    expect(
      store
        .getSnapshot()
        .entries.slice(0, 5)
        .map((e) => e.name),
    ).toEqual(['svc-00004', 'svc-00003', 'svc-00002', 'svc-00001', 'svc-00000']);
    expect(store.getSnapshot().entries[5]!.service).toBeUndefined();
    store.setSort('name', true);
    expect(store.getSnapshot().entries[0]!.name).toBe('svc-00029');
  });

  it('marks services deleted since the list was read as MISSING', async () => {
    const { time, store, world } = setup(5);
    store.start();
    await flushPromises();
    world.names.splice(world.names.indexOf('svc-00003'), 1); // someone deleted it
    store.setVisible(['svc-00002', 'svc-00003']);
    await time.advanceAsync(150);
    const byName = new Map(store.getSnapshot().entries.map((e) => [e.name, e]));
    expect(byName.get('svc-00002')).toMatchObject({ missing: false });
    expect(byName.get('svc-00003')).toMatchObject({ missing: true, service: undefined });
    // the next list pass drops it
    await store.refresh();
    expect(store.getSnapshot().entries.map((e) => e.name)).not.toContain('svc-00003');
  });

  it('keeps the snapshot identity while nothing changes, and stops all calls on dispose', async () => {
    const { calls, time, store, world } = setup(20);
    store.start();
    await flushPromises();
    const snap = store.getSnapshot();
    store.setVisible([]);
    expect(store.getSnapshot()).toBe(snap);
    store.setVisible(world.names.slice(0, 5));
    await time.advanceAsync(150);
    store.dispose();
    const total = calls.count();
    await time.advanceAsync(120_000);
    expect(calls.count()).toBe(total);
    expect(time.pendingCount()).toBe(0);
  });
});
