import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import type { ServiceRec } from '../../src/sim/services/ecs/types';
import { startTestSim } from '../helpers/sim';
import {
  advanceUntil,
  describe1,
  ecsClient,
  messages,
  REGION,
  S,
  type Sim,
} from './engine-helpers';

let sim: Sim;
let ecs: ReturnType<typeof ecsClient>;

beforeEach(async () => {
  sim = await startTestSim();
  ecs = ecsClient(sim);
});
afterEach(async () => {
  ecs.destroy();
  await sim.close();
});

/** A steady service without a load balancer; its container health check decides health. */
function steady(desired: number, minimumHealthyPercent: number, maximumPercent: number) {
  return buildService(sim.world, REGION, {
    cluster: 'prod',
    name: 'web',
    image: 'nginx:1.25',
    desiredCount: desired,
    deploymentConfiguration: { minimumHealthyPercent, maximumPercent },
  });
}

async function rollout(): Promise<string> {
  buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.27' });
  const out = await ecs.send(
    new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web:2' }),
  );
  return out.service!.deployments![0]!.id!;
}

function counts(service: ServiceRec, newId: string) {
  const tasks = [...service.tasks.values()];
  const meant = tasks.filter((t) => t.desiredStatus === 'RUNNING');
  return {
    started: tasks.filter((t) => t.ownerId === newId).length,
    stoppedOld: tasks.filter((t) => t.ownerId !== newId && t.desiredStatus === 'STOPPED').length,
    active: meant.filter((t) =>
      ['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING'].includes(t.lastStatus),
    ).length,
    healthy: meant.filter((t) => t.lastStatus === 'RUNNING' && t.healthStatus === 'HEALTHY').length,
  };
}

describe('first step of a rollout, by minimumHealthyPercent / maximumPercent', () => {
  const cases: [desired: number, min: number, max: number, started: number, stopped: number][] = [
    [4, 100, 200, 4, 0], // room for all new tasks at once
    [4, 50, 100, 2, 2], // no headroom: stop 2 old first, then start 2
    [1, 0, 100, 1, 1], // stop the only task and start its replacement together
    [3, 100, 150, 1, 0], // upper floor(4.5) = 4: one at a time
    [10, 90, 110, 2, 1], // upper 11, lower 9: stop 1, then 11 - 9 = 2 may start
    [2, 100, 100, 0, 0], // no headroom and no slack: no progress (AWS: unverified)
  ];
  for (const [desired, min, max, started, stopped] of cases) {
    it(`desired ${desired} at ${min}/${max} starts ${started} and stops ${stopped}`, async () => {
      const service = steady(desired, min, max);
      const id = await rollout();
      sim.advance(5 * S);
      const c = counts(service, id);
      expect([c.started, c.stoppedOld]).toEqual([started, stopped]);
      const log = messages(service, sim.world.now - 5 * S);
      if (stopped > 0 && started > 0) {
        // old tasks stop before the new ones start when there is no headroom
        expect(log.findIndex((m) => m.includes('has stopped'))).toBeLessThan(
          log.findIndex((m) => m.includes('has started')),
        );
      }
    });
  }

  for (const [desired, min, max] of cases.filter((c) => c[3] > 0)) {
    it(`desired ${desired} at ${min}/${max} stays within both bounds until it completes`, async () => {
      const service = steady(desired, min, max);
      const id = await rollout();
      const upper = Math.floor((desired * max) / 100);
      const lower = Math.ceil((desired * min) / 100);
      advanceUntil(
        sim,
        () => {
          const c = counts(service, id);
          expect(c.active).toBeLessThanOrEqual(upper);
          expect(c.healthy).toBeGreaterThanOrEqual(lower);
          return service.deployments[0]!.rolloutState === 'COMPLETED';
        },
        30 * 60 * S,
      );
      const svc = await describe1(ecs, 'web');
      expect(svc.deployments).toHaveLength(1);
      expect(svc.runningCount).toBe(desired);
    });
  }
});

describe('desiredCount without a new deployment', () => {
  it('scales the PRIMARY out and in, and says when it is steady again', async () => {
    const service = steady(2, 100, 200);
    const id = service.deployments[0]!.id;
    const t0 = sim.world.now;
    await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', desiredCount: 4 }));
    advanceUntil(
      sim,
      () => messages(service, t0).includes('(service web) has reached a steady state.'),
      10 * 60 * S,
    );
    let svc = await describe1(ecs, 'web');
    expect(
      svc.deployments!.map((d) => [d.id, d.desiredCount, d.runningCount, d.rolloutState]),
    ).toEqual([[id, 4, 4, 'COMPLETED']]);
    expect(messages(service, t0)[0]).toMatch(/^\(service web\) has started 2 tasks: /);

    const t1 = sim.world.now;
    await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', desiredCount: 1 }));
    advanceUntil(
      sim,
      () => messages(service, t1).includes('(service web) has reached a steady state.'),
      10 * 60 * S,
    );
    svc = await describe1(ecs, 'web');
    expect(svc.runningCount).toBe(1);
    expect(messages(service, t1)).toEqual([
      expect.stringMatching(/^\(service web\) has stopped 3 running tasks: /),
      '(service web) has reached a steady state.',
    ]);
  });
});
