import { afterEach, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/deploy/io-host';
import { exitCodeFor } from '../../src/deploy/outcome';
import { isSettled, stillActionable } from '../../src/deploy/settled';
import { setForwardWeights } from '../../src/sim/services/elbv2/weights';
import {
  canaryWorld,
  cliRule,
  cliWeights,
  driveUntil,
  MIN,
  R,
  serviceRevision,
  simWeights,
  startCanary,
  type CanaryWorld,
} from './alb-canary-world';

let world: CanaryWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const atStep = (label: string) => (v: { step?: { label: string } }) => v.step?.label === label;

describe('keys on a running canary', () => {
  it('R at 25% puts stable back to 100 at once and the canary back on its revision', async () => {
    const w = (world = await canaryWorld());
    // started from the canary service, as the wizard on orders-canary does
    const { controller, previous } = await startCanary(w, {}, ':v2', 'orders-canary');
    await driveUntil(w, controller, atStep('25%'), 20 * MIN);
    expect(simWeights(w)).toEqual([75, 25]);
    const io = new RecordingIoHost();
    const result = await controller.act('rollback', io);
    expect(result).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^rolled back/) as string,
    });
    expect(io.confirmations[0]).toMatchObject({ dangerous: true });
    expect(io.confirmations[0]?.lines[0]).toMatch(/orders-tg 100, orders-canary-tg 0 at once/);
    // no time has passed: the weights are back already
    expect(cliWeights(w, await cliRule(w))).toEqual([100, 0]);
    expect(await serviceRevision(w, 'orders-canary')).toBe(previous);
    const view = await controller.poll();
    expect(view.outcome).toMatchObject({ kind: 'ROLLED_BACK', trigger: 'operator' });
    expect(view.outcome?.reason).toMatch(/rolled back by an operator at step 2 \(canary 25%\)/);
    expect(view.actions.rollback).toMatchObject({ available: false });
  }, 120_000);

  it('manual advance: a baked step waits for p; p moves on at once and ends in promotion', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, {
      advance: 'manual',
      bakeMinutes: 1,
      steps: [10, 50, 100],
    });
    let view = await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    w.sim.advance(5 * MIN);
    view = await controller.poll();
    view = await controller.poll();
    expect(view.step?.label).toBe('10%');
    expect(view.stages.find((s) => s.state === 'current')?.detail).toMatch(
      /press p|waiting for traffic/,
    );
    expect(view.actions.promote).toMatchObject({ available: true, label: 'next step' });

    const io = new RecordingIoHost();
    expect(await controller.act('promote', io)).toMatchObject({
      ok: true,
      message: 'step 2/3: canary 50%',
    });
    expect(simWeights(w)).toEqual([50, 50]);
    // p again right away skips the rest of the bake
    expect((await controller.act('promote', io)).ok).toBe(true);
    expect(simWeights(w)).toEqual([0, 100]);
    view = await controller.poll();
    expect(view.actions.promote).toMatchObject({ available: true, label: 'promote' });
    await controller.act('promote', io);
    view = await driveUntil(w, controller, (v) => v.state !== 'IN_PROGRESS', 20 * MIN);
    expect(view.state).toBe('SUCCEEDED');
    expect(simWeights(w)).toEqual([100, 0]);
  }, 120_000);

  it('P from 10% jumps to 100 and promotes the stable service', async () => {
    const w = (world = await canaryWorld({ sharedFamily: false }));
    const { controller, previous } = await startCanary(w, { bakeMinutes: 60 });
    await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    const result = await controller.act('promoteFull', new RecordingIoHost());
    expect(result.ok).toBe(true);
    expect(simWeights(w)).toEqual([0, 100]);
    const view = await driveUntil(w, controller, (v) => v.state !== 'IN_PROGRESS', 20 * MIN);
    expect(view.state).toBe('SUCCEEDED');
    expect(simWeights(w)).toEqual([100, 0]);
    // different families: the stable gets its own family's revision with the canary's image
    const stable = await serviceRevision(w, 'orders');
    expect(stable).toMatch(/task-definition\/orders:\d+$/);
    const stableTd = await w.gw.ecs.describeTaskDefinition(stable);
    const canaryTd = await w.gw.ecs.describeTaskDefinition(view.targetTaskDefinitionArn!);
    expect(canaryTd.family).toBe('orders-canary');
    expect(stableTd.containers[0]?.image).toBe(canaryTd.containers[0]?.image);
    expect(await serviceRevision(w, 'orders-canary')).toBe(previous);
  }, 120_000);

  it('a holds the weights: STOPPED (exit 6, settled), nothing advances until resumed', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, { bakeMinutes: 1 });
    await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    const io = new RecordingIoHost();
    expect((await controller.act('abort', io)).ok).toBe(true);
    const writes = w.gw.calls.count('elbv2', 'ModifyRule');
    w.sim.advance(10 * MIN);
    let view = await controller.poll();
    view = await controller.poll();
    // what `ecs-rollout abort --yes` waits for (--wait-until stable): a final, settled outcome
    expect(view.state).toBe('STOPPED');
    expect(isSettled(view)).toBe(true);
    expect(exitCodeFor(view.state)).toBe(6);
    expect(view.outcome).toMatchObject({ kind: 'STOPPED', trigger: 'operator' });
    expect(view.outcome!.reason).toMatch(
      /^held at canary 10% \(weights 90\/10\) by abort: .*promote to start the next step now, or resume it .*or roll back$/,
    );
    expect(view.stateLabel).toMatch(/^STOPPED \(abort\) · canary 10%/);
    expect(view.actions.abort).toMatchObject({
      available: false,
      reason: 'already held: promote or resume it to go on, or roll back',
    });
    // how to go on stays possible on a stopped plan
    expect(view.actions.promote.available).toBe(true);
    expect(view.actions.rollback.available).toBe(true);
    expect(stillActionable(view)).toBe(true);
    expect(simWeights(w)).toEqual([90, 10]);
    expect(w.gw.calls.count('elbv2', 'ModifyRule')).toBe(writes);
    expect(await controller.act('togglePause', io)).toMatchObject({
      ok: true,
      message: 'canary plan resumed',
    });
    view = await driveUntil(w, controller, atStep('25%'), 10 * MIN);
    expect(simWeights(w)).toEqual([75, 25]);
  }, 120_000);

  it('promote on a plan held by abort starts the next step, and the plan advances again', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, { bakeMinutes: 1 });
    await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    const io = new RecordingIoHost();
    await controller.act('abort', io);
    expect((await controller.poll()).state).toBe('STOPPED');
    expect(await controller.act('promote', io)).toMatchObject({ ok: true, message: /^step 2\/4/ });
    let view = await controller.poll();
    expect(view.state).toBe('IN_PROGRESS');
    expect(simWeights(w)).toEqual([75, 25]);
    view = await driveUntil(w, controller, atStep('50%'), 10 * MIN);
    expect(simWeights(w)).toEqual([50, 50]);
  }, 120_000);

  it('space pauses auto-advance and resumes it', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, { bakeMinutes: 1 });
    await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    const io = new RecordingIoHost();
    expect(await controller.act('togglePause', io)).toMatchObject({
      ok: true,
      message: 'canary plan paused',
    });
    w.sim.advance(10 * MIN);
    let view = await controller.poll();
    expect(view.stateLabel).toMatch(/^PAUSED \(manual\)/);
    expect(view.step?.label).toBe('10%');
    await controller.act('togglePause', io);
    view = await driveUntil(w, controller, atStep('25%'), 10 * MIN);
    expect(view.state).toBe('IN_PROGRESS');
  }, 120_000);
  it('p on a plan paused by space moves one step and stays paused until space resumes it', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, { bakeMinutes: 1 });
    await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    const io = new RecordingIoHost();
    await controller.act('togglePause', io);
    expect(await controller.act('promote', io)).toMatchObject({
      ok: true,
      message: 'step 2/4: canary 25%; still paused: space resumes auto-advance',
    });
    // the confirmation said so before anything was sent
    expect(io.confirmations.at(-1)).toMatchObject({ title: 'Next step now: canary 25%' });
    expect(io.confirmations.at(-1)!.lines[1]).toMatch(
      /^the plan stays paused at canary 25%: nothing advances by itself until space resumes it/,
    );
    expect(simWeights(w)).toEqual([75, 25]);
    // bakes long past, gates passing: still nothing moves by itself
    w.sim.advance(10 * MIN);
    let view = await controller.poll();
    view = await controller.poll();
    expect(view.state).toBe('PAUSED');
    expect(view.stateLabel).toMatch(/^PAUSED \(manual\) · canary 25%/);
    expect(view.step?.label).toBe('25%');
    expect(view.actions.togglePause).toMatchObject({ available: true, label: 'resume' });
    expect(simWeights(w)).toEqual([75, 25]);
    // p again: one more step, still paused
    await controller.act('promote', io);
    w.sim.advance(10 * MIN);
    view = await controller.poll();
    expect(view.stateLabel).toMatch(/^PAUSED \(manual\) · canary 50%/);
    expect(simWeights(w)).toEqual([50, 50]);
    // space resumes auto-advance from there
    expect(await controller.act('togglePause', io)).toMatchObject({
      message: 'canary plan resumed',
    });
    // its bake ran out while it was paused: the first poll goes on to the next step
    view = await controller.poll();
    expect(view.stateLabel).toMatch(/^STEP 4\/4 · canary 100% · auto-advance/);
    expect(simWeights(w)).toEqual([0, 100]);
  }, 120_000);

  it('p at the last step of a paused plan says the pause ends with the promotion', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, { bakeMinutes: 1, steps: [10, 100] });
    await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    const io = new RecordingIoHost(() => false);
    await controller.act('togglePause', new RecordingIoHost());
    await controller.act('promote', new RecordingIoHost());
    expect((await controller.poll()).stateLabel).toMatch(/^PAUSED \(manual\) · canary 100%/);
    expect(await controller.act('promote', io)).toMatchObject({ ok: false });
    expect(io.confirmations.at(-1)!.lines).toContain(
      'this ends the pause: the promotion carries on by itself to the end',
    );
  }, 120_000);
});

describe('someone else changes the weights', () => {
  it('pauses, says what changed, overwrites nothing; space resumes from their weights', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, { bakeMinutes: 1 });
    await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    // another operator, between two polls
    setForwardWeights(w.sim.world, R, w.ruleArn, { [w.stableTg]: 60, [w.canaryTg]: 40 });
    const writes = w.gw.calls.count('elbv2', 'ModifyRule');
    let view = await controller.poll();
    expect(view.state).toBe('PAUSED');
    expect(view.stateLabel).toMatch(/^PAUSED \(concurrent change\) · canary 40%/);
    expect(view.outcome?.reason).toMatch(
      /someone else changed the rule's weights: expected 90\/10, found 60\/40 \(orders-tg 90→60, orders-canary-tg 10→40\); nothing was overwritten/,
    );
    const canary = view.traffic.find((t) => t.label === 'canary')!;
    expect([canary.setWeight, canary.actualWeight]).toEqual([10, 40]);
    w.sim.advance(10 * MIN);
    for (let i = 0; i < 4; i++) view = await controller.poll();
    expect(w.gw.calls.count('elbv2', 'ModifyRule')).toBe(writes);
    expect(cliWeights(w, await cliRule(w))).toEqual([60, 40]);
    expect(view.actions.promote).toMatchObject({ available: false });
    expect(view.actions.togglePause).toMatchObject({ available: true, label: 'resume' });

    const io = new RecordingIoHost();
    expect(await controller.act('togglePause', io)).toMatchObject({
      ok: true,
      message: 'resumed from 60/40',
    });
    expect(io.confirmations[0]?.title).toBe("Resume from the rule's weights 60/40");
    await controller.act('promote', io);
    expect(simWeights(w)).toEqual([75, 25]);
  }, 120_000);

  it('a write that finds the rule changed since the last poll writes nothing', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, { advance: 'manual' });
    await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    setForwardWeights(w.sim.world, R, w.ruleArn, { [w.stableTg]: 20, [w.canaryTg]: 80 });
    const writes = w.gw.calls.count('elbv2', 'ModifyRule');
    // p was pressed on a screen that had not polled yet: availability is checked on the rule as it is
    const io = new RecordingIoHost();
    const result = await controller.act('promote', io);
    expect(result.message).toMatch(
      /someone else changed the rule's weights: expected 90\/10, found 20\/80/,
    );
    expect(w.gw.calls.count('elbv2', 'ModifyRule')).toBe(writes);
    expect(simWeights(w)).toEqual([20, 80]);
  }, 120_000);
});
