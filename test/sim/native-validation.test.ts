import {
  InvalidParameterException,
  UpdateServiceCommand,
  type DeploymentConfiguration,
} from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestSim } from '../helpers/sim';
import { describe1, routedService } from './engine-helpers';
import { ecsClientOf, nativeService, type Sim } from './native-helpers';

let sim: Sim;
let ecs: ReturnType<typeof ecsClientOf>;

beforeEach(async () => {
  sim = await startTestSim();
  ecs = ecsClientOf(sim);
});
afterEach(async () => {
  ecs.destroy();
  await sim.close();
});

async function refused(service: string, deploymentConfiguration: DeploymentConfiguration) {
  const before = JSON.stringify(await describe1(ecs, service));
  const error = await ecs
    .send(new UpdateServiceCommand({ cluster: 'prod', service, deploymentConfiguration }))
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidParameterException);
  // no change in AWS
  expect(JSON.stringify(await describe1(ecs, service))).toBe(before);
  return (error as Error).message;
}

describe('UpdateService with an ECS-native strategy', () => {
  beforeEach(() => {
    nativeService(sim, { config: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 } });
  });

  it('refuses a PAUSE hook at a traffic-shift stage', async () => {
    for (const stage of ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'] as const) {
      expect(
        await refused('web', {
          lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: [stage] }],
        }),
      ).toBe(`PAUSE lifecycle hooks are not supported for the ${stage} lifecycle stage.`);
    }
  });

  it('refuses canary percents and bakes out of range', async () => {
    const canary = (canaryPercent: number, canaryBakeTimeInMinutes = 5) =>
      refused('web', {
        strategy: 'CANARY',
        canaryConfiguration: { canaryPercent, canaryBakeTimeInMinutes },
      });
    expect(await canary(0.05)).toMatch(/canaryPercent 0.05. It must be between 0.1 and 100/);
    expect(await canary(150)).toMatch(/canaryPercent 150/);
    expect(await canary(12.34)).toMatch(/in steps of 0.1/);
    expect(await canary(10, 1441)).toMatch(/canaryBakeTimeInMinutes 1441/);
  });

  it('refuses linear steps out of range', async () => {
    const linear = (stepPercent: number, stepBakeTimeInMinutes = 1) =>
      refused('web', {
        strategy: 'LINEAR',
        linearConfiguration: { stepPercent, stepBakeTimeInMinutes },
      });
    expect(await linear(2.9)).toMatch(/stepPercent 2.9. It must be between 3 and 100/);
    expect(await linear(101)).toMatch(/stepPercent 101/);
    expect(await linear(10, -1)).toMatch(/stepBakeTimeInMinutes -1/);
  });

  it('refuses a bake time out of range, and BLUE_GREEN without one', async () => {
    expect(await refused('web', { bakeTimeInMinutes: 1441 })).toMatch(/bakeTimeInMinutes 1441/);
    expect(await refused('web', { bakeTimeInMinutes: 2.5 })).toMatch(/whole minutes/);
  });

  it('takes values at the edges of the ranges', async () => {
    const out = await ecs.send(
      new UpdateServiceCommand({
        cluster: 'prod',
        service: 'web',
        deploymentConfiguration: {
          strategy: 'CANARY',
          bakeTimeInMinutes: 1440,
          canaryConfiguration: { canaryPercent: 0.1, canaryBakeTimeInMinutes: 0 },
        },
      }),
    );
    expect(out.service!.deploymentConfiguration!.canaryConfiguration).toEqual({
      canaryPercent: 0.1,
      canaryBakeTimeInMinutes: 0,
    });
  });
});

describe('a native strategy on a service without the load balancer set-up', () => {
  it('is refused with what is missing, and nothing changes', async () => {
    routedService(sim, { name: 'api' });
    const message = await refused('api', { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 });
    expect(message).toMatch(
      /BLUE_GREEN deployment strategy requires loadBalancers\[\]\.advancedConfiguration with an alternateTargetGroupArn and a productionListenerRule/,
    );
  });

  it('BLUE_GREEN needs a bake time', async () => {
    routedService(sim, { name: 'api' });
    expect(await refused('api', { strategy: 'BLUE_GREEN' })).toBe(
      'bakeTimeInMinutes is required for the BLUE_GREEN deployment strategy.',
    );
  });
});
