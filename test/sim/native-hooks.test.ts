import { ContinueServiceDeploymentCommand, InvalidParameterException } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeploymentLifecycleHook } from '../../src/sim/services/ecs/types';
import { startTestSim } from '../helpers/sim';
import { advanceUntil, describe1 } from './engine-helpers';
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

const pause = (
  stage: string,
  timeout?: { timeoutInMinutes: number; action: 'CONTINUE' | 'ROLLBACK' },
): DeploymentLifecycleHook => ({
  targetType: 'PAUSE',
  lifecycleStages: [stage],
  ...(timeout ? { timeoutConfiguration: timeout } : {}),
});

function record(arn: string) {
  return sim.world.region(REGION).ecs.serviceDeployments.get(arn)!;
}

/** Advances until a hook (other than those in `seen`) awaits action; returns its id. */
function untilPaused(arn: string, seen: string[] = [], maxMs = 10 * MIN): string {
  const sd = record(arn);
  const waiting = () =>
    sd.lifecycleHooks.find((h) => h.status === 'AWAITING_ACTION' && !seen.includes(h.hookId));
  advanceUntil(sim, () => waiting() !== undefined, maxMs);
  return waiting()!.hookId;
}

function untilDone(arn: string, maxMs = 30 * MIN): void {
  const sd = record(arn);
  advanceUntil(
    sim,
    () => ['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED'].includes(sd.status),
    maxMs,
  );
}

async function continueHook(arn: string, hookId: string, action: 'CONTINUE' | 'ROLLBACK') {
  return ecs.send(
    new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId, action }),
  );
}

function blueGreen(hooks: DeploymentLifecycleHook[]): NativeWorld {
  return nativeService(sim, {
    config: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, lifecycleHooks: hooks },
  });
}

describe('a PAUSE hook', () => {
  it('waits at its stage with a hook id, expiry and timeout action, and CONTINUE goes on', async () => {
    const w = blueGreen([
      pause('POST_TEST_TRAFFIC_SHIFT', { timeoutInMinutes: 30, action: 'ROLLBACK' }),
    ]);
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    const hookId = untilPaused(arn);
    const pausedAt = sim.world.now;
    expect(hookId).toMatch(/^ecs-pause-[\w-]{30,}$/);
    // nothing moves while it waits: test traffic on green, production still on blue
    sim.advance(10 * MIN);
    const sd = await serviceDeployment(ecs, arn);
    expect(sd.lifecycleStage).toBe('POST_TEST_TRAFFIC_SHIFT');
    expect(sd.status).toBe('IN_PROGRESS');
    expect(sd.lifecycleHookDetails).toEqual([
      {
        hookId,
        targetType: 'PAUSE',
        status: 'AWAITING_ACTION',
        expiresAt: expect.any(Date),
        timeoutAction: 'ROLLBACK',
      },
    ]);
    // 30 minutes after the pause began (found within the last simulated second)
    const expires = sd.lifecycleHookDetails![0]!.expiresAt!.getTime();
    expect(expires).toBeGreaterThan(pausedAt + 30 * MIN - S);
    expect(expires).toBeLessThanOrEqual(pausedAt + 30 * MIN);
    expect(await ruleWeights(elb, w.productionRule)).toEqual({ [w.blueTg]: 100, [w.greenTg]: 0 });
    expect(await ruleWeights(elb, w.testRule!)).toEqual({ [w.blueTg]: 0, [w.greenTg]: 100 });

    await continueHook(arn, hookId, 'CONTINUE');
    untilDone(arn);
    const done = await serviceDeployment(ecs, arn);
    expect(done.status).toBe('SUCCESSFUL');
    expect(done.lifecycleHookDetails![0]!.status).toBe('SUCCEEDED');
    expect(await ruleWeights(elb, w.productionRule)).toEqual({ [w.blueTg]: 0, [w.greenTg]: 100 });
  });

  it('ROLLBACK sends production and test traffic back to blue and scales green in', async () => {
    const w = blueGreen([pause('POST_TEST_TRAFFIC_SHIFT')]);
    const blue = w.service.deployments[0]!;
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    const hookId = untilPaused(arn);
    await continueHook(arn, hookId, 'ROLLBACK');
    sim.advance(2 * S);
    // traffic is back at once; green drains afterwards
    expect(await ruleWeights(elb, w.testRule!)).toEqual({ [w.blueTg]: 100, [w.greenTg]: 0 });
    const rolling = await serviceDeployment(ecs, arn);
    expect(rolling.status).toBe('ROLLBACK_IN_PROGRESS');
    expect(rolling.rollback).toMatchObject({
      serviceRevisionArn: blue.serviceRevisionArn,
      reason: expect.stringContaining(hookId),
    });
    untilDone(arn);
    const sd = await serviceDeployment(ecs, arn);
    expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(sd.lifecycleHookDetails![0]!.status).toBe('FAILED');
    const svc = await describe1(ecs, 'web');
    expect(svc.deployments!.map((d) => d.id)).toEqual([blue.id]);
    expect(svc.taskDefinition).toBe(blue.taskDefinition);
    expect(svc.runningCount).toBe(2);
  });

  it('times out: TIMED_OUT, then the ROLLBACK timeout action', async () => {
    const w = blueGreen([pause('POST_SCALE_UP', { timeoutInMinutes: 5, action: 'ROLLBACK' })]);
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    const hookId = untilPaused(arn);
    sim.advance(5 * MIN - S);
    expect(record(arn).lifecycleHooks[0]!.status).toBe('AWAITING_ACTION');
    sim.advance(S);
    expect(record(arn).lifecycleHooks[0]!.status).toBe('TIMED_OUT');
    untilDone(arn);
    const sd = await serviceDeployment(ecs, arn);
    expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(sd.rollback!.reason).toMatch(new RegExp(`${hookId} timed out`));
    // production never left blue
    expect(await ruleWeights(elb, w.productionRule)).toEqual({ [w.blueTg]: 100, [w.greenTg]: 0 });
  });

  it('times out with CONTINUE: TIMED_OUT, and the deployment goes on', async () => {
    blueGreen([pause('POST_SCALE_UP', { timeoutInMinutes: 5, action: 'CONTINUE' })]);
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    untilPaused(arn);
    sim.advance(5 * MIN);
    expect(record(arn).lifecycleHooks[0]!.status).toBe('TIMED_OUT');
    untilDone(arn);
    expect((await serviceDeployment(ecs, arn)).status).toBe('SUCCESSFUL');
  });

  it('cannot be continued once it expired: InvalidParameterException, nothing changes', async () => {
    blueGreen([pause('POST_SCALE_UP', { timeoutInMinutes: 5, action: 'CONTINUE' })]);
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    const hookId = untilPaused(arn);
    sim.advance(5 * MIN);
    const before = JSON.stringify(await serviceDeployment(ecs, arn));
    const error = await continueHook(arn, hookId, 'ROLLBACK').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect((error as Error).message).toMatch(/TIMED_OUT and is not waiting for an action/);
    expect(JSON.stringify(await serviceDeployment(ecs, arn))).toBe(before);
    untilDone(arn);
    expect((await serviceDeployment(ecs, arn)).status).toBe('SUCCESSFUL');
  });

  it('an unknown hook id is refused', async () => {
    blueGreen([pause('POST_SCALE_UP')]);
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    untilPaused(arn);
    const error = await continueHook(arn, 'ecs-pause-nope', 'CONTINUE').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(record(arn).lifecycleHooks[0]!.status).toBe('AWAITING_ACTION');
  });
});

describe('per-step hooks of LINEAR and CANARY', () => {
  it('CANARY pauses before each production step with a new hook id', async () => {
    const w = nativeService(sim, {
      config: {
        strategy: 'CANARY',
        bakeTimeInMinutes: 0,
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 1 },
        lifecycleHooks: [pause('PRE_PRODUCTION_TRAFFIC_SHIFT')],
      },
    });
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    const first = untilPaused(arn);
    expect(await ruleWeights(elb, w.productionRule)).toEqual({ [w.blueTg]: 100, [w.greenTg]: 0 });
    await continueHook(arn, first, 'CONTINUE');
    const second = untilPaused(arn, [first]);
    // the canary step has run and baked before the second pause
    expect(await ruleWeights(elb, w.productionRule)).toEqual({ [w.blueTg]: 90, [w.greenTg]: 10 });
    expect(record(arn).lifecycleStage).toBe('PRE_PRODUCTION_TRAFFIC_SHIFT');
    await continueHook(arn, second, 'CONTINUE');
    untilDone(arn);
    const sd = await serviceDeployment(ecs, arn);
    expect(sd.status).toBe('SUCCESSFUL');
    expect(sd.lifecycleHookDetails!.map((h) => [h.hookId, h.status])).toEqual([
      [first, 'SUCCEEDED'],
      [second, 'SUCCEEDED'],
    ]);
  });

  it('LINEAR runs AWS_LAMBDA hooks at PRODUCTION_TRAFFIC_SHIFT once per step', async () => {
    nativeService(sim, {
      config: {
        strategy: 'LINEAR',
        bakeTimeInMinutes: 0,
        linearConfiguration: { stepPercent: 34, stepBakeTimeInMinutes: 0 },
        lifecycleHooks: [
          {
            targetType: 'AWS_LAMBDA',
            hookTargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:check-step',
            roleArn: 'arn:aws:iam::123456789012:role/hooks',
            lifecycleStages: ['PRODUCTION_TRAFFIC_SHIFT'],
          },
        ],
      },
      testRule: false,
    });
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    untilDone(arn);
    const sd = await serviceDeployment(ecs, arn);
    expect(sd.status).toBe('SUCCESSFUL');
    const hooks = sd.lifecycleHookDetails!;
    expect(hooks.map((h) => [h.targetType, h.status])).toEqual([
      ['AWS_LAMBDA', 'SUCCEEDED'],
      ['AWS_LAMBDA', 'SUCCEEDED'],
      ['AWS_LAMBDA', 'SUCCEEDED'],
    ]);
    expect(new Set(hooks.map((h) => h.hookId)).size).toBe(3);
    expect(hooks[0]!.hookId).toMatch(/^ecs-lambda-/);
    expect(hooks[0]!.targetArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:check-step');
  });

  it('an AWS_LAMBDA hook whose function fails rolls back', async () => {
    const w = blueGreen([
      {
        targetType: 'AWS_LAMBDA',
        hookTargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:smoke-test-fail',
        roleArn: 'arn:aws:iam::123456789012:role/hooks',
        lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
      },
    ]);
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    untilDone(arn);
    const sd = await serviceDeployment(ecs, arn);
    expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(sd.lifecycleHookDetails![0]!.status).toBe('FAILED');
    expect(sd.rollback!.reason).toMatch(/lifecycle hook ecs-lambda-\S+ failed/);
    expect(await ruleWeights(elb, w.testRule!)).toEqual({ [w.blueTg]: 100, [w.greenTg]: 0 });
  });
});
