import { afterEach, describe, expect, it } from 'vitest';
import type { ClosableAwsGateway } from '../../src/aws';
import { applyPlan, planDeploy } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import { PAUSED_LABEL, serviceActivities } from '../../src/deploy/service-activity';
import type { RolloutController, RolloutView } from '../../src/deploy/types';
import { buildRepository, ecrImageUri } from '../../src/sim/services/ecr/builder';
import { buildService } from '../../src/sim/services/ecs/builder';
import { buildCodeDeployWorld } from '../helpers/codedeploy-world';
import { simGateway } from '../helpers/gateway';
import { startTestSim } from '../helpers/sim';
import { nativeService, REGION, S, type Sim } from '../sim/native-helpers';
import { canaryWorld, driveUntil, MIN, startCanary, type CanaryWorld } from './alb-canary-world';

// `status` says paused (awaiting action) for a paused ECS-native rollout and a CodeDeploy
// deployment in Ready, stopped for one aborted, and shows an ALB canary plan (from its rule's
// tags) on the stable service's line, within a few calls and only for services that need them.

let sim: Sim | undefined;
let gw: ClosableAwsGateway | undefined;
let world: CanaryWorld | undefined;
afterEach(async () => {
  gw?.close();
  await sim?.close();
  await world?.close();
  sim = gw = world = undefined;
});
const now = () => new Date(sim!.world.now);

async function pollUntil(ctrl: RolloutController, done: (v: RolloutView) => boolean) {
  for (let i = 0; i < 400; i++) {
    const view = await ctrl.poll();
    if (done(view)) return view;
    sim!.advance(5 * S);
  }
  throw new Error('rollout did not reach the expected state');
}

async function activitiesOf(g: ClosableAwsGateway, names: string[], all: boolean) {
  const { services } = await g.ecs.describeServices('prod', names);
  return serviceActivities(g, 'prod', services, { all });
}

describe('status: what DescribeServices alone cannot tell', () => {
  it('ECS-native: paused while a PAUSE hook waits, stopped after abort; rolling services cost nothing', async () => {
    sim = await startTestSim();
    buildRepository(sim.world, REGION, 'web', { images: [{ tag: 'v1' }, { tag: 'v2' }] });
    nativeService(sim, {
      image: ecrImageUri(sim.world, REGION, 'web', 'v1'),
      config: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 },
    });
    for (let i = 0; i < 12; i++)
      buildService(sim.world, REGION, {
        cluster: 'prod',
        name: `api-${i}`,
        image: 'nginx:1.27',
        desiredCount: 1,
      });
    gw = await simGateway(sim);
    const plan = await planDeploy(
      gw,
      {
        cluster: 'prod',
        service: 'web',
        strategy: 'blue-green',
        target: { kind: 'image', images: [{ ref: ':v2' }], pinDigest: true },
        settings: { pauseStages: ['POST_SCALE_UP'] },
      },
      { now },
    );
    const ctrl = await applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true });
    const paused = await pollUntil(ctrl, (v) => v.state === 'PAUSED');
    const names = ['web', ...Array.from({ length: 12 }, (_, i) => `api-${i}`)];

    const before = sim.calls.summary();
    const { activities, unread } = await activitiesOf(gw, names, true);
    const after = sim.calls.summary();
    expect(unread).toEqual([]);
    expect(activities.get('web')).toEqual({
      label: PAUSED_LABEL,
      inProgress: expect.stringMatching(/^ecs-svc\//) as string,
    });
    expect(activities.size).toBe(1);
    // the test's own read (DescribeServices in tens) and one DescribeServiceDeployments for web
    const delta = Object.fromEntries(
      Object.entries(after)
        .map(([k, n]) => [k, n - (before[k] ?? 0)] as const)
        .filter(([, n]) => n > 0),
    );
    expect(delta).toEqual({ 'ecs:DescribeServices': 2, 'ecs:DescribeServiceDeployments': 1 });
    expect(paused.state).toBe('PAUSED');

    await ctrl.act('abort', new RecordingIoHost());
    await pollUntil(ctrl, (v) => v.state === 'STOPPED');
    const stopped = await activitiesOf(gw, ['web'], false);
    expect(stopped.activities.get('web')).toEqual({ label: 'stopped' });
  });

  it('CodeDeploy: paused while the deployment waits in Ready', async () => {
    sim = await startTestSim();
    buildCodeDeployWorld(sim.world, {
      blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 30 },
    });
    gw = await simGateway(sim);
    const plan = await planDeploy(
      gw,
      {
        cluster: 'prod',
        service: 'web',
        strategy: 'codedeploy',
        target: { kind: 'image', images: [{ ref: ':v2' }], pinDigest: true },
        settings: {},
      },
      { now },
    );
    const ctrl = await applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true });
    const ready = await pollUntil(ctrl, (v) => v.state === 'PAUSED');
    const { activities } = await activitiesOf(gw, ['web'], true);
    expect(activities.get('web')).toEqual({ label: PAUSED_LABEL, inProgress: ready.rolloutId });
  });

  it('ALB canary: the plan shows on the stable line, with --all and for one service', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w);
    const view = await driveUntil(w, controller, (v) => v.step?.label === '10%', 20 * MIN);
    const all = await activitiesOf(w.gw, ['orders', 'orders-canary'], true);
    expect(all.activities.get('orders')).toEqual({
      label: 'canary step 1/4, canary 10 %',
      inProgress: view.rolloutId,
    });
    expect(all.activities.has('orders-canary')).toBe(false);
    const one = await activitiesOf(w.gw, ['orders'], false);
    expect(one.activities.get('orders')).toEqual(all.activities.get('orders'));

    // held by abort: stopped, no longer in progress
    await controller.act('abort', new RecordingIoHost());
    const held = await activitiesOf(w.gw, ['orders', 'orders-canary'], true);
    expect(held.activities.get('orders')).toEqual({
      label: 'canary stopped (held at 10 % by abort)',
    });
  }, 120_000);
});
