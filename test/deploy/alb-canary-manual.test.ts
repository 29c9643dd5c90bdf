import { afterEach, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/deploy/io-host';
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
});
