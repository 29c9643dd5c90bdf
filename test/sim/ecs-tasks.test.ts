import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  InvalidParameterException,
  ListTasksCommand,
  ServiceNotFoundException,
} from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildRepository } from '../../src/sim/services/ecr/builder';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import { ecsScope } from '../../src/sim/services/ecs/state';
import {
  setTaskHealth,
  setTaskStatus,
  startTask,
  stopTask,
  STOPPED_TASK_RETENTION_MS,
} from '../../src/sim/services/ecs/tasks';
import type { ServiceRec } from '../../src/sim/services/ecs/types';
import { sdkConfig, startTestSim } from '../helpers/sim';

type Sim = Awaited<ReturnType<typeof startTestSim>>;
let sim: Sim;
let ecs: ECSClient;
let web: ServiceRec;
const REGION = 'us-east-1';

beforeEach(async () => {
  sim = await startTestSim();
  ecs = new ECSClient(sdkConfig(sim));
  web = buildService(sim.world, REGION, {
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
});
afterEach(async () => {
  ecs.destroy();
  await sim.close();
});

describe('ListTasks', () => {
  it('lists RUNNING-desired tasks by default and filters by service, family and startedBy', async () => {
    const all = await ecs.send(new ListTasksCommand({ cluster: 'prod' }));
    expect(all.taskArns).toHaveLength(5);
    expect(all.taskArns![0]).toMatch(
      /^arn:aws:ecs:us-east-1:123456789012:task\/prod\/[0-9a-f]{32}$/,
    );
    const ofWeb = await ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'web' }));
    expect(ofWeb.taskArns).toHaveLength(3);
    const ofApi = await ecs.send(new ListTasksCommand({ cluster: 'prod', family: 'api' }));
    expect(ofApi.taskArns).toHaveLength(2);
    const deploymentId = web.deployments[0]!.id;
    const started = await ecs.send(
      new ListTasksCommand({ cluster: 'prod', startedBy: deploymentId }),
    );
    expect(started.taskArns?.sort()).toEqual(ofWeb.taskArns?.sort());
    const paged = await ecs.send(new ListTasksCommand({ cluster: 'prod', maxResults: 2 }));
    expect(paged.taskArns).toHaveLength(2);
    expect(paged.nextToken).toBeDefined();
  });

  it('answers an unknown service with ServiceNotFoundException', async () => {
    const err = await ecs
      .send(new ListTasksCommand({ cluster: 'prod', serviceName: 'ghost' }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceNotFoundException);
  });

  it('lists STOPPED tasks separately and forgets them after an hour', async () => {
    const [task] = [...web.tasks.values()];
    stopTask(
      task!,
      { stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user', lastStatus: 'STOPPED' },
      sim.world.now,
    );
    const running = await ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'web' }));
    expect(running.taskArns).toHaveLength(2);
    const stopped = await ecs.send(
      new ListTasksCommand({ cluster: 'prod', serviceName: 'web', desiredStatus: 'STOPPED' }),
    );
    expect(stopped.taskArns).toEqual([task!.arn]);
    sim.advance(STOPPED_TASK_RETENTION_MS + 1000);
    const later = await ecs.send(
      new ListTasksCommand({ cluster: 'prod', serviceName: 'web', desiredStatus: 'STOPPED' }),
    );
    expect(later.taskArns).toEqual([]);
  });
});

describe('DescribeTasks', () => {
  it('describes tasks by ARN or id and reports unknown ones as MISSING', async () => {
    const [a, b] = [...web.tasks.values()];
    const out = await ecs.send(
      new DescribeTasksCommand({
        cluster: 'prod',
        tasks: [a!.arn, b!.id, 'ffffffffffffffffffffffffffffffff'],
      }),
    );
    expect(out.tasks?.map((t) => t.taskArn)).toEqual([a!.arn, b!.arn]);
    expect(out.failures).toEqual([
      {
        arn: 'arn:aws:ecs:us-east-1:123456789012:task/prod/ffffffffffffffffffffffffffffffff',
        reason: 'MISSING',
      },
    ]);
    const t = out.tasks![0]!;
    expect(t).toMatchObject({
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      healthStatus: 'HEALTHY',
      group: 'service:web',
      startedBy: web.deployments[0]!.id,
      launchType: 'FARGATE',
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
    });
    expect(t.availabilityZone).toMatch(/^us-east-1[abc]$/);
    expect(t.startedAt).toBeInstanceOf(Date);
    expect(t.createdAt).toBeInstanceOf(Date);
    const eni = t.attachments![0]!;
    expect(eni.type).toBe('ElasticNetworkInterface');
    expect(eni.details).toContainEqual({ name: 'privateIPv4Address', value: a!.privateIp });
    expect(t.containers![0]).toMatchObject({
      name: 'app',
      image: 'nginx:1.27',
      lastStatus: 'RUNNING',
      healthStatus: 'HEALTHY',
    });
    expect(t.containers![0]!.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('rejects an empty list and more than 100 tasks', async () => {
    await expect(
      ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: [] })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    const many = Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(32, '0'));
    const err = await ecs
      .send(new DescribeTasksCommand({ cluster: 'prod', tasks: many }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidParameterException);
    expect((err as Error).message).toBe('tasks can have at most 100 items.');
  });
});

describe('task state functions (for engines)', () => {
  it('walks a task through its lifecycle with AWS timestamps and service counts', async () => {
    const scope = ecsScope(sim.world, REGION);
    const td = buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.28' });
    const cluster = scope.ecs.clusters.get('prod')!;
    const task = startTask(scope, {
      cluster,
      taskDefinition: td,
      service: web,
      ownerId: 'ecs-svc/1234567890123456789',
      networkConfiguration: web.networkConfiguration!,
    });
    expect(task).toMatchObject({
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      healthStatus: 'UNKNOWN',
    });
    expect(task.startedBy).toBe('ecs-svc/1234567890123456789');

    const counts = async () =>
      (await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] })))
        .services![0]!;
    expect((await counts()).pendingCount).toBe(1);

    sim.advance(10_000);
    setTaskStatus(task, 'PENDING', sim.world.now);
    sim.advance(20_000);
    setTaskStatus(task, 'RUNNING', sim.world.now);
    setTaskHealth(task, 'HEALTHY');
    const svc = await counts();
    expect(svc.runningCount).toBe(4);
    expect(svc.pendingCount).toBe(0);

    sim.advance(60_000);
    stopTask(
      task,
      {
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1)',
      },
      sim.world.now,
    );
    expect(task.lastStatus).toBe('DEACTIVATING');
    sim.advance(30_000);
    setTaskStatus(task, 'STOPPED', sim.world.now);

    const out = await ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: [task.arn] }));
    const t = out.tasks![0]!;
    expect(t).toMatchObject({
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1)',
    });
    const start = task.createdAt;
    expect(t.pullStartedAt?.getTime()).toBe(start + 10_000);
    expect(t.startedAt?.getTime()).toBe(start + 30_000);
    expect(t.stoppingAt?.getTime()).toBe(start + 90_000);
    expect(t.stoppedAt?.getTime()).toBe(start + 120_000);
    expect(t.containers![0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 0 });
    expect((await counts()).runningCount).toBe(3);
  });

  it('resolves ECR images to their digest and leaves a missing one without', () => {
    const scope = ecsScope(sim.world, REGION);
    const repo = buildRepository(sim.world, REGION, 'web', { images: ['1.0.0'] });
    const digest = repo.images.values().next().value!.digest;
    const cluster = scope.ecs.clusters.get('prod')!;
    const good = buildTaskDefinition(sim.world, REGION, {
      family: 'ecr',
      image: `${repo.uri}:1.0.0`,
    });
    const bad = buildTaskDefinition(sim.world, REGION, {
      family: 'ecr',
      image: `${repo.uri}:9.9.9`,
    });
    expect(startTask(scope, { cluster, taskDefinition: good }).containers[0]!.imageDigest).toBe(
      digest,
    );
    expect(
      startTask(scope, { cluster, taskDefinition: bad }).containers[0]!.imageDigest,
    ).toBeUndefined();
  });
});
