import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClosableAwsGateway } from '../../src/aws';
import { attachRollout } from '../../src/deploy/attach';
import { applyPlan, planDeploy } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import type { DeployRequest } from '../../src/deploy/plan/types';
import type { RolloutController, RolloutView, TrafficRow } from '../../src/deploy/types';
import { buildRepository, ecrImageUri, pushImage } from '../../src/sim/services/ecr/builder';
import { simGateway } from '../helpers/gateway';
import { startTestSim } from '../helpers/sim';
import { nativeService, REGION, S, type NativeWorld, type Sim } from '../sim/native-helpers';

let sim: Sim;
let gw: ClosableAwsGateway;
let w: NativeWorld;
const now = () => new Date(sim.world.now);

beforeEach(async () => {
  sim = await startTestSim();
  buildRepository(sim.world, REGION, 'web', { images: [{ tag: 'v1' }, { tag: 'v2' }] });
  w = nativeService(sim, {
    image: ecrImageUri(sim.world, REGION, 'web', 'v1'),
    config: {
      strategy: 'CANARY',
      bakeTimeInMinutes: 2,
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
    },
  });
  gw = await simGateway(sim);
});
afterEach(async () => {
  gw.close();
  await sim.close();
});

const request = (strategy: DeployRequest['strategy'], settings: Record<string, unknown>) => ({
  cluster: 'prod',
  service: 'web',
  strategy,
  target: { kind: 'image' as const, images: [{ ref: ':v2' }], pinDigest: true },
  settings,
});

async function start(
  strategy: DeployRequest['strategy'] = 'canary',
  settings: Record<string, unknown> = { pauseStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] },
): Promise<RolloutController> {
  const plan = await planDeploy(gw, request(strategy, settings), { now });
  expect(plan.blockers).toEqual([]);
  return applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true });
}

/** Polls every 2 s of simulated time until `done` holds. */
async function pollUntil(
  ctrl: RolloutController,
  done: (v: RolloutView) => boolean,
  maxPolls = 600,
  seen?: (v: RolloutView) => void,
  every = 2 * S,
): Promise<RolloutView> {
  for (let i = 0; i < maxPolls; i++) {
    const view = await ctrl.poll();
    seen?.(view);
    if (done(view)) return view;
    sim.advance(every);
  }
  throw new Error('rollout did not reach the expected state');
}

const traffic = (v: RolloutView, route: 'production' | 'test', label: 'blue' | 'green') =>
  v.traffic.find((t: TrafficRow) => t.route === route && t.label === label)!;
const stage = (v: RolloutView, name: string) => v.stages.find((s) => s.name === name)!;
const current = (v: RolloutView) => v.stages.find((s) => s.state === 'current')?.name;

describe('ECS-native controller, canary with a pause before each production step', () => {
  it('shows every stage, pauses with time left, p continues, and it completes', async () => {
    const ctrl = await start();
    const seenStages: string[] = [];
    const io = new RecordingIoHost();

    // SCALE_UP: green starts in the alternate group; no traffic yet
    const scaling = await pollUntil(ctrl, (v) => current(v) === 'SCALE_UP');
    expect(scaling.state).toBe('IN_PROGRESS');
    expect(scaling.stateLabel).toBe('IN_PROGRESS · SCALE_UP');
    expect(stage(scaling, 'PRE_SCALE_UP').state).toBe('done');
    expect(traffic(scaling, 'production', 'green')).toMatchObject({
      targetGroupArn: w.greenTg,
      actualWeight: 0,
    });
    expect(scaling.actions.promote).toMatchObject({
      available: false,
      reason: expect.stringMatching(/^nothing is paused/),
    });
    expect(scaling.actions.togglePause).toMatchObject({ available: false });
    expect((await ctrl.act('promote', io)).message).toMatch(/^nothing is paused/);

    // the first pause: before the canary step, test traffic already on green
    const paused = await pollUntil(
      ctrl,
      (v) => v.state === 'PAUSED',
      600,
      (v) => {
        const c = current(v);
        if (c && seenStages.at(-1) !== c) seenStages.push(c);
      },
    );
    // in timeline order (a stage shorter than a poll may not be seen), ending before the canary
    const order = paused.stages.map((x) => x.name);
    expect(seenStages.map((x) => order.indexOf(x))).toEqual(
      [...seenStages.map((x) => order.indexOf(x))].sort((a, b) => a - b),
    );
    expect(seenStages[0]).toBe('SCALE_UP');
    expect(seenStages.at(-1)).toBe('PRODUCTION_TRAFFIC_SHIFT 1/2');
    expect(paused.outcome!.reason).toMatch(
      /^paused at PRE_PRODUCTION_TRAFFIC_SHIFT: hook ecs-pause-\S+ awaits action \(promote to continue, or roll back\); in 24 h ECS will ROLLBACK by itself$/,
    );
    expect(paused.hooks).toEqual([
      {
        hookId: expect.stringMatching(/^ecs-pause-/),
        status: 'AWAITING_ACTION',
        stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT',
        expiresAt: expect.any(Date),
        timeoutAction: 'ROLLBACK',
      },
    ]);
    expect(paused.hooks[0]!.expiresAt!.getTime() - sim.world.now).toBeGreaterThan(29 * 60 * S);
    expect(traffic(paused, 'test', 'green')).toMatchObject({
      setWeight: 100,
      actualWeight: 100,
      healthy: 2,
    });
    expect(traffic(paused, 'production', 'blue')).toMatchObject({ actualWeight: 100, healthy: 2 });
    expect(paused.deployments.map((d) => [d.role, d.revisionLabel, d.running])).toEqual([
      ['green', 'web:2', 2],
      ['blue', 'web:1', 2],
    ]);
    expect(paused.actions.promote.available).toBe(true);
    expect(paused.actions.promoteFull).toMatchObject({
      available: true,
      label: 'continue through every pause',
    });
    expect(paused.actions.rollback.available && paused.actions.abort.available).toBe(true);

    // p: ContinueServiceDeployment CONTINUE on the paused hook
    const r = await ctrl.act('promote', io);
    expect(r).toEqual({ ok: true, message: expect.stringMatching(/^continued: ECS moves web/) });
    expect(io.confirmations.at(-1)!.lines[0]).toMatch(
      /^ECS ContinueServiceDeployment action=CONTINUE hookId=ecs-pause-\S+$/,
    );
    expect(sim.calls.count('ecs', 'ContinueServiceDeployment')).toBe(1);

    // the canary: 10 % on green, its bake counting down
    const canary = await pollUntil(
      ctrl,
      (v) => traffic(v, 'production', 'green').actualWeight === 10,
    );
    expect(traffic(canary, 'production', 'green').setWeight).toBe(10);
    expect(traffic(canary, 'production', 'blue')).toMatchObject({
      setWeight: 90,
      actualWeight: 90,
    });
    const step = stage(canary, 'PRODUCTION_TRAFFIC_SHIFT 1/2');
    expect(step.state).toBe('current');
    expect(step.detail).toMatch(
      /production to green 10 %, then 2 min bake \(timed from first sight\)/,
    );
    expect(step.endsAt!.getTime() - sim.world.now).toBeGreaterThan(2 * 60 * S - 5 * S);

    // the second pause (a new hook id), then the rest, the bake and clean-up
    const second = await pollUntil(ctrl, (v) => v.state === 'PAUSED', 100, undefined, 10 * S);
    expect(second.hooks[0]!.hookId).not.toBe(paused.hooks[0]!.hookId);
    expect(second.hooks[1]).toMatchObject({ status: 'SUCCEEDED' });
    await ctrl.act('promote', io);
    const baking = await pollUntil(ctrl, (v) => current(v) === 'BAKE_TIME', 100, undefined, 5 * S);
    expect(traffic(baking, 'production', 'green').actualWeight).toBe(100);
    expect(stage(baking, 'BAKE_TIME').endsAt).toBeInstanceOf(Date);
    const done = await pollUntil(ctrl, (v) => v.state === 'SUCCEEDED', 100, undefined, 10 * S);
    expect(done.stages.every((s) => s.state === 'done')).toBe(true);
    expect(done.actions.rollback).toMatchObject({ available: false });
    expect(done.outcome!.kind).toBe('SUCCEEDED');
  });

  it('P continues this pause and every later one as it comes: one promote, SUCCEEDED', async () => {
    const ctrl = await start();
    const first = await pollUntil(ctrl, (v) => v.state === 'PAUSED');
    const io = new RecordingIoHost();
    expect(await ctrl.act('promoteFull', io)).toMatchObject({ ok: true });
    expect(io.confirmations[0]).toMatchObject({ dangerous: true });
    expect(io.confirmations[0]!.lines.join('\n')).toMatch(
      /every later PAUSE hook of this deployment as it comes[\s\S]*traffic steps and bakes still run/,
    );
    // the canary step's pause (the second PRE_PRODUCTION_TRAFFIC_SHIFT) is continued by a poll
    const pausedOn = new Set<string>();
    const done = await pollUntil(
      ctrl,
      (v) => v.state === 'SUCCEEDED',
      300,
      (v) => {
        if (v.state === 'PAUSED')
          for (const h of v.hooks) if (h.status === 'AWAITING_ACTION') pausedOn.add(h.hookId);
      },
      10 * S,
    );
    // ECS may show the continued pause for a moment; the later one is never left waiting
    expect([...pausedOn].every((id) => id === first.hooks[0]!.hookId)).toBe(true);
    expect(sim.calls.count('ecs', 'ContinueServiceDeployment')).toBe(2);
    expect(done.hooks.map((h) => h.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(io.messages.map((m) => m.text)).toContainEqual(
      expect.stringMatching(
        /^ContinueServiceDeployment CONTINUE sent for ecs-pause-\S+ \(promote fully\)$/,
      ),
    );
  });

  it('R while paused rolls back through the hook: ROLLED BACK by the operator', async () => {
    const ctrl = await start();
    await pollUntil(ctrl, (v) => v.state === 'PAUSED');
    const io = new RecordingIoHost();
    const r = await ctrl.act('rollback', io);
    expect(r.ok).toBe(true);
    expect(io.confirmations[0]).toMatchObject({ dangerous: true });
    expect(io.confirmations[0]!.lines[0]).toMatch(
      /^ECS ContinueServiceDeployment action=ROLLBACK hookId=/,
    );
    const back = await pollUntil(ctrl, (v) => v.state === 'ROLLED_BACK' && v.outcome !== undefined);
    expect(back.outcome!.trigger).toBe('operator');
    const done = await pollUntil(ctrl, (v) => v.finishedAt !== undefined);
    expect(done.outcome!.reason).toMatch(
      /was continued with ROLLBACK: rolling back to deploymentId/,
    );
    expect(traffic(done, 'test', 'blue').actualWeight).toBe(100);
    expect(sim.calls.count('ecs', 'StopServiceDeployment')).toBe(0);
  });

  it('R without a pause is StopServiceDeployment ROLLBACK; a is ABORT and stops where it stands', async () => {
    const ctrl = await start('canary', {});
    await pollUntil(ctrl, (v) => traffic(v, 'production', 'green').actualWeight === 10);
    const io = new RecordingIoHost();
    await ctrl.act('rollback', io);
    expect(io.confirmations[0]!.lines[0]).toMatch(/^ECS StopServiceDeployment stopType=ROLLBACK$/);
    const back = await pollUntil(
      ctrl,
      (v) => traffic(v, 'production', 'blue').actualWeight === 100,
    );
    expect(back.state).toBe('ROLLED_BACK');
    expect(back.actions.rollback).toMatchObject({ available: false });

    // a second deployment, aborted during its canary
    await pollUntil(ctrl, (v) => v.finishedAt !== undefined);
    const second = await start('canary', {});
    await pollUntil(second, (v) => traffic(v, 'production', 'green').actualWeight === 10);
    const abort = await second.act('abort', io);
    expect(abort.message).toMatch(/stops web's deployment where it stands/);
    expect(io.confirmations.at(-1)!.lines.join(' ')).toMatch(/AWS documents only ROLLBACK/);
    const stopped = await pollUntil(second, (v) => v.state === 'STOPPED');
    expect(stopped.outcome!.reason).toMatch(
      /both revisions keep running and the listener weights stay/,
    );
    expect(traffic(stopped, 'production', 'green').actualWeight).toBe(10);
  });

  it('continuing a hook that expired since the last poll says so and changes nothing', async () => {
    const ctrl = await start('canary', {
      pauseStages: ['POST_SCALE_UP'],
      pauseTimeoutMinutes: 1,
      pauseTimeoutAction: 'CONTINUE',
    });
    const paused = await pollUntil(ctrl, (v) => v.state === 'PAUSED');
    expect(paused.hooks[0]!.timeoutAction).toBe('CONTINUE');
    sim.advance(2 * 60 * S);
    const r = await ctrl.act('promote', new RecordingIoHost());
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^continue failed: .*TIMED_OUT and is not waiting for an action/);
    const after = await ctrl.poll();
    expect(after.hooks.find((h) => h.hookId === paused.hooks[0]!.hookId)?.status).toBe('TIMED_OUT');
  });

  it('makes the same few calls per poll, however long the deployment has run', async () => {
    const ctrl = await start('canary', {});
    await ctrl.poll();
    sim.advance(2 * S);
    await ctrl.poll();
    const before = sim.calls.summary();
    for (let i = 0; i < 10; i++) {
      sim.advance(2 * S);
      await ctrl.poll();
    }
    const after = sim.calls.summary();
    const delta = (key: string) => (after[key] ?? 0) - (before[key] ?? 0);
    expect(delta('ecs:DescribeServices')).toBe(10);
    expect(delta('ecs:DescribeServiceDeployments')).toBe(10);
    expect(delta('elbv2:DescribeRules')).toBe(10);
    expect(delta('elbv2:DescribeTargetHealth')).toBe(10);
    expect(delta('ecs:DescribeServiceRevisions')).toBe(0);
    // stopped tasks every 3rd poll (polls 3, 6 and 9 of these); DescribeTasks only when ECS
    // lists some, and nothing has stopped in a healthy canary
    expect(delta('ecs:ListTasks')).toBe(3);
    expect(delta('ecs:DescribeTasks')).toBe(0);
    const total = Object.keys(after).reduce((n, k) => n + delta(k), 0);
    expect(total).toBe(10 * 4 + 3);
  });

  it('attaches to a native deployment started elsewhere', async () => {
    await start('canary', { pauseStages: ['POST_SCALE_UP'] });
    const { services } = await gw.ecs.describeServices('prod', ['web']);
    const attached = await attachRollout(gw, 'prod', services[0]!, { now });
    expect(attached?.strategy).toBe('canary');
    const view = await pollUntil(attached!, (v) => v.state === 'PAUSED');
    expect(view.stages.map((s) => s.name)).toContain('PRODUCTION_TRAFFIC_SHIFT 2/2');
    expect(traffic(view, 'production', 'green').targetGroupArn).toBe(w.greenTg);
  });
});

describe('ECS-native outcome reasons', () => {
  it('a crashing green: ROLLED BACK by the circuit breaker (health), production never moved', async () => {
    const { digest } = pushImage(sim.world, REGION, 'web', 'v3');
    sim.world.images.set(digest, 'crash-on-start');
    const plan = await planDeploy(
      gw,
      {
        ...request('blue-green', {}),
        target: { kind: 'image', images: [{ ref: ':v3' }], pinDigest: true },
      },
      { now },
    );
    const ctrl = await applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true });
    const done = await pollUntil(ctrl, (v) => v.finishedAt !== undefined, 400, undefined, 10 * S);
    expect(done.state).toBe('ROLLED_BACK');
    expect(done.outcome!.trigger).toBe('circuit-breaker');
    expect(done.circuitBreaker).toEqual({ enabled: true, failures: 3, threshold: 3 });
    expect(stage(done, 'SCALE_UP').state).toBe('failed');
    expect(stage(done, 'PRODUCTION_TRAFFIC_SHIFT').state).toBe('skipped');
    expect(traffic(done, 'production', 'blue').actualWeight).toBe(100);
  });

  it('a pause left unanswered: ROLLED BACK by the hook when it times out', async () => {
    const ctrl = await start('canary', {
      pauseStages: ['POST_SCALE_UP'],
      pauseTimeoutMinutes: 2,
      pauseTimeoutAction: 'ROLLBACK',
    });
    await pollUntil(ctrl, (v) => v.state === 'PAUSED');
    const done = await pollUntil(ctrl, (v) => v.finishedAt !== undefined, 100, undefined, 10 * S);
    expect(done.outcome).toMatchObject({ kind: 'ROLLED_BACK', trigger: 'hook' });
    expect(done.outcome!.reason).toMatch(/lifecycle hook ecs-pause-\S+ timed out/);
    expect(done.hooks[0]).toMatchObject({ status: 'TIMED_OUT' });
  });
});
