import {
  ConflictException,
  DescribeServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import { startTestSim } from '../helpers/sim';
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

beforeEach(async () => {
  sim = await startTestSim();
  ecs = ecsClient(sim);
  sim.world.images.set('nginx:crash', 'crash-on-start');
});
afterEach(async () => {
  ecs.destroy();
  await sim.close();
});

const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition';
const BREAKER = { deploymentCircuitBreaker: { enable: true, rollback: true } };

async function serviceDeployment(arn: string): Promise<ServiceDeployment> {
  const out = await ecs.send(
    new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }),
  );
  return out.serviceDeployments![0]!;
}

async function update(taskDefinition: string) {
  const out = await ecs.send(
    new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition }),
  );
  return out.service!.deployments![0]!;
}

describe('rollback target', () => {
  it('is the last COMPLETED deployment, not the revision before the failing one', async () => {
    const service = buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'web',
      previousImages: ['nginx:1.24'],
      image: 'nginx:1.25',
      desiredCount: 2,
      deploymentConfiguration: BREAKER,
    });
    const completed = service.deployments[0]!;
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.26' }); // web:3, never deployed
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:crash' }); // web:4
    const bad = await update('web:4');
    advanceUntil(sim, () => service.deployments.every((d) => d.id !== bad.id), 30 * 60 * S);
    const svc = await describe1(ecs, 'web');
    expect(svc.taskDefinition).toBe(`${TD}/web:2`);
    expect(svc.deployments!.map((d) => [d.id, d.taskDefinition])).toEqual([
      [completed.id, `${TD}/web:2`],
    ]);
    expect(messages(service)).toContain(
      `(service web) rolling back to deployment ${completed.id}.`,
    );
  });

  it('runs the completed revision in a new deployment when its tasks are already gone', async () => {
    // min 0 %: the old tasks stop before the new ones prove themselves
    const service = buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'web',
      image: 'nginx:1.25',
      desiredCount: 2,
      deploymentConfiguration: { ...BREAKER, minimumHealthyPercent: 0, maximumPercent: 100 },
    });
    const completed = service.deployments[0]!;
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:crash' });
    await update('web:2');
    const failing = service.deployments[0]!;
    advanceUntil(sim, () => failing.rolloutState === 'FAILED', 30 * 60 * S);
    expect(service.deployments.some((d) => d.id === completed.id)).toBe(false);
    const svc = await describe1(ecs, 'web');
    const primary = svc.deployments![0]!;
    expect(primary.id).not.toBe(completed.id);
    expect(primary).toMatchObject({
      status: 'PRIMARY',
      taskDefinition: `${TD}/web:1`,
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: `ECS deployment circuit breaker: rolling back to deploymentId ${completed.id}.`,
    });
    expect(svc.taskDefinition).toBe(`${TD}/web:1`);
    // the rollback is part of the failed service deployment and re-deploys the old revision
    expect(svc.currentServiceDeployment).toBe(failing.serviceDeploymentArn);
    expect(svc.currentServiceRevisions![0]!.arn).toBe(completed.serviceRevisionArn);
    let sd = await serviceDeployment(failing.serviceDeploymentArn);
    expect(sd.status).toBe('ROLLBACK_IN_PROGRESS');
    expect(sd.rollback?.serviceRevisionArn).toBe(completed.serviceRevisionArn);

    advanceUntil(sim, () => service.deployments[0]!.rolloutState === 'COMPLETED', 10 * 60 * S);
    sd = await serviceDeployment(failing.serviceDeploymentArn);
    expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(sd.finishedAt).toBeDefined();
    const done = await describe1(ecs, 'web');
    expect(done.deployments!.map((d) => d.id)).toEqual([primary.id]);
    expect(done.runningCount).toBe(2);
  });
});

describe('StopServiceDeployment', () => {
  it('ROLLBACK mid-rollout goes back to the completed deployment and ends ROLLBACK_SUCCESSFUL', async () => {
    const { service } = routedService(sim, { name: 'web', desiredCount: 2 });
    const completed = service.deployments[0]!;
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.27' });
    const rollout = await update('web:2');
    sim.advance(20 * S);
    const sdArn = service.deployments[0]!.serviceDeploymentArn;

    await ecs.send(
      new StopServiceDeploymentCommand({ serviceDeploymentArn: sdArn, stopType: 'ROLLBACK' }),
    );
    expect((await serviceDeployment(sdArn)).status).toBe('ROLLBACK_REQUESTED');
    sim.advance(2 * S);
    let sd = await serviceDeployment(sdArn);
    expect(sd.status).toBe('ROLLBACK_IN_PROGRESS');
    expect(sd.rollback?.serviceRevisionArn).toBe(completed.serviceRevisionArn);
    const svc = await describe1(ecs, 'web');
    expect(svc.deployments!.map((d) => [d.id, d.status])).toEqual([
      [completed.id, 'PRIMARY'],
      [rollout.id, 'ACTIVE'],
    ]);
    expect(svc.taskDefinition).toBe(`${TD}/web:1`);
    expect(messages(service)).toContain(
      `(service web) rolling back to deployment ${completed.id}.`,
    );

    advanceUntil(sim, () => service.deployments.length === 1, 10 * 60 * S);
    sd = await serviceDeployment(sdArn);
    expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
    const done = await describe1(ecs, 'web');
    expect(done.deployments![0]).toMatchObject({ id: completed.id, rolloutState: 'COMPLETED' });
    expect(done.runningCount).toBe(2);
    // the new tasks were stopped by the rollback deployment
    const stopped = [...service.tasks.values()].filter((t) => t.ownerId === rollout.id);
    expect(stopped.every((t) => t.desiredStatus === 'STOPPED')).toBe(true);

    // a finished service deployment cannot be stopped
    await expect(
      ecs.send(
        new StopServiceDeploymentCommand({ serviceDeploymentArn: sdArn, stopType: 'ROLLBACK' }),
      ),
    ).rejects.toBeInstanceOf(ConflictException);
  });

  it('ABORT stops where it is: FAILED, STOPPED, nothing more launched', async () => {
    const { service } = routedService(sim, { name: 'web', desiredCount: 2 });
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.27' });
    await update('web:2');
    sim.advance(10 * S);
    const primary = service.deployments[0]!;
    await ecs.send(
      new StopServiceDeploymentCommand({
        serviceDeploymentArn: primary.serviceDeploymentArn,
        stopType: 'ABORT',
      }),
    );
    expect((await serviceDeployment(primary.serviceDeploymentArn)).status).toBe('STOP_REQUESTED');
    sim.advance(2 * S);
    expect((await serviceDeployment(primary.serviceDeploymentArn)).status).toBe('STOPPED');
    expect(primary.rolloutState).toBe('FAILED');
    const count = service.tasks.size;
    sim.advance(10 * 60 * S);
    expect(service.tasks.size).toBe(count);
    expect(service.deployments).toHaveLength(2);
  });
});

describe('a newer UpdateService during a rollout', () => {
  it('supersedes it: the older PRIMARY turns ACTIVE and drains, the newest completes', async () => {
    const { service } = routedService(sim, { name: 'web', desiredCount: 2 });
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.26' });
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.27' });
    const first = await update('web:2');
    sim.advance(10 * S);
    const second = await update('web:3');
    const svc = await describe1(ecs, 'web');
    expect(svc.deployments!.map((d) => [d.id, d.status])).toEqual([
      [second.id, 'PRIMARY'],
      [first.id, 'ACTIVE'],
      [svc.deployments![2]!.id, 'ACTIVE'],
    ]);
    const firstSd = sim.world
      .region(REGION)
      .ecs.serviceDeployments.get(service.deployments[1]!.serviceDeploymentArn)!;
    expect(firstSd.status).toBe('STOPPED');
    advanceUntil(sim, () => service.deployments[0]!.rolloutState === 'COMPLETED', 10 * 60 * S);
    const done = await describe1(ecs, 'web');
    expect(done.deployments!.map((d) => d.id)).toEqual([second.id]);
    expect(done.taskDefinition).toBe(`${TD}/web:3`);
    // the superseded deployment's tasks never served: stopped before or just after RUNNING
    const firstTasks = [...service.tasks.values()].filter((t) => t.ownerId === first.id);
    expect(firstTasks.length).toBe(2);
    expect(firstTasks.every((t) => t.desiredStatus === 'STOPPED')).toBe(true);
  });
});
