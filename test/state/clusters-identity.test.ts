import { describe, expect, it } from 'vitest';
import { clusterRows } from '../../src/present/cluster-rows';
import { buildService } from '../../src/sim/services/ecs/builder';
import { ClustersStore } from '../../src/state/stores/clusters';
import { IdentityStore } from '../../src/state/stores/identity';
import { startSimHub } from './sim-hub';

describe('clusters and identity stores against the simulator', () => {
  it('lists clusters with their counts, and who we are', async () => {
    const { sim, gateway, hub } = await startSimHub();
    for (const [cluster, name] of [
      ['production', 'api'],
      ['production', 'web'],
      ['staging', 'api'],
    ] as const) {
      buildService(sim.world, 'us-east-1', { cluster, name, image: `${name}:v1`, desiredCount: 2 });
    }
    const clusters = new ClustersStore(hub);
    const identity = new IdentityStore(hub);
    clusters.start();
    identity.start();
    await Promise.all([clusters.whenIdle(), identity.whenIdle()]);

    const rows = clusterRows(clusters.getSnapshot().data!);
    expect(rows.map((r) => [r.name, r.services, r.tasks])).toEqual([
      ['production', '2', '4/0'],
      ['staging', '1', '2/0'],
    ]);
    expect(identity.getSnapshot().data).toMatchObject({ account: '123456789012' });
    identity.start(); // asked once per session
    expect(gateway.calls.count('sts', 'GetCallerIdentity')).toBe(1);
    expect(gateway.calls.count('ecs', 'ListClusters')).toBe(1);
    expect(gateway.calls.count('ecs', 'DescribeClusters')).toBe(1);
    clusters.dispose();
    identity.dispose();
  });
});
