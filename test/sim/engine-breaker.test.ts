import {
  DescribeServiceDeploymentsCommand,
  DescribeTasksCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ecrImageUri, pushImage } from '../../src/sim/services/ecr/builder';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import type { ServiceRec } from '../../src/sim/services/ecs/types';
import { startTestSim } from '../helpers/sim';
import {
  advanceUntil,
  describe1,
  ecsClient,
  messages,
  REGION,
  S,
  type Sim,
} from './engine-helpers';

let sim: Sim;
let ecs: ReturnType<typeof ecsClient>;

beforeEach(async () => {
  sim = await startTestSim();
  ecs = ecsClient(sim);
});
afterEach(async () => {
  ecs.destroy();
  await sim.close();
});

const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition';

/** A steady `api` on image v1 from ECR, then an update to a tag that was never pushed. */
async function deployMissingTag(
  desired: number,
  rollback = true,
  thresholdConfiguration?: { type: 'COUNT' | 'UNBOUNDED_PERCENT'; value: number },
): Promise<ServiceRec> {
  const v1 = pushImage(sim.world, REGION, 'api', 'v1');
  const service = buildService(sim.world, REGION, {
    cluster: 'prod',
    name: 'api',
    image: v1.uri,
    desiredCount: desired,
    deploymentConfiguration: {
      deploymentCircuitBreaker: {
        enable: true,
        rollback,
        ...(thresholdConfiguration ? { thresholdConfiguration } : {}),
      },
    },
  });
  buildTaskDefinition(sim.world, REGION, {
    family: 'api',
    image: ecrImageUri(sim.world, REGION, 'api', 'v2-missing'),
  });
  await ecs.send(
    new UpdateServiceCommand({ cluster: 'prod', service: 'api', taskDefinition: 'api:2' }),
  );
  return service;
}

describe('circuit breaker: threshold ceil(desired / 2) clamped to 3..200', () => {
  for (const [desired, threshold] of [
    [1, 3],
    [4, 3],
    [10, 5],
    [500, 200],
  ] as const) {
    it(`desired ${desired} trips after ${threshold} tasks failed to start`, async () => {
      const service = await deployMissingTag(desired);
      const failing = service.deployments[0]!;
      const oldId = service.deployments[1]!.id;
      advanceUntil(sim, () => failing.rolloutState === 'FAILED', 30 * 60 * S);

      expect(failing.failedTasks).toBe(threshold);
      expect(failing.rolloutStateReason).toBe(
        'ECS deployment circuit breaker: tasks failed to start.',
      );
      const failedToStart = [...service.tasks.values()].filter(
        (t) => t.stopCode === 'TaskFailedToStart',
      );
      expect(failedToStart.length).toBeGreaterThanOrEqual(threshold);
      expect(failedToStart.every((t) => t.startedAt === undefined)).toBe(true);

      // rolled back to the COMPLETED deployment, which is PRIMARY again with its tasks (its
      // healthy tasks make the rollback complete as soon as the failed tasks are gone)
      const svc = await describe1(ecs, 'api');
      expect(svc.taskDefinition).toBe(`${TD}/api:1`);
      expect(svc.deployments![0]).toMatchObject({ id: oldId, status: 'PRIMARY' });
      const log = messages(service);
      const failedAt = log.indexOf(
        `(service api) (deployment ${failing.id}) deployment failed: tasks failed to start.`,
      );
      expect(failedAt).toBeGreaterThan(0);
      expect(log[failedAt + 1]).toBe(`(service api) rolling back to deployment ${oldId}.`);

      const sdArn = failing.serviceDeploymentArn;
      let sd = (
        await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [sdArn] }))
      ).serviceDeployments![0]!;
      expect(['ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL']).toContain(sd.status);
      expect(sd.deploymentCircuitBreaker).toEqual({
        status: 'TRIGGERED',
        failureCount: threshold,
        threshold,
      });
      expect(sd.rollback?.reason).toBe(
        `ECS deployment circuit breaker: rolling back to deploymentId ${oldId}.`,
      );
      advanceUntil(sim, () => service.deployments[0]!.rolloutState === 'COMPLETED', 10 * 60 * S);
      sd = (
        await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [sdArn] }))
      ).serviceDeployments![0]!;
      expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
      expect(sd.rollback?.serviceRevisionArn).toBe(service.deployments[0]!.serviceRevisionArn);
      const done = await describe1(ecs, 'api');
      expect(done.deployments).toHaveLength(1);
      expect(done.runningCount).toBe(desired);
    });
  }
});

describe('circuit breaker thresholdConfiguration (2026)', () => {
  for (const [cfg, desired, threshold] of [
    [{ type: 'COUNT', value: 2 }, 10, 2],
    [{ type: 'UNBOUNDED_PERCENT', value: 25 }, 4, 1],
  ] as const) {
    it(`${cfg.type} ${cfg.value} with desired ${desired} trips at ${threshold}`, async () => {
      const service = await deployMissingTag(desired, true, cfg);
      const failing = service.deployments[0]!;
      advanceUntil(sim, () => failing.rolloutState === 'FAILED', 30 * 60 * S);
      expect(failing.failedTasks).toBe(threshold);
    });
  }
});

describe('failedTasks and a task that turns healthy', () => {
  for (const reset of [true, false]) {
    it(`resetOnHealthyTask ${reset}: the count ${reset ? 'goes back to 0' : 'stays'}`, async () => {
      const v1 = pushImage(sim.world, REGION, 'api', 'v1');
      const service = buildService(sim.world, REGION, {
        cluster: 'prod',
        name: 'api',
        image: v1.uri,
        desiredCount: 1,
        deploymentConfiguration: {
          deploymentCircuitBreaker: { enable: true, rollback: true, resetOnHealthyTask: reset },
        },
      });
      buildTaskDefinition(sim.world, REGION, {
        family: 'api',
        image: ecrImageUri(sim.world, REGION, 'api', 'v2'),
      });
      await ecs.send(
        new UpdateServiceCommand({ cluster: 'prod', service: 'api', taskDefinition: 'api:2' }),
      );
      const primary = service.deployments[0]!;
      advanceUntil(sim, () => primary.failedTasks === 1, 5 * 60 * S);
      // CI finishes pushing the tag: the next attempt pulls it
      pushImage(sim.world, REGION, 'api', 'v2');
      advanceUntil(sim, () => primary.rolloutState === 'COMPLETED', 10 * 60 * S);
      expect(primary.failedTasks).toBe(reset ? 0 : 1);
    });
  }
});

describe('a tag that is not in ECR', () => {
  it('stops each task with TaskFailedToStart and CannotPullContainerError, and throttles launches', async () => {
    const service = await deployMissingTag(1);
    const failing = service.deployments[0]!;
    advanceUntil(sim, () => failing.rolloutState === 'FAILED', 30 * 60 * S);
    const tasks = [...service.tasks.values()].filter((t) => t.ownerId === failing.id);
    expect(tasks).toHaveLength(3);
    const image = ecrImageUri(sim.world, REGION, 'api', 'v2-missing');
    const out = await ecs.send(
      new DescribeTasksCommand({ cluster: 'prod', tasks: tasks.map((t) => t.arn) }),
    );
    for (const t of out.tasks!) {
      expect(t).toMatchObject({
        lastStatus: 'STOPPED',
        desiredStatus: 'STOPPED',
        stopCode: 'TaskFailedToStart',
        stoppedReason: `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: ${image}: not found`,
      });
      expect(t.startedAt).toBeUndefined();
      expect(t.pullStartedAt).toBeDefined();
      expect(t.containers![0]!.reason).toBe(t.stoppedReason);
    }
    // one launch after another, the gap growing once the throttle kicks in (B.4)
    const starts = tasks.map((t) => t.createdAt).sort((a, b) => a - b);
    const stops = tasks.map((t) => t.stoppedAt!).sort((a, b) => a - b);
    expect(starts[1]! - stops[0]!).toBeLessThan(1 * S);
    expect(starts[2]! - stops[1]!).toBeGreaterThanOrEqual(15 * S);
    expect(messages(service)).toContain(
      '(service api) is unable to consistently start tasks successfully.',
    );
  });

  it('names a missing repository differently', async () => {
    const v1 = pushImage(sim.world, REGION, 'api', 'v1');
    const service = buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'api',
      image: v1.uri,
      desiredCount: 1,
    });
    const image = ecrImageUri(sim.world, REGION, 'no-such-repo', 'v1');
    buildTaskDefinition(sim.world, REGION, { family: 'api', image });
    await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'api', taskDefinition: 'api:2' }),
    );
    advanceUntil(
      sim,
      () => [...service.tasks.values()].some((t) => t.stopCode === 'TaskFailedToStart'),
      120 * S,
    );
    const failed = [...service.tasks.values()].find((t) => t.stopCode === 'TaskFailedToStart')!;
    expect(failed.stoppedReason).toBe(
      `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    );
  });
});

describe('circuit breaker without rollback, and a first deployment', () => {
  it('without rollback the deployment FAILS, its service deployment STOPS and nothing more launches', async () => {
    const service = await deployMissingTag(4, false);
    const failing = service.deployments[0]!;
    advanceUntil(sim, () => failing.rolloutState === 'FAILED', 30 * 60 * S);
    const sd = sim.world.region(REGION).ecs.serviceDeployments.get(failing.serviceDeploymentArn)!;
    expect(sd.status).toBe('STOPPED');
    expect(sd.stoppedAt).toBeGreaterThan(sim.world.now - S);
    expect(sd.circuitBreaker.status).toBe('TRIGGERED');
    expect(messages(service).some((m) => m.includes('rolling back'))).toBe(false);
    const launched = service.tasks.size;
    sim.advance(30 * 60 * S);
    expect(service.tasks.size).toBe(launched);
    const svc = await describe1(ecs, 'api');
    expect(svc.deployments!.map((d) => [d.status, d.rolloutState])).toEqual([
      ['PRIMARY', 'FAILED'],
      ['ACTIVE', 'COMPLETED'],
    ]);
    // the old tasks keep serving
    expect(svc.runningCount).toBe(4);
    expect(svc.taskDefinition).toBe(`${TD}/api:2`);
  });

  it('a first deployment that fails has nothing to roll back to and stalls', async () => {
    buildTaskDefinition(sim.world, REGION, {
      family: 'fresh',
      image: ecrImageUri(sim.world, REGION, 'fresh', 'v1'),
    });
    sim.world.region(REGION);
    const { CreateClusterCommand, CreateServiceCommand } = await import('@aws-sdk/client-ecs');
    await ecs.send(new CreateClusterCommand({ clusterName: 'prod' }));
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'prod',
        serviceName: 'fresh',
        taskDefinition: 'fresh',
        desiredCount: 2,
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d4e5f60001'] } },
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
      }),
    );
    const service = sim.world.region(REGION).ecs.clusters.get('prod')!.services.get('fresh')!;
    const first = service.deployments[0]!;
    advanceUntil(sim, () => first.rolloutState === 'FAILED', 30 * 60 * S);
    const sd = sim.world.region(REGION).ecs.serviceDeployments.get(first.serviceDeploymentArn)!;
    expect(sd.status).toBe('ROLLBACK_FAILED');
    expect(sd.rollback).toBeUndefined();
    expect(service.deployments).toHaveLength(1);
    expect(messages(service).some((m) => m.includes('rolling back'))).toBe(false);
    const launched = service.tasks.size;
    sim.advance(30 * 60 * S);
    expect(service.tasks.size).toBe(launched);
  });
});
