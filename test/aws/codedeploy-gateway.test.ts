import { describe, expect, it } from 'vitest';
import {
  buildCompletedDeployment,
  buildEcsApplication,
  buildEcsDeploymentGroup,
  ecsAppSpec,
} from '../../src/sim/services/codedeploy/builder';
import { createDeployment } from '../../src/sim/services/codedeploy/deployments';
import { failure, simAndGateway } from './helpers';

const LISTENER =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/0123456789abcdef';
const PROD = `${LISTENER}/1111111111111111`;
const TEST = `${LISTENER}/2222222222222222`;
const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7';
const HOUR = 3_600_000;

type Sim = Awaited<ReturnType<typeof simAndGateway>>['sim'];

function webGroup(sim: Sim): void {
  buildEcsApplication(sim.world, { name: 'web' });
  buildEcsDeploymentGroup(sim.world, {
    applicationName: 'web',
    name: 'web-prod',
    clusterName: 'prod',
    serviceName: 'web',
    targetGroupNames: ['web-blue', 'web-green'],
    prodListenerArn: PROD,
    testListenerArn: TEST,
    deploymentConfigName: 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
    alarms: { enabled: true, names: ['web-5xx'] },
    autoRollback: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
    blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 30, terminationWaitMinutes: 10 },
  });
}

describe('codedeploy gateway', () => {
  it('reads applications, deployment groups and configs', async () => {
    const { sim, gw } = await simAndGateway();
    webGroup(sim);
    expect(await gw.codedeploy.listApplications()).toEqual(['web']);
    expect(await gw.codedeploy.getApplication('web')).toMatchObject({
      name: 'web',
      computePlatform: 'ECS',
    });
    expect(await gw.codedeploy.listDeploymentGroups('web')).toEqual(['web-prod']);
    expect(await gw.codedeploy.getDeploymentGroup('web', 'web-prod')).toMatchObject({
      applicationName: 'web',
      name: 'web-prod',
      deploymentConfigName: 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
      ecsServices: [{ clusterName: 'prod', serviceName: 'web' }],
      targetGroupNames: ['web-blue', 'web-green'],
      prodListenerArns: [PROD],
      testListenerArns: [TEST],
      readyOption: { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 30 },
      termination: { action: 'TERMINATE', waitTimeInMinutes: 10 },
      autoRollback: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
      alarms: { enabled: true, names: ['web-5xx'] },
    });
    expect(
      await gw.codedeploy.getDeploymentConfig('CodeDeployDefault.ECSLinear10PercentEvery1Minutes'),
    ).toEqual({
      name: 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
      computePlatform: 'ECS',
      trafficRouting: { type: 'TimeBasedLinear', percentage: 10, intervalMinutes: 1 },
    });
    expect(
      (await gw.codedeploy.getDeploymentConfig('CodeDeployDefault.ECSAllAtOnce')).trafficRouting
        .type,
    ).toBe('AllAtOnce');
    expect(await gw.codedeploy.listDeploymentConfigs()).toContain(
      'CodeDeployDefault.ECSCanary10Percent5Minutes',
    );
  });

  it('reads applications and groups in batches, leaving out groups that do not exist', async () => {
    const { sim, gw } = await simAndGateway();
    webGroup(sim);
    buildEcsApplication(sim.world, { name: 'billing' });
    const apps = await gw.codedeploy.batchGetApplications(['web', 'billing']);
    expect(apps.map((a) => [a.name, a.computePlatform])).toEqual([
      ['web', 'ECS'],
      ['billing', 'ECS'],
    ]);
    const groups = await gw.codedeploy.batchGetDeploymentGroups('web', ['web-prod', 'nope']);
    expect(groups.map((g) => [g.name, g.targetGroupNames])).toEqual([
      ['web-prod', ['web-blue', 'web-green']],
    ]);
    expect(await gw.codedeploy.batchGetApplications([])).toEqual([]);
    expect(gw.calls.count('codedeploy')).toBe(2);
  });

  it('lists deployments newest first, filtered and capped, and reads them singly and in batches', async () => {
    const { sim, gw } = await simAndGateway();
    webGroup(sim);
    const now = sim.world.now;
    const ok = buildCompletedDeployment(sim.world, {
      applicationName: 'web',
      groupName: 'web-prod',
      createdAt: now - 3 * HOUR,
      taskDefinitionArn: TD,
    });
    const failed = buildCompletedDeployment(sim.world, {
      applicationName: 'web',
      groupName: 'web-prod',
      createdAt: now - HOUR,
      taskDefinitionArn: TD,
      status: 'Failed',
      rolledBack: true,
    });
    const ids = await gw.codedeploy.listDeployments({
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
    });
    expect(ids).toHaveLength(3);
    expect(ids.indexOf(failed)).toBeLessThan(ids.indexOf(ok));
    expect(
      await gw.codedeploy.listDeployments({
        applicationName: 'web',
        deploymentGroupName: 'web-prod',
        statuses: ['Failed'],
      }),
    ).toEqual([failed]);
    expect(
      await gw.codedeploy.listDeployments({
        applicationName: 'web',
        deploymentGroupName: 'web-prod',
        max: 1,
      }),
    ).toHaveLength(1);

    const d = await gw.codedeploy.getDeployment(failed);
    expect(d).toMatchObject({
      id: failed,
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
      status: 'Failed',
      creator: 'user',
      errorInformation: { code: 'HOOK_EXECUTION_FAILURE' },
      readyOption: { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 30 },
    });
    expect(d.createTime).toBeInstanceOf(Date);
    expect(d.completeTime!.getTime()).toBeGreaterThan(d.createTime!.getTime());
    expect(d.rollbackInfo?.rollbackDeploymentId).toMatch(/^d-/);

    const all = await gw.codedeploy.batchGetDeployments(ids);
    expect(all.map((x) => x.id).sort()).toEqual([...ids].sort());
    expect(all.find((x) => x.id === d.rollbackInfo!.rollbackDeploymentId)).toMatchObject({
      creator: 'codeDeployRollback',
      status: 'Succeeded',
    });
  });

  it('batches BatchGetDeployments 100 ids at a time', async () => {
    const { sim, gw } = await simAndGateway();
    webGroup(sim);
    for (let i = 0; i < 101; i++)
      buildCompletedDeployment(sim.world, {
        applicationName: 'web',
        groupName: 'web-prod',
        createdAt: sim.world.now - (200 - i) * HOUR,
        taskDefinitionArn: TD,
      });
    const ids = await gw.codedeploy.listDeployments({
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
    });
    expect(ids).toHaveLength(101);
    expect(await gw.codedeploy.batchGetDeployments(ids)).toHaveLength(101);
    expect(gw.calls.count('codedeploy', 'BatchGetDeployments')).toBe(2);
  });

  it('reads the ECS target of a deployment, and none before it starts', async () => {
    const { sim, gw } = await simAndGateway();
    webGroup(sim);
    const id = buildCompletedDeployment(sim.world, {
      applicationName: 'web',
      groupName: 'web-prod',
      createdAt: sim.world.now - HOUR,
      taskDefinitionArn: TD,
      desiredCount: 3,
    });
    const target = await gw.codedeploy.getEcsDeploymentTarget(id);
    expect(target).toMatchObject({ targetId: 'prod:web', status: 'Succeeded' });
    expect(target!.targetArn).toMatch(/:service\/prod\/web$/);
    expect(target!.lifecycleEvents.map((e) => e.name)).toEqual([
      'BeforeInstall',
      'Install',
      'AfterInstall',
      'AllowTestTraffic',
      'AfterAllowTestTraffic',
      'BeforeAllowTraffic',
      'AllowTraffic',
      'AfterAllowTraffic',
    ]);
    expect(
      target!.lifecycleEvents.every((e) => e.status === 'Succeeded' && e.startTime instanceof Date),
    ).toBe(true);
    const green = target!.taskSets.find((s) => s.label === 'Green')!;
    expect(green).toMatchObject({
      status: 'PRIMARY',
      trafficWeight: 100,
      runningCount: 3,
      targetGroupName: 'web-green',
    });
    expect(green.id).toMatch(/^ecs-svc\/\d+$/);

    const fresh = createDeployment(sim.world, 'us-east-1', {
      applicationName: 'web',
      groupName: 'web-prod',
      appSpecContent: ecsAppSpec({
        taskDefinitionArn: TD,
        containerName: 'web',
        containerPort: 8080,
      }),
    });
    expect(await gw.codedeploy.getEcsDeploymentTarget(fresh.id)).toBeUndefined();
  });

  it('names what is missing', async () => {
    const { sim, gw } = await simAndGateway();
    webGroup(sim);
    const group = await failure(gw.codedeploy.getDeploymentGroup('web', 'nope'));
    expect(group).toMatchObject({
      kind: 'not-found',
      code: 'DeploymentGroupDoesNotExistException',
      service: 'codedeploy',
    });
    expect(group.message).toBe('deployment group "nope" not found in application "web"');
    const app = await failure(gw.codedeploy.getApplication('ghost'));
    expect(app.message).toBe('application "ghost" not found');
    const dep = await failure(gw.codedeploy.getDeployment('d-AAAAAAAAA'));
    expect(dep).toMatchObject({ kind: 'not-found', message: 'deployment "d-AAAAAAAAA" not found' });
  });
});
