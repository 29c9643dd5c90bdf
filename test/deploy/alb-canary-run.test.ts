import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import type { RolloutController } from '../../src/deploy/types';
import {
  canaryRequest,
  canaryWorld,
  cliRule,
  cliWeights,
  driveUntil,
  MIN,
  planCanary,
  simNow,
  withoutWeights,
  type CanaryWorld,
} from './alb-canary-world';

let world: CanaryWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const taskDefinitionOf = async (w: CanaryWorld, service: string) =>
  (await w.gw.ecs.describeServices('prod', [service])).services[0]!.taskDefinitionArn!;

async function start(
  settings: Record<string, unknown> = {},
  image = ':v2',
  spec: Parameters<typeof canaryWorld>[0] = {},
): Promise<{
  w: CanaryWorld;
  controller: RolloutController;
  io: RecordingIoHost;
  previous: string;
}> {
  const w = (world = await canaryWorld(spec));
  const plan = await planCanary(
    w,
    canaryRequest(image, { bakeMinutes: 2, minRequests: 10, ...settings }),
  );
  expect(plan.blockers).toEqual([]);
  const io = new RecordingIoHost();
  const previous = await taskDefinitionOf(w, 'orders-canary');
  const controller = await applyPlan(w.gw, plan, io, { now: simNow(w) });
  return { w, controller, io, previous };
}

describe('an ALB canary that goes well', () => {
  it('walks 10, 25, 50, 100 and promotes; the AWS CLI reads the rule at every step', async () => {
    const { w, controller, io, previous } = await start();
    const before = await cliRule(w);

    let view = await controller.poll();
    expect(view.strategy).toBe('alb-canary');
    expect(controller.clientDriven).toBe(true);
    expect(view.stages.map((s) => [s.name, s.state])).toEqual([
      ['PREPARE', 'current'],
      ['10%', 'pending'],
      ['25%', 'pending'],
      ['50%', 'pending'],
      ['100%', 'pending'],
      ['PROMOTE', 'pending'],
    ]);
    expect(cliWeights(w, await cliRule(w))).toEqual([100, 0]);

    const seen: [number, number][] = [];
    for (const [label, weights] of [
      ['10%', [90, 10]],
      ['25%', [75, 25]],
      ['50%', [50, 50]],
      ['100%', [0, 100]],
    ] as const) {
      view = await driveUntil(
        w,
        controller,
        (v) => v.step?.label === label || v.state !== 'IN_PROGRESS',
        15 * MIN,
        10_000,
      );
      expect(view.state).toBe('IN_PROGRESS');
      const rule = await cliRule(w);
      seen.push(cliWeights(w, rule));
      expect(cliWeights(w, rule)).toEqual(weights);
      // authenticate-oidc (Order 1), the forward's Order and stickiness, and the conditions
      // come back exactly as they were
      expect(withoutWeights(rule)).toEqual(withoutWeights(before));
      const canaryRow = view.traffic.find((t) => t.label === 'canary')!;
      expect(canaryRow.setWeight).toBe(weights[1]);
      expect(canaryRow.actualWeight).toBe(weights[1]);
      const current = view.stages.find((s) => s.state === 'current');
      expect(current?.name).toBe(label);
      expect(current?.endsAt).toBeInstanceOf(Date);
    }
    expect(seen).toEqual([
      [90, 10],
      [75, 25],
      [50, 50],
      [0, 100],
    ]);

    view = await driveUntil(w, controller, (v) => v.state !== 'IN_PROGRESS', 20 * MIN, 10_000);
    expect(view.state).toBe('SUCCEEDED');
    expect(view.outcome?.reason).toMatch(/promoted: orders runs the new revision/);
    expect(view.stages.every((s) => s.state === 'done')).toBe(true);
    const after = await cliRule(w);
    expect(cliWeights(w, after)).toEqual([100, 0]);
    expect(withoutWeights(after)).toEqual(withoutWeights(before));
    // the stable runs exactly the revision the canary ran; the canary is back where it was
    expect(await taskDefinitionOf(w, 'orders')).toBe(view.targetTaskDefinitionArn);
    expect(await taskDefinitionOf(w, 'orders-canary')).toBe(previous);
    expect(io.codes()).toEqual(
      expect.arrayContaining([
        'ECSR_CANARY_I4001',
        'ECSR_CANARY_I4002',
        'ECSR_CANARY_I4003',
        'ECSR_CANARY_I4005',
      ]),
    );
    expect(view.actions.rollback.available).toBe(false);
  }, 120_000);
});
