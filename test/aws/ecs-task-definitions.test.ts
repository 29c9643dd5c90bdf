import { describe, expect, it } from 'vitest';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import { failure, simAndGateway } from './helpers';

const REGION = 'us-east-1';

describe('ecs gateway: task definitions and tasks', () => {
  it('describes a task definition into domain fields and a register-ready document', async () => {
    const { sim, gw } = await simAndGateway();
    const td = buildTaskDefinition(sim.world, REGION, {
      family: 'web',
      image: 'nginx:1.27',
      environment: { LOG_LEVEL: 'info' },
      tags: [{ key: 'owner', value: 'platform' }],
    });
    const got = await gw.ecs.describeTaskDefinition('web', { includeTags: true });
    expect(got).toMatchObject({
      arn: td.arn,
      family: 'web',
      revision: 1,
      status: 'ACTIVE',
      tags: { owner: 'platform' },
    });
    expect(got.registeredAt).toBeInstanceOf(Date);
    const app = got.containers[0]!;
    expect(app).toMatchObject({ name: 'app', image: 'nginx:1.27', essential: true });
    expect(app.environment).toContainEqual({ name: 'LOG_LEVEL', value: 'info' });
    expect(app.portMappings[0]?.containerPort).toBe(8080);
    for (const key of [
      'taskDefinitionArn',
      'revision',
      'status',
      'requiresAttributes',
      'compatibilities',
      'registeredAt',
      'registeredBy',
    ])
      expect(got.document).not.toHaveProperty(key);
    expect(got.document.family).toBe('web');
  });

  it('registers the described document back as an identical revision', async () => {
    const { sim, gw } = await simAndGateway();
    buildTaskDefinition(sim.world, REGION, {
      family: 'web',
      image: 'nginx:1.27',
      environment: { A: '1' },
    });
    const before = await gw.ecs.describeTaskDefinition('web', { includeTags: true });
    const registered = await gw.ecs.registerTaskDefinition(before.document, {
      deployed: 'by-test',
    });
    expect(registered.revision).toBe(2);
    expect(registered.tags).toEqual({ deployed: 'by-test' });
    const after = await gw.ecs.describeTaskDefinition('web:2');
    expect(after.document).toEqual(before.document);
    expect(after.containers).toEqual(before.containers);
  });

  it('maps an unknown task definition to not-found', async () => {
    const { gw } = await simAndGateway();
    const err = await failure(gw.ecs.describeTaskDefinition('nope:3'));
    expect(err).toMatchObject({ kind: 'not-found', code: 'ClientException' });
    expect(err.message).toBe('task definition "nope:3" not found');
  });

  it('lists task definition ARNs and families, newest first when asked, capped by max', async () => {
    const { sim, gw } = await simAndGateway();
    for (let i = 1; i <= 3; i++)
      buildTaskDefinition(sim.world, REGION, { family: 'web', image: `web:${i}` });
    buildTaskDefinition(sim.world, REGION, { family: 'worker', image: 'worker:1' });
    const arns = await gw.ecs.listTaskDefinitionArns({ familyPrefix: 'web', sort: 'DESC' });
    expect(arns.map((a) => a.split('/')[1])).toEqual(['web:3', 'web:2', 'web:1']);
    expect(
      await gw.ecs.listTaskDefinitionArns({ familyPrefix: 'web', sort: 'DESC', max: 1 }),
    ).toHaveLength(1);
    expect((await gw.ecs.listTaskDefinitionFamilies({})).sort()).toEqual(['web', 'worker']);
  });

  it('lists tasks past one page and describes them in batches of 100', async () => {
    const { sim, gw } = await simAndGateway();
    buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'api',
      image: 'api:1',
      desiredCount: 130,
    });
    const arns = await gw.ecs.listTaskArns('prod', { serviceName: 'api' });
    expect(arns).toHaveLength(130);
    expect(gw.calls.count('ecs', 'ListTasks')).toBe(2);
    const tasks = await gw.ecs.describeTasks('prod', arns);
    expect(tasks).toHaveLength(130);
    expect(gw.calls.count('ecs', 'DescribeTasks')).toBe(2);
    expect(sim.calls.count('ecs', 'DescribeTasks')).toBe(2);
    const t = tasks[0]!;
    expect(t.id).toMatch(/^[0-9a-f]{32}$/);
    expect(t.arn.endsWith(t.id)).toBe(true);
    expect(t).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING' });
    expect(t.startedBy).toMatch(/^ecs-svc\//);
    expect(t.containers[0]).toMatchObject({ name: 'app', image: 'api:1' });
    expect(t.startedAt).toBeInstanceOf(Date);
    expect(await gw.ecs.listTaskArns('prod', { serviceName: 'api', max: 5 })).toHaveLength(5);
  });

  it('reads tags of a resource', async () => {
    const { sim, gw } = await simAndGateway();
    const svc = buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'api',
      image: 'api:1',
      tags: [{ key: 'env', value: 'prod' }],
    });
    expect(await gw.ecs.listTagsForResource(svc.arn)).toEqual({ env: 'prod' });
  });
});
