import { afterEach, describe, expect, it } from 'vitest';
import { createGateway, type ClosableAwsGateway } from '../../src/aws';
import { actOnFreshState } from '../../src/deploy/act-guard';
import { attachRollout } from '../../src/deploy/attach';
import { applyPlan, planDeploy } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import type { DeployRequest } from '../../src/deploy/plan/types';
import type { RolloutController, RolloutView } from '../../src/deploy/types';
import { buildDeployWorld } from '../../src/screens/shared/testing/deploy-world';
import { buildRepository, ecrImageUri } from '../../src/sim/services/ecr/builder';
import {
  canaryRequest,
  canaryWorld,
  driveUntil,
  MIN,
  planCanary,
  simWeights,
  startCanary,
  type CanaryWorld,
} from '../deploy/alb-canary-world';
import { buildCodeDeployWorld } from '../helpers/codedeploy-world';
import { SIM_CREDENTIALS, startTestSim } from '../helpers/sim';
import { nativeService, REGION } from '../sim/native-helpers';

// Two operators on one service, each with their own client: the second sees what the first did
// and does not overwrite it, and is told in words what changed.

type Sim = Awaited<ReturnType<typeof startTestSim>>;
let sim: Sim | undefined;
let world: CanaryWorld | undefined;
const gateways: ClosableAwsGateway[] = [];
afterEach(async () => {
  for (const g of gateways.splice(0)) g.close();
  await sim?.close();
  await world?.close();
  sim = world = undefined;
});
const now = () => new Date(sim!.world.now);

async function client(s: Sim): Promise<ClosableAwsGateway> {
  const gw = await createGateway({
    region: REGION,
    endpointUrl: s.endpoint,
    credentials: SIM_CREDENTIALS,
    maxAttempts: 1,
  });
  gateways.push(gw);
  return gw;
}

const request = (
  service: string,
  strategy: DeployRequest['strategy'],
  ref: string,
  settings = {},
) =>
  ({
    cluster: 'prod',
    service,
    strategy,
    target: { kind: 'image', images: [{ ref }], pinDigest: true },
    settings,
  }) as DeployRequest;

async function pollUntil(c: RolloutController, done: (v: RolloutView) => boolean, step = 2_000) {
  for (let i = 0; i < 600; i++) {
    const v = await c.poll();
    if (done(v)) return v;
    sim!.advance(step);
  }
  throw new Error('never reached');
}

/** Operator B's view of the same rollout, attached from their own client. */
async function attach(gw: ClosableAwsGateway, service: string): Promise<RolloutController> {
  const svc = (await gw.ecs.describeServices('prod', [service])).services[0]!;
  return (await attachRollout(gw, 'prod', svc, { now }))!;
}

describe('one promotes while the other rolls back from a screen that still shows the pause', () => {
  it('ECS-native canary: B is told A continued it; nothing is sent; it goes on to SUCCEEDED', async () => {
    const s = (sim = await startTestSim());
    buildRepository(s.world, REGION, 'web', { images: [{ tag: 'v1' }, { tag: 'v2' }] });
    nativeService(s, {
      image: ecrImageUri(s.world, REGION, 'web', 'v1'),
      config: {
        strategy: 'CANARY',
        bakeTimeInMinutes: 2,
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
      },
    });
    const [a, b] = [await client(s), await client(s)];
    const plan = await planDeploy(
      a,
      request('web', 'canary', ':v2', { pauseStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] }),
      { now },
    );
    const ca = await applyPlan(a, plan, new RecordingIoHost(), { now, confirmed: true });
    const paused = await pollUntil(ca, (v) => v.state === 'PAUSED');
    const cb = await attach(b, 'web');
    const seenByB = await cb.poll();
    expect(seenByB.state).toBe('PAUSED');
    expect(
      await actOnFreshState(ca, 'promote', new RecordingIoHost(), { seen: paused }),
    ).toMatchObject({ ok: true });
    s.advance(2_000);
    const continues = s.calls.count('ecs', 'ContinueServiceDeployment');
    const refused = await actOnFreshState(cb, 'rollback', new RecordingIoHost(), { seen: seenByB });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(
      /^nothing was sent: the rollout changed after it was shown — it was PAUSED.*, it is now IN_PROGRESS.*Someone else \(or AWS\) acted on it/,
    );
    expect(s.calls.count('ecs', 'ContinueServiceDeployment')).toBe(continues);
    expect(s.calls.count('ecs', 'StopServiceDeployment')).toBe(0);
  });

  it("CodeDeploy at Ready: A reroutes, B's rollback is not sent and says the deployment moved on", async () => {
    const s = (sim = await startTestSim());
    buildCodeDeployWorld(s.world, {
      blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 30 },
    });
    const [a, b] = [await client(s), await client(s)];
    const plan = await planDeploy(a, request('web', 'codedeploy', ':v2'), { now });
    const ca = await applyPlan(a, plan, new RecordingIoHost(), { now, confirmed: true });
    const ready = await pollUntil(ca, (v) => v.state === 'PAUSED', 5_000);
    const cb = await attach(b, 'web');
    const seenByB = await cb.poll();
    expect(
      await actOnFreshState(ca, 'promote', new RecordingIoHost(), { seen: ready }),
    ).toMatchObject({ ok: true });
    const refused = await actOnFreshState(cb, 'rollback', new RecordingIoHost(), { seen: seenByB });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/it was PAUSED.*, it is now IN_PROGRESS/);
    expect(s.calls.count('codedeploy', 'StopDeployment')).toBe(0);
    expect((await pollUntil(ca, (v) => v.state !== 'IN_PROGRESS', 5_000)).state).not.toBe(
      'ROLLED_BACK',
    );
  });

  it('B who looked again after A acted is let through: the guard refuses only stale decisions', async () => {
    const s = (sim = await startTestSim());
    buildCodeDeployWorld(s.world, {
      blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 30 },
    });
    const [a, b] = [await client(s), await client(s)];
    const plan = await planDeploy(a, request('web', 'codedeploy', ':v2'), { now });
    const ca = await applyPlan(a, plan, new RecordingIoHost(), { now, confirmed: true });
    const ready = await pollUntil(ca, (v) => v.state === 'PAUSED', 5_000);
    await actOnFreshState(ca, 'promote', new RecordingIoHost(), { seen: ready });
    const cb = await attach(b, 'web');
    const fresh = await cb.poll();
    expect(
      await actOnFreshState(cb, 'rollback', new RecordingIoHost(), { seen: fresh }),
    ).toMatchObject({ ok: true });
    expect((await pollUntil(ca, (v) => v.state === 'ROLLED_BACK', 5_000)).state).toBe(
      'ROLLED_BACK',
    );
  });
});

describe('two rolling deploys seconds apart', () => {
  it('the second, planned before the first started, is refused with what the service runs now', async () => {
    const s = (sim = await startTestSim());
    buildDeployWorld(s.world);
    const [a, b] = [await client(s), await client(s)];
    const planA = await planDeploy(a, request('api', 'rolling', ':v1.3.0'), { now });
    const planB = await planDeploy(b, request('api', 'rolling', ':v1.1.0'), { now });
    await applyPlan(a, planA, new RecordingIoHost(), { now, confirmed: true });
    s.advance(3_000);
    const updates = s.calls.count('ecs', 'UpdateService');
    await expect(
      applyPlan(b, planB, new RecordingIoHost(), { now, confirmed: true }),
    ).rejects.toThrow(/^service "api" changed since the plan was made \(it now runs api:4\)/);
    expect(s.calls.count('ecs', 'UpdateService')).toBe(updates);
    expect(s.calls.count('ecs', 'RegisterTaskDefinition')).toBe(1);
  });
});

describe('two canary plans on one rule', () => {
  it('the second plan is blocked while the first runs, naming it; the first is untouched', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, { bakeMinutes: 5 });
    const first = await driveUntil(w, controller, (v) => v.step?.label === '10%', 30 * MIN);
    const other = await client(w.sim);
    const second = await planCanary({ ...w, gw: other }, canaryRequest(':v2'));
    expect(second.blockers.join('\n')).toMatch(new RegExp(first.rolloutId));
    expect(simWeights(w)).toEqual([90, 10]);
    await expect(
      applyPlan(other, second, new RecordingIoHost(), { confirmed: true }),
    ).rejects.toThrow(/failing checks/);
    expect((await controller.poll()).step?.label).toBe('10%');
  }, 60_000);
});

describe('a second rolling deploy planned while the first runs', () => {
  it("B's plan is blocked naming A's deployment; if someone replaces it anyway (console), A never says success", async () => {
    const s = (sim = await startTestSim());
    buildDeployWorld(s.world);
    const [a, b] = [await client(s), await client(s)];
    const planA = await planDeploy(a, request('api', 'rolling', ':v1.3.0'), { now });
    const ca = await applyPlan(a, planA, new RecordingIoHost(), { now, confirmed: true });
    const started = await ca.poll();
    s.advance(3_000);
    const planB = await planDeploy(b, request('api', 'rolling', ':v1.1.0'), { now });
    expect(planB.blockers).toContain(
      `nothing else in progress: deployment ${started.rolloutId} is IN_PROGRESS: watch it or wait for it to finish before deploying`,
    );
    // the console (no ecs-rollout) replaces it anyway
    await b.ecs.updateService({ cluster: 'prod', service: 'api', taskDefinition: 'api:2' });
    const end = await pollUntil(ca, (x) => x.state !== 'IN_PROGRESS', 5_000);
    expect(end.state).not.toBe('SUCCEEDED');
    expect(end.outcome?.reason).toBeTruthy();
  });
});
