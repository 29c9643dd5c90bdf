import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClosableAwsGateway } from '../../src/aws';
import { applyPlan, planDeploy } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import type { DeployRequest } from '../../src/deploy/plan/types';
import type { RunningSimulator } from '../../src/sim';
import { buildService } from '../../src/sim/services/ecs/builder';
import { buildCodeDeployWorld, type CodeDeployWorld } from '../helpers/codedeploy-world';
import { simGateway } from '../helpers/gateway';
import { startTestSim } from '../helpers/sim';

let sim: RunningSimulator;
let gw: ClosableAwsGateway;
let w: CodeDeployWorld;
const R = 'us-east-1';

beforeEach(async () => {
  sim = await startTestSim();
  w = buildCodeDeployWorld(sim.world, {
    blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 30, terminationWaitMinutes: 10 },
    autoRollback: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST'] },
    alarms: ['web-5xx'],
  });
  gw = await simGateway(sim);
});
afterEach(async () => {
  gw.close();
  await sim.close();
});

const request = (extra: Partial<DeployRequest> = {}): DeployRequest => ({
  cluster: 'prod',
  service: 'web',
  strategy: 'codedeploy',
  target: { kind: 'image', images: [{ ref: ':v2' }], pinDigest: true },
  settings: {},
  ...extra,
});

const writes = () =>
  ['RegisterTaskDefinition', 'CreateDeployment', 'ContinueDeployment', 'StopDeployment'].reduce(
    (n, op) => n + sim.calls.count(op === 'RegisterTaskDefinition' ? 'ecs' : 'codedeploy', op),
    0,
  );

describe('CodeDeploy plan', () => {
  it('finds the group from the service, shows the AppSpec, checks and calls, and changes nothing', async () => {
    const plan = await planDeploy(gw, request());
    expect(plan.blockers).toEqual([]);
    expect(plan.request.settings).toMatchObject({
      application: 'web',
      deploymentGroup: 'web-prod',
      deploymentConfig: 'group-default',
      containerName: 'app',
      containerPort: 8080,
    });
    expect(plan.calls.map((c) => `${c.service} ${c.operation}`)).toEqual([
      'ECS RegisterTaskDefinition',
      'CodeDeploy CreateDeployment',
    ]);
    expect(plan.calls[1]!.summary).toContain('web/web-prod config=CodeDeployDefault.ECSAllAtOnce');
    const status = Object.fromEntries(plan.checks.map((c) => [c.id, c.status]));
    expect(status).toMatchObject({
      'nothing-in-progress': 'pass',
      'changes-something': 'pass',
      container: 'pass',
      'target-groups': 'pass',
      'production-listener': 'pass',
      'test-listener': 'pass',
      'auto-rollback': 'pass',
      alarms: 'pass',
      'digest-pinned': 'pass',
      'target-group-healthy': 'pass',
    });
    expect(plan.checks.find((c) => c.id === 'target-group-healthy')?.detail).toBe(
      'web-blue: 2 of 2 targets healthy',
    );
    const notes = plan.notes.join('\n');
    expect(notes).toContain(
      'web-blue serves now (blue); the new task set goes to web-green (green)',
    );
    expect(notes).toContain('traffic: all at once (CodeDeployDefault.ECSAllAtOnce)');
    expect(notes).toContain(
      'waits on the test listener up to 30 minutes for you to reroute (promote)',
    );
    expect(notes).toContain('blue is kept 10 minutes after traffic moves');
    expect(notes).toMatch(/TaskDefinition: "web:<registered at apply>"/);
    expect(notes).toContain('ContainerName: "app"');
    expect(notes).toContain('ContainerPort: 8080');
    expect(plan.command).toBe(
      'ecs-rollout deploy --cluster prod --service web --strategy codedeploy --image :v2 --application web --deployment-group web-prod --deployment-config group-default --container-name app --container-port 8080 --hooks none --wait --yes',
    );
    expect(plan.diff.some((l) => l.text.includes('sha256'))).toBe(true);
    expect(writes()).toBe(0);
  });

  it('searches the account once, then asks for the named group only', async () => {
    await planDeploy(gw, request());
    expect(sim.calls.count('codedeploy', 'ListApplications')).toBe(1);
    expect(sim.calls.count('codedeploy', 'BatchGetDeploymentGroups')).toBe(1);
    const before = sim.calls.count('codedeploy', 'GetDeploymentGroup');
    await planDeploy(gw, request());
    expect(sim.calls.count('codedeploy', 'ListApplications')).toBe(1);
    expect(sim.calls.count('codedeploy', 'GetDeploymentGroup')).toBe(before + 1);
  });

  it('takes a canary config, hooks and named group from the settings', async () => {
    const plan = await planDeploy(
      gw,
      request({
        settings: {
          application: ['web'],
          deploymentGroup: ['web-prod'],
          deploymentConfig: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
          hooks: ['AfterAllowTestTraffic=smoke-test'],
        },
      }),
    );
    expect(sim.calls.count('codedeploy', 'ListApplications')).toBe(0);
    expect(plan.notes.join('\n')).toContain('10% to green, the rest 5 minutes later');
    expect(plan.notes.join('\n')).toContain('- AfterAllowTestTraffic: "smoke-test"');
    expect(plan.command).toContain('--hooks AfterAllowTestTraffic=smoke-test');
  });
});

describe('CodeDeploy bad input: a clear message and no change in AWS', () => {
  it('a service no deployment group deploys', async () => {
    buildService(sim.world, R, {
      cluster: 'prod',
      name: 'orphan',
      image: 'nginx:1',
      controller: 'CODE_DEPLOY',
    });
    await expect(planDeploy(gw, request({ service: 'orphan' }))).rejects.toThrow(
      'no CodeDeploy deployment group deploys service "orphan" in cluster "prod"',
    );
    expect(writes()).toBe(0);
  });

  it('a group that is already deploying names the running deployment', async () => {
    const running = await gw.codedeploy.createDeployment({
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
      appSpecContent: w.appSpec(w.revision('v2')),
    });
    const plan = await planDeploy(
      gw,
      request({ target: { kind: 'revision', taskDefinition: w.current.arn } }),
    );
    expect(plan.blockers.join()).toContain(
      `deployment ${running} is Created in group web/web-prod`,
    );
    const before = writes();
    await expect(applyPlan(gw, plan, new RecordingIoHost())).rejects.toThrow(/failing checks/);
    expect(writes()).toBe(before);
  });

  it.each([
    [{ containerName: 'api' }, 'web has no container "api" (containers: app)'],
    [{ containerPort: 9090 }, 'container app maps no port 9090 (it maps 8080)'],
  ])('a wrong container name or port in the AppSpec (%o)', async (settings, message) => {
    const plan = await planDeploy(gw, request({ settings }));
    expect(plan.blockers.join()).toContain(message);
    await expect(applyPlan(gw, plan, new RecordingIoHost())).rejects.toThrow(message);
    expect(writes()).toBe(0);
  });

  it('a named group that deploys another service', async () => {
    buildService(sim.world, R, {
      cluster: 'prod',
      name: 'other',
      image: 'nginx:1',
      controller: 'CODE_DEPLOY',
    });
    await expect(
      planDeploy(
        gw,
        request({
          service: 'other',
          settings: { application: 'web', deploymentGroup: 'web-prod' },
        }),
      ),
    ).rejects.toThrow('deployment group web/web-prod deploys prod/web, not service "other"');
  });

  it('a rolling update requested for a CODE_DEPLOY service points at CodeDeploy', async () => {
    await expect(planDeploy(gw, request({ strategy: 'rolling', settings: {} }))).rejects.toThrow(
      /deployed by CodeDeploy \(use CodeDeploy blue\/green\)/,
    );
    expect(writes()).toBe(0);
  });
});
