import { afterEach, describe, expect, it } from 'vitest';
import { TAG_PREFIX } from '../../src/deploy/alb-canary/tags';
import { RecordingIoHost } from '../../src/deploy/io-host';
import { buildTargetGroupAlarm } from '../../src/sim/services/cloudwatch/builder';
import { setAlarmState } from '../../src/sim/services/cloudwatch/alarms';
import { setForwardWeights } from '../../src/sim/services/elbv2/weights';
import {
  canaryWorld,
  cliRule,
  driveUntil,
  MIN,
  R,
  serviceRevision,
  simWeights,
  startCanary,
  withoutWeights,
  type CanaryWorld,
} from './alb-canary-world';

let world: CanaryWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const atStep = (label: string) => (v: { step?: { label: string } }) => v.step?.label === label;

describe('edges of the plan', () => {
  it('a failing gate while the stable is being promoted rolls back both services', async () => {
    const w = (world = await canaryWorld());
    const alarm = buildTargetGroupAlarm(w.sim.world, {
      name: 'orders-canary-5xx',
      targetGroupArn: w.canaryTg,
      loadBalancerArn: w.loadBalancerArn,
      threshold: 1000,
    });
    const stableBefore = await serviceRevision(w, 'orders');
    const { controller, previous } = await startCanary(w, { alarms: [alarm], bakeMinutes: 30 });
    await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    await controller.act('promoteFull', new RecordingIoHost());
    let view = await driveUntil(
      w,
      controller,
      (v) => v.stages.at(-1)?.detail?.startsWith('waiting for orders') ?? false,
      2 * MIN,
      1000,
    );
    expect(await serviceRevision(w, 'orders')).not.toBe(stableBefore);
    setAlarmState(w.sim.world, R, alarm, 'ALARM', 'Threshold Crossed: test');
    view = await driveUntil(w, controller, (v) => v.state !== 'IN_PROGRESS', 2 * MIN, 1000);
    expect(view.outcome).toMatchObject({ kind: 'ROLLED_BACK', trigger: 'gate' });
    expect(view.stages.at(-1)).toMatchObject({ name: 'PROMOTE', state: 'failed' });
    expect(simWeights(w)).toEqual([100, 0]);
    expect(await serviceRevision(w, 'orders')).toBe(stableBefore);
    expect(await serviceRevision(w, 'orders-canary')).toBe(previous);
  }, 120_000);

  it('a rollback keeps every other part of the rule too', async () => {
    const w = (world = await canaryWorld());
    const before = withoutWeights(await cliRule(w));
    const { controller } = await startCanary(w);
    await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    await controller.act('rollback', new RecordingIoHost());
    expect(withoutWeights(await cliRule(w))).toEqual(before);
  }, 120_000);

  it('a rule already on the next step (a client died between the rule and its tags) is taken as that step', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, { bakeMinutes: 30 });
    await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    setForwardWeights(w.sim.world, R, w.ruleArn, { [w.stableTg]: 75, [w.canaryTg]: 25 });
    const view = await controller.poll();
    expect(view.state).toBe('IN_PROGRESS');
    expect(view.step?.label).toBe('25%');
    expect(simWeights(w)).toEqual([75, 25]);
  }, 120_000);

  it('tags it cannot read stop the client with the reason, and it writes nothing', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w);
    await controller.poll();
    await w.gw.elb.addTags(w.ruleArn, { [`${TAG_PREFIX}w`]: 'lots' });
    const writes = w.gw.calls.mutatingSent();
    await expect(controller.poll()).rejects.toThrow(
      /the rule's canary tags are unreadable: tag ecs-rollout:canary:w is "lots"/,
    );
    expect(w.gw.calls.mutatingSent()).toBe(writes);
  }, 120_000);

  it('declining a confirmation changes nothing', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w);
    await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    const writes = w.gw.calls.mutatingSent();
    const result = await controller.act('rollback', new RecordingIoHost(() => false));
    expect(result).toEqual({ ok: false, message: 'roll back cancelled; nothing was changed' });
    expect(w.gw.calls.mutatingSent()).toBe(writes);
    expect(simWeights(w)).toEqual([90, 10]);
  }, 120_000);
});
