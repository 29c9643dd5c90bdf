import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ROLLOUT } from '../../src/sim/scenarios/demo/rollouts';
import { startTestSim } from '../helpers/sim';
import { advanceUntil, describe1, ecsClient, messages, S, type Sim } from './engine-helpers';

let sim: Sim;
let ecs: ReturnType<typeof ecsClient>;

beforeEach(async () => {
  sim = await startTestSim({ scenario: 'demo' });
  ecs = ecsClient(sim);
});
afterEach(async () => {
  ecs.destroy();
  await sim.close();
});

describe('the demo world', () => {
  it('opens on a rolling deployment in progress that completes as time passes', async () => {
    const svc = await describe1(ecs, DEMO_ROLLOUT.service, DEMO_ROLLOUT.cluster);
    expect(svc.deployments!.map((d) => [d.status, d.rolloutState])).toEqual([
      ['PRIMARY', 'IN_PROGRESS'],
      ['ACTIVE', 'COMPLETED'],
    ]);
    const primary = svc.deployments![0]!;
    expect(svc.taskDefinition).toBe(primary.taskDefinition);
    const t0 = sim.world.now;

    const record = sim.world
      .region(DEMO_ROLLOUT.region)
      .ecs.clusters.get(DEMO_ROLLOUT.cluster)!
      .services.get(DEMO_ROLLOUT.service)!;
    // a few seconds in (the app has just opened), new tasks are on their way
    sim.advance(15 * S);
    const early = await describe1(ecs, DEMO_ROLLOUT.service, DEMO_ROLLOUT.cluster);
    expect(early.deployments![0]!.pendingCount).toBe(early.desiredCount);

    const took = advanceUntil(
      sim,
      () => record.deployments[0]!.rolloutState === 'COMPLETED',
      900 * S,
    );
    const done = await describe1(ecs, DEMO_ROLLOUT.service, DEMO_ROLLOUT.cluster);
    expect(done.deployments).toHaveLength(1);
    expect(done.deployments![0]).toMatchObject({
      id: primary.id,
      rolloutState: 'COMPLETED',
      runningCount: done.desiredCount,
    });
    expect(messages(record, t0).slice(-2)).toEqual([
      `(service api) (deployment ${primary.id}) deployment completed.`,
      '(service api) has reached a steady state.',
    ]);
    // "a rollout completes in well under a minute" of real time at the demo's speed 6
    expect(took / 6).toBeLessThan(45 * S);
  });
});
