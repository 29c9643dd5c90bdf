import { describe, expect, it } from 'vitest';
import {
  buildCluster,
  buildService,
  buildTaskDefinition,
} from '../../src/sim/services/ecs/builder';
import { failure, simAndGateway } from './helpers';

const REGION = 'us-east-1';

describe('ecs gateway: services', () => {
  it('pages ListServices 100 at a time and counts ceil(N/100) calls', async () => {
    const { sim, gw } = await simAndGateway();
    const cluster = buildCluster(sim.world, REGION, 'big');
    const td = buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1' });
    for (let i = 0; i < 250; i++)
      buildService(sim.world, REGION, {
        cluster,
        name: `svc-${i}`,
        taskDefinition: td,
        desiredCount: 0,
      });

    const arns = await gw.ecs.listServiceArns('big');
    expect(arns).toHaveLength(250);
    expect(new Set(arns).size).toBe(250);
    expect(arns[0]).toMatch(/^arn:aws:ecs:us-east-1:123456789012:service\/big\/svc-/);
    expect(gw.calls.count('ecs', 'ListServices')).toBe(3);
    expect(sim.calls.count('ecs', 'ListServices')).toBe(3);
  });

  it('describes services in batches of 10 with tags, and reports MISSING names as missing', async () => {
    const { sim, gw } = await simAndGateway();
    const cluster = buildCluster(sim.world, REGION, 'production');
    const td = buildTaskDefinition(sim.world, REGION, { family: 'api', image: 'api:1' });
    const names = Array.from({ length: 23 }, (_, i) => `api-${i}`);
    for (const name of names)
      buildService(sim.world, REGION, {
        cluster,
        name,
        taskDefinition: td,
        desiredCount: 1,
        tags: [{ key: 'team', value: 'core' }],
      });

    const { services, missing } = await gw.ecs.describeServices(
      'production',
      [...names, 'ghost', 'phantom'],
      { includeTags: true },
    );
    expect(services.map((s) => s.name).sort()).toEqual([...names].sort());
    expect(missing.sort()).toEqual(['ghost', 'phantom']);
    expect(gw.calls.count('ecs', 'DescribeServices')).toBe(3);
    expect(sim.calls.count('ecs', 'DescribeServices')).toBe(3);

    const api0 = services.find((s) => s.name === 'api-0')!;
    expect(api0).toMatchObject({
      status: 'ACTIVE',
      desiredCount: 1,
      runningCount: 1,
      deploymentController: 'ECS',
      taskDefinitionArn: td.arn,
      tags: { team: 'core' },
    });
    expect(api0.clusterArn).toContain(':cluster/production');
    expect(api0.createdAt).toBeInstanceOf(Date);
    expect(api0.deployments[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED' });
    expect(api0.deployments[0]!.createdAt).toBeInstanceOf(Date);
    expect(api0.events.length).toBeGreaterThan(0);
    expect(api0.events[0]!.createdAt).toBeInstanceOf(Date);
    expect(api0.deploymentConfiguration.strategy).toBe('ROLLING');
  });

  it('says which service and cluster are not found', async () => {
    const { sim, gw } = await simAndGateway();
    buildCluster(sim.world, REGION, 'production');
    const err = await failure(
      gw.ecs.updateService({ cluster: 'production', service: 'api', desiredCount: 2 }),
    );
    expect(err).toMatchObject({
      kind: 'not-found',
      code: 'ServiceNotFoundException',
      service: 'ecs',
      operation: 'UpdateService',
    });
    expect(err.message).toBe('service "api" not found in cluster "production"');
    expect(err.hint).toContain('looking in us-east-1');

    const noCluster = await failure(gw.ecs.listServiceArns('staging'));
    expect(noCluster).toMatchObject({ kind: 'not-found', code: 'ClusterNotFoundException' });
    expect(noCluster.message).toBe('cluster "staging" not found');
  });

  it('lists and describes clusters', async () => {
    const { sim, gw } = await simAndGateway();
    buildCluster(sim.world, REGION, 'a');
    buildCluster(sim.world, REGION, 'b');
    const arns = await gw.ecs.listClusterArns();
    expect(arns).toHaveLength(2);
    const clusters = await gw.ecs.describeClusters(arns);
    expect(clusters.map((c) => c.name).sort()).toEqual(['a', 'b']);
    expect(clusters[0]).toMatchObject({ status: 'ACTIVE', activeServicesCount: 0 });
  });
});
