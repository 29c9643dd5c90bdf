import { afterEach, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/deploy/io-host';
import type { RolloutView } from '../../src/deploy/types';
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
  await world?.close();
  world = undefined;
});

describe('an ALB canary that advances only on p', () => {
  it('is PAUSED once a step has baked (awaiting p), and in progress again after p', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, {
      advance: 'manual',
      bakeMinutes: 1,
      steps: [10, 50, 100],
      errorGate: false,
    });
    // baking: the plan moves on by itself (the bake ends), nothing awaits a person yet
    let view = await driveUntil(w, controller, (v) => v.step?.label === '10%', 20 * MIN);
    expect(view.state).toBe('IN_PROGRESS');
    expect(view.outcome).toBeUndefined();

    view = await driveUntil(w, controller, (v) => v.state !== 'IN_PROGRESS', 5 * MIN);
    expect(view.state).toBe('PAUSED');
    expect(view.outcome).toEqual({
      kind: 'PAUSED',
      reason: 'step 1 of 3 baked; press p to continue',
    });
    expect(view.step).toMatchObject({ index: 1, label: '10%' });
    expect(simWeights(w)).toEqual([90, 10]);
    // it stays there: nothing moves without p
    w.sim.advance(10 * MIN);
    view = await controller.poll();
    expect(view.state).toBe('PAUSED');
    expect(simWeights(w)).toEqual([90, 10]);

    expect((await controller.act('promote', new RecordingIoHost())).ok).toBe(true);
    view = await controller.poll();
    expect(view.state).toBe('IN_PROGRESS');
    expect(view.step?.label).toBe('50%');

    // the last step baked: p promotes
    await controller.act('promote', new RecordingIoHost());
    view = await driveUntil(w, controller, (v) => v.state !== 'IN_PROGRESS', 5 * MIN);
    expect(view.outcome?.reason).toBe('step 3 of 3 baked; press p to promote');
  }, 120_000);

  it('says which gate still waits when a step has baked without its data', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, {
      advance: 'manual',
      bakeMinutes: 1,
      minRequests: 1_000_000,
    });
    await driveUntil(w, controller, (v) => v.step?.label === '10%', 20 * MIN);
    const view = await driveUntil(w, controller, (v) => v.state !== 'IN_PROGRESS', 5 * MIN);
    expect(view.state).toBe('PAUSED');
    expect(view.outcome?.reason).toMatch(
      /^step 1 of 4 baked; gate "canary 5xx rate" still waiting \(.+\); press p to continue anyway$/,
    );
  }, 120_000);

  it('p promoting while the monitor polls: the poll waits its turn, promotion runs once to SUCCEEDED', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, {
      advance: 'manual',
      bakeMinutes: 0,
      steps: [100],
      errorGate: false,
    });
    await driveUntil(w, controller, (v) => v.state === 'PAUSED', 20 * MIN);
    // the monitor polls every 2 s, also while p is being carried out: start a poll the moment
    // promotion has begun (its first message), before the stable service's deployment
    const polls: Promise<RolloutView>[] = [];
    const io = new RecordingIoHost();
    const notify = io.notify.bind(io);
    io.notify = (message) => {
      notify(message);
      if (message.code === 'ECSR_CANARY_I4003') polls.push(controller.poll());
    };
    expect(await controller.act('promote', io)).toMatchObject({ ok: true });
    expect(polls).toHaveLength(1);
    await Promise.all(polls);
    const view = await driveUntil(w, controller, (v) => v.state !== 'IN_PROGRESS', 20 * MIN);
    expect(view.outcome?.reason).toMatch(/^promoted: orders runs the new revision/);
    expect(view.state).toBe('SUCCEEDED');
    // orders-canary to the new revision, orders promoted, orders-canary back
    expect(w.gw.calls.count('ecs', 'UpdateService')).toBe(3);
  }, 120_000);
});
