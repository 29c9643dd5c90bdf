import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClosableAwsGateway } from '../../src/aws';
import { applyPlan, planDeploy } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import type { DeployRequest } from '../../src/deploy/plan/types';
import { buildRepository, ecrImageUri } from '../../src/sim/services/ecr/builder';
import { getForwardWeights, setForwardWeights } from '../../src/sim/services/elbv2/weights';
import { simGateway } from '../helpers/gateway';
import { startTestSim } from '../helpers/sim';
import { routedService } from '../sim/engine-helpers';
import { nativeService, REGION, type NativeWorld, type Sim } from '../sim/native-helpers';

let sim: Sim;
let gw: ClosableAwsGateway;
let w: NativeWorld;

beforeEach(async () => {
  sim = await startTestSim();
  buildRepository(sim.world, REGION, 'web', { images: [{ tag: 'v1' }, { tag: 'v2' }] });
  w = nativeService(sim, {
    image: ecrImageUri(sim.world, REGION, 'web', 'v1'),
    config: {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 3,
      lifecycleHooks: [
        {
          targetType: 'PAUSE',
          lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
          timeoutConfiguration: { timeoutInMinutes: 30, action: 'ROLLBACK' },
        },
        {
          targetType: 'AWS_LAMBDA',
          hookTargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:smoke',
          roleArn: 'arn:aws:iam::123456789012:role/hooks',
          lifecycleStages: ['POST_SCALE_UP'],
        },
      ],
    },
  });
  gw = await simGateway(sim);
});
afterEach(async () => {
  gw.close();
  await sim.close();
});

const request = (
  strategy: DeployRequest['strategy'],
  settings: Record<string, unknown> = {},
  service = 'web',
): DeployRequest => ({
  cluster: 'prod',
  service,
  strategy,
  target: { kind: 'image', images: [{ ref: ':v2' }], pinDigest: true },
  settings,
});

const unchanged = () => {
  expect(sim.calls.count('ecs', 'RegisterTaskDefinition')).toBe(0);
  expect(sim.calls.count('ecs', 'UpdateService')).toBe(0);
};

describe('ECS-native plan', () => {
  it('canary: settings from AWS defaults, checks, the UpdateService it will send, the command line', async () => {
    const plan = await planDeploy(
      gw,
      request('canary', { pauseStages: ['pre-production-traffic-shift'] }),
    );
    expect(plan.blockers).toEqual([]);
    expect(plan.request.settings).toMatchObject({
      canaryPercent: 5,
      canaryBakeTimeInMinutes: 10,
      bakeTimeInMinutes: 3,
      pauseStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
      pauseTimeoutMinutes: 30,
      pauseTimeoutAction: 'ROLLBACK',
    });
    const status = (id: string) => plan.checks.find((c) => c.id.startsWith(id))?.status;
    expect(status('production-rule')).toBe('pass');
    expect(status('production-split')).toBe('pass');
    expect(status('test-rule')).toBe('pass');
    expect(status('green-group-empty')).toBe('pass');
    expect(status('target-group-healthy')).toBe('pass');
    expect(status('digest-pinned')).toBe('pass');
    expect(plan.checks.find((c) => c.id === 'pause-hooks')?.detail).toBe(
      'waits at PRE_PRODUCTION_TRAFFIC_SHIFT; after 30 min without an answer ECS will ROLLBACK',
    );
    expect(plan.calls.map((c) => c.operation)).toEqual(['RegisterTaskDefinition', 'UpdateService']);
    expect(plan.calls[1]!.summary).toMatch(
      /strategy=CANARY bake=3min canary=5%\/10min pause=PRE_PRODUCTION_TRAFFIC_SHIFT\(30min→ROLLBACK\) circuitBreaker=rollback$/,
    );
    expect(plan.notes[0]).toBe(
      'ECS moves the listener rules itself: production 5 % (each for 10 min), then 100 %; both revisions run 3 min more (bake), then blue scales in',
    );
    expect(plan.notes).toContain('green registers in web-green');
    expect(plan.notes).toContain("the service's 1 Lambda lifecycle hook(s) stay as configured");
    expect(plan.command).toBe(
      'ecs-rollout deploy --cluster prod --service web --strategy canary --image :v2 --bake-time-in-minutes 3 --pause-stages PRE_PRODUCTION_TRAFFIC_SHIFT --pause-timeout-minutes 30 --pause-timeout-action ROLLBACK --circuit-breaker rollback --alarms none --alarm-rollback --canary-percent 5 --canary-bake-time-in-minutes 10 --wait --yes',
    );
    unchanged();
  });

  it('linear and blue/green keep only their own settings', async () => {
    const linear = await planDeploy(gw, request('linear', { stepPercent: 20 }));
    expect(Object.keys(linear.request.settings)).toContain('stepBakeTimeInMinutes');
    expect(Object.keys(linear.request.settings)).not.toContain('canaryPercent');
    expect(linear.notes[0]).toMatch(
      /production 20 %, 40 %, 60 %, 80 % \(each for 6 min\), then 100 %/,
    );
    const bg = await planDeploy(gw, request('blue-green'));
    expect(bg.request.settings).toMatchObject({ pauseStages: ['POST_TEST_TRAFFIC_SHIFT'] });
    expect(bg.notes[0]).toMatch(/production 0 → 100 % at once/);
  });

  it('blocks when production is split between the groups', async () => {
    setForwardWeights(sim.world, REGION, w.productionRule, { [w.blueTg]: 50, [w.greenTg]: 50 });
    const plan = await planDeploy(gw, request('blue-green'));
    expect(plan.blockers.join()).toMatch(
      /production whole on blue: production is split web-blue 50 %, web-green 50 %: finish or roll back/,
    );
    await expect(applyPlan(gw, plan, new RecordingIoHost())).rejects.toThrow(/failing checks/);
    unchanged();
  });

  it('blocks a production rule that mixes forward with another action', async () => {
    const rule = sim.world.region(REGION).elbv2.rules.get(w.productionRule)!;
    rule.actions = [
      { type: 'authenticate-oidc', order: 1, config: { Issuer: 'https://idp' } },
      { ...rule.actions[0]!, order: 2 },
    ];
    const plan = await planDeploy(gw, request('canary'));
    expect(plan.blockers.join()).toMatch(
      /mixes forward with authenticate-oidc; ECS blue\/green needs forward-only rules/,
    );
    expect(getForwardWeights(sim.world, REGION, w.productionRule)).toHaveLength(2);
  });
});

describe('ECS-native bad input: a clear message and no change in AWS', () => {
  it('a strategy for a service without the load-balancer set-up says what is missing', async () => {
    routedService(sim, { name: 'api' });
    await expect(planDeploy(gw, request('canary', {}, 'api'))).rejects.toThrow(
      'ECS canary needs an alternate target group and a production listener rule (loadBalancers[].advancedConfiguration)',
    );
    unchanged();
  });

  it('a PAUSE hook at a stage where AWS forbids it', async () => {
    await expect(
      planDeploy(gw, request('blue-green', { pauseStages: ['PRODUCTION_TRAFFIC_SHIFT'] })),
    ).rejects.toThrow(
      'invalid ECS blue/green settings: a PAUSE hook cannot wait at PRODUCTION_TRAFFIC_SHIFT: AWS allows only Lambda hooks on the traffic-shift stages; pause at PRE_PRODUCTION_TRAFFIC_SHIFT or POST_PRODUCTION_TRAFFIC_SHIFT instead',
    );
    await expect(
      planDeploy(gw, request('canary', { pauseStages: ['test-traffic-shift'] })),
    ).rejects.toThrow(
      /cannot wait at TEST_TRAFFIC_SHIFT.*pause at POST_TEST_TRAFFIC_SHIFT instead/,
    );
    await expect(planDeploy(gw, request('canary', { pauseStages: ['BAKE_TIME'] }))).rejects.toThrow(
      /unknown lifecycle stage "BAKE_TIME": a PAUSE hook can wait at RECONCILE_SERVICE, PRE_SCALE_UP/,
    );
    unchanged();
  });

  it('a canary percent or a linear step out of AWS range', async () => {
    await expect(planDeploy(gw, request('canary', { canaryPercent: 0 }))).rejects.toThrow(
      'invalid ECS canary settings: canary percent must be at least 0.1',
    );
    await expect(planDeploy(gw, request('canary', { canaryPercent: 12.25 }))).rejects.toThrow(
      /canary percent must be in steps of 0.1/,
    );
    await expect(planDeploy(gw, request('linear', { stepPercent: 2 }))).rejects.toThrow(
      'invalid ECS linear settings: step percent must be at least 3',
    );
    await expect(
      planDeploy(gw, request('linear', { stepBakeTimeInMinutes: 1441 })),
    ).rejects.toThrow(/step bake time must be at most 1440/);
    await expect(planDeploy(gw, request('blue-green', { pauseTimeoutMinutes: 0 }))).rejects.toThrow(
      /pause timeout must be at least 1 minute/,
    );
    unchanged();
  });
});
