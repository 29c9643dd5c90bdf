import {
  DescribeServicesCommand,
  ECSClient,
  InvalidParameterException,
  ListServicesCommand,
  paginateListServices,
} from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
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

function manyServices(count: number, cluster = 'big') {
  const td = buildTaskDefinition(sim.world, REGION, { family: 'shared', image: 'nginx:1.27' });
  for (let i = 0; i < count; i++) {
    buildService(sim.world, REGION, {
      cluster,
      name: `svc-${String(i).padStart(3, '0')}`,
      taskDefinition: td,
      desiredCount: 1,
    });
  }
}

describe('ListServices', () => {
  it('returns 10 services by default, with an opaque token for the rest', async () => {
    manyServices(23);
    const first = await ecs.send(new ListServicesCommand({ cluster: 'big' }));
    expect(first.serviceArns).toHaveLength(10);
    expect(first.serviceArns?.[0]).toBe('arn:aws:ecs:us-east-1:123456789012:service/big/svc-000');
    expect(typeof first.nextToken).toBe('string');
    const second = await ecs.send(
      new ListServicesCommand({ cluster: 'big', nextToken: first.nextToken }),
    );
    expect(second.serviceArns?.[0]).toBe('arn:aws:ecs:us-east-1:123456789012:service/big/svc-010');
  });

  it('pages past 100 with the SDK paginator and rejects a page size above 100', async () => {
    manyServices(205);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListServices(
      { client: ecs, pageSize: 100 },
      { cluster: 'big' },
    )) {
      pages++;
      seen.push(...(page.serviceArns ?? []));
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(205);
    await expect(
      ecs.send(new ListServicesCommand({ cluster: 'big', maxResults: 101 })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(
      ecs.send(new ListServicesCommand({ cluster: 'big', nextToken: 'not-a-token' })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('filters by launch type and scheduling strategy', async () => {
    manyServices(3, 'prod');
    const fargate = await ecs.send(
      new ListServicesCommand({ cluster: 'prod', launchType: 'FARGATE' }),
    );
    expect(fargate.serviceArns).toHaveLength(3);
    const ec2 = await ecs.send(new ListServicesCommand({ cluster: 'prod', launchType: 'EC2' }));
    expect(ec2.serviceArns).toEqual([]);
    const daemon = await ecs.send(
      new ListServicesCommand({ cluster: 'prod', schedulingStrategy: 'DAEMON' }),
    );
    expect(daemon.serviceArns).toEqual([]);
  });
});

describe('DescribeServices', () => {
  it('returns deployments, events and revisions with Date timestamps', async () => {
    buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'web',
      image: 'nginx:1.27',
      previousImages: ['nginx:1.25'],
      tags: [{ key: 'team', value: 'payments' }],
    });
    const out = await ecs.send(
      new DescribeServicesCommand({ cluster: 'prod', services: ['web'], include: ['TAGS'] }),
    );
    const svc = out.services![0]!;
    expect(svc).toMatchObject({
      serviceName: 'web',
      status: 'ACTIVE',
      desiredCount: 2,
      runningCount: 2,
      pendingCount: 0,
      launchType: 'FARGATE',
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2',
      deploymentController: { type: 'ECS' },
      deploymentConfiguration: {
        maximumPercent: 200,
        minimumHealthyPercent: 100,
        strategy: 'ROLLING',
      },
      tags: [{ key: 'team', value: 'payments' }],
    });
    expect(svc.createdAt).toBeInstanceOf(Date);
    expect(svc.deployments).toHaveLength(1);
    const primary = svc.deployments![0]!;
    expect(primary.id).toMatch(/^ecs-svc\/\d{19}$/);
    expect(primary).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'COMPLETED',
      runningCount: 2,
    });
    expect(primary.rolloutStateReason).toBe(`ECS deployment ${primary.id} completed.`);
    expect(primary.updatedAt).toBeInstanceOf(Date);
    expect(svc.events![0]!.message).toBe('(service web) has reached a steady state.');
    expect(svc.events![1]!.message).toBe(
      `(service web) (deployment ${primary.id}) deployment completed.`,
    );
    expect(svc.events![0]!.createdAt).toBeInstanceOf(Date);
    expect(svc.currentServiceDeployment).toMatch(
      /^arn:aws:ecs:us-east-1:123456789012:service-deployment\/prod\/web\/[A-Za-z0-9_-]{21}$/,
    );
    expect(svc.currentServiceRevisions).toEqual([
      {
        arn: expect.stringMatching(
          /^arn:aws:ecs:us-east-1:123456789012:service-revision\/prod\/web\/\d{19}$/,
        ),
        requestedTaskCount: 2,
        runningTaskCount: 2,
        pendingTaskCount: 0,
      },
    ]);
  });

  it('reports unknown services as MISSING failures and leaves tags out unless asked', async () => {
    buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'web',
      image: 'nginx:1.27',
      tags: [{ key: 'a', value: 'b' }],
    });
    const out = await ecs.send(
      new DescribeServicesCommand({
        cluster: 'prod',
        services: ['arn:aws:ecs:us-east-1:123456789012:service/prod/web', 'ghost'],
      }),
    );
    expect(out.services?.map((s) => s.serviceName)).toEqual(['web']);
    expect(out.services?.[0]?.tags).toBeUndefined();
    expect(out.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/ghost', reason: 'MISSING' },
    ]);
  });

  it('does not find a service through the ARN of another cluster', async () => {
    buildService(sim.world, REGION, { cluster: 'prod', name: 'web', image: 'nginx:1.27' });
    buildService(sim.world, REGION, { cluster: 'staging', name: 'api', image: 'nginx:1.27' });
    const arn = 'arn:aws:ecs:us-east-1:123456789012:service/staging/web';
    const out = await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: [arn] }));
    expect(out.services).toEqual([]);
    expect(out.failures).toEqual([{ arn, reason: 'MISSING' }]);
  });

  it('rejects more than 10 services', async () => {
    manyServices(11, 'prod');
    const names = Array.from({ length: 11 }, (_, i) => `svc-${String(i).padStart(3, '0')}`);
    const err = await ecs
      .send(new DescribeServicesCommand({ cluster: 'prod', services: names }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidParameterException);
    expect((err as Error).message).toBe('service names can have at most 10 items.');
    const ten = await ecs.send(
      new DescribeServicesCommand({ cluster: 'prod', services: names.slice(0, 10) }),
    );
    expect(ten.services).toHaveLength(10);
  });

  it('shows task sets, not deployments, for a CODE_DEPLOY service', async () => {
    buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'bg',
      image: 'nginx:1.27',
      controller: 'CODE_DEPLOY',
      desiredCount: 4,
    });
    const svc = (await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['bg'] })))
      .services![0]!;
    expect(svc.deploymentController).toEqual({ type: 'CODE_DEPLOY' });
    expect(svc.deployments).toEqual([]);
    expect(svc.taskSets).toHaveLength(1);
    expect(svc.taskSets![0]).toMatchObject({
      status: 'PRIMARY',
      computedDesiredCount: 4,
      runningCount: 4,
      scale: { value: 100, unit: 'PERCENT' },
      stabilityStatus: 'STEADY_STATE',
    });
    expect(svc.taskSets![0]!.taskSetArn).toMatch(/:task-set\/prod\/bg\/ecs-svc\/\d{19}$/);
    expect(svc.runningCount).toBe(4);
  });
});
