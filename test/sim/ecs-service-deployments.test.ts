import {
  ConflictException,
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskSetsCommand,
  ECSClient,
  InvalidParameterException,
  ListServiceDeploymentsCommand,
  ListTagsForResourceCommand,
  ServiceDeploymentNotFoundException,
  StopServiceDeploymentCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import {
  onEcs,
  type ContinueRequestedEvent,
  type StopRequestedEvent,
} from '../../src/sim/services/ecs/hooks';
import { lifecycleHookId } from '../../src/sim/services/ecs/ids';
import { ecsScope } from '../../src/sim/services/ecs/state';
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

/** A service with `n` SUCCESSFUL deployments, then one IN_PROGRESS after an update. */
async function serviceWithHistory(n: number) {
  const images = Array.from({ length: n - 1 }, (_, i) => `nginx:1.${i}`);
  buildService(sim.world, REGION, {
    cluster: 'prod',
    name: 'web',
    image: 'nginx:2.0',
    previousImages: images,
  });
  buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:2.1' });
  const out = await ecs.send(
    new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web' }),
  );
  return out.service!.currentServiceDeployment!;
}

describe('ListServiceDeployments', () => {
  it('returns 20 by default, newest first, and pages with nextToken', async () => {
    const current = await serviceWithHistory(24);
    const first = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'web' }),
    );
    expect(first.serviceDeployments).toHaveLength(20);
    expect(first.serviceDeployments![0]).toMatchObject({
      serviceDeploymentArn: current,
      status: 'IN_PROGRESS',
    });
    expect(first.serviceDeployments![0]!.createdAt).toBeInstanceOf(Date);
    const rest = await ecs.send(
      new ListServiceDeploymentsCommand({
        cluster: 'prod',
        service: 'web',
        nextToken: first.nextToken,
      }),
    );
    expect(rest.serviceDeployments).toHaveLength(5);
    expect(rest.nextToken).toBeUndefined();
    const big = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'web', maxResults: 100 }),
    );
    expect(big.serviceDeployments).toHaveLength(25);
  });

  it('filters by status and creation time', async () => {
    await serviceWithHistory(3);
    const ongoing = await ecs.send(
      new ListServiceDeploymentsCommand({
        cluster: 'prod',
        service: 'web',
        status: ['IN_PROGRESS'],
      }),
    );
    expect(ongoing.serviceDeployments).toHaveLength(1);
    const recent = await ecs.send(
      new ListServiceDeploymentsCommand({
        cluster: 'prod',
        service: 'web',
        createdAt: { after: new Date(sim.world.now - 2 * 3_600_000) },
      }),
    );
    // the update just now and the last scenario deployment an hour ago
    expect(recent.serviceDeployments?.map((d) => d.status)).toEqual(['IN_PROGRESS', 'SUCCESSFUL']);
  });
});

describe('DescribeServiceDeployments and DescribeServiceRevisions', () => {
  it('describes deployments and revisions, with MISSING failures', async () => {
    const current = await serviceWithHistory(2);
    const ghost =
      'arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/AAAAAAAAAAAAAAAAAAAAA';
    const out = await ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [current, ghost] }),
    );
    expect(out.failures).toEqual([{ arn: ghost, reason: 'MISSING' }]);
    const sd = out.serviceDeployments![0]!;
    expect(sd).toMatchObject({
      serviceDeploymentArn: current,
      serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/web',
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      status: 'IN_PROGRESS',
      deploymentCircuitBreaker: { status: 'DISABLED', failureCount: 0, threshold: 3 },
      alarms: { status: 'DISABLED' },
    });
    expect(sd.updatedAt).toBeInstanceOf(Date);

    const revs = await ecs.send(
      new DescribeServiceRevisionsCommand({
        serviceRevisionArns: [sd.targetServiceRevision!.arn!, sd.sourceServiceRevisions![0]!.arn!],
      }),
    );
    expect(revs.serviceRevisions?.map((r) => r.taskDefinition)).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
      'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2',
    ]);
    expect(revs.serviceRevisions![0]!.containerImages).toEqual([
      { containerName: 'app', image: 'nginx:2.1', imageDigest: expect.stringMatching(/^sha256:/) },
    ]);
    expect(
      revs.serviceRevisions![0]!.networkConfiguration?.awsvpcConfiguration?.subnets,
    ).toHaveLength(3);
  });

  it('takes at most 20 ARNs', async () => {
    const arns = Array.from(
      { length: 21 },
      (_, i) => `arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/${i}`,
    );
    const err = await ecs
      .send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: arns }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidParameterException);
    await expect(
      ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: arns })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
  });
});

describe('StopServiceDeployment and ContinueServiceDeployment', () => {
  it('moves an ongoing deployment to ROLLBACK_REQUESTED and tells the engine', async () => {
    const current = await serviceWithHistory(2);
    const stops: StopRequestedEvent[] = [];
    onEcs(sim.world, 'stopRequested', (e) => stops.push(e));
    const out = await ecs.send(
      new StopServiceDeploymentCommand({ serviceDeploymentArn: current, stopType: 'ROLLBACK' }),
    );
    expect(out.serviceDeploymentArn).toBe(current);
    const sd = (
      await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [current] }))
    ).serviceDeployments![0]!;
    expect(sd.status).toBe('ROLLBACK_REQUESTED');
    expect(sd.stoppedAt).toBeInstanceOf(Date);
    expect(stops.map((s) => s.stopType)).toEqual(['ROLLBACK']);
    // asking again while it is stopping is fine and changes nothing
    await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: current }));
    expect(stops).toHaveLength(1);
  });

  it('refuses to stop a finished deployment and an unknown one', async () => {
    await serviceWithHistory(2);
    const list = await ecs.send(
      new ListServiceDeploymentsCommand({
        cluster: 'prod',
        service: 'web',
        status: ['SUCCESSFUL'],
      }),
    );
    const done = list.serviceDeployments![0]!.serviceDeploymentArn!;
    const err = await ecs
      .send(new StopServiceDeploymentCommand({ serviceDeploymentArn: done }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictException);
    const missing = await ecs
      .send(new StopServiceDeploymentCommand({ serviceDeploymentArn: `${done.slice(0, -3)}zzz` }))
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ServiceDeploymentNotFoundException);
  });

  it('records a decision on a waiting lifecycle hook', async () => {
    const current = await serviceWithHistory(2);
    // what an ECS-native blue/green engine does when it reaches a PAUSE hook
    const sdRec = ecsScope(sim.world, REGION).ecs.serviceDeployments.get(current)!;
    const hookId = lifecycleHookId(sim.world.rng, 'PAUSE');
    sdRec.lifecycleStage = 'POST_TEST_TRAFFIC_SHIFT';
    sdRec.lifecycleHooks.push({
      hookId,
      targetType: 'PAUSE',
      stage: 'POST_TEST_TRAFFIC_SHIFT',
      status: 'AWAITING_ACTION',
      expiresAt: sim.world.now + 86_400_000,
      timeoutAction: 'ROLLBACK',
    });
    const decisions: ContinueRequestedEvent[] = [];
    onEcs(sim.world, 'continueRequested', (e) => decisions.push(e));

    const described = await ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [current] }),
    );
    expect(described.serviceDeployments![0]!.lifecycleHookDetails).toEqual([
      {
        hookId,
        targetType: 'PAUSE',
        status: 'AWAITING_ACTION',
        expiresAt: new Date(sim.world.now + 86_400_000),
        timeoutAction: 'ROLLBACK',
      },
    ]);
    expect(hookId).toMatch(/^ecs-pause-[A-Za-z0-9_-]{42}$/);
    await expect(
      ecs.send(
        new ContinueServiceDeploymentCommand({
          serviceDeploymentArn: current,
          hookId: 'ecs-pause-nope',
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    await ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: current, hookId }));
    expect(decisions.map((d) => [d.hook.hookId, d.action])).toEqual([[hookId, 'CONTINUE']]);
    expect(sdRec.lifecycleHooks[0]!.requestedAction).toBe('CONTINUE');
  });
});

describe('DescribeTaskSets', () => {
  it('returns the task sets of a CODE_DEPLOY service and refuses ECS-controlled ones', async () => {
    const bg = buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'bg',
      image: 'nginx:1',
      controller: 'CODE_DEPLOY',
      desiredCount: 2,
    });
    buildService(sim.world, REGION, { cluster: 'prod', name: 'web', image: 'nginx:1' });
    const set = bg.taskSets[0]!;
    const all = await ecs.send(new DescribeTaskSetsCommand({ cluster: 'prod', service: 'bg' }));
    expect(all.taskSets?.map((s) => [s.id, s.status, s.runningCount])).toEqual([
      [set.id, 'PRIMARY', 2],
    ]);
    const some = await ecs.send(
      new DescribeTaskSetsCommand({
        cluster: 'prod',
        service: 'bg',
        taskSets: [set.arn, 'ecs-svc/0000000000000000000'],
      }),
    );
    expect(some.taskSets).toHaveLength(1);
    expect(some.failures).toEqual([{ arn: 'ecs-svc/0000000000000000000', reason: 'MISSING' }]);
    await expect(
      ecs.send(new DescribeTaskSetsCommand({ cluster: 'prod', service: 'web' })),
    ).rejects.toThrow(
      'Amazon ECS only supports task set management on services configured to use external deployment controllers.',
    );
  });
});

describe('tags', () => {
  it('tags, lists and untags services and task definitions', async () => {
    const svc = buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'web',
      image: 'nginx:1',
      tags: [{ key: 'team', value: 'a' }],
    });
    await ecs.send(
      new TagResourceCommand({
        resourceArn: svc.arn,
        tags: [
          { key: 'team', value: 'b' },
          { key: 'env', value: 'prod' },
        ],
      }),
    );
    const listed = await ecs.send(new ListTagsForResourceCommand({ resourceArn: svc.arn }));
    expect(listed.tags).toEqual([
      { key: 'team', value: 'b' },
      { key: 'env', value: 'prod' },
    ]);
    await ecs.send(new UntagResourceCommand({ resourceArn: svc.arn, tagKeys: ['team'] }));
    const described = await ecs.send(
      new DescribeServicesCommand({ cluster: 'prod', services: ['web'], include: ['TAGS'] }),
    );
    expect(described.services![0]!.tags).toEqual([{ key: 'env', value: 'prod' }]);

    const tdArn = svc.taskDefinition!;
    await ecs.send(
      new TagResourceCommand({ resourceArn: tdArn, tags: [{ key: 'release', value: '42' }] }),
    );
    expect((await ecs.send(new ListTagsForResourceCommand({ resourceArn: tdArn }))).tags).toEqual([
      { key: 'release', value: '42' },
    ]);
    await expect(
      ecs.send(
        new ListTagsForResourceCommand({
          resourceArn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/ghost',
        }),
      ),
    ).rejects.toThrow('Service not found.');
  });
});
