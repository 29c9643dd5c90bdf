import { SetAlarmStateCommand, CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { StopServiceDeploymentCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTargetGroupAlarm } from '../../src/sim/services/cloudwatch/builder';
import { sdkConfig, startTestSim } from '../helpers/sim';
import { advanceUntil, describe1, messages } from './engine-helpers';
import {
  deploy,
  ecsClientOf,
  elbClient,
  MIN,
  nativeService,
  REGION,
  ruleWeights,
  S,
  serviceDeployment,
  type NativeWorld,
  type Sim,
} from './native-helpers';

let sim: Sim;
let ecs: ReturnType<typeof ecsClientOf>;
let elb: ReturnType<typeof elbClient>;

beforeEach(async () => {
  sim = await startTestSim();
  ecs = ecsClientOf(sim);
  elb = elbClient(sim);
});
afterEach(async () => {
  ecs.destroy();
  elb.destroy();
  await sim.close();
});

const record = (arn: string) => sim.world.region(REGION).ecs.serviceDeployments.get(arn)!;
const FINAL = ['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED'];

function canary(extra: Record<string, unknown> = {}): NativeWorld {
  return nativeService(sim, {
    config: {
      strategy: 'CANARY',
      bakeTimeInMinutes: 2,
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
      ...extra,
    },
  });
}

/** Advances to the canary's bake: 10 % of production on green. */
function untilCanary(arn: string): void {
  advanceUntil(
    sim,
    () => record(arn).trafficWeights?.get(record(arn).targetRevisionArn)?.production === 10,
    10 * MIN,
  );
}

async function stop(arn: string, stopType: 'ROLLBACK' | 'ABORT') {
  await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType }));
}

describe('StopServiceDeployment', () => {
  it('ROLLBACK during the canary bake puts production back on blue at once', async () => {
    const w = canary();
    const blue = w.service.deployments[0]!;
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    untilCanary(arn);
    expect(await ruleWeights(elb, w.productionRule)).toEqual({ [w.blueTg]: 90, [w.greenTg]: 10 });
    await stop(arn, 'ROLLBACK');
    expect((await serviceDeployment(ecs, arn)).status).toBe('ROLLBACK_REQUESTED');
    sim.advance(2 * S);
    expect(await ruleWeights(elb, w.productionRule)).toEqual({ [w.blueTg]: 100, [w.greenTg]: 0 });
    expect(await ruleWeights(elb, w.testRule!)).toEqual({ [w.blueTg]: 100, [w.greenTg]: 0 });
    advanceUntil(sim, () => FINAL.includes(record(arn).status), 10 * MIN);
    const sd = await serviceDeployment(ecs, arn);
    expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(sd.rollback).toMatchObject({
      reason: `ECS deployment stopped: rolling back to deploymentId ${blue.id}.`,
      serviceRevisionArn: blue.serviceRevisionArn,
    });
    expect(sd.targetServiceRevision!.requestedProductionTrafficWeight).toBe(0);
    const svc = await describe1(ecs, 'web');
    expect(svc.deployments!.map((d) => [d.id, d.status, d.rolloutState])).toEqual([
      [blue.id, 'PRIMARY', 'COMPLETED'],
    ]);
    expect(messages(w.service)).toContain(`(service web) rolling back to deployment ${blue.id}.`);
  });

  it('ABORT stops where it stands: STOPPED, both revisions up, the canary split kept', async () => {
    const w = canary();
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    untilCanary(arn);
    await stop(arn, 'ABORT');
    sim.advance(2 * S);
    const sd = await serviceDeployment(ecs, arn);
    expect(sd.status).toBe('STOPPED');
    expect(sd.stoppedAt).toBeInstanceOf(Date);
    // nothing moves any more, not even after the bake would have ended
    sim.advance(20 * MIN);
    expect(await ruleWeights(elb, w.productionRule)).toEqual({ [w.blueTg]: 90, [w.greenTg]: 10 });
    const svc = await describe1(ecs, 'web');
    expect(svc.deployments!.map((d) => [d.status, d.runningCount])).toEqual([
      ['PRIMARY', 2],
      ['ACTIVE', 2],
    ]);
    expect(svc.deployments![0]!.rolloutState).toBe('FAILED');
    expect(record(arn).lifecycleStage).toBe('PRODUCTION_TRAFFIC_SHIFT');
  });
});

describe('failure detection on native strategies (B.5, B.6)', () => {
  it('a deployment alarm in ALARM during the canary rolls back (alarm)', async () => {
    const w = nativeService(sim, {
      config: {
        strategy: 'CANARY',
        bakeTimeInMinutes: 2,
        canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 10 },
        alarms: { alarmNames: ['web-green-5xx'], enable: true, rollback: true },
      },
      // no test listener: only the canary's share of production reaches green
      testRule: false,
    });
    buildTargetGroupAlarm(sim.world, {
      name: 'web-green-5xx',
      targetGroupArn: w.greenTg,
      loadBalancerArn: w.loadBalancerArn,
      threshold: 3,
    });
    const arn = await deploy(ecs, sim, 'nginx:5xx');
    advanceUntil(sim, () => FINAL.includes(record(arn).status), 30 * MIN);
    const sd = await serviceDeployment(ecs, arn);
    expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(sd.alarms).toMatchObject({
      status: 'TRIGGERED',
      triggeredAlarmNames: ['web-green-5xx'],
    });
    expect(sd.rollback!.reason).toMatch(/^ECS deployment alarms: rolling back/);
    // it was the canary's share of production that set the alarm off
    expect(sd.lifecycleStage).toBe('PRODUCTION_TRAFFIC_SHIFT');
    expect(await ruleWeights(elb, w.productionRule)).toEqual({ [w.blueTg]: 100, [w.greenTg]: 0 });
    expect(messages(w.service).some((m) => m.endsWith('deployment failed: alarm detected.'))).toBe(
      true,
    );
  });

  it('an alarm during BAKE_TIME still rolls back', async () => {
    const w = nativeService(sim, {
      config: {
        strategy: 'BLUE_GREEN',
        bakeTimeInMinutes: 10,
        alarms: { alarmNames: ['latency'], enable: true, rollback: true },
      },
    });
    buildTargetGroupAlarm(sim.world, {
      name: 'latency',
      targetGroupArn: w.blueTg,
      loadBalancerArn: w.loadBalancerArn,
      threshold: 1000,
    });
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    advanceUntil(sim, () => record(arn).lifecycleStage === 'BAKE_TIME', 10 * MIN);
    expect(await ruleWeights(elb, w.productionRule)).toEqual({ [w.blueTg]: 0, [w.greenTg]: 100 });
    const cw = new CloudWatchClient(sdkConfig(sim));
    await cw.send(
      new SetAlarmStateCommand({ AlarmName: 'latency', StateValue: 'ALARM', StateReason: 'test' }),
    );
    cw.destroy();
    sim.advance(S);
    expect(await ruleWeights(elb, w.productionRule)).toEqual({ [w.blueTg]: 100, [w.greenTg]: 0 });
    advanceUntil(sim, () => FINAL.includes(record(arn).status), 10 * MIN);
    expect((await serviceDeployment(ecs, arn)).status).toBe('ROLLBACK_SUCCESSFUL');
  });

  it('the circuit breaker rolls back a crashing green before any traffic moved', async () => {
    const w = nativeService(sim, {
      config: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 },
    });
    const arn = await deploy(ecs, sim, 'nginx:crash');
    advanceUntil(sim, () => FINAL.includes(record(arn).status), 60 * MIN);
    const sd = await serviceDeployment(ecs, arn);
    expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(sd.deploymentCircuitBreaker).toMatchObject({ status: 'TRIGGERED', threshold: 3 });
    expect(sd.rollback!.reason).toMatch(/^ECS deployment circuit breaker: rolling back/);
    expect(sd.lifecycleStage).toBe('SCALE_UP');
    expect(await ruleWeights(elb, w.productionRule)).toEqual({ [w.blueTg]: 100, [w.greenTg]: 0 });
    expect(await ruleWeights(elb, w.testRule!)).toEqual({ [w.blueTg]: 100, [w.greenTg]: 0 });
    expect((await describe1(ecs, 'web')).runningCount).toBe(2);
  });

  it('with rollback off the breaker stops the deployment where it stands', async () => {
    nativeService(sim, {
      config: {
        strategy: 'BLUE_GREEN',
        bakeTimeInMinutes: 5,
        deploymentCircuitBreaker: { enable: true, rollback: false },
      },
    });
    const arn = await deploy(ecs, sim, 'nginx:crash');
    advanceUntil(sim, () => FINAL.includes(record(arn).status), 60 * MIN);
    const sd = await serviceDeployment(ecs, arn);
    expect(sd.status).toBe('STOPPED');
    expect(sd.statusReason).toBe('ECS deployment circuit breaker: tasks failed to start.');
    expect(sd.rollback).toBeUndefined();
  });
});

describe('a production rule ECS cannot use (C.1)', () => {
  it('mixing forward with another action fails the deployment before green starts', async () => {
    const w = nativeService(sim, { config: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0 } });
    const rule = sim.world.region(REGION).elbv2.rules.get(w.productionRule)!;
    rule.actions = [
      { type: 'authenticate-oidc', order: 1, config: { Issuer: 'https://idp' } },
      { ...rule.actions[0]!, order: 2 },
    ];
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    advanceUntil(sim, () => FINAL.includes(record(arn).status), 5 * MIN);
    const sd = await serviceDeployment(ecs, arn);
    expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(sd.rollback!.reason).toMatch(/mixes a forward action with authenticate-oidc/);
    expect(w.service.tasks.size).toBe(2);
  });
});
