import { afterEach, describe, expect, it } from 'vitest';
import { buildTargetGroupAlarm } from '../../src/sim/services/cloudwatch/builder';
import { setAlarmState } from '../../src/sim/services/cloudwatch/alarms';
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

describe('a failing gate rolls the canary back by itself', () => {
  it('unhealthy canary targets: rolled back while preparing, weights never moved', async () => {
    const w = (world = await canaryWorld());
    const { controller, previous } = await startCanary(w, {}, w.images.badHealth);
    const view = await driveUntil(w, controller, (v) => v.state !== 'IN_PROGRESS', 20 * MIN);
    expect(view.state).toBe('ROLLED_BACK');
    // the breaker or the health gate, whichever saw it first, says what happened
    expect(view.outcome?.reason).toMatch(
      /gate "canary targets healthy" failed: \d of \d canary targets unhealthy|canary deployment of orders-canary did not complete/,
    );
    expect(view.stages[0]).toMatchObject({ name: 'PREPARE', state: 'failed' });
    expect(w.gw.calls.count('elbv2', 'ModifyRule')).toBe(0);
    expect(cliWeights(w, await cliRule(w))).toEqual([100, 0]);
    expect(await serviceRevision(w, 'orders-canary')).toBe(previous);
  }, 120_000);

  it('an alarm in ALARM: weights back to stable 100 at once, says which alarm and why', async () => {
    const w = (world = await canaryWorld());
    const alarm = buildTargetGroupAlarm(w.sim.world, {
      name: 'orders-canary-5xx',
      targetGroupArn: w.canaryTg,
      loadBalancerArn: w.loadBalancerArn,
      threshold: 1000,
    });
    const { controller, previous } = await startCanary(w, { alarms: [alarm] });
    let view = await driveUntil(w, controller, (v) => v.step?.label === '25%', 20 * MIN);
    expect(view.gates.find((g) => g.name === 'alarms OK')?.status).toBe('pass');
    setAlarmState(
      w.sim.world,
      R,
      alarm,
      'ALARM',
      'Threshold Crossed: 1 datapoint [1500.0] was greater than the threshold (1000.0).',
    );
    view = await driveUntil(w, controller, (v) => v.state !== 'IN_PROGRESS', 2 * MIN, 1000);
    expect(view.state).toBe('ROLLED_BACK');
    expect(view.outcome).toMatchObject({ kind: 'ROLLED_BACK', trigger: 'gate' });
    expect(view.outcome?.reason).toMatch(
      /gate "alarms OK" failed: orders-canary-5xx in ALARM: Threshold Crossed/,
    );
    expect(simWeights(w)).toEqual([100, 0]);
    expect(view.stages.find((s) => s.name === '25%')?.state).toBe('failed');
    expect(view.stages.find((s) => s.name === '50%')?.state).toBe('skipped');
    expect(await serviceRevision(w, 'orders-canary')).toBe(previous);
  }, 120_000);

  it('a canary 5xx rate above the stable one: rolled back by the 5xx gate', async () => {
    const w = (world = await canaryWorld());
    const { controller, previous } = await startCanary(w, { bakeMinutes: 10 }, w.images.bad5xx);
    const view = await driveUntil(w, controller, (v) => v.state !== 'IN_PROGRESS', 30 * MIN);
    expect(view.state).toBe('ROLLED_BACK');
    expect(view.outcome?.reason).toMatch(
      /gate "canary 5xx rate" failed: canary \d+(\.\d)?% of \d+ vs stable \d+(\.\d)?% of \d+ \(margin 1 pp\)/,
    );
    // it got as far as the first step, never further
    expect(view.stages.find((s) => s.name === '10%')?.state).toBe('failed');
    expect(cliWeights(w, await cliRule(w))).toEqual([100, 0]);
    expect(await serviceRevision(w, 'orders-canary')).toBe(previous);
    const canary = view.metrics.find((m) => m.label.startsWith('canary'))!;
    expect(canary.errors5xx.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(canary.requests).toHaveLength(30);
  }, 120_000);
});
