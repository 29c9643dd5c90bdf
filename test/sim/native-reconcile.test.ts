import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listTargets } from '../../src/sim/services/elbv2/targets';
import { startTestSim } from '../helpers/sim';
import { advanceUntil, describe1 } from './engine-helpers';
import {
  deploy,
  ecsClientOf,
  elbClient,
  followStages,
  MIN,
  nativeService,
  REGION,
  ruleWeights,
  serviceDeployment,
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
const live = (tg: string) =>
  listTargets(sim.world, REGION, tg).filter((t) => t.health.state !== 'draining').length;

describe('RECONCILE_SERVICE (C.2: more than one revision live at the start)', () => {
  it('a deployment started during another one first takes production back to blue and scales the other in', async () => {
    const w = nativeService(sim, {
      config: {
        strategy: 'CANARY',
        bakeTimeInMinutes: 0,
        canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 30 },
      },
    });
    const first = await deploy(ecs, sim, 'nginx:1.26');
    advanceUntil(
      sim,
      () => record(first).trafficWeights?.get(record(first).targetRevisionArn)?.production === 20,
      10 * MIN,
    );
    expect(live(w.greenTg)).toBe(2);

    const second = await deploy(ecs, sim, 'nginx:1.27');
    expect(record(first).status).toBe('STOPPED');
    expect((await serviceDeployment(ecs, second)).lifecycleStage).toBe('RECONCILE_SERVICE');
    const points = await followStages(sim, elb, w, second);
    expect(points[0]).toMatchObject({ stage: 'RECONCILE_SERVICE' });
    // production back on blue during reconcile, then the new green goes into the same free group
    expect(points.find((p) => p.stage === 'PRE_SCALE_UP')!.production).toEqual([100, 0]);
    expect(points.at(-1)!.production).toEqual([0, 100]);
    expect((await serviceDeployment(ecs, second)).status).toBe('SUCCESSFUL');
    const svc = await describe1(ecs, 'web');
    expect(svc.deployments!).toHaveLength(1);
    expect(svc.taskDefinition).toMatch(/web:3$/);
    expect(live(w.greenTg)).toBe(2);
    expect(live(w.blueTg)).toBe(0);
  });
});

describe('a steady native service', () => {
  it('scales in its live target group when the desired count changes', async () => {
    const w = nativeService(sim, { config: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0 } });
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    advanceUntil(sim, () => record(arn).status === 'SUCCESSFUL', 20 * MIN);
    // green (the alternate group) is live now: new tasks go there
    await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', desiredCount: 4 }));
    advanceUntil(sim, () => live(w.greenTg) === 4, 5 * MIN);
    expect(live(w.blueTg)).toBe(0);
    expect(await ruleWeights(elb, w.productionRule)).toEqual({ [w.blueTg]: 0, [w.greenTg]: 100 });
    advanceUntil(
      sim,
      () =>
        w.service.tasks.size > 0 &&
        [...w.service.tasks.values()].filter((t) => t.lastStatus === 'RUNNING').length === 4,
      5 * MIN,
    );
  });
});
