import { DescribeTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import type { ServiceRec, TaskRec } from '../../src/sim/services/ecs/types';
import { sdkConfig, startTestSim } from '../helpers/sim';
import {
  advanceUntil,
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
  sim.world.images.set('nginx:crash', 'crash-on-start');
  sim.world.images.set('nginx:unhealthy', 'fail-health-check');
  sim.world.images.set('nginx:slow', 'slow-start');
});
afterEach(async () => {
  ecs.destroy();
  elb.destroy();
  await sim.close();
});

const BREAKER = { deploymentCircuitBreaker: { enable: true, rollback: true } };

async function deploy(image: string) {
  buildTaskDefinition(sim.world, REGION, { family: 'web', image });
  const out = await ecs.send(
    new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web' }),
  );
  return out.service!.deployments![0]!.id!;
}

const tasksOf = (service: ServiceRec, owner: string): TaskRec[] =>
  [...service.tasks.values()].filter((t) => t.ownerId === owner);

describe('crash-on-start', () => {
  it('never reaches RUNNING: EssentialContainerExited, exit code 1, and the breaker trips in stage 1', async () => {
    const service = buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'web',
      image: 'nginx:1.25',
      desiredCount: 2,
      deploymentConfiguration: BREAKER,
    });
    const id = await deploy('nginx:crash');
    const failing = service.deployments[0]!;
    advanceUntil(sim, () => failing.rolloutState === 'FAILED', 30 * 60 * S);
    expect(failing.failedTasks).toBe(3);
    const crashed = tasksOf(service, id).filter((t) => t.stopCode === 'EssentialContainerExited');
    expect(crashed.length).toBeGreaterThanOrEqual(3);
    const out = await ecs.send(
      new DescribeTasksCommand({ cluster: 'prod', tasks: crashed.map((t) => t.arn) }),
    );
    for (const t of out.tasks!) {
      expect(t).toMatchObject({
        lastStatus: 'STOPPED',
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
      });
      expect(t.startedAt).toBeUndefined();
      expect(t.containers![0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 1 });
    }
    expect(messages(service)).toContain(
      `(service web) (deployment ${id}) deployment failed: tasks failed to start.`,
    );
  });
});

describe('fail-health-check', () => {
  it('runs, turns unhealthy in its target group, is replaced, and trips the breaker in stage 2', async () => {
    const { service, targetGroupArn: tg } = routedService(
      sim,
      {
        name: 'web',
        desiredCount: 2,
        deploymentConfiguration: BREAKER,
        healthCheckGracePeriodSeconds: 0,
      },
      { intervalSeconds: 10 },
    );
    const id = await deploy('nginx:unhealthy');
    const failing = service.deployments[0]!;
    advanceUntil(sim, () => failing.rolloutState === 'FAILED', 30 * 60 * S);
    expect(failing.failedTasks).toBe(3);
    const replaced = tasksOf(service, id).filter((t) => t.stoppedReason?.includes('ELB health'));
    expect(replaced.length).toBeGreaterThanOrEqual(3);
    for (const t of replaced) {
      expect(t.startedAt).toBeDefined();
      expect(t.stopCode).toBe('ServiceSchedulerInitiated');
      expect(t.stoppedReason).toBe(`Task failed ELB health checks in (target-group ${tg})`);
    }
    const log = messages(service);
    const first = replaced[0]!;
    expect(log).toContain(
      `(service web) (task ${first.id}) (port 8080) is unhealthy in (target-group ${tg}) due to (reason Health checks failed with these codes: [502]).`,
    );
    // replacements say why they were started
    expect(
      log.some((m) =>
        / has started \d+ tasks: .*\. Amazon ECS replaced \d+ tasks due to an unhealthy status\.$/.test(
          m,
        ),
      ),
    ).toBe(true);
    // the old tasks served throughout; the rollback keeps them
    advanceUntil(sim, () => service.deployments.length === 1, 10 * 60 * S);
    const health = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    expect(health.TargetHealthDescriptions!.map((d) => d.TargetHealth!.State)).toEqual([
      'healthy',
      'healthy',
    ]);
  });

  it('is left alone during healthCheckGracePeriodSeconds', async () => {
    const { service } = routedService(
      sim,
      { name: 'web', desiredCount: 1, healthCheckGracePeriodSeconds: 120 },
      { intervalSeconds: 10 },
    );
    const id = await deploy('nginx:unhealthy');
    advanceUntil(
      sim,
      () => messages(service).some((m) => m.includes('is unhealthy in')),
      10 * 60 * S,
    );
    const task = tasksOf(service, id)[0]!;
    // unhealthy after two 10 s checks, but acted on only when the grace period ended
    expect(sim.world.now - task.startedAt!).toBeGreaterThanOrEqual(120 * S);
    expect(sim.world.now - task.startedAt!).toBeLessThan(125 * S);
  });

  it('without a load balancer fails the container health check', async () => {
    const service = buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'web',
      image: 'nginx:1.25',
      desiredCount: 1,
      deploymentConfiguration: BREAKER,
    });
    const id = await deploy('nginx:unhealthy');
    advanceUntil(
      sim,
      () => tasksOf(service, id).some((t) => t.desiredStatus === 'STOPPED'),
      10 * 60 * S,
    );
    const task = tasksOf(service, id).find((t) => t.desiredStatus === 'STOPPED')!;
    expect(task.healthStatus).toBe('UNHEALTHY');
    expect(task.stoppedReason).toBe('Task failed container health checks');
    expect(messages(service)).toContain(
      `(service web) (task ${task.id}) failed container health checks.`,
    );
  });
});

describe('slow-start', () => {
  it('passes once ready when the grace period covers its start', async () => {
    const { service } = routedService(
      sim,
      { name: 'web', desiredCount: 2, healthCheckGracePeriodSeconds: 300 },
      { intervalSeconds: 10 },
    );
    await deploy('nginx:slow');
    const primary = service.deployments[0]!;
    advanceUntil(sim, () => primary.rolloutState === 'COMPLETED', 30 * 60 * S);
    expect(primary.failedTasks).toBe(0);
    expect(messages(service).some((m) => m.includes('is unhealthy in'))).toBe(false);
  });
});
