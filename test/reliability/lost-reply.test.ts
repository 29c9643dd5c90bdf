import { afterEach, describe, expect, it } from 'vitest';
import { createGateway, type ClosableAwsGateway } from '../../src/aws';
import { applyPlan, planDeploy } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import type { DeployRequest } from '../../src/deploy/plan/types';
import type { RolloutController, RolloutView } from '../../src/deploy/types';
import { buildDeployWorld } from '../../src/screens/shared/testing/deploy-world';
import { buildRepository, ecrImageUri } from '../../src/sim/services/ecr/builder';
import { buildCodeDeployWorld } from '../helpers/codedeploy-world';
import { SIM_CREDENTIALS, startTestSim } from '../helpers/sim';
import { nativeService, REGION } from '../sim/native-helpers';
import {
  canaryWorld,
  MIN,
  simWeights,
  startCanary,
  type CanaryWorld,
} from '../deploy/alb-canary-world';

// The first attempt of a write succeeds and its reply is lost (`lost-reply`). With the SDK's
// own retries on (as the CLI and TUI run), nothing may be done twice: one revision, one
// deployment, one reroute; and what the app says must match what AWS did.

type Sim = Awaited<ReturnType<typeof startTestSim>>;
let sim: Sim;
let gw: ClosableAwsGateway;
afterEach(async () => {
  gw?.close();
  await sim?.close();
});
const now = () => new Date(sim.world.now);

/** A gateway as the app builds one: the SDK's default retries (3 attempts). */
async function appGateway(maxAttempts?: number): Promise<ClosableAwsGateway> {
  return createGateway({
    region: REGION,
    endpointUrl: sim.endpoint,
    credentials: SIM_CREDENTIALS,
    ...(maxAttempts ? { maxAttempts } : {}),
  });
}

function request(service: string, strategy: DeployRequest['strategy'], ref: string, settings = {}) {
  return {
    cluster: 'prod',
    service,
    strategy,
    target: { kind: 'image' as const, images: [{ ref }], pinDigest: true },
    settings,
  };
}

async function start(req: DeployRequest, io = new RecordingIoHost()) {
  const plan = await planDeploy(gw, req, { now });
  expect(plan.blockers).toEqual([]);
  return applyPlan(gw, plan, io, { now, confirmed: true });
}

async function pollUntil(c: RolloutController, done: (v: RolloutView) => boolean, step = 2_000) {
  for (let i = 0; i < 600; i++) {
    const v = await c.poll();
    if (done(v)) return v;
    sim.advance(step);
  }
  throw new Error('the rollout never reached the expected state');
}

const revisions = async (family: string) =>
  (await gw.ecs.listTaskDefinitionArns({ familyPrefix: family, status: 'ACTIVE' })).length;
const deployments = async (service: string) =>
  (await gw.ecs.listServiceDeployments('prod', service)).length;

describe('rolling: a lost reply never registers or deploys twice', () => {
  async function rollingWorld(maxAttempts?: number) {
    sim = await startTestSim();
    buildDeployWorld(sim.world);
    gw = await appGateway(maxAttempts);
    return { revisions: await revisions('api'), deployments: await deployments('api') };
  }

  it('RegisterTaskDefinition: the new revision is found and reused, not registered again', async () => {
    const before = await rollingWorld();
    sim.faults.add({ kind: 'lost-reply', service: 'ecs', operation: 'RegisterTaskDefinition' });
    const io = new RecordingIoHost();
    const c = await start(request('api', 'rolling', ':v1.3.0'), io);
    expect(sim.calls.count('ecs', 'RegisterTaskDefinition')).toBe(1);
    expect(await revisions('api')).toBe(before.revisions + 1);
    expect(io.messages.map((m) => m.text)).toContain(
      'RegisterTaskDefinition api: the reply was lost, but AWS shows it was done; it was not sent again',
    );
    const done = await pollUntil(c, (v) => v.state === 'SUCCEEDED', 5_000);
    expect(done.targetTaskDefinitionArn).toMatch(/:task-definition\/api:4$/);
  });

  it('RegisterTaskDefinition lost before AWS acted (reset): sent once more, still one revision', async () => {
    const before = await rollingWorld();
    sim.faults.add({
      kind: 'reset',
      service: 'ecs',
      operation: 'RegisterTaskDefinition',
      times: 1,
    });
    const io = new RecordingIoHost();
    await start(request('api', 'rolling', ':v1.3.0'), io);
    expect(io.codes()).toContain('ECSR_WRITE_W2011');
    expect(await revisions('api')).toBe(before.revisions + 1);
  });

  it('UpdateService: the SDK resends it, ECS treats the same revision as no change: one deployment', async () => {
    const before = await rollingWorld();
    sim.faults.add({ kind: 'lost-reply', service: 'ecs', operation: 'UpdateService', times: 1 });
    await start(request('api', 'rolling', ':v1.3.0'));
    expect(sim.calls.count('ecs', 'UpdateService')).toBe(2);
    expect(await deployments('api')).toBe(before.deployments + 1);
  });

  it('UpdateService lost with no retry left: ECS is asked and the deployment is followed, not reported as failed', async () => {
    const before = await rollingWorld(1);
    sim.faults.add({ kind: 'lost-reply', service: 'ecs', operation: 'UpdateService', times: 1 });
    const io = new RecordingIoHost();
    const c = await start(request('api', 'rolling', ':v1.3.0'), io);
    expect(io.codes()).toContain('ECSR_WRITE_I2012');
    expect(await deployments('api')).toBe(before.deployments + 1);
    expect((await c.poll()).state).toBe('IN_PROGRESS');
  });

  it('StopServiceDeployment (roll back): resent harmlessly, one rollback', async () => {
    await rollingWorld();
    const c = await start(request('api', 'rolling', ':v1.3.0'));
    await c.poll();
    sim.faults.add({ kind: 'lost-reply', service: 'ecs', operation: 'StopServiceDeployment' });
    expect(await c.act('rollback', new RecordingIoHost())).toMatchObject({ ok: true });
    const view = await pollUntil(c, (v) => v.state === 'ROLLED_BACK', 5_000);
    expect(view.outcome?.trigger).toBe('operator');
  });
});

describe('ECS-native canary: a lost reply on the hook or the stop does one thing', () => {
  async function nativeWorld() {
    sim = await startTestSim();
    buildRepository(sim.world, REGION, 'web', { images: [{ tag: 'v1' }, { tag: 'v2' }] });
    nativeService(sim, {
      image: ecrImageUri(sim.world, REGION, 'web', 'v1'),
      config: {
        strategy: 'CANARY',
        bakeTimeInMinutes: 2,
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
      },
    });
    gw = await appGateway();
  }
  const paused = { pauseStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] };

  it('RegisterTaskDefinition and UpdateService both lose their reply: one revision, one service deployment', async () => {
    await nativeWorld();
    const before = { revisions: await revisions('web'), deployments: await deployments('web') };
    sim.faults.add({ kind: 'lost-reply', service: 'ecs', operation: 'RegisterTaskDefinition' });
    sim.faults.add({ kind: 'lost-reply', service: 'ecs', operation: 'UpdateService', times: 1 });
    const c = await start(request('web', 'canary', ':v2', paused));
    expect(await revisions('web')).toBe(before.revisions + 1);
    expect(await deployments('web')).toBe(before.deployments + 1);
    expect((await pollUntil(c, (v) => v.state === 'PAUSED')).state).toBe('PAUSED');
  });

  it('ContinueServiceDeployment, first reply lost: the SDK resends it, continued once, the canary succeeds', async () => {
    await nativeWorld();
    const c = await start(request('web', 'canary', ':v2', paused));
    await pollUntil(c, (v) => v.state === 'PAUSED');
    sim.faults.add({
      kind: 'lost-reply',
      service: 'ecs',
      operation: 'ContinueServiceDeployment',
      times: 1,
    });
    expect(await c.act('promote', new RecordingIoHost())).toMatchObject({ ok: true });
    expect(sim.calls.count('ecs', 'ContinueServiceDeployment')).toBe(2);
    // the canary pauses again before its next production step: that pause is a new hook
    sim.advance(2_000);
    let view = await pollUntil(c, (v) => v.state !== 'IN_PROGRESS');
    while (view.state === 'PAUSED') {
      await c.act('promote', new RecordingIoHost());
      sim.advance(2_000);
      view = await pollUntil(c, (v) => v.state !== 'IN_PROGRESS');
    }
    expect(view.state).toBe('SUCCEEDED');
  });

  it('every reply to a roll back lost: it says it may have happened (never "nothing changed"), and it did', async () => {
    await nativeWorld();
    const c = await start(request('web', 'canary', ':v2', paused));
    await pollUntil(c, (v) => v.state === 'PAUSED');
    sim.faults.add({ kind: 'lost-reply', service: 'ecs', operation: 'ContinueServiceDeployment' });
    const result = await c.act('rollback', new RecordingIoHost());
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(
      /^roll back failed: could not reach .* \(ECONNRESET\); the request may have reached AWS and reading the state did not show it: watch the rollout before trying again$/,
    );
    const view = await pollUntil(c, (v) => v.state === 'ROLLED_BACK');
    expect(view.outcome?.trigger).toBe('operator');
  });

  it('every reply to an abort lost: StopServiceDeployment is read back and reported as done', async () => {
    await nativeWorld();
    const c = await start(request('web', 'canary', ':v2'));
    await c.poll();
    sim.faults.add({ kind: 'lost-reply', service: 'ecs', operation: 'StopServiceDeployment' });
    const result = await c.act('abort', new RecordingIoHost());
    const arn = (await gw.ecs.describeServices('prod', ['web'])).services[0]!
      .currentServiceDeploymentArn!;
    const sd = (await gw.ecs.describeServiceDeployments([arn]))[0]!;
    // either way the words match AWS: done when it reads so, else "may have reached AWS"
    if (result.ok) expect(['STOP_REQUESTED', 'STOPPED']).toContain(sd.status);
    else expect(result.message).toContain('the request may have reached AWS');
    expect(result.message).not.toMatch(/nothing was changed/i);
  });
});

describe('CodeDeploy: CreateDeployment and ContinueDeployment are never sent blindly twice', () => {
  async function codeDeployWorld() {
    sim = await startTestSim();
    buildCodeDeployWorld(sim.world, {
      blueGreen: {
        readyAction: 'STOP_DEPLOYMENT',
        readyWaitMinutes: 30,
        terminationWaitMinutes: 10,
      },
    });
    gw = await appGateway();
  }
  const groupDeployments = async () =>
    (
      await gw.codedeploy.listDeployments({
        applicationName: 'web',
        deploymentGroupName: 'web-prod',
      })
    ).length;

  it('CreateDeployment: the running deployment with our AppSpec is adopted, not refused as "limit exceeded"', async () => {
    await codeDeployWorld();
    const before = await groupDeployments();
    sim.faults.add({ kind: 'lost-reply', service: 'codedeploy', operation: 'CreateDeployment' });
    const io = new RecordingIoHost();
    const c = await start(request('web', 'codedeploy', ':v2'), io);
    expect(sim.calls.count('codedeploy', 'CreateDeployment')).toBe(1);
    expect(await groupDeployments()).toBe(before + 1);
    expect(io.messages.map((m) => m.text).join('\n')).toMatch(
      /CreateDeployment web-prod: the reply was lost, but AWS shows it was done[\s\S]*CodeDeploy deployment d-\w+ created/,
    );
    expect((await pollUntil(c, (v) => v.state === 'PAUSED', 5_000)).state).toBe('PAUSED');
  });

  it('ContinueDeployment: the reroute is seen to have happened and reported as done', async () => {
    await codeDeployWorld();
    const c = await start(request('web', 'codedeploy', ':v2'));
    await pollUntil(c, (v) => v.state === 'PAUSED', 5_000);
    sim.faults.add({ kind: 'lost-reply', service: 'codedeploy', operation: 'ContinueDeployment' });
    const result = await c.act('promote', new RecordingIoHost());
    expect(result).toMatchObject({
      ok: true,
      message: expect.stringContaining('reroute requested'),
    });
    expect(sim.calls.count('codedeploy', 'ContinueDeployment')).toBe(1);
  });

  it('StopDeployment with rollback, first reply lost: resent harmlessly, rolled back once', async () => {
    await codeDeployWorld();
    const c = await start(request('web', 'codedeploy', ':v2'));
    await pollUntil(c, (v) => v.state === 'PAUSED', 5_000);
    sim.faults.add({
      kind: 'lost-reply',
      service: 'codedeploy',
      operation: 'StopDeployment',
      times: 1,
    });
    expect(await c.act('rollback', new RecordingIoHost())).toMatchObject({ ok: true });
    expect((await pollUntil(c, (v) => v.state === 'ROLLED_BACK', 5_000)).state).toBe('ROLLED_BACK');
  });

  it('every reply to StopDeployment lost: "CodeDeploy did not answer", not "refused, nothing was changed"', async () => {
    await codeDeployWorld();
    const c = await start(request('web', 'codedeploy', ':v2'));
    await pollUntil(c, (v) => v.state === 'PAUSED', 5_000);
    sim.faults.add({ kind: 'lost-reply', service: 'codedeploy', operation: 'StopDeployment' });
    const result = await c.act('rollback', new RecordingIoHost());
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^CodeDeploy did not answer: .*may have reached AWS/);
    expect(result.message).not.toMatch(/nothing was changed/i);
    sim.faults.clear();
    expect((await pollUntil(c, (v) => v.state === 'ROLLED_BACK', 5_000)).state).toBe('ROLLED_BACK');
  });
});

describe('ALB canary: a lost reply on a weight step or the plan tags never applies a step twice', () => {
  let world: CanaryWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  /** Drives like the CLI's wait loop: a poll that fails is retried at the next tick. */
  async function driveThroughFaults(w: CanaryWorld, c: RolloutController, maxMs: number) {
    const errors: string[] = [];
    const weights: string[] = [];
    for (let t = 0; t < maxMs; t += 5_000) {
      let view: RolloutView | undefined;
      try {
        view = await c.poll();
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
      const [stable, canary] = simWeights(w);
      if (weights.at(-1) !== `${stable}/${canary}`) weights.push(`${stable}/${canary}`);
      if (view && view.state !== 'IN_PROGRESS') return { view, errors, weights };
      w.sim.advance(5_000);
    }
    throw new Error(`not finished; errors: ${errors.join(' | ')}`);
  }

  for (const operation of ['ModifyRule', 'AddTags']) {
    it(`${operation}: the step is read back from the rule and adopted; each weight is written once`, async () => {
      const w = (world = await canaryWorld());
      // the 5xx gate is tested elsewhere; here only the writes matter
      const { controller } = await startCanary(w, {
        bakeMinutes: 1,
        steps: [10, 50, 100],
        errorGate: false,
      });
      w.sim.faults.add({ kind: 'lost-reply', service: 'elbv2', operation, times: 2 });
      const { view, errors, weights } = await driveThroughFaults(w, controller, 40 * MIN);
      expect(errors.length).toBeGreaterThan(0);
      expect(
        view.state,
        `${view.outcome?.reason} ${errors.join(' | ')} ${view.events.map((e) => e.message).join(' | ')}`,
      ).toBe('SUCCEEDED');
      // each step once, in order, and back to stable 100 after the promote
      expect(weights).toEqual(['100/0', '90/10', '50/50', '0/100', '100/0']);
      const modify = w.sim.calls.all().filter((c) => c.operation === 'ModifyRule');
      expect(modify.length).toBe(4);
    }, 60_000);
  }
});
