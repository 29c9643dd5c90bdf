import {
  ApplicationDoesNotExistException,
  BatchGetApplicationsCommand,
  BatchGetDeploymentGroupsCommand,
  BatchGetDeploymentsCommand,
  BatchGetDeploymentTargetsCommand,
  BatchLimitExceededException,
  CodeDeployClient,
  DeploymentConfigDoesNotExistException,
  DeploymentDoesNotExistException,
  DeploymentGroupDoesNotExistException,
  DeploymentTargetListSizeExceededException,
  GetApplicationCommand,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  GetDeploymentTargetCommand,
  InvalidDeploymentIdException,
  ListApplicationsCommand,
  ListDeploymentConfigsCommand,
  ListDeploymentGroupsCommand,
  ListDeploymentsCommand,
  ListDeploymentTargetsCommand,
} from '@aws-sdk/client-codedeploy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import {
  buildCompletedDeployment,
  buildEcsApplication,
  buildEcsDeploymentGroup,
} from '../../src/sim/services/codedeploy/builder';
import { sdkConfig, startTestSim } from '../helpers/sim';

let sim: RunningSimulator;
let cd: CodeDeployClient;
const PROD =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/0123456789abcdef/1111111111111111';
const TEST =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/0123456789abcdef/2222222222222222';
const HOUR = 3_600_000;
let ok1: string;
let ok2: string;
let failed: string;

beforeEach(async () => {
  sim = await startTestSim();
  cd = new CodeDeployClient(sdkConfig(sim));
  const w = sim.world;
  for (const name of ['web', 'api']) buildEcsApplication(w, { name });
  buildEcsDeploymentGroup(w, {
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
  });
  const now = w.now;
  const td = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${n}`;
  ok1 = buildCompletedDeployment(w, {
    applicationName: 'web',
    groupName: 'web-prod',
    createdAt: now - 5 * HOUR,
    taskDefinitionArn: td(1),
  });
  ok2 = buildCompletedDeployment(w, {
    applicationName: 'web',
    groupName: 'web-prod',
    createdAt: now - 3 * HOUR,
    taskDefinitionArn: td(2),
  });
  failed = buildCompletedDeployment(w, {
    applicationName: 'web',
    groupName: 'web-prod',
    status: 'Stopped',
    createdAt: now - HOUR,
    taskDefinitionArn: td(3),
    rolledBack: true,
  });
});
afterEach(async () => {
  cd.destroy();
  await sim.close();
});

describe('CodeDeploy applications and deployment groups', () => {
  it('lists, gets and batch-gets applications', async () => {
    expect((await cd.send(new ListApplicationsCommand({}))).applications).toEqual(['api', 'web']);
    const app = await cd.send(new GetApplicationCommand({ applicationName: 'web' }));
    expect(app.application).toMatchObject({
      applicationName: 'web',
      computePlatform: 'ECS',
      linkedToGitHub: false,
    });
    expect(app.application!.createTime).toBeInstanceOf(Date);
    expect(app.application!.applicationId).toMatch(/^[0-9a-f-]{36}$/);
    const batch = await cd.send(
      new BatchGetApplicationsCommand({ applicationNames: ['api', 'web'] }),
    );
    expect(batch.applicationsInfo!.map((a) => a.applicationName)).toEqual(['api', 'web']);
    await expect(
      cd.send(new GetApplicationCommand({ applicationName: 'nope' })),
    ).rejects.toMatchObject({
      name: 'ApplicationDoesNotExistException',
      message: 'No application found for name: nope',
    });
    await expect(
      cd.send(
        new BatchGetApplicationsCommand({
          applicationNames: Array.from({ length: 101 }, () => 'web'),
        }),
      ),
    ).rejects.toBeInstanceOf(BatchLimitExceededException);
  });

  it('gets a deployment group with the ECS blue/green shape', async () => {
    expect(
      await cd.send(new ListDeploymentGroupsCommand({ applicationName: 'web' })),
    ).toMatchObject({
      applicationName: 'web',
      deploymentGroups: ['web-prod'],
    });
    const { deploymentGroupInfo: g } = await cd.send(
      new GetDeploymentGroupCommand({ applicationName: 'web', deploymentGroupName: 'web-prod' }),
    );
    expect(g).toMatchObject({
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
      deploymentConfigName: 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
      computePlatform: 'ECS',
      serviceRoleArn: 'arn:aws:iam::123456789012:role/ecsCodeDeployRole',
      ecsServices: [{ serviceName: 'web', clusterName: 'prod' }],
      deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      loadBalancerInfo: {
        targetGroupPairInfoList: [
          {
            targetGroups: [{ name: 'web-blue' }, { name: 'web-green' }],
            prodTrafficRoute: { listenerArns: [PROD] },
            testTrafficRoute: { listenerArns: [TEST] },
          },
        ],
      },
      blueGreenDeploymentConfiguration: {
        terminateBlueInstancesOnDeploymentSuccess: {
          action: 'TERMINATE',
          terminationWaitTimeInMinutes: 5,
        },
        deploymentReadyOption: { actionOnTimeout: 'CONTINUE_DEPLOYMENT', waitTimeInMinutes: 0 },
      },
      autoRollbackConfiguration: {
        enabled: true,
        events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'],
      },
      alarmConfiguration: {
        enabled: true,
        ignorePollAlarmFailure: false,
        alarms: [{ name: 'web-5xx' }],
      },
      lastSuccessfulDeployment: { status: 'Succeeded' },
      lastAttemptedDeployment: { status: 'Succeeded' },
    });
    // the rollback was the last attempt; the last success of the group is that rollback too
    expect(g!.lastAttemptedDeployment!.createTime).toBeInstanceOf(Date);
    await expect(
      cd.send(
        new GetDeploymentGroupCommand({ applicationName: 'web', deploymentGroupName: 'nope' }),
      ),
    ).rejects.toBeInstanceOf(DeploymentGroupDoesNotExistException);
    await expect(
      cd.send(new GetDeploymentGroupCommand({ applicationName: 'nope', deploymentGroupName: 'x' })),
    ).rejects.toBeInstanceOf(ApplicationDoesNotExistException);
    const batch = await cd.send(
      new BatchGetDeploymentGroupsCommand({
        applicationName: 'web',
        deploymentGroupNames: ['web-prod', 'nope'],
      }),
    );
    expect(batch.deploymentGroupsInfo!.map((x) => x.deploymentGroupName)).toEqual(['web-prod']);
    expect(batch.errorMessage).toContain('nope');
  });

  it('lists and gets the predefined deployment configurations', async () => {
    const { deploymentConfigsList } = await cd.send(new ListDeploymentConfigsCommand({}));
    expect(deploymentConfigsList).toEqual(
      expect.arrayContaining([
        'CodeDeployDefault.ECSAllAtOnce',
        'CodeDeployDefault.ECSCanary10Percent5Minutes',
        'CodeDeployDefault.ECSCanary10Percent15Minutes',
        'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
        'CodeDeployDefault.ECSLinear10PercentEvery3Minutes',
      ]),
    );
    const linear = await cd.send(
      new GetDeploymentConfigCommand({
        deploymentConfigName: 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
      }),
    );
    expect(linear.deploymentConfigInfo).toMatchObject({
      deploymentConfigName: 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
      computePlatform: 'ECS',
      trafficRoutingConfig: {
        type: 'TimeBasedLinear',
        timeBasedLinear: { linearPercentage: 10, linearInterval: 1 },
      },
    });
    const canary = await cd.send(
      new GetDeploymentConfigCommand({
        deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent15Minutes',
      }),
    );
    expect(canary.deploymentConfigInfo!.trafficRoutingConfig).toEqual({
      type: 'TimeBasedCanary',
      timeBasedCanary: { canaryPercentage: 10, canaryInterval: 15 },
    });
    await expect(
      cd.send(
        new GetDeploymentConfigCommand({
          deploymentConfigName: 'CodeDeployDefault.ECSLinear10PercentEvery1Minute',
        }),
      ),
    ).rejects.toBeInstanceOf(DeploymentConfigDoesNotExistException);
  });
});

describe('CodeDeploy deployments and targets', () => {
  it('lists deployments newest first, by group, status and time range', async () => {
    const all = await cd.send(
      new ListDeploymentsCommand({ applicationName: 'web', deploymentGroupName: 'web-prod' }),
    );
    expect(all.deployments).toHaveLength(4);
    expect(all.deployments!.slice(1)).toEqual([failed, ok2, ok1]);
    for (const id of all.deployments!) expect(id).toMatch(/^d-[A-Z0-9]{9}$/);
    const stopped = await cd.send(new ListDeploymentsCommand({ includeOnlyStatuses: ['Stopped'] }));
    expect(stopped.deployments).toEqual([failed]);
    const recent = await cd.send(
      new ListDeploymentsCommand({
        createTimeRange: {
          start: new Date(sim.world.now - 4 * HOUR),
          end: new Date(sim.world.now - 2 * HOUR),
        },
      }),
    );
    expect(recent.deployments).toEqual([ok2]);
    await expect(
      cd.send(new ListDeploymentsCommand({ applicationName: 'web' })),
    ).rejects.toMatchObject({
      name: 'DeploymentGroupNameRequiredException',
    });
    await expect(
      cd.send(new ListDeploymentsCommand({ includeOnlyStatuses: ['Done' as never] })),
    ).rejects.toMatchObject({ name: 'InvalidDeploymentStatusException' });
  });

  it('GetDeployment returns the full shape with appSpecContent.content null', async () => {
    const { deploymentInfo: d } = await cd.send(new GetDeploymentCommand({ deploymentId: ok2 }));
    expect(d).toMatchObject({
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
      deploymentConfigName: 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
      deploymentId: ok2,
      status: 'Succeeded',
      creator: 'user',
      computePlatform: 'ECS',
      instanceTerminationWaitTimeStarted: true,
      deploymentOverview: {
        Pending: 0,
        InProgress: 0,
        Succeeded: 1,
        Failed: 0,
        Skipped: 0,
        Ready: 0,
      },
      deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      revision: { revisionType: 'AppSpecContent' },
      previousRevision: { revisionType: 'AppSpecContent' },
    });
    // null on the wire (checked below), which the SDK reads as absent
    expect(d!.revision!.appSpecContent!.content).toBeUndefined();
    const raw = await fetch(sim.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'CodeDeploy_20141006.GetDeployment',
      },
      body: JSON.stringify({ deploymentId: ok2 }),
    });
    const wire = (await raw.json()) as { deploymentInfo: { revision: { appSpecContent: object } } };
    expect(wire.deploymentInfo.revision.appSpecContent).toMatchObject({ content: null });
    expect(typeof (wire.deploymentInfo as unknown as { createTime: unknown }).createTime).toBe(
      'number',
    );
    expect(d!.revision!.appSpecContent!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(d!.createTime).toEqual(new Date(sim.world.now - 3 * HOUR));
    // linear 10% every minute: nine one-minute waits plus the 5-minute blue termination wait
    const took = d!.completeTime!.getTime() - d!.createTime!.getTime();
    expect(took).toBeGreaterThan(14 * 60_000);
    const { deploymentInfo: stopped } = await cd.send(
      new GetDeploymentCommand({ deploymentId: failed }),
    );
    expect(stopped).toMatchObject({
      status: 'Stopped',
      errorInformation: { code: 'ALARM_ACTIVE' },
      rollbackInfo: { rollbackDeploymentId: expect.stringMatching(/^d-/) },
    });
    const rollbackId = stopped!.rollbackInfo!.rollbackDeploymentId!;
    const { deploymentInfo: rb } = await cd.send(
      new GetDeploymentCommand({ deploymentId: rollbackId }),
    );
    expect(rb).toMatchObject({
      creator: 'codeDeployRollback',
      rollbackInfo: { rollbackTriggeringDeploymentId: failed },
    });
    await expect(
      cd.send(new GetDeploymentCommand({ deploymentId: 'd-NOTTHERE1' })),
    ).rejects.toBeInstanceOf(DeploymentDoesNotExistException);
    await expect(
      cd.send(new GetDeploymentCommand({ deploymentId: 'nope' })),
    ).rejects.toBeInstanceOf(InvalidDeploymentIdException);
  });

  it('BatchGetDeployments returns found ids and enforces the limit of 100', async () => {
    const out = await cd.send(
      new BatchGetDeploymentsCommand({ deploymentIds: [ok1, 'd-AAAAAAAAA', ok2] }),
    );
    expect(out.deploymentsInfo!.map((d) => d.deploymentId)).toEqual([ok1, ok2]);
    await expect(
      cd.send(
        new BatchGetDeploymentsCommand({ deploymentIds: Array.from({ length: 101 }, () => ok1) }),
      ),
    ).rejects.toBeInstanceOf(BatchLimitExceededException);
  });

  it('lists and gets the ECS deployment target with task sets and lifecycle events', async () => {
    const { targetIds } = await cd.send(new ListDeploymentTargetsCommand({ deploymentId: ok2 }));
    expect(targetIds).toEqual(['prod:web']);
    const filtered = await cd.send(
      new ListDeploymentTargetsCommand({
        deploymentId: ok2,
        targetFilters: { TargetStatus: ['Failed'] },
      }),
    );
    expect(filtered.targetIds).toEqual([]);
    const { deploymentTarget } = await cd.send(
      new GetDeploymentTargetCommand({ deploymentId: ok2, targetId: 'prod:web' }),
    );
    expect(deploymentTarget!.deploymentTargetType).toBe('ECSTarget');
    const t = deploymentTarget!.ecsTarget!;
    expect(t).toMatchObject({
      deploymentId: ok2,
      targetId: 'prod:web',
      targetArn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/web',
      status: 'Succeeded',
    });
    expect(t.lifecycleEvents!.map((e) => [e.lifecycleEventName, e.status])).toEqual([
      ['BeforeInstall', 'Succeeded'],
      ['Install', 'Succeeded'],
      ['AfterInstall', 'Succeeded'],
      ['AllowTestTraffic', 'Succeeded'],
      ['AfterAllowTestTraffic', 'Succeeded'],
      ['BeforeAllowTraffic', 'Succeeded'],
      ['AllowTraffic', 'Succeeded'],
      ['AfterAllowTraffic', 'Succeeded'],
    ]);
    expect(t.lifecycleEvents![0]!.startTime).toBeInstanceOf(Date);
    // the second success swapped the groups: green now lives in web-blue
    expect(t.taskSetsInfo).toEqual([
      expect.objectContaining({
        taskSetLabel: 'Blue',
        status: 'ACTIVE',
        trafficWeight: 0,
        targetGroup: { name: 'web-green' },
      }),
      expect.objectContaining({
        taskSetLabel: 'Green',
        status: 'PRIMARY',
        trafficWeight: 100,
        targetGroup: { name: 'web-blue' },
        runningCount: 2,
      }),
    ]);
    expect(t.taskSetsInfo![0]!.identifer).toMatch(/^ecs-svc\/\d{19}$/);
    const batch = await cd.send(
      new BatchGetDeploymentTargetsCommand({ deploymentId: failed, targetIds: ['prod:web'] }),
    );
    const events = batch.deploymentTargets![0]!.ecsTarget!.lifecycleEvents!;
    expect(events.find((e) => e.lifecycleEventName === 'AllowTraffic')!.status).toBe('Failed');
    expect(events.find((e) => e.lifecycleEventName === 'AfterAllowTraffic')!.status).toBe(
      'Skipped',
    );
    await expect(
      cd.send(
        new BatchGetDeploymentTargetsCommand({
          deploymentId: ok1,
          targetIds: Array.from({ length: 26 }, () => 'prod:web'),
        }),
      ),
    ).rejects.toBeInstanceOf(DeploymentTargetListSizeExceededException);
    await expect(
      cd.send(new GetDeploymentTargetCommand({ deploymentId: ok1, targetId: 'prod:api' })),
    ).rejects.toMatchObject({ name: 'DeploymentTargetDoesNotExistException' });
  });
});
