import {
  ClientException,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DeregisterTaskDefinitionCommand,
  ECSClient,
  InvalidParameterException,
  ListServiceDeploymentsCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import {
  onEcs,
  type DeploymentCreatedEvent,
  type DesiredCountChangedEvent,
} from '../../src/sim/services/ecs/hooks';
import { sdkConfig, startTestSim } from '../helpers/sim';

type Sim = Awaited<ReturnType<typeof startTestSim>>;
let sim: Sim;
let ecs: ECSClient;
const REGION = 'us-east-1';
const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition';

beforeEach(async () => {
  sim = await startTestSim();
  ecs = new ECSClient(sdkConfig(sim));
  buildService(sim.world, REGION, {
    cluster: 'prod',
    name: 'web',
    image: 'nginx:1.25',
    desiredCount: 3,
  });
});
afterEach(async () => {
  ecs.destroy();
  await sim.close();
});

async function describeWeb() {
  const out = await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
  return out.services![0]!;
}

describe('UpdateService with a new task definition', () => {
  it('records a new PRIMARY deployment, demotes the old one and fires the engine hook', async () => {
    const created: DeploymentCreatedEvent[] = [];
    onEcs(sim.world, 'deploymentCreated', (e) => created.push(e));
    const before = await describeWeb();
    const oldId = before.deployments![0]!.id!;
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.27' });

    const out = await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web' }),
    );
    const svc = out.service!;
    expect(svc.taskDefinition).toBe(`${TD}/web:2`);
    expect(svc.deployments?.map((d) => [d.status, d.taskDefinition, d.rolloutState])).toEqual([
      ['PRIMARY', `${TD}/web:2`, 'IN_PROGRESS'],
      ['ACTIVE', `${TD}/web:1`, 'COMPLETED'],
    ]);
    const primary = svc.deployments![0]!;
    expect(primary.id).not.toBe(oldId);
    expect(primary).toMatchObject({ desiredCount: 3, runningCount: 0, pendingCount: 0 });
    expect(primary.rolloutStateReason).toBe(`ECS deployment ${primary.id} in progress.`);
    // no engine yet: the old tasks keep running
    expect(svc.runningCount).toBe(3);
    expect(svc.deployments![1]!.runningCount).toBe(3);
    expect(svc.currentServiceRevisions).toHaveLength(2);

    expect(created).toHaveLength(1);
    expect(created[0]!.cause).toBe('update-service');
    expect(created[0]!.deployment.id).toBe(primary.id);
    expect(created[0]!.previous.map((d) => d.id)).toEqual([oldId]);

    const list = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'web' }),
    );
    expect(list.serviceDeployments?.map((d) => d.status)).toEqual(['IN_PROGRESS', 'SUCCESSFUL']);
    expect(list.serviceDeployments?.[0]?.serviceDeploymentArn).toBe(svc.currentServiceDeployment);
    const detail = await ecs.send(
      new DescribeServiceDeploymentsCommand({
        serviceDeploymentArns: [svc.currentServiceDeployment!],
      }),
    );
    const sd = detail.serviceDeployments![0]!;
    expect(sd.targetServiceRevision).toMatchObject({ requestedTaskCount: 3, runningTaskCount: 0 });
    expect(sd.sourceServiceRevisions).toEqual([
      expect.objectContaining({ requestedTaskCount: 3, runningTaskCount: 3, pendingTaskCount: 0 }),
    ]);
    expect(sd.startedAt).toBeInstanceOf(Date);
  });

  it('supersedes a deployment still in progress', async () => {
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.26' });
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.27' });
    await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web:2' }),
    );
    const out = await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web:3' }),
    );
    expect(out.service?.deployments?.map((d) => d.status)).toEqual(['PRIMARY', 'ACTIVE', 'ACTIVE']);
    const list = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'web' }),
    );
    expect(list.serviceDeployments?.map((d) => d.status)).toEqual([
      'IN_PROGRESS',
      'STOPPED',
      'SUCCESSFUL',
    ]);
  });

  it('resolves a bare family to its latest ACTIVE revision', async () => {
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.26' });
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.27' });
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:3' }));
    const out = await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web' }),
    );
    expect(out.service?.taskDefinition).toBe(`${TD}/web:2`);
  });

  it('refuses an INACTIVE or unknown task definition with ClientException', async () => {
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.27' });
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:2' }));
    const inactive = await ecs
      .send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web:2' }))
      .catch((e: unknown) => e);
    expect(inactive).toBeInstanceOf(ClientException);
    expect((inactive as Error).message).toBe('TaskDefinition is inactive');
    const unknown = await ecs
      .send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'nope:9' }))
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ClientException);
    expect((unknown as Error).message).toBe('TaskDefinition not found.');
  });

  it('starts a deployment for forceNewDeployment with the same definition', async () => {
    const out = await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'web', forceNewDeployment: true }),
    );
    expect(out.service?.deployments?.map((d) => [d.status, d.taskDefinition])).toEqual([
      ['PRIMARY', `${TD}/web:1`],
      ['ACTIVE', `${TD}/web:1`],
    ]);
  });
});

describe('UpdateService without a new deployment', () => {
  it('changes desiredCount, deploymentConfiguration and grace period in place', async () => {
    const created: DeploymentCreatedEvent[] = [];
    const scaled: DesiredCountChangedEvent[] = [];
    onEcs(sim.world, 'deploymentCreated', (e) => created.push(e));
    onEcs(sim.world, 'desiredCountChanged', (e) => scaled.push(e));
    const out = await ecs.send(
      new UpdateServiceCommand({
        cluster: 'prod',
        service: 'web',
        desiredCount: 5,
        healthCheckGracePeriodSeconds: 120,
        deploymentConfiguration: {
          deploymentCircuitBreaker: { enable: true, rollback: true },
          minimumHealthyPercent: 50,
        },
      }),
    );
    const svc = out.service!;
    expect(svc.deployments).toHaveLength(1);
    expect(svc.deployments![0]).toMatchObject({
      status: 'PRIMARY',
      desiredCount: 5,
      rolloutState: 'COMPLETED',
    });
    expect(svc.desiredCount).toBe(5);
    expect(svc.healthCheckGracePeriodSeconds).toBe(120);
    expect(svc.deploymentConfiguration).toEqual({
      deploymentCircuitBreaker: { enable: true, rollback: true },
      maximumPercent: 200,
      minimumHealthyPercent: 50,
      strategy: 'ROLLING',
    });
    expect(created).toEqual([]);
    expect(scaled.map((e) => [e.from, e.to])).toEqual([[3, 5]]);
  });

  it('treats the current task definition again as no change', async () => {
    const out = await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web:1' }),
    );
    expect(out.service?.deployments).toHaveLength(1);
  });

  it('validates a new deployment strategy and its hooks', async () => {
    const bad = await ecs
      .send(
        new UpdateServiceCommand({
          cluster: 'prod',
          service: 'web',
          deploymentConfiguration: {
            strategy: 'BLUE_GREEN',
            lifecycleHooks: [
              { targetType: 'PAUSE', lifecycleStages: ['PRODUCTION_TRAFFIC_SHIFT'] },
            ],
          },
        }),
      )
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidParameterException);
    const ok = await ecs.send(
      new UpdateServiceCommand({
        cluster: 'prod',
        service: 'web',
        deploymentConfiguration: {
          strategy: 'CANARY',
          canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
          lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
        },
      }),
    );
    expect(ok.service?.deploymentConfiguration?.strategy).toBe('CANARY');
    expect(ok.service?.deploymentConfiguration?.canaryConfiguration).toEqual({
      canaryPercent: 10,
      canaryBakeTimeInMinutes: 5,
    });
    // members merge into what is set; switching strategy drops the canary settings
    const tuned = await ecs.send(
      new UpdateServiceCommand({
        cluster: 'prod',
        service: 'web',
        deploymentConfiguration: { canaryConfiguration: { canaryPercent: 20 } },
      }),
    );
    expect(tuned.service?.deploymentConfiguration).toMatchObject({
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 20 },
    });
    const rolling = await ecs.send(
      new UpdateServiceCommand({
        cluster: 'prod',
        service: 'web',
        deploymentConfiguration: { strategy: 'ROLLING' },
      }),
    );
    expect(rolling.service?.deploymentConfiguration?.canaryConfiguration).toBeUndefined();
    const mismatch = await ecs
      .send(
        new UpdateServiceCommand({
          cluster: 'prod',
          service: 'web',
          deploymentConfiguration: { linearConfiguration: { stepPercent: 10 } },
        }),
      )
      .catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(InvalidParameterException);
  });
});

describe('UpdateService on a CODE_DEPLOY service', () => {
  beforeEach(() => {
    buildService(sim.world, REGION, {
      cluster: 'prod',
      name: 'bg',
      image: 'nginx:1.25',
      controller: 'CODE_DEPLOY',
    });
    buildTaskDefinition(sim.world, REGION, { family: 'bg', image: 'nginx:1.27' });
  });

  it.each([
    [
      { taskDefinition: 'bg:2' },
      'Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.',
    ],
    [
      { forceNewDeployment: true },
      'Cannot force a new deployment on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.',
    ],
    [
      { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-9'] } } },
      'Unable to update network parameters on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.',
    ],
  ])('rejects %j with InvalidParameterException', async (change, message) => {
    const err = await ecs
      .send(new UpdateServiceCommand({ cluster: 'prod', service: 'bg', ...change }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidParameterException);
    expect((err as Error).message).toBe(message);
  });

  it('still accepts a desiredCount change', async () => {
    const out = await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'bg', desiredCount: 4 }),
    );
    expect(out.service?.desiredCount).toBe(4);
    expect(out.service?.taskSets?.[0]?.computedDesiredCount).toBe(4);
  });
});
