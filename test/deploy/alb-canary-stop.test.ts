/**
 * The app quitting stops driving its ALB canary plans: `stopDriving` (q, after asking) lets the
 * move under way end and reads the plan once more; `halt` (Ctrl-C, a signal) cancels the call
 * in flight. Either way nothing more is sent: polls only read (or fail), actions refuse, and
 * the plan holds its weights on the rule until some client drives it again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordingIoHost } from '../../src/deploy/io-host';
import { drivenPlan } from '../../src/deploy/alb-canary/standing';
import {
  canaryWorld,
  driveUntil,
  MIN,
  simWeights,
  startCanary,
  type CanaryWorld,
} from './alb-canary-world';

let world: CanaryWorld | undefined;
afterEach(async () => {
  world?.sim.faults.clear();
  await world?.close();
  world = undefined;
});

const atStep = (label: string) => (v: { step?: { label: string } }) => v.step?.label === label;

async function atTenPercent() {
  const w = (world = await canaryWorld());
  const { controller } = await startCanary(w, { bakeMinutes: 1 });
  await driveUntil(w, controller, atStep('10%'), 20 * MIN);
  const plan = drivenPlan(controller);
  if (!plan) throw new Error('an ALB canary controller is a plan this client drives');
  return { w, controller, plan };
}

describe('an ALB canary plan this client stops driving', () => {
  it('stopDriving: the step under way ends, then nothing moves it and it says where it stands', async () => {
    const { w, controller, plan } = await atTenPercent();
    expect(plan.driving).toBe(true);
    // the bake is over: the next poll moves to 25 %, its ModifyRule answered late
    w.sim.advance(2 * MIN);
    w.sim.faults.add({
      kind: 'latency',
      latencyMs: 300,
      service: 'elbv2',
      operation: 'ModifyRule',
    });
    const polling = controller.poll();
    await vi.waitFor(() => expect(w.gw.calls.pendingWrites?.()).toHaveLength(1));
    const standing = await plan.stopDriving();
    await polling;
    expect(plan.driving).toBe(false);
    expect(standing).toMatchObject({
      cluster: 'prod',
      stableService: 'orders',
      canaryService: 'orders-canary',
      state: 'running at step 2/4, canary 25% (weights 75/25)',
      holds: expect.stringMatching(/^it holds these weights until a client drives it again/),
      next: [
        { command: 'watch', label: 'watch or resume' },
        { command: 'rollback', label: 'roll back' },
      ],
    });
    expect(simWeights(w)).toEqual([75, 25]);

    const sent = w.gw.calls.mutatingSent();
    w.sim.advance(10 * MIN);
    await expect(controller.poll()).rejects.toThrow();
    expect(await controller.act('promote', new RecordingIoHost())).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no longer drives the plan/),
    });
    expect(w.gw.calls.mutatingSent()).toBe(sent);
    expect(simWeights(w)).toEqual([75, 25]);
  }, 120_000);

  it('halt: the call in flight is cancelled and nothing is sent after it', async () => {
    const { w, controller, plan } = await atTenPercent();
    w.sim.advance(2 * MIN);
    w.sim.faults.add({ kind: 'hang', service: 'elbv2', operation: 'ModifyRule' });
    const polling = controller.poll();
    await vi.waitFor(() => expect(w.gw.calls.pendingWrites?.()).toHaveLength(1));
    const tags = w.gw.calls.count('elbv2', 'AddTags');
    plan.halt();
    // without the halt this waits for the SDK's request timeout, then the poll after it
    await expect(polling).rejects.toThrow();
    expect(w.gw.calls.pendingWrites?.()).toHaveLength(0);
    w.sim.faults.clear();
    w.sim.advance(10 * MIN);
    await expect(controller.poll()).rejects.toThrow();
    // the plan's tags never heard of step 2: the step's AddTags was not sent
    expect(w.gw.calls.count('elbv2', 'AddTags')).toBe(tags);
    expect(plan.standing()?.state).toBe('running at step 1/4, canary 10% (weights 90/10)');
  }, 120_000);

  it('says how a paused, a held and an ended plan go on', async () => {
    const { w, controller, plan } = await atTenPercent();
    const io = new RecordingIoHost();
    await controller.act('togglePause', io);
    await controller.poll();
    expect(plan.standing()).toMatchObject({
      state: 'paused (space) at step 1/4, canary 10% (weights 90/10)',
      holds:
        'it holds these weights; nothing advances until someone resumes it (space in the monitor)',
      next: [
        { command: 'promote', label: 'next step (stays paused)' },
        { command: 'rollback', label: 'roll back' },
      ],
    });
    await controller.act('togglePause', io);
    await controller.act('abort', io);
    await controller.poll();
    expect(plan.standing()).toMatchObject({
      state: 'held by abort at step 1/4, canary 10% (weights 90/10)',
      next: [{ command: 'promote', label: 'go on (next step)' }, { command: 'rollback' }],
    });
    await controller.act('rollback', io);
    await controller.poll();
    expect(plan.standing()).toMatchObject({ state: 'rolled back, weights 100/0', next: [] });
    expect(simWeights(w)).toEqual([100, 0]);
  }, 120_000);
});
