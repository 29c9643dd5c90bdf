import {
  CodeDeployClient,
  DeploymentNotStartedException,
  GetDeploymentCommand,
  GetDeploymentTargetCommand,
  ListDeploymentTargetsCommand,
} from '@aws-sdk/client-codedeploy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import {
  buildEcsApplication,
  buildEcsDeploymentGroup,
  ecsAppSpec,
} from '../../src/sim/services/codedeploy/builder';
import { findDeploymentConfig, trafficSteps } from '../../src/sim/services/codedeploy/configs';
import {
  activeDeployment,
  createDeployment,
  onDeploymentChange,
  setDeploymentStatus,
  setLifecycleEvent,
  setTargetStatus,
  setTaskSets,
  updateDeployment,
} from '../../src/sim/services/codedeploy/deployments';
import { sdkConfig, startTestSim } from '../helpers/sim';

let sim: RunningSimulator;
let cd: CodeDeployClient;
const region = 'us-east-1';

beforeEach(async () => {
  sim = await startTestSim();
  cd = new CodeDeployClient(sdkConfig(sim));
  buildEcsApplication(sim.world, { name: 'web' });
  buildEcsDeploymentGroup(sim.world, {
    applicationName: 'web',
    name: 'web-prod',
    clusterName: 'prod',
    serviceName: 'web',
    targetGroupNames: ['web-blue', 'web-green'],
    prodListenerArn:
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/0123456789abcdef/1111111111111111',
    deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
  });
});
afterEach(async () => {
  cd.destroy();
  await sim.close();
});

describe('CodeDeploy state API for the deployment engine', () => {
  it('drives a deployment through its statuses and the API reflects each step', async () => {
    const statuses: string[] = [];
    onDeploymentChange(sim.world, region, (c) => statuses.push(`${c.previous}->${c.current}`));
    const d = createDeployment(sim.world, region, {
      applicationName: 'web',
      groupName: 'web-prod',
      appSpecContent: ecsAppSpec({
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7',
        containerName: 'web',
        containerPort: 8080,
      }),
      description: 'release 7',
    });
    expect(d.id).toMatch(/^d-[A-Z0-9]{9}$/);
    expect(activeDeployment(sim.world, region, 'web', 'web-prod')?.id).toBe(d.id);
    let info = (await cd.send(new GetDeploymentCommand({ deploymentId: d.id }))).deploymentInfo!;
    expect(info).toMatchObject({
      status: 'Created',
      description: 'release 7',
      deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    });
    expect(info.startTime).toBeUndefined();
    await expect(
      cd.send(new ListDeploymentTargetsCommand({ deploymentId: d.id })),
    ).rejects.toBeInstanceOf(DeploymentNotStartedException);

    sim.advance(2_000);
    setDeploymentStatus(sim.world, region, d.id, 'InProgress');
    setTargetStatus(sim.world, region, d.id, 'InProgress');
    setLifecycleEvent(sim.world, region, d.id, 'BeforeInstall', 'Succeeded');
    setLifecycleEvent(sim.world, region, d.id, 'Install', 'InProgress');
    sim.advance(60_000);
    setLifecycleEvent(sim.world, region, d.id, 'Install', 'Succeeded');
    setTaskSets(sim.world, region, d.id, [
      {
        id: 'ecs-svc/1111111111111111111',
        desiredCount: 2,
        pendingCount: 0,
        runningCount: 2,
        status: 'PRIMARY',
        trafficWeight: 90,
        targetGroupName: 'web-blue',
        label: 'Blue',
      },
      {
        id: 'ecs-svc/2222222222222222222',
        desiredCount: 2,
        pendingCount: 1,
        runningCount: 1,
        status: 'ACTIVE',
        trafficWeight: 10,
        targetGroupName: 'web-green',
        label: 'Green',
      },
    ]);
    info = (await cd.send(new GetDeploymentCommand({ deploymentId: d.id }))).deploymentInfo!;
    expect(info.status).toBe('InProgress');
    expect(info.startTime).toEqual(new Date(Date.UTC(2026, 10, 26, 9, 0, 2)));
    expect(info.deploymentOverview).toMatchObject({ InProgress: 1, Succeeded: 0 });
    const target = (
      await cd.send(new GetDeploymentTargetCommand({ deploymentId: d.id, targetId: 'prod:web' }))
    ).deploymentTarget!.ecsTarget!;
    expect(target.status).toBe('InProgress');
    expect(target.lastUpdatedAt).toEqual(new Date(Date.UTC(2026, 10, 26, 9, 1, 2)));
    expect(
      target.lifecycleEvents!.slice(0, 3).map((e) => [e.lifecycleEventName, e.status]),
    ).toEqual([
      ['BeforeInstall', 'Succeeded'],
      ['Install', 'Succeeded'],
      ['AfterInstall', 'Pending'],
    ]);
    const install = target.lifecycleEvents![1]!;
    expect(install.endTime!.getTime() - install.startTime!.getTime()).toBe(60_000);
    expect(target.taskSetsInfo!.map((t) => [t.identifer, t.trafficWeight, t.taskSetLabel])).toEqual(
      [
        ['ecs-svc/1111111111111111111', 90, 'Blue'],
        ['ecs-svc/2222222222222222222', 10, 'Green'],
      ],
    );

    updateDeployment(sim.world, region, d.id, { instanceTerminationWaitTimeStarted: true });
    sim.advance(300_000);
    setTargetStatus(sim.world, region, d.id, 'Succeeded');
    setDeploymentStatus(sim.world, region, d.id, 'Succeeded');
    info = (await cd.send(new GetDeploymentCommand({ deploymentId: d.id }))).deploymentInfo!;
    expect(info).toMatchObject({ status: 'Succeeded', instanceTerminationWaitTimeStarted: true });
    expect(info.completeTime).toEqual(new Date(Date.UTC(2026, 10, 26, 9, 6, 2)));
    expect(activeDeployment(sim.world, region, 'web', 'web-prod')).toBeUndefined();
    expect(statuses).toEqual(['Created->InProgress', 'InProgress->Succeeded']);
  });

  it('knows the traffic steps of each ECS configuration', () => {
    const steps = (name: string) => trafficSteps(findDeploymentConfig(name)!);
    expect(steps('CodeDeployDefault.ECSAllAtOnce')).toEqual([100]);
    expect(steps('CodeDeployDefault.ECSCanary10Percent5Minutes')).toEqual([10, 100]);
    expect(steps('CodeDeployDefault.ECSLinear10PercentEvery3Minutes')).toEqual([
      10, 20, 30, 40, 50, 60, 70, 80, 90, 100,
    ]);
    expect(
      findDeploymentConfig('CodeDeployDefault.ECSLinear10PercentEvery3Minutes')!.trafficRouting!
        .intervalMinutes,
    ).toBe(3);
  });
});
