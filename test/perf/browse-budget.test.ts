import { describe, expect, it } from 'vitest';
import {
  buildCluster,
  buildService,
  buildTaskDefinition,
} from '../../src/sim/services/ecs/builder';
import { ServicesStore } from '../../src/state/stores/services';
import { startPerfHub } from './perf-hub';

const SERVICES = 5000;
const PAGE = 32; // data rows of the Services screen at 120x40

describe('browsing a 5,000-service cluster costs calls for the rows on screen only', () => {
  it('opens with 50 ListServices + 4 DescribeServices; a page describes only its new rows', async () => {
    const { sim, gateway, time, hub } = await startPerfHub();
    const cluster = buildCluster(sim.world, 'us-east-1', 'big');
    const td = buildTaskDefinition(sim.world, 'us-east-1', { family: 'web', image: 'nginx:1' });
    for (let i = 0; i < SERVICES; i++) {
      const name = `svc-${String(i).padStart(4, '0')}`;
      buildService(sim.world, 'us-east-1', { cluster, name, taskDefinition: td, desiredCount: 0 });
    }
    const store = new ServicesStore(hub, { cluster: 'big', resolveImages: false });
    const names = () => store.getSnapshot().entries.map((e) => e.name);
    const show = async (from: number) => {
      store.setVisible(names().slice(from, from + PAGE));
      time.advance(150); // the scroll debounce
      await store.whenIdle();
    };
    const describes = () => gateway.calls.count('ecs', 'DescribeServices');
    const described = () => store.getSnapshot().entries.filter((e) => e.service).length;

    store.start();
    await store.whenIdle();
    await show(0);
    expect(gateway.calls.count('ecs', 'ListServices')).toBe(Math.ceil(SERVICES / 100));
    expect(describes()).toBe(Math.ceil(PAGE / 10));
    expect(described()).toBe(PAGE);

    // page down: 32 new rows, 4 calls, nothing re-described
    await show(PAGE);
    expect(describes()).toBe(2 * Math.ceil(PAGE / 10));
    expect(described()).toBe(2 * PAGE);

    // half a page back: only the 16 rows not yet described
    await show(PAGE + PAGE / 2);
    expect(describes()).toBe(2 * Math.ceil(PAGE / 10) + Math.ceil(PAGE / 2 / 10));

    // a selection far away is described alone; the 5,000 names are never re-listed meanwhile
    store.setSelected('svc-4999');
    time.advance(150);
    await store.whenIdle();
    expect(describes()).toBe(2 * Math.ceil(PAGE / 10) + Math.ceil(PAGE / 2 / 10) + 1);
    expect(gateway.calls.count('ecs', 'ListServices')).toBe(Math.ceil(SERVICES / 100));
    expect(sim.calls.count('ecs', 'DescribeServices')).toBe(describes());
    store.dispose();
  });
});

describe('image lookups of the visible rows', () => {
  it('one DescribeTaskDefinition per row on screen, at once, without a warning on the screen', async () => {
    const { sim, gateway, time, hub } = await startPerfHub();
    const cluster = buildCluster(sim.world, 'us-east-1', 'many');
    for (let i = 0; i < 40; i++) {
      const name = `svc-${String(i).padStart(2, '0')}`;
      buildService(sim.world, 'us-east-1', { cluster, name, image: `repo/${name}:v1` });
    }
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const store = new ServicesStore(hub, { cluster: 'many' });
      store.start();
      await store.whenIdle();
      store.setVisible(
        store
          .getSnapshot()
          .entries.slice(0, PAGE)
          .map((e) => e.name),
      );
      time.advance(150);
      await store.whenIdle();
      await Promise.all(
        store
          .getSnapshot()
          .entries.slice(0, PAGE)
          .map((e) => hub.taskDefinitions.load(e.service!.taskDefinitionArn!)),
      );
      expect(gateway.calls.count('ecs', 'DescribeTaskDefinition')).toBe(PAGE);
      // a MaxListenersExceededWarning goes to stderr, which is the full-screen terminal
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
      store.dispose();
    } finally {
      process.off('warning', onWarning);
    }
  });
});
