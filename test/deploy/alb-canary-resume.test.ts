import { afterEach, describe, expect, it } from 'vitest';
import { attachAlbCanary } from '../../src/deploy/alb-canary/attach';
import { RecordingIoHost } from '../../src/deploy/io-host';
import { simGateway } from '../helpers/gateway';
import {
  canaryWorld,
  driveUntil,
  MIN,
  serviceRevision,
  simNow,
  simWeights,
  startCanary,
  type CanaryWorld,
} from './alb-canary-world';

let world: CanaryWorld | undefined;
const extra: { close(): void }[] = [];
afterEach(async () => {
  for (const gw of extra.splice(0)) gw.close();
  await world?.close();
  world = undefined;
});

const atStep = (label: string) => (v: { step?: { label: string } }) => v.step?.label === label;

describe('the plan lives on the rule', () => {
  it('a brand-new client resumes a crashed one exactly where the plan is, and finishes it', async () => {
    const w = (world = await canaryWorld());
    const { controller: crashed } = await startCanary(w);
    const before = await driveUntil(w, crashed, atStep('25%'), 20 * MIN);
    // the client dies; time goes on with nobody polling
    w.sim.advance(5 * MIN);
    expect(simWeights(w)).toEqual([75, 25]);

    const gw2 = await simGateway(w.sim);
    extra.push(gw2);
    const resumed = await attachAlbCanary(gw2, 'prod', 'orders', { now: simNow(w) });
    expect(resumed).toBeDefined();
    let view = await resumed!.poll();
    expect(view.rolloutId).toBe(before.rolloutId);
    expect(view.startedBy).toBe(before.startedBy);
    // the bake of 25% had ended while nobody watched: the new client moves on at once
    expect(view.step?.label).toBe('50%');
    expect(view.events[0]?.message).toMatch(
      /no client had driven this plan for [56] min .*; this client drives it now; the canary plan advances only while some client polls it/,
    );
    view = await driveUntil(w, resumed!, (v) => v.state !== 'IN_PROGRESS', 20 * MIN);
    expect(view.state).toBe('SUCCEEDED');
    expect(await serviceRevision(w, 'orders')).toBe(view.targetTaskDefinitionArn);
    expect(simWeights(w)).toEqual([100, 0]);
    // nothing left to attach to
    expect(await attachAlbCanary(gw2, 'prod', 'orders', { now: simNow(w) })).toBeUndefined();
  }, 120_000);

  it('a second operator follows and can roll back a plan someone else drives', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, { bakeMinutes: 30 });
    await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    const gw2 = await simGateway(w.sim);
    extra.push(gw2);
    const other = (await attachAlbCanary(gw2, 'prod', 'orders-canary', { now: simNow(w) }))!;
    const seen = await other.poll();
    expect(seen.step?.label).toBe('10%');
    expect(await other.act('rollback', new RecordingIoHost())).toMatchObject({ ok: true });
    expect(simWeights(w)).toEqual([100, 0]);
    // the first client learns it from the tags on its next poll, and does not fight it
    const view = await controller.poll();
    expect(view.outcome).toMatchObject({ kind: 'ROLLED_BACK', trigger: 'operator' });
    expect(simWeights(w)).toEqual([100, 0]);
  }, 120_000);

  it('a read-only client watches, says it does not drive, and cannot act', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, { bakeMinutes: 1 });
    await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    const ro = await simGateway(w.sim, { readOnly: true });
    extra.push(ro);
    const watcher = (await attachAlbCanary(ro, 'prod', 'orders', { now: simNow(w) }))!;
    w.sim.advance(10 * MIN);
    const view = await watcher.poll();
    expect(view.step?.label).toBe('10%');
    expect(view.events[0]?.message).toMatch(
      /no client has driven this plan for \d+ min .*read-only: this client shows the plan but does not advance it/,
    );
    expect(view.actions.rollback).toMatchObject({ available: false });
    expect(await watcher.act('rollback', new RecordingIoHost())).toMatchObject({ ok: false });
    expect(ro.calls.mutatingAttempts()).toBe(0);
    expect(simWeights(w)).toEqual([90, 10]);
  }, 120_000);
});

describe('cost of a poll', () => {
  it('is a fixed set of calls, health and metrics every other poll', async () => {
    const w = (world = await canaryWorld());
    const { controller } = await startCanary(w, { bakeMinutes: 60, alarms: [] });
    await driveUntil(w, controller, atStep('10%'), 20 * MIN);
    await controller.poll();
    const polls: Record<string, number>[] = [];
    for (let i = 0; i < 4; i++) {
      w.gw.calls.reset();
      await controller.poll();
      polls.push({ ...w.gw.calls.snapshot() });
    }
    const fast = { 'elbv2:DescribeRules': 1, 'elbv2:DescribeTags': 1, 'ecs:DescribeServices': 1 };
    const slow = {
      ...fast,
      'elbv2:DescribeTargetHealth': 2,
      'cloudwatch:GetMetricData': 1,
    };
    const [a, b] = [polls[0]!, polls[1]!];
    const expected = Object.keys(a).includes('cloudwatch:GetMetricData')
      ? [slow, fast]
      : [fast, slow];
    expect([a, b]).toEqual(expected);
    expect(polls[2]).toEqual(polls[0]);
    expect(polls[3]).toEqual(polls[1]);
  }, 120_000);
});
