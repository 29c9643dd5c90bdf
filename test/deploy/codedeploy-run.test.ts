import { afterEach, describe, expect, it } from 'vitest';
import type { ClosableAwsGateway } from '../../src/aws';
import { attachRollout } from '../../src/deploy/attach';
import { applyPlan, planDeploy } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import type { DeployRequest } from '../../src/deploy/plan/types';
import type { RolloutController, RolloutView, TrafficRow } from '../../src/deploy/types';
import type { RunningSimulator } from '../../src/sim';
import {
  buildCodeDeployWorld,
  type CodeDeployWorld,
  type CodeDeployWorldOptions,
} from '../helpers/codedeploy-world';
import { simGateway } from '../helpers/gateway';
import { startTestSim } from '../helpers/sim';

let sim: RunningSimulator;
let gw: ClosableAwsGateway;
let w: CodeDeployWorld;
const now = () => new Date(sim.world.now);

async function setup(opts: CodeDeployWorldOptions = {}): Promise<void> {
  sim = await startTestSim();
  w = buildCodeDeployWorld(sim.world, {
    blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 30, terminationWaitMinutes: 10 },
    ...opts,
  });
  gw = await simGateway(sim);
}
afterEach(async () => {
  gw?.close();
  await sim?.close();
});

const request = (settings: Record<string, unknown> = {}): DeployRequest => ({
  cluster: 'prod',
  service: 'web',
  strategy: 'codedeploy',
  target: { kind: 'image', images: [{ ref: ':v2' }], pinDigest: true },
  settings,
});

async function start(settings: Record<string, unknown> = {}): Promise<RolloutController> {
  const plan = await planDeploy(gw, request(settings), { now });
  expect(plan.blockers).toEqual([]);
  return applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true });
}

/** Polls every 5 s of simulated time (the CodeDeploy read interval) until `done` holds. */
async function pollUntil(
  ctrl: RolloutController,
  done: (v: RolloutView) => boolean,
  maxPolls = 400,
  seen?: (v: RolloutView) => void,
): Promise<RolloutView> {
  for (let i = 0; i < maxPolls; i++) {
    const view = await ctrl.poll();
    seen?.(view);
    if (done(view)) return view;
    sim.advance(5_000);
  }
  throw new Error('rollout did not reach the expected state');
}

const row = (v: RolloutView, route: 'production' | 'test', label: 'Blue' | 'Green') =>
  v.traffic.find((t: TrafficRow) => t.route === route && t.label === `${route} · ${label}`);
const stage = (v: RolloutView, name: string) => v.stages.find((s) => s.name.startsWith(name))!;

describe('CodeDeploy controller', () => {
  it('apply -> Ready (green on the test listener) -> p -> production shifts -> p ends blue early -> Succeeded', async () => {
    await setup();
    const ctrl = await start({ deploymentConfig: 'CodeDeployDefault.ECSCanary10Percent5Minutes' });
    const ready = await pollUntil(ctrl, (v) => v.state === 'PAUSED');
    expect(ready.outcome?.reason).toContain('waits for a reroute (p)');
    expect(ready.stateLabel).toMatch(/^READY · waiting for reroute \(p\) · 30m 00s left$/);
    const wait = stage(ready, 'Ready wait');
    expect(wait.state).toBe('current');
    expect(wait.endsAt!.getTime() - sim.world.now).toBeLessThanOrEqual(30 * 60_000);
    expect(row(ready, 'test', 'Green')).toMatchObject({
      actualWeight: 100,
      setWeight: 100,
      healthy: 2,
    });
    expect(row(ready, 'production', 'Blue')).toMatchObject({ actualWeight: 100, setWeight: 100 });
    expect(row(ready, 'production', 'Green')).toMatchObject({ actualWeight: 0, setWeight: 0 });
    expect(ready.deployments.map((d) => [d.role, d.running, d.revisionLabel])).toEqual([
      ['Blue', 2, 'web:1'],
      ['Green', 2, 'web:2'],
    ]);
    expect(ready.actions.abort.available && ready.actions.rollback.available).toBe(true);

    const io = new RecordingIoHost();
    const result = await ctrl.act('promote', io);
    expect(result.ok).toBe(true);
    expect(io.confirmations[0]!.lines[0]).toContain('ContinueDeployment');
    expect(sim.calls.count('codedeploy', 'ContinueDeployment')).toBe(1);

    const shares: number[] = [];
    const waiting = await pollUntil(
      ctrl,
      (v) => stage(v, 'Termination wait').state === 'current',
      400,
      (v) => {
        const g = row(v, 'production', 'Green')?.actualWeight ?? 0;
        if (shares[shares.length - 1] !== g) shares.push(g);
      },
    );
    expect(shares).toEqual([0, 10, 100]);
    expect(waiting.state).toBe('IN_PROGRESS');
    expect(waiting.stateLabel).toMatch(/^TERMINATION WAIT · blue kept · \d+m \d\ds left$/);
    expect(waiting.actions.promote).toMatchObject({
      available: true,
      label: "end blue's wait now",
    });

    await ctrl.act('promote', io);
    const done = await pollUntil(ctrl, (v) => v.state === 'SUCCEEDED');
    expect(done.outcome?.reason).toContain('succeeded');
    expect(done.stages.every((s) => s.state === 'done')).toBe(true);
    expect(done.actions.rollback.available).toBe(false);
  });

  it('P at Ready reroutes, then ends the termination wait once it begins: SUCCEEDED with one promote', async () => {
    await setup();
    const ctrl = await start({ deploymentConfig: 'CodeDeployDefault.ECSCanary10Percent5Minutes' });
    const ready = await pollUntil(ctrl, (v) => v.state === 'PAUSED');
    expect(ready.actions.promoteFull).toMatchObject({
      available: true,
      label: "reroute now, then end blue's wait",
    });
    const io = new RecordingIoHost();
    const result = await ctrl.act('promoteFull', io);
    expect(result).toMatchObject({ ok: true, message: /termination wait is ended as soon/ });
    expect(io.confirmations[0]!.lines.join('\n')).toMatch(
      /READY_WAIT[\s\S]*10 min termination wait: ContinueDeployment deploymentWaitType=TERMINATION_WAIT/,
    );
    // no second promote: the controller sends TERMINATION_WAIT itself when the wait begins
    const waits: string[] = [];
    const done = await pollUntil(
      ctrl,
      (v) => v.state === 'SUCCEEDED',
      400,
      (v) => {
        if (/^TERMINATION WAIT/.test(v.stateLabel)) waits.push(v.stateLabel);
      },
    );
    expect(done.outcome?.reason).toContain('succeeded');
    expect(sim.calls.count('codedeploy', 'ContinueDeployment')).toBe(2);
    expect(io.messages.map((m) => m.text)).toContain(
      `ContinueDeployment TERMINATION_WAIT sent for ${done.rolloutId}`,
    );
    // it ended well before blue's 10 min were up
    expect(waits.length).toBeLessThanOrEqual(1);
  });

  it('P at Ready with no termination wait (KEEP_ALIVE) is the reroute, and says so', async () => {
    await setup({
      blueGreen: {
        readyAction: 'STOP_DEPLOYMENT',
        readyWaitMinutes: 30,
        terminationAction: 'KEEP_ALIVE',
      },
    });
    const ctrl = await start();
    const ready = await pollUntil(ctrl, (v) => v.state === 'PAUSED');
    expect(ready.actions.promoteFull).toMatchObject({ available: true });
    const full = ready.actions.promoteFull;
    expect(full.available && full.confirm.lines.at(-1)).toMatch(/no termination wait to end/);
  });

  it('R stops with rollback: traffic back on blue, ROLLED BACK with the reason', async () => {
    await setup();
    const ctrl = await start();
    await pollUntil(ctrl, (v) => v.state === 'PAUSED');
    const io = new RecordingIoHost();
    expect((await ctrl.act('rollback', io)).ok).toBe(true);
    expect(io.confirmations[0]).toMatchObject({ dangerous: true });
    const view = await pollUntil(ctrl, (v) => v.state !== 'PAUSED' && v.state !== 'IN_PROGRESS');
    expect(view.state).toBe('ROLLED_BACK');
    expect(view.outcome).toMatchObject({ kind: 'ROLLED_BACK', trigger: 'operator' });
    expect(view.outcome!.reason).toMatch(
      /stopped by a user.*rollback d-[A-Z0-9]{9} put production back on blue/,
    );
    expect(row(view, 'production', 'Blue')?.actualWeight).toBe(100);
    expect(row(view, 'test', 'Blue')?.actualWeight).toBe(100);
  });

  it('a stops without rollback: STOPPED, both task sets left as they are', async () => {
    await setup();
    const ctrl = await start();
    await pollUntil(ctrl, (v) => v.state === 'PAUSED');
    expect((await ctrl.act('abort', new RecordingIoHost())).ok).toBe(true);
    const view = await pollUntil(ctrl, (v) => v.state !== 'PAUSED' && v.state !== 'IN_PROGRESS');
    expect(view.outcome).toMatchObject({ kind: 'STOPPED', trigger: 'operator' });
    expect(view.deployments.map((d) => d.role)).toEqual(['Blue', 'Green']);
    expect(row(view, 'production', 'Blue')?.actualWeight).toBe(100);
  });

  it('a replacement that cannot start is rolled back by CodeDeploy: ROLLED BACK, trigger health', async () => {
    await setup();
    const plan = await planDeploy(
      gw,
      { ...request(), target: { kind: 'image', images: [{ ref: ':crash' }], pinDigest: true } },
      { now },
    );
    const ctrl = await applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true });
    const seen: string[] = [];
    const view = await pollUntil(
      ctrl,
      (v) => v.state !== 'IN_PROGRESS',
      400,
      (v) => seen.push(v.stateLabel),
    );
    expect(view.outcome).toMatchObject({ kind: 'ROLLED_BACK', trigger: 'health' });
    expect(view.outcome!.reason).toContain('failed to start or failed health checks');
    expect(stage(view, 'Install').state).toBe('failed');
    expect(view.stoppedTasks[0]?.reason).toMatch(/EssentialContainerExited/);
    // while the rollback deployment ran, the monitor said so rather than "rolled back"
    expect(seen.some((l) => l.startsWith('ROLLING BACK'))).toBe(true);
  });

  it('nobody rerouting within the ready wait ends TIMED OUT (no auto-rollback)', async () => {
    await setup({
      blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 2 },
      autoRollback: { enabled: false },
    });
    const ctrl = await start();
    const view = await pollUntil(ctrl, (v) => v.state !== 'IN_PROGRESS' && v.state !== 'PAUSED');
    expect(view.outcome).toMatchObject({ kind: 'TIMED_OUT', trigger: 'timeout' });
    expect(stage(view, 'Ready wait').state).toBe('failed');
  });

  it('p while CodeDeploy is still installing green is refused with the reason, and sends nothing', async () => {
    await setup();
    const ctrl = await start();
    const early = await ctrl.poll();
    expect(early.state).toBe('IN_PROGRESS');
    expect(early.actions.promote.available).toBe(false);
    const result = await ctrl.act('promote', new RecordingIoHost());
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining('nothing to promote yet'),
    });
    expect((await ctrl.act('togglePause', new RecordingIoHost())).ok).toBe(false);
    expect(sim.calls.count('codedeploy', 'ContinueDeployment')).toBe(0);
  });

  it('reads CodeDeploy at most once per 5 s and keeps a poll to a few calls', async () => {
    await setup();
    const ctrl = await start();
    await pollUntil(ctrl, (v) => v.state === 'PAUSED');
    const cd = () =>
      sim.calls.count('codedeploy', 'GetDeployment') +
      sim.calls.count('codedeploy', 'BatchGetDeployments') +
      sim.calls.count('codedeploy', 'GetDeploymentTarget') +
      sim.calls.count('codedeploy', 'ListDeploymentTargets');
    const elb = () => sim.calls.count('elbv2');
    const before = { cd: cd(), elb: elb() };
    await ctrl.poll();
    await ctrl.poll(); // sooner than 5 s: CodeDeploy answers are reused
    expect(cd() - before.cd).toBe(0);
    sim.advance(5_000);
    const mid = { cd: cd(), elb: elb() };
    await ctrl.poll();
    expect(cd() - mid.cd).toBe(2);
    // DescribeListeners every poll, target health of both groups every 2nd
    expect(elb() - mid.elb).toBeLessThanOrEqual(3);
  });

  it('attaches to a deployment someone else started', async () => {
    await setup();
    const id = await gw.codedeploy.createDeployment({
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
      appSpecContent: w.appSpec(w.revision('v2')),
    });
    const { services } = await gw.ecs.describeServices('prod', ['web']);
    const ctrl = await attachRollout(gw, 'prod', services[0]!, { now });
    expect(ctrl?.strategy).toBe('codedeploy');
    const view = await ctrl!.poll();
    expect(view.rolloutId).toBe(id);
    expect(view.targetTaskDefinitionArn).toMatch(/task-definition\/web:2$/);
  });
});
