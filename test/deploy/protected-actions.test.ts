import { afterEach, describe, expect, it } from 'vitest';
import type { ClosableAwsGateway } from '../../src/aws';
import { attachRollout } from '../../src/deploy/attach';
import { applyPlan, planDeploy } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import { PROTECTED_TAG } from '../../src/deploy/plan/register';
import type { DeployRequest } from '../../src/deploy/plan/types';
import type { RolloutActionId, RolloutController, RolloutView } from '../../src/deploy/types';
import { buildRepository, ecrImageUri } from '../../src/sim/services/ecr/builder';
import { buildService } from '../../src/sim/services/ecs/builder';
import { buildCodeDeployWorld } from '../helpers/codedeploy-world';
import { simGateway } from '../helpers/gateway';
import { startTestSim } from '../helpers/sim';
import { nativeService, REGION, S, type Sim } from '../sim/native-helpers';
import { canaryWorld, driveUntil, MIN, startCanary, type CanaryWorld } from './alb-canary-world';

// A protected service (tag ecs-rollout:protected) needs its name typed for every change, not
// only its deploy (product.md): promote, abort and an in-flight rollback ask for it too, and
// a "no" sends nothing. The controllers read the tag themselves: one attached from a listing
// read without tags must still ask.

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

function protect(cluster: string, service: string, s: Sim = sim!): void {
  const rec = s.world.region(REGION).ecs.clusters.get(cluster)!.services.get(service)!;
  rec.tags.push({ key: PROTECTED_TAG, value: 'true' });
}

async function pollUntil(
  ctrl: RolloutController,
  done: (v: RolloutView) => boolean,
  every = 5 * S,
): Promise<RolloutView> {
  for (let i = 0; i < 400; i++) {
    const view = await ctrl.poll();
    if (done(view)) return view;
    sim!.advance(every);
  }
  throw new Error('rollout did not reach the expected state');
}

/** Acts once answering no (nothing may be sent), then yes; returns what was asked. */
async function askedFor(
  ctrl: RolloutController,
  action: RolloutActionId,
  stopCalls: () => number,
): Promise<RecordingIoHost> {
  const no = new RecordingIoHost(() => false);
  const declined = await ctrl.act(action, no);
  expect(declined.ok).toBe(false);
  expect(stopCalls()).toBe(0);
  const yes = new RecordingIoHost();
  expect((await ctrl.act(action, yes)).ok).toBe(true);
  expect(stopCalls()).toBe(1);
  return yes;
}

async function attached(cluster: string, service: string): Promise<RolloutController> {
  // as the monitor finds it: DescribeServices without tags
  const { services } = await gw!.ecs.describeServices(cluster, [service]);
  expect(services[0]!.tags).toEqual({});
  const ctrl = await attachRollout(gw!, cluster, services[0]!, { now });
  expect(ctrl).toBeDefined();
  return ctrl!;
}

describe('protected services: every mutating action asks for the name', () => {
  it('rolling: an in-flight rollback (StopServiceDeployment ROLLBACK)', async () => {
    sim = await startTestSim();
    buildRepository(sim.world, REGION, 'api', { images: [{ tag: 'v1' }, { tag: 'v2' }] });
    for (const name of ['api', 'web'])
      buildService(sim.world, REGION, {
        cluster: 'prod',
        name,
        image: ecrImageUri(sim.world, REGION, 'api', 'v1'),
        desiredCount: 2,
        deploymentConfiguration: {
          deploymentCircuitBreaker: { enable: true, rollback: true },
          minimumHealthyPercent: 100,
          maximumPercent: 200,
        },
      });
    protect('prod', 'api');
    gw = await simGateway(sim);
    const request = (service: string): DeployRequest => ({
      cluster: 'prod',
      service,
      strategy: 'rolling',
      target: { kind: 'image', images: [{ ref: ':v2' }], pinDigest: true },
      settings: {},
    });
    for (const service of ['api', 'web']) {
      const plan = await planDeploy(gw, request(service), { now });
      await applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true });
    }
    const stops = () => sim!.calls.count('ecs', 'StopServiceDeployment');
    const io = await askedFor(await attached('prod', 'api'), 'rollback', stops);
    expect(io.confirmations[0]).toMatchObject({ typeToConfirm: 'api', dangerous: true });

    // an unprotected service asks the plain question
    const plain = new RecordingIoHost();
    await (await attached('prod', 'web')).act('abort', plain);
    expect(plain.confirmations[0]!.typeToConfirm).toBeUndefined();
  });

  it('ECS-native: continue (promote) and abort', async () => {
    sim = await startTestSim();
    buildRepository(sim.world, REGION, 'web', { images: [{ tag: 'v1' }, { tag: 'v2' }] });
    nativeService(sim, {
      image: ecrImageUri(sim.world, REGION, 'web', 'v1'),
      config: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 },
    });
    protect('prod', 'web');
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
    expect(plan.protectedService).toBe(true);
    await applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true });
    const ctrl = await attached('prod', 'web');
    await pollUntil(ctrl, (v) => v.state === 'PAUSED');
    const cont = await askedFor(ctrl, 'promote', () =>
      sim!.calls.count('ecs', 'ContinueServiceDeployment'),
    );
    expect(cont.confirmations[0]).toMatchObject({ typeToConfirm: 'web' });
    const abort = await askedFor(ctrl, 'abort', () =>
      sim!.calls.count('ecs', 'StopServiceDeployment'),
    );
    expect(abort.confirmations[0]).toMatchObject({ typeToConfirm: 'web' });
  });

  it('CodeDeploy: reroute (promote) and roll back', async () => {
    sim = await startTestSim();
    buildCodeDeployWorld(sim.world, {
      blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 30 },
    });
    protect('prod', 'web');
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
    await applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true });
    const ctrl = await attached('prod', 'web');
    await pollUntil(ctrl, (v) => v.state === 'PAUSED');
    const promote = await askedFor(ctrl, 'promote', () =>
      sim!.calls.count('codedeploy', 'ContinueDeployment'),
    );
    expect(promote.confirmations[0]).toMatchObject({ typeToConfirm: 'web' });
    sim.advance(10 * S);
    await ctrl.poll();
    const rollback = await askedFor(ctrl, 'rollback', () =>
      sim!.calls.count('codedeploy', 'StopDeployment'),
    );
    expect(rollback.confirmations[0]).toMatchObject({ typeToConfirm: 'web' });
  });

  for (const which of ['orders', 'orders-canary'] as const) {
    it(`ALB canary with ${which} protected: abort and roll back ask for the stable's name`, async () => {
      const w = (world = await canaryWorld());
      protect('prod', which, w.sim);
      const { controller } = await startCanary(w);
      await driveUntil(w, controller, (v) => v.step?.label === '10%', 20 * MIN);
      const ctrl = await attachRollout(
        w.gw,
        'prod',
        (await w.gw.ecs.describeServices('prod', ['orders'])).services[0]!,
        { now: () => new Date(w.sim.world.now) },
      );
      const modifies = () => w.sim.calls.count('elbv2', 'ModifyRule');
      const before = modifies();
      const no = new RecordingIoHost(() => false);
      expect((await ctrl!.act('rollback', no)).ok).toBe(false);
      expect(no.confirmations[0]).toMatchObject({ typeToConfirm: 'orders' });
      expect(modifies()).toBe(before);
      const yes = new RecordingIoHost();
      expect((await ctrl!.act('rollback', yes)).ok).toBe(true);
      expect(yes.confirmations[0]).toMatchObject({ typeToConfirm: 'orders' });
      expect(modifies()).toBeGreaterThan(before);
    }, 120_000);
  }

  it('ALB canary with neither protected asks the plain question', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w);
    await driveUntil(w, controller, (v) => v.step?.label === '10%', 20 * MIN);
    const io = new RecordingIoHost(() => false);
    await controller.act('abort', io);
    expect(io.confirmations[0]!.typeToConfirm).toBeUndefined();
  }, 120_000);
});
