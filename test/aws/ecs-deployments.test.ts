import { describe, expect, it } from 'vitest';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import { failure, simAndGateway } from './helpers';

const REGION = 'us-east-1';

describe('ecs gateway: updates and service deployments', () => {
  it('updates a service and finds the new deployment in ListServiceDeployments, newest first', async () => {
    const { sim, gw } = await simAndGateway();
    buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'api',
      image: 'api:1',
      previousImages: ['api:0'],
    });
    const v2 = buildTaskDefinition(sim.world, REGION, { family: 'api', image: 'api:2' });

    const updated = await gw.ecs.updateService({
      cluster: 'prod',
      service: 'api',
      taskDefinition: v2.arn,
      deploymentConfiguration: {
        circuitBreaker: { enable: true, rollback: true },
        minimumHealthyPercent: 100,
        maximumPercent: 200,
      },
    });
    expect(updated.taskDefinitionArn).toBe(v2.arn);
    expect(updated.deployments[0]).toMatchObject({
      status: 'PRIMARY',
      taskDefinitionArn: v2.arn,
      rolloutState: 'IN_PROGRESS',
    });
    expect(updated.deploymentConfiguration.circuitBreaker).toEqual({
      enable: true,
      rollback: true,
    });

    const briefs = await gw.ecs.listServiceDeployments('prod', 'api');
    expect(briefs.length).toBeGreaterThanOrEqual(3);
    expect(briefs[0]!.status).toMatch(/PENDING|IN_PROGRESS/);
    expect(briefs[0]!.arn).toBe(updated.currentServiceDeploymentArn);
    expect(briefs[0]!.createdAt).toBeInstanceOf(Date);
    const successful = await gw.ecs.listServiceDeployments('prod', 'api', {
      status: ['SUCCESSFUL'],
    });
    expect(successful.length).toBe(briefs.length - 1);
    expect(successful.every((b) => b.status === 'SUCCESSFUL')).toBe(true);
    expect(await gw.ecs.listServiceDeployments('prod', 'api', { max: 1 })).toHaveLength(1);

    const [current] = await gw.ecs.describeServiceDeployments([briefs[0]!.arn]);
    expect(current).toMatchObject({ arn: briefs[0]!.arn, serviceArn: updated.arn });
    expect(current!.targetServiceRevision?.arn).toBe(briefs[0]!.targetServiceRevisionArn);
    expect(current!.sourceServiceRevisions.length).toBeGreaterThan(0);

    const [revision] = await gw.ecs.describeServiceRevisions([current!.targetServiceRevision!.arn]);
    expect(revision).toMatchObject({ taskDefinitionArn: v2.arn, serviceArn: updated.arn });
    expect(revision!.containerImages[0]).toMatchObject({ containerName: 'app', image: 'api:2' });

    await gw.ecs.stopServiceDeployment(current!.arn, 'ROLLBACK');
    const [stopped] = await gw.ecs.describeServiceDeployments([current!.arn]);
    expect(stopped!.status).toMatch(/ROLLBACK/);
  });

  it('describes more than 20 service deployments in batches of 20', async () => {
    const { sim, gw } = await simAndGateway();
    const previousImages = Array.from({ length: 24 }, (_, i) => `api:${i}`);
    buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'api',
      image: 'api:latest',
      previousImages,
    });
    const briefs = await gw.ecs.listServiceDeployments('prod', 'api');
    expect(briefs).toHaveLength(25);
    expect(gw.calls.count('ecs', 'ListServiceDeployments')).toBe(1);
    const full = await gw.ecs.describeServiceDeployments(briefs.map((b) => b.arn));
    expect(full).toHaveLength(25);
    expect(new Set(full.map((d) => d.arn))).toEqual(new Set(briefs.map((b) => b.arn)));
    expect(gw.calls.count('ecs', 'DescribeServiceDeployments')).toBe(2);
    const revisions = await gw.ecs.describeServiceRevisions(
      full.map((d) => d.targetServiceRevision!.arn),
    );
    expect(revisions).toHaveLength(25);
    expect(gw.calls.count('ecs', 'DescribeServiceRevisions')).toBe(2);
  });

  it('maps stopping a finished deployment to conflict and a wrong hook id to invalid-input', async () => {
    const { sim, gw } = await simAndGateway();
    buildService(sim.world, REGION, { cluster: 'prod', name: 'api', image: 'api:1' });
    const [done] = await gw.ecs.listServiceDeployments('prod', 'api');
    const stop = await failure(gw.ecs.stopServiceDeployment(done!.arn, 'ROLLBACK'));
    expect(stop).toMatchObject({ kind: 'conflict', code: 'ConflictException', retryable: false });
    expect(stop.message).toContain('ecs:StopServiceDeployment on service deployment');
    expect(stop.hint).toContain('wait for');
    const hook = await failure(
      gw.ecs.continueServiceDeployment(done!.arn, 'ecs-pause-nope', 'CONTINUE'),
    );
    expect(hook.kind).toBe('conflict');
  });

  it('shows a paused lifecycle hook and sends the decision on it', async () => {
    const { sim, gw } = await simAndGateway();
    buildService(sim.world, REGION, { cluster: 'prod', name: 'api', image: 'api:1' });
    const v2 = buildTaskDefinition(sim.world, REGION, { family: 'api', image: 'api:2' });
    const updated = await gw.ecs.updateService({
      cluster: 'prod',
      service: 'api',
      taskDefinition: v2.arn,
    });
    const arn = updated.currentServiceDeploymentArn!;
    // no ECS-native engine pauses yet: put the deployment in the state one would leave it in
    const record = sim.world.region(REGION).ecs.serviceDeployments.get(arn)!;
    record.lifecycleStage = 'POST_TEST_TRAFFIC_SHIFT';
    const hook = {
      hookId: 'ecs-pause-Xk7rT2mP9sLwQn4vB8fYd3hJ6gA1cE5iO0uR_ZpWq',
      targetType: 'PAUSE' as const,
      stage: 'POST_TEST_TRAFFIC_SHIFT' as const,
      status: 'AWAITING_ACTION' as const,
      expiresAt: sim.world.now + 3_600_000,
      timeoutAction: 'ROLLBACK' as const,
    };
    record.lifecycleHooks.push(hook);

    const [sd] = await gw.ecs.describeServiceDeployments([arn]);
    expect(sd!.lifecycleStage).toBe('POST_TEST_TRAFFIC_SHIFT');
    expect(sd!.lifecycleHooks).toEqual([
      {
        hookId: hook.hookId,
        targetType: 'PAUSE',
        status: 'AWAITING_ACTION',
        expiresAt: new Date(hook.expiresAt),
        timeoutAction: 'ROLLBACK',
        lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
      },
    ]);
    await gw.ecs.continueServiceDeployment(arn, hook.hookId, 'CONTINUE');
    expect(record.lifecycleHooks[0]!.requestedAction).toBe('CONTINUE');
  });

  it('reads task sets of a CODE_DEPLOY service', async () => {
    const { sim, gw } = await simAndGateway();
    buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'web',
      image: 'web:1',
      controller: 'CODE_DEPLOY',
      desiredCount: 3,
    });
    const sets = await gw.ecs.describeTaskSets('prod', 'web');
    expect(sets).toHaveLength(1);
    expect(sets[0]).toMatchObject({
      status: 'PRIMARY',
      computedDesiredCount: 3,
      stabilityStatus: 'STEADY_STATE',
    });
    expect(sets[0]!.id).toMatch(/^ecs-svc\//);
    const { services } = await gw.ecs.describeServices('prod', ['web']);
    expect(services[0]!.deploymentController).toBe('CODE_DEPLOY');
    expect(services[0]!.taskSets[0]!.arn).toBe(sets[0]!.arn);
  });
});
