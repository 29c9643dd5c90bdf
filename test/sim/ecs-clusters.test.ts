import {
  ClusterContainsServicesException,
  ClusterNotFoundException,
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteClusterCommand,
  DeleteServiceCommand,
  DescribeClustersCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  ServiceNotActiveException,
  ServiceNotFoundException,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildCluster,
  buildService,
  buildTaskDefinition,
} from '../../src/sim/services/ecs/builder';
import { onEcs } from '../../src/sim/services/ecs/hooks';
import { sdkConfig, startTestSim } from '../helpers/sim';

type Sim = Awaited<ReturnType<typeof startTestSim>>;
let sim: Sim;
let ecs: ECSClient;
const REGION = 'us-east-1';

beforeEach(async () => {
  sim = await startTestSim();
  ecs = new ECSClient(sdkConfig(sim));
});
afterEach(async () => {
  ecs.destroy();
  await sim.close();
});

describe('ECS clusters', () => {
  it('lists and describes clusters with task and service counts', async () => {
    buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'web',
      image: 'nginx:1.27',
      desiredCount: 3,
    });
    buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'api',
      image: 'nginx:1.27',
      desiredCount: 2,
    });
    buildCluster(sim.world, REGION, 'staging', { tags: [{ key: 'env', value: 'staging' }] });

    const list = await ecs.send(new ListClustersCommand({}));
    expect(list.clusterArns).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      'arn:aws:ecs:us-east-1:123456789012:cluster/staging',
    ]);
    const out = await ecs.send(
      new DescribeClustersCommand({ clusters: ['prod', 'staging', 'ghost'], include: ['TAGS'] }),
    );
    expect(out.clusters?.map((c) => c.clusterName)).toEqual(['prod', 'staging']);
    expect(out.clusters?.[0]).toMatchObject({
      status: 'ACTIVE',
      activeServicesCount: 2,
      runningTasksCount: 5,
      pendingTasksCount: 0,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    });
    expect(out.clusters?.[1]?.tags).toEqual([{ key: 'env', value: 'staging' }]);
    expect(out.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/ghost', reason: 'MISSING' },
    ]);
  });

  it('answers an unknown cluster with ClusterNotFoundException', async () => {
    const err = await ecs
      .send(new ListServicesCommand({ cluster: 'ghost' }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterNotFoundException);
    expect((err as Error).message).toBe('Cluster not found.');
  });

  it('creates clusters idempotently and deletes only empty ones', async () => {
    const created = await ecs.send(
      new CreateClusterCommand({ clusterName: 'dev', tags: [{ key: 'env', value: 'dev' }] }),
    );
    expect(created.cluster).toMatchObject({
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/dev',
      status: 'ACTIVE',
      tags: [{ key: 'env', value: 'dev' }],
      settings: [{ name: 'containerInsights', value: 'disabled' }],
    });
    const again = await ecs.send(new CreateClusterCommand({ clusterName: 'dev' }));
    expect(again.cluster?.tags).toEqual([{ key: 'env', value: 'dev' }]);
    buildService(sim.world, REGION, { cluster: 'dev', name: 'web', image: 'nginx:1.27' });
    const busy = await ecs
      .send(new DeleteClusterCommand({ cluster: 'dev' }))
      .catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(ClusterContainsServicesException);
    buildCluster(sim.world, REGION, 'empty');
    const deleted = await ecs.send(new DeleteClusterCommand({ cluster: 'empty' }));
    expect(deleted.cluster?.status).toBe('INACTIVE');
    const list = await ecs.send(new ListClustersCommand({}));
    expect(list.clusterArns).toEqual(['arn:aws:ecs:us-east-1:123456789012:cluster/dev']);
  });
});

describe('CreateService and DeleteService', () => {
  it('creates a service with an IN_PROGRESS first deployment and validates its input', async () => {
    buildCluster(sim.world, REGION, 'prod');
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.27' });
    const network = { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'] } };
    const causes: string[] = [];
    onEcs(sim.world, 'deploymentCreated', (e) => causes.push(`${e.service.name}:${e.cause}`));
    const created = await ecs.send(
      new CreateServiceCommand({
        cluster: 'prod',
        serviceName: 'web',
        taskDefinition: 'web',
        desiredCount: 2,
        networkConfiguration: network,
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
        tags: [{ key: 'team', value: 'web' }],
      }),
    );
    expect(created.service).toMatchObject({
      serviceName: 'web',
      desiredCount: 2,
      runningCount: 0,
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: true, rollback: true },
        maximumPercent: 200,
        minimumHealthyPercent: 100,
      },
    });
    expect(created.service?.deployments?.[0]).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'IN_PROGRESS',
    });
    expect(causes).toEqual(['web:create-service']);

    await expect(
      ecs.send(
        new CreateServiceCommand({
          cluster: 'prod',
          serviceName: 'web',
          taskDefinition: 'web',
          networkConfiguration: network,
        }),
      ),
    ).rejects.toThrow('Creation of service was not idempotent.');
    await expect(
      ecs.send(
        new CreateServiceCommand({
          cluster: 'prod',
          serviceName: 'other',
          taskDefinition: 'nope',
          networkConfiguration: network,
        }),
      ),
    ).rejects.toThrow('TaskDefinition not found.');
    await expect(
      ecs.send(
        new CreateServiceCommand({ cluster: 'prod', serviceName: 'other', taskDefinition: 'web' }),
      ),
    ).rejects.toThrow(
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    );
  });

  it('refuses to delete a scaled service without force, then makes it INACTIVE', async () => {
    buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'web',
      image: 'nginx:1.27',
      desiredCount: 0,
    });
    buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'api',
      image: 'nginx:1.27',
      desiredCount: 1,
    });
    await expect(
      ecs.send(new DeleteServiceCommand({ cluster: 'prod', service: 'api' })),
    ).rejects.toThrow('The service cannot be stopped while it is scaled above 0.');
    const deleted = await ecs.send(new DeleteServiceCommand({ cluster: 'prod', service: 'web' }));
    expect(deleted.service?.status).toBe('INACTIVE');
    const listed = await ecs.send(new ListServicesCommand({ cluster: 'prod' }));
    expect(listed.serviceArns).toEqual(['arn:aws:ecs:us-east-1:123456789012:service/prod/api']);
    const err = await ecs
      .send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', desiredCount: 1 }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceNotActiveException);
    expect((err as Error).message).toBe('Service was not ACTIVE.');
    const drained = await ecs.send(
      new DeleteServiceCommand({ cluster: 'prod', service: 'api', force: true }),
    );
    expect(drained.service?.status).toBe('DRAINING');
    expect(drained.service?.desiredCount).toBe(0);
  });

  it('answers an unknown service with ServiceNotFoundException', async () => {
    buildCluster(sim.world, REGION, 'prod');
    const err = await ecs
      .send(new UpdateServiceCommand({ cluster: 'prod', service: 'ghost', desiredCount: 1 }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceNotFoundException);
    expect((err as Error).message).toBe('Service not found.');
  });
});
