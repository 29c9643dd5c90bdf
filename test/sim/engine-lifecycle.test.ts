import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import type { TaskStatus } from '../../src/sim/services/ecs/types';
import { sdkConfig, startTestSim } from '../helpers/sim';
import {
  advanceUntil,
  describe1,
  ecsClient,
  messages,
  REGION,
  routedService,
  S,
  type Sim,
} from './engine-helpers';

let sim: Sim;
let ecs: ReturnType<typeof ecsClient>;
let elb: ElasticLoadBalancingV2Client;

beforeEach(async () => {
  sim = await startTestSim();
  ecs = ecsClient(sim);
  elb = new ElasticLoadBalancingV2Client(sdkConfig(sim));
});
afterEach(async () => {
  ecs.destroy();
  elb.destroy();
  await sim.close();
});

describe('task lifecycle', () => {
  it('CreateService starts tasks that go PROVISIONING -> PENDING -> ACTIVATING -> RUNNING', async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: 'prod' }));
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'jobs',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'jobs', image: 'busybox:1.36', essential: true }],
      }),
    );
    const created = await ecs.send(
      new CreateServiceCommand({
        cluster: 'prod',
        serviceName: 'jobs',
        taskDefinition: 'jobs',
        desiredCount: 2,
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d4e5f60001'] } },
      }),
    );
    const deploymentId = created.service!.deployments![0]!.id!;
    const service = sim.world.region(REGION).ecs.clusters.get('prod')!.services.get('jobs')!;
    const seen = new Map<string, TaskStatus[]>();
    advanceUntil(
      sim,
      () => {
        for (const t of service.tasks.values()) {
          const list = seen.get(t.id) ?? [];
          if (list.at(-1) !== t.lastStatus) list.push(t.lastStatus);
          seen.set(t.id, list);
        }
        return service.deployments[0]!.rolloutState === 'COMPLETED';
      },
      10 * 60 * S,
      500,
    );
    expect([...seen.values()]).toEqual([
      ['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING'],
      ['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING'],
    ]);
    const tasks = await ecs.send(
      new DescribeTasksCommand({ cluster: 'prod', tasks: [...seen.keys()] }),
    );
    for (const t of tasks.tasks!) {
      expect(t.startedBy).toBe(deploymentId);
      expect(t.group).toBe('service:jobs');
      // the pull takes 10-20 s; RUNNING within half a minute of launch
      const pull = t.pullStoppedAt!.getTime() - t.pullStartedAt!.getTime();
      expect(pull).toBeGreaterThanOrEqual(10 * S);
      expect(pull).toBeLessThanOrEqual(21 * S);
      expect(t.startedAt!.getTime() - t.createdAt!.getTime()).toBeLessThan(30 * S);
      expect(t.version).toBeGreaterThanOrEqual(4);
    }
    // no load balancer and no container check: healthy 40 s after RUNNING, then complete
    const lastStart = Math.max(...tasks.tasks!.map((t) => t.startedAt!.getTime()));
    const completedAt = service.events.find((e) => e.message.includes('deployment completed'))!;
    expect(completedAt.createdAt - lastStart).toBeGreaterThanOrEqual(40 * S);
    expect(completedAt.createdAt - lastStart).toBeLessThan(42 * S);
    expect(messages(service)).toEqual([
      expect.stringMatching(/^\(service jobs\) has started 2 tasks: /),
      `(service jobs) (deployment ${deploymentId}) deployment completed.`,
      '(service jobs) has reached a steady state.',
    ]);
  });

  it('without a load balancer an old task stops only 40 s after its replacement is RUNNING', async () => {
    const service = buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'worker',
      image: 'worker:1',
      desiredCount: 1,
    });
    buildTaskDefinition(sim.world, REGION, {
      family: 'worker',
      image: 'worker:2',
      healthCheck: false,
    });
    await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'worker', taskDefinition: 'worker:2' }),
    );
    const id = service.deployments[0]!.id;
    advanceUntil(
      sim,
      () => messages(service).some((m) => m.includes('has stopped')),
      5 * 60 * S,
      250,
    );
    const fresh = [...service.tasks.values()].find((t) => t.ownerId === id)!;
    expect(sim.world.now - fresh.startedAt!).toBeGreaterThanOrEqual(40 * S);
    expect(sim.world.now - fresh.startedAt!).toBeLessThan(41 * S);
  });

  it('DeleteService drains every task, deregisters the targets and ends INACTIVE', async () => {
    const { service, targetGroupArn } = routedService(sim, { name: 'web', desiredCount: 2 });
    await ecs.send(new DeleteServiceCommand({ cluster: 'prod', service: 'web', force: true }));
    expect((await describe1(ecs, 'web')).status).toBe('DRAINING');
    sim.advance(15 * S);
    const health = await elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }),
    );
    expect(health.TargetHealthDescriptions!.map((d) => d.TargetHealth!.State)).toEqual([
      'draining',
      'draining',
    ]);
    advanceUntil(sim, () => service.status === 'INACTIVE', 5 * 60 * S);
    expect([...service.tasks.values()].every((t) => t.lastStatus === 'STOPPED')).toBe(true);
    const after = await elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }),
    );
    expect(after.TargetHealthDescriptions).toEqual([]);
  });
});
