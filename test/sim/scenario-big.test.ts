import {
  DescribeServicesCommand,
  ECSClient,
  ListClustersCommand,
  paginateListServices,
} from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { ManualClock, World } from '../../src/sim';
import { Rng } from '../../src/sim/rng';
import { findScenario } from '../../src/sim/scenarios';
import { serviceNames } from '../../src/sim/scenarios/names';
import { sdkConfig, startTestSim } from '../helpers/sim';

function bigNames(seed: number, services?: number): string[] {
  const world = new World({ clock: new ManualClock(), seed });
  findScenario('big').build(world, services === undefined ? {} : { services });
  return [...world.region('us-east-1').ecs.clusters.get('big')!.services.keys()];
}

describe('big scenario', () => {
  it('lists 5,000 rolling services through paging, plus a small cluster', async () => {
    const sim = await startTestSim({ scenario: 'big', scenarioOptions: { services: 5000 } });
    const ecs = new ECSClient(sdkConfig(sim));
    try {
      const clusters = await ecs.send(new ListClustersCommand({}));
      expect(clusters.clusterArns!.map((a) => a.split('/')[1])).toEqual(['big', 'small']);
      const arns: string[] = [];
      let pages = 0;
      for await (const page of paginateListServices(
        { client: ecs, pageSize: 100 },
        { cluster: 'big' },
      )) {
        arns.push(...(page.serviceArns ?? []));
        pages++;
      }
      expect(pages).toBe(50);
      expect(arns).toHaveLength(5000);
      expect(new Set(arns).size).toBe(5000);
      const names = arns.map((a) => a.slice(a.lastIndexOf('/') + 1));
      expect(names.every((n) => /^[a-z]+-[a-z]+-[a-z]+$/.test(n))).toBe(true);

      const sample = (
        await ecs.send(
          new DescribeServicesCommand({ cluster: 'big', services: names.slice(0, 10) }),
        )
      ).services!;
      for (const s of sample) {
        expect(s.deploymentConfiguration?.strategy).toBe('ROLLING');
        expect(s.loadBalancers).toEqual([]);
        expect([1, 2]).toContain(s.desiredCount);
        expect(s.runningCount).toBe(s.desiredCount);
      }
      const small = [];
      for await (const page of paginateListServices({ client: ecs }, { cluster: 'small' }))
        small.push(...(page.serviceArns ?? []));
      expect(small.length).toBeGreaterThan(0);
      expect(small.length).toBeLessThan(10);
    } finally {
      ecs.destroy();
      await sim.close();
    }
  });

  it('builds 5,000 services by default, with the same names for the same seed', () => {
    const a = bigNames(11);
    expect(a).toHaveLength(5000);
    expect(bigNames(11)).toEqual(a);
    expect(bigNames(12)).not.toEqual(a);
    expect(bigNames(11, 40)).toHaveLength(40);
  });

  it('keeps names unique past the 36,000 team-domain-role combinations', () => {
    const names = serviceNames(new Rng(5), 36_500);
    expect(new Set(names).size).toBe(36_500);
    expect(names.slice(36_000).every((n) => n.endsWith('-2'))).toBe(true);
  });

  it('refuses a service count that is not a positive whole number', () => {
    const world = new World({ clock: new ManualClock(), seed: 1 });
    expect(() => findScenario('big').build(world, { services: 0 })).toThrow(
      /services must be a whole number above 0, got 0/,
    );
  });
});
