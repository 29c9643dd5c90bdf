import {
  CodeDeployClient,
  ContinueDeploymentCommand,
  CreateDeploymentCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import { setAlarmState } from '../../src/sim/services/cloudwatch/alarms';
import { codeDeployState } from '../../src/sim/services/codedeploy/model';
import type { DeploymentRec } from '../../src/sim/services/codedeploy/state';
import type { ServiceRec } from '../../src/sim/services/ecs/types';
import { getForwardWeights } from '../../src/sim/services/elbv2/weights';
import {
  advanceUntil,
  buildCodeDeployWorld,
  type CodeDeployWorld,
  type CodeDeployWorldOptions,
} from '../helpers/codedeploy-world';
import { sdkConfig, startTestSim } from '../helpers/sim';

const R = 'us-east-1';
let sim: RunningSimulator;
let cd: CodeDeployClient;

async function setup(opts: CodeDeployWorldOptions = {}): Promise<CodeDeployWorld> {
  sim = await startTestSim();
  cd = new CodeDeployClient(sdkConfig(sim));
  return buildCodeDeployWorld(sim.world, opts);
}

afterEach(async () => {
  cd?.destroy();
  await sim?.close();
});

const deployments = () => codeDeployState(sim.world, R).deployments;
const service = (): ServiceRec =>
  sim.world.region(R).ecs.clusters.get('prod')!.services.get('web')!;
const event = (d: DeploymentRec, name: string) =>
  d.target.lifecycleEvents.find((e) => e.name === name)!;

async function deploy(
  w: CodeDeployWorld,
  image: 'v2' | 'crash' | 'unhealthy' = 'v2',
  configName?: string,
) {
  const { deploymentId } = await cd.send(
    new CreateDeploymentCommand({
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
      ...(configName ? { deploymentConfigName: configName } : {}),
      revision: {
        revisionType: 'AppSpecContent',
        appSpecContent: { content: w.appSpec(w.revision(image)) },
      },
    }),
  );
  return deployments().get(deploymentId!)!;
}

function prodWeights(w: CodeDeployWorld): { blue: number; green: number } {
  const weights = getForwardWeights(sim.world, R, w.prodListener);
  const of = (arn: string) => weights.find((g) => g.targetGroupArn === arn)?.weight ?? 0;
  return { blue: of(w.blueTg), green: of(w.greenTg) };
}

/** The rollback deployment CodeDeploy started for `d`, checked to be linked both ways. */
function rollbackOf(d: DeploymentRec): DeploymentRec {
  const id = d.rollbackInfo?.rollbackDeploymentId;
  expect(id).toMatch(/^d-[A-Z0-9]{9}$/);
  const rb = deployments().get(id!)!;
  expect(rb.creator).toBe('codeDeployRollback');
  expect(rb.rollbackInfo?.rollbackTriggeringDeploymentId).toBe(d.id);
  return rb;
}

/** After a rollback: blue takes all traffic again, green is gone, blue is PRIMARY. */
function expectBackOnBlue(w: CodeDeployWorld, rb: DeploymentRec, blueSetId: string) {
  advanceUntil(sim, () => rb.status === 'Succeeded', { what: 'rollback succeeded' });
  expect(prodWeights(w)).toEqual({ blue: 100, green: 0 });
  expect(getForwardWeights(sim.world, R, w.testListener!)).toEqual([
    { targetGroupArn: w.blueTg, weight: 1 },
  ]);
  advanceUntil(sim, () => service().taskSets.length === 1, { what: 'green removed' });
  expect(service().taskSets.map((s) => [s.id, s.status])).toEqual([[blueSetId, 'PRIMARY']]);
  expect(rb.target.taskSets.map((s) => [s.label, s.trafficWeight])).toEqual([
    ['Blue', 100],
    ['Green', 0],
  ]);
}

describe('CodeDeploy engine: ready wait', () => {
  it('waits in Ready with green on the test listener, then reroutes on ContinueDeployment READY_WAIT', async () => {
    const w = await setup({ blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 30 } });
    const d = await deploy(w);
    advanceUntil(sim, () => d.status === 'Ready', { what: 'Ready' });
    expect(d.target.status).toBe('Ready');
    expect(event(d, 'AfterAllowTestTraffic').status).toBe('Succeeded');
    expect(event(d, 'BeforeAllowTraffic').status).toBe('Pending');
    expect(getForwardWeights(sim.world, R, w.testListener!)).toEqual([
      { targetGroupArn: w.greenTg, weight: 1 },
    ]);
    expect(prodWeights(w)).toEqual({ blue: 100, green: 0 });
    // the wait holds for as long as it takes
    sim.advance(20 * 60_000);
    expect(d.status).toBe('Ready');

    await cd.send(
      new ContinueDeploymentCommand({ deploymentId: d.id, deploymentWaitType: 'READY_WAIT' }),
    );
    expect(d.status).toBe('InProgress');
    advanceUntil(sim, () => d.instanceTerminationWaitTimeStarted, { what: 'termination wait' });
    expect(prodWeights(w)).toEqual({ blue: 0, green: 100 });
    // TERMINATION_WAIT ends blue's wait now instead of in 5 minutes
    await cd.send(
      new ContinueDeploymentCommand({ deploymentId: d.id, deploymentWaitType: 'TERMINATION_WAIT' }),
    );
    expect(d.status).toBe('Succeeded');
    expect(service().taskSets.find((s) => s.externalId !== d.id)?.status).toBe('DRAINING');
  });

  it('stops the deployment when nobody reroutes before the wait ends (STOP_DEPLOYMENT)', async () => {
    const w = await setup({
      blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 10 },
      autoRollback: { enabled: false },
    });
    const d = await deploy(w);
    advanceUntil(sim, () => d.status === 'Ready');
    const readyAt = sim.world.now;
    advanceUntil(sim, () => d.status !== 'Ready');
    expect(sim.world.now - readyAt).toBe(10 * 60_000);
    expect(d.status).toBe('Stopped');
    expect(d.errorInformation?.code).toBe('TIMEOUT');
    expect(prodWeights(w)).toEqual({ blue: 100, green: 0 });
    expect(event(d, 'AllowTraffic').status).toBe('Skipped');
  });

  it('goes on by itself when the wait ends under CONTINUE_DEPLOYMENT', async () => {
    const w = await setup({
      blueGreen: { readyAction: 'CONTINUE_DEPLOYMENT', readyWaitMinutes: 10 },
    });
    const d = await deploy(w);
    advanceUntil(sim, () => d.status === 'Ready');
    const readyAt = sim.world.now;
    advanceUntil(sim, () => d.status === 'InProgress');
    expect(sim.world.now - readyAt).toBe(10 * 60_000);
    advanceUntil(sim, () => d.status === 'Succeeded');
    expect(prodWeights(w)).toEqual({ blue: 0, green: 100 });
  });
});

describe('CodeDeploy engine: StopDeployment', () => {
  it('with auto-rollback puts traffic back on blue through a rollback deployment', async () => {
    const w = await setup();
    const d = await deploy(w, 'v2', 'CodeDeployDefault.ECSCanary10Percent5Minutes');
    advanceUntil(sim, () => prodWeights(w).green === 10, { what: 'canary step' });
    const blueSetId = service().taskSets.find((s) => s.status === 'PRIMARY')!.id;
    const out = await cd.send(
      new StopDeploymentCommand({ deploymentId: d.id, autoRollbackEnabled: true }),
    );
    expect(out).toMatchObject({ status: 'Pending' });
    advanceUntil(sim, () => d.status === 'Stopped');
    expect(d.errorInformation?.code).toBe('MANUAL_STOP');
    expect(event(d, 'AllowTraffic').status).toBe('Failed');
    expect(event(d, 'AfterAllowTraffic').status).toBe('Skipped');
    expectBackOnBlue(w, rollbackOf(d), blueSetId);
  });

  it('without auto-rollback leaves both task sets and the traffic split as they are', async () => {
    const w = await setup();
    const d = await deploy(w, 'v2', 'CodeDeployDefault.ECSCanary10Percent5Minutes');
    advanceUntil(sim, () => prodWeights(w).green === 10);
    await cd.send(new StopDeploymentCommand({ deploymentId: d.id, autoRollbackEnabled: false }));
    advanceUntil(sim, () => d.status === 'Stopped');
    expect(d.rollbackInfo).toBeUndefined();
    expect([...deployments().values()].filter((x) => x.creator === 'codeDeployRollback')).toEqual(
      [],
    );
    sim.advance(10 * 60_000);
    expect(prodWeights(w)).toEqual({ blue: 90, green: 10 });
    expect(
      service()
        .taskSets.map((s) => s.status)
        .sort(),
    ).toEqual(['ACTIVE', 'PRIMARY']);
  });
});

describe('CodeDeploy engine: automatic rollback', () => {
  it.each([
    ['crash', 'crash-on-start'],
    ['unhealthy', 'fail-health-check'],
  ] as const)(
    'rolls back when the replacement cannot start (%s image)',
    async (image, _behaviour) => {
      const w = await setup();
      const blueSetId = service().taskSets[0]!.id;
      const d = await deploy(w, image);
      advanceUntil(sim, () => d.status === 'Failed', { what: 'Failed' });
      expect(d.errorInformation?.code).toBe('HEALTH_CONSTRAINTS');
      expect(event(d, 'Install').status).toBe('Failed');
      expect(event(d, 'Install').diagnostics?.errorCode).toBe('HEALTH_CONSTRAINTS');
      // production never moved
      expect(prodWeights(w)).toEqual({ blue: 100, green: 0 });
      const rb = rollbackOf(d);
      advanceUntil(sim, () => rb.status === 'Succeeded');
      advanceUntil(sim, () => service().taskSets.length === 1, { what: 'green removed' });
      expect(service().taskSets[0]!.id).toBe(blueSetId);
    },
  );

  it('stops and rolls back when a watched alarm goes into ALARM', async () => {
    const w = await setup({
      alarms: ['web-5xx'],
      autoRollback: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
    });
    const d = await deploy(w, 'v2', 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes');
    advanceUntil(sim, () => prodWeights(w).green === 30);
    const blueSetId = service().taskSets.find((s) => s.status === 'PRIMARY')!.id;
    setAlarmState(sim.world, R, 'web-5xx', 'ALARM', 'Threshold crossed: 5xx');
    sim.advance(1000);
    expect(d.status).toBe('Stopped');
    expect(d.errorInformation?.code).toBe('ALARM_ACTIVE');
    expect(d.errorInformation?.message).toContain('web-5xx');
    expectBackOnBlue(w, rollbackOf(d), blueSetId);
  });
});
