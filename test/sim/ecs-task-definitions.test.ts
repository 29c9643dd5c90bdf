import {
  ClientException,
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListTaskDefinitionFamiliesCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  paginateListTaskDefinitions,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import { sdkConfig, startTestSim } from '../helpers/sim';

type Sim = Awaited<ReturnType<typeof startTestSim>>;
let sim: Sim;
let ecs: ECSClient;
const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition';

beforeEach(async () => {
  sim = await startTestSim();
  ecs = new ECSClient(sdkConfig(sim));
});
afterEach(async () => {
  ecs.destroy();
  await sim.close();
});

const fargate: RegisterTaskDefinitionCommandInput = {
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '0.5 GB',
  executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
  containerDefinitions: [
    {
      name: 'app',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0',
      portMappings: [{ containerPort: 8080 }],
      environment: [{ name: 'API_TOKEN', value: 'tok_live_123' }],
      secrets: [
        { name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/db' },
      ],
      healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'] },
    },
  ],
  tags: [{ key: 'team', value: 'web' }],
};

async function clientError(input: RegisterTaskDefinitionCommandInput): Promise<string> {
  const err = await ecs.send(new RegisterTaskDefinitionCommand(input)).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ClientException);
  return (err as Error).message;
}

describe('RegisterTaskDefinition', () => {
  it('registers revisions, keeps every member and fills what AWS fills', async () => {
    const first = await ecs.send(new RegisterTaskDefinitionCommand(fargate));
    const td = first.taskDefinition!;
    expect(td).toMatchObject({
      taskDefinitionArn: `${TD}/web:1`,
      family: 'web',
      revision: 1,
      status: 'ACTIVE',
      cpu: '256',
      memory: '512',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      compatibilities: ['EC2', 'FARGATE'],
      registeredBy: 'arn:aws:iam::123456789012:user/demo-operator',
    });
    expect(td.registeredAt).toBeInstanceOf(Date);
    expect(td.containerDefinitions![0]).toMatchObject({
      cpu: 0,
      essential: true,
      portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
      environment: [{ name: 'API_TOKEN', value: 'tok_live_123' }],
      secrets: [
        { name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/db' },
      ],
      mountPoints: [],
      volumesFrom: [],
    });
    expect(td.requiresAttributes).toContainEqual({ name: 'ecs.capability.task-eni' });
    expect(first.tags).toEqual([{ key: 'team', value: 'web' }]);
    const second = await ecs.send(new RegisterTaskDefinitionCommand(fargate));
    expect(second.taskDefinition?.revision).toBe(2);
  });

  it('requires memory on every container unless the task sets it', async () => {
    const noMemory: RegisterTaskDefinitionCommandInput = {
      family: 'worker',
      containerDefinitions: [{ name: 'c', image: 'busybox' }],
    };
    expect(await clientError(noMemory)).toBe(
      "Invalid setting for container 'c'. At least one of 'memory' or 'memoryReservation' must be specified.",
    );
    const withReservation = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'worker',
        containerDefinitions: [{ name: 'c', image: 'busybox', memoryReservation: 128 }],
      }),
    );
    expect(withReservation.taskDefinition?.compatibilities).toEqual(['EC2']);
    const taskLevel = await ecs.send(
      new RegisterTaskDefinitionCommand({ ...noMemory, memory: '512' }),
    );
    expect(taskLevel.taskDefinition?.memory).toBe('512');
  });

  it('rejects Fargate definitions AWS rejects', async () => {
    expect(await clientError({ ...fargate, networkMode: 'bridge' })).toBe(
      'Fargate only supports network mode \u2018awsvpc\u2019.',
    );
    expect(await clientError({ ...fargate, cpu: undefined })).toBe(
      "Fargate requires that 'cpu' be defined at the task level.",
    );
    expect(await clientError({ ...fargate, containerDefinitions: [] })).toBe(
      'Container list cannot be empty.',
    );
  });
});

describe('DescribeTaskDefinition', () => {
  beforeEach(() => {
    buildTaskDefinition(sim.world, 'us-east-1', {
      family: 'web',
      image: 'nginx:1.25',
      tags: [{ key: 'v', value: '1' }],
    });
    buildTaskDefinition(sim.world, 'us-east-1', { family: 'web', image: 'nginx:1.27' });
  });

  it('finds a definition by family, family:revision or ARN', async () => {
    const latest = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web' }));
    expect(latest.taskDefinition?.revision).toBe(2);
    const byRev = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:1' }));
    expect(byRev.taskDefinition?.containerDefinitions?.[0]?.image).toBe('nginx:1.25');
    const byArn = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: `${TD}/web:2` }),
    );
    expect(byArn.taskDefinition?.containerDefinitions?.[0]?.image).toBe('nginx:1.27');
  });

  it('returns tags only with include TAGS', async () => {
    const plain = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:1' }));
    expect(plain.tags).toBeUndefined();
    const tagged = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'web:1', include: ['TAGS'] }),
    );
    expect(tagged.tags).toEqual([{ key: 'v', value: '1' }]);
  });

  it('answers an unknown definition with ClientException', async () => {
    for (const ref of ['ghost', 'web:9', `${TD}/ghost:1`]) {
      const err = await ecs
        .send(new DescribeTaskDefinitionCommand({ taskDefinition: ref }))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ClientException);
      expect((err as Error).message).toBe('Unable to describe task definition.');
    }
  });

  it('deregisters to INACTIVE and keeps the revision describable', async () => {
    const out = await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:2' }));
    expect(out.taskDefinition?.status).toBe('INACTIVE');
    expect(out.taskDefinition?.deregisteredAt).toBeInstanceOf(Date);
    const latest = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web' }));
    expect(latest.taskDefinition?.revision).toBe(1);
    const old = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:2' }));
    expect(old.taskDefinition?.status).toBe('INACTIVE');
  });
});

describe('ListTaskDefinitions and ListTaskDefinitionFamilies', () => {
  beforeEach(() => {
    for (const family of ['web', 'api', 'web-worker']) {
      for (let i = 0; i < 2; i++)
        buildTaskDefinition(sim.world, 'us-east-1', { family, image: 'nginx' });
    }
  });

  it('sorts by family then revision, filters by exact family and status', async () => {
    const all = await ecs.send(new ListTaskDefinitionsCommand({}));
    expect(all.taskDefinitionArns).toEqual([
      `${TD}/api:1`,
      `${TD}/api:2`,
      `${TD}/web:1`,
      `${TD}/web:2`,
      `${TD}/web-worker:1`,
      `${TD}/web-worker:2`,
    ]);
    const web = await ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: 'web', sort: 'DESC' }),
    );
    expect(web.taskDefinitionArns).toEqual([`${TD}/web:2`, `${TD}/web:1`]);
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'api:1' }));
    const inactive = await ecs.send(new ListTaskDefinitionsCommand({ status: 'INACTIVE' }));
    expect(inactive.taskDefinitionArns).toEqual([`${TD}/api:1`]);
  });

  it('pages with the SDK paginator', async () => {
    const seen: string[] = [];
    for await (const page of paginateListTaskDefinitions({ client: ecs, pageSize: 4 }, {})) {
      expect(page.taskDefinitionArns!.length).toBeLessThanOrEqual(4);
      seen.push(...page.taskDefinitionArns!);
    }
    expect(seen).toHaveLength(6);
  });

  it('lists families by real prefix and status', async () => {
    const web = await ecs.send(new ListTaskDefinitionFamiliesCommand({ familyPrefix: 'web' }));
    expect(web.families).toEqual(['web', 'web-worker']);
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'api:1' }));
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'api:2' }));
    const active = await ecs.send(new ListTaskDefinitionFamiliesCommand({ status: 'ACTIVE' }));
    expect(active.families).toEqual(['web', 'web-worker']);
    const inactive = await ecs.send(new ListTaskDefinitionFamiliesCommand({ status: 'INACTIVE' }));
    expect(inactive.families).toEqual(['api']);
  });
});
