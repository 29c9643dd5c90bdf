import { describe, expect, it } from 'vitest';
import { serviceRows } from '../../src/present/service-rows';
import {
  buildCluster,
  buildService,
  buildTaskDefinition,
} from '../../src/sim/services/ecs/builder';
import { FilterMemo } from '../../src/state/stores/filter-memo';
import type { ServiceListEntry } from '../../src/state/stores/service-list';
import { ServicesStore } from '../../src/state/stores/services';
import { startSimHub } from './sim-hub';

const REGION = 'us-east-1';

describe('services store against the simulator', () => {
  it('opens a cluster of 5,000 services with 20 visible rows in 50 ListServices + 2 DescribeServices', async () => {
    const { sim, gateway, time, hub } = await startSimHub();
    const cluster = buildCluster(sim.world, REGION, 'big');
    const td = buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.27' });
    for (let i = 0; i < 5000; i++) {
      const name = `svc-${String(i).padStart(4, '0')}`;
      buildService(sim.world, REGION, { cluster, name, taskDefinition: td, desiredCount: 0 });
    }
    gateway.calls.reset();
    sim.calls.clear();

    const store = new ServicesStore(hub, { cluster: 'big' });
    store.start();
    await store.whenIdle();
    expect(store.getSnapshot()).toMatchObject({ status: 'ready', total: 5000 });
    const window = store
      .getSnapshot()
      .entries.slice(0, 20)
      .map((e) => e.name);
    store.setVisible(window);
    time.advance(150); // scrolling settled
    await store.whenIdle();

    expect(gateway.calls.count('ecs', 'ListServices')).toBe(50);
    expect(gateway.calls.count('ecs', 'DescribeServices')).toBe(2);
    // what the simulator actually served agrees with the gateway's counter
    expect(sim.calls.count('ecs', 'ListServices')).toBe(50);
    expect(sim.calls.count('ecs', 'DescribeServices')).toBe(2);

    const entries = store.getSnapshot().entries;
    const rows = serviceRows(entries.slice(0, 21), sim.clock.now());
    expect(rows.slice(0, 20).every((r) => r.described && r.status === 'ACTIVE')).toBe(true);
    expect(rows[0]).toMatchObject({
      name: 'svc-0000',
      controller: 'ROLLING',
      taskDefinition: 'web:1',
    });
    expect(rows[20]).toMatchObject({ name: 'svc-0020', described: false, status: '…' });
    // the one task definition behind all rows was fetched once, for the image column
    await hub.taskDefinitions.load(td.arn);
    expect(gateway.calls.count('ecs', 'DescribeTaskDefinition')).toBe(1);
    expect(serviceRows(store.getSnapshot().entries.slice(0, 1), sim.clock.now())[0]!.image).toBe(
      '1.27',
    );

    // filtering 5,000 names describes nothing
    const memo = new FilterMemo<ServiceListEntry>((e) => e.name);
    expect(memo.apply(store.getSnapshot().entries, 'svc-49')).toHaveLength(100);
    await store.whenIdle();
    expect(gateway.calls.count('ecs', 'DescribeServices')).toBe(2);
    store.dispose();
  });
});
