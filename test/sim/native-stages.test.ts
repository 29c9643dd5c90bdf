import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestSim } from '../helpers/sim';
import { describe1 } from './engine-helpers';
import {
  deploy,
  ecsClientOf,
  elbClient,
  followStages,
  MIN,
  nativeService,
  serviceDeployment,
  type Sim,
  type StagePoint,
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

const stages = (points: StagePoint[]) =>
  points.map((p) => p.stage).filter((s, i, all) => s !== all[i - 1]);

/** When each production split was first read: `[blue, green, seconds]`. */
const productionOverTime = (points: StagePoint[]) =>
  points
    .filter(
      (p, i) =>
        i === 0 || JSON.stringify(p.production) !== JSON.stringify(points[i - 1]!.production),
    )
    .map((p) => [...p.production, p.at]);

describe('BLUE_GREEN', () => {
  it('runs the stages in order, test traffic first, production 0 -> 100 at once, bake, clean-up', async () => {
    const w = nativeService(sim, { config: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 3 } });
    const blueId = w.service.deployments[0]!.id;
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    const points = await followStages(sim, elb, w, arn);

    expect(stages(points)).toEqual([
      'PRE_SCALE_UP',
      'SCALE_UP',
      'POST_SCALE_UP',
      'TEST_TRAFFIC_SHIFT',
      'POST_TEST_TRAFFIC_SHIFT',
      'PRE_PRODUCTION_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT',
      'POST_PRODUCTION_TRAFFIC_SHIFT',
      'BAKE_TIME',
      'CLEAN_UP',
    ]);
    // production stays on blue until PRODUCTION_TRAFFIC_SHIFT, then moves in one step
    for (const p of points) {
      const before = stages(points.slice(0, points.indexOf(p) + 1)).length < 7;
      expect(p.production).toEqual(before ? [100, 0] : [0, 100]);
    }
    // the test rule moves at TEST_TRAFFIC_SHIFT, before production does
    const testShift = points.find((p) => p.test?.[1] === 100)!;
    expect(testShift.stage).toBe('TEST_TRAFFIC_SHIFT');
    expect(points.filter((p) => p.stage === 'SCALE_UP').every((p) => p.test![1] === 0)).toBe(true);
    // BAKE_TIME lasts bakeTimeInMinutes with both revisions up
    const bake = points.find((p) => p.stage === 'BAKE_TIME')!;
    const cleanUp = points.find((p) => p.stage === 'CLEAN_UP')!;
    expect(cleanUp.at - bake.at).toBe(3 * 60);

    const sd = await serviceDeployment(ecs, arn);
    expect(sd.status).toBe('SUCCESSFUL');
    expect(sd.lifecycleStage).toBe('CLEAN_UP');
    expect(sd.targetServiceRevision).toMatchObject({
      requestedProductionTrafficWeight: 100,
      requestedTestTrafficWeight: 100,
    });
    expect(sd.sourceServiceRevisions![0]).toMatchObject({ requestedProductionTrafficWeight: 0 });
    const svc = await describe1(ecs, 'web');
    expect(svc.deployments!.map((d) => [d.status, d.rolloutState])).toEqual([
      ['PRIMARY', 'COMPLETED'],
    ]);
    expect(svc.deployments![0]!.id).not.toBe(blueId);
    // the service's own configuration is left as set: roles live in the rule weights
    expect(svc.loadBalancers![0]!.targetGroupArn).toBe(w.blueTg);
    expect(svc.loadBalancers![0]!.advancedConfiguration!.alternateTargetGroupArn).toBe(w.greenTg);
  });

  it('puts green in the other group each time: the groups swap roles', async () => {
    const w = nativeService(sim, { config: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0 } });
    const first = await deploy(ecs, sim, 'nginx:1.26');
    await followStages(sim, elb, w, first);
    const second = await deploy(ecs, sim, 'nginx:1.27');
    const points = await followStages(sim, elb, w, second);
    // production went green-group 100 after the first run, and back to the blue group now
    expect(points[0]!.production).toEqual([0, 100]);
    expect(points.at(-1)!.production).toEqual([100, 0]);
    expect((await serviceDeployment(ecs, second)).status).toBe('SUCCESSFUL');
    const tg = sim.world.region('us-east-1').elbv2.targetGroups;
    const live = [...tg.get(w.blueTg)!.targets.values()].filter(
      (t) => t.health.state !== 'draining',
    );
    expect(live).toHaveLength(2);
  });
});

describe('CANARY', () => {
  it('shifts canaryPercent, bakes canaryBakeTimeInMinutes, then the rest', async () => {
    const w = nativeService(sim, {
      config: {
        strategy: 'CANARY',
        bakeTimeInMinutes: 1,
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
      },
    });
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    const points = await followStages(sim, elb, w, arn);
    const splits = productionOverTime(points);
    expect(splits.map(([b, g]) => [b, g])).toEqual([
      [100, 0],
      [90, 10],
      [0, 100],
    ]);
    // the rest moves canaryBakeTimeInMinutes after the canary (plus ECS's short stage gaps)
    const bake = splits[2]![2]! - splits[1]![2]!;
    expect(bake).toBeGreaterThanOrEqual(2 * 60);
    expect(bake).toBeLessThan(2 * 60 + 10);
    // PRE_PRODUCTION_TRAFFIC_SHIFT comes again before the second step
    expect(stages(points)).toEqual([
      'PRE_SCALE_UP',
      'SCALE_UP',
      'POST_SCALE_UP',
      'TEST_TRAFFIC_SHIFT',
      'POST_TEST_TRAFFIC_SHIFT',
      'PRE_PRODUCTION_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT',
      'PRE_PRODUCTION_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT',
      'POST_PRODUCTION_TRAFFIC_SHIFT',
      'BAKE_TIME',
      'CLEAN_UP',
    ]);
    expect((await serviceDeployment(ecs, arn)).status).toBe('SUCCESSFUL');
  });

  it('writes a fractional canary in tenths', async () => {
    const w = nativeService(sim, {
      config: {
        strategy: 'CANARY',
        bakeTimeInMinutes: 0,
        canaryConfiguration: { canaryPercent: 0.5, canaryBakeTimeInMinutes: 1 },
      },
      testRule: false,
    });
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    const points = await followStages(sim, elb, w, arn);
    expect(productionOverTime(points).map(([b, g]) => [b, g])).toEqual([
      [100, 0],
      [995, 5],
      [0, 100],
    ]);
  });
});

describe('LINEAR', () => {
  it('moves stepPercent at a time with stepBakeTimeInMinutes between steps, none after 100', async () => {
    const w = nativeService(sim, {
      config: {
        strategy: 'LINEAR',
        bakeTimeInMinutes: 1,
        linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 },
      },
      testRule: false,
    });
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    const points = await followStages(sim, elb, w, arn, { maxMs: 30 * MIN });
    const splits = productionOverTime(points);
    expect(splits.map(([b, g]) => [b, g])).toEqual([
      [100, 0],
      [75, 25],
      [50, 50],
      [25, 75],
      [0, 100],
    ]);
    for (let i = 2; i < splits.length; i++) {
      const gap = splits[i]![2]! - splits[i - 1]![2]!;
      expect(gap).toBeGreaterThanOrEqual(60);
      expect(gap).toBeLessThan(70);
    }
    // after 100 % only POST_PRODUCTION_TRAFFIC_SHIFT and the bake follow, no step bake
    const full = points.find((p) => p.production[1] === 100)!;
    const bake = points.find((p) => p.stage === 'BAKE_TIME')!;
    expect(bake.at - full.at).toBeLessThan(10);
    expect((await serviceDeployment(ecs, arn)).status).toBe('SUCCESSFUL');
  });
});
