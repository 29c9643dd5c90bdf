import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClosableAwsGateway } from '../../src/aws';
import { applyPlan, planDeploy } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import type { RolloutController, RolloutView } from '../../src/deploy/types';
import { buildRepository, ecrImageUri, pushImage } from '../../src/sim/services/ecr/builder';
import { simGateway } from '../helpers/gateway';
import { startTestSim } from '../helpers/sim';
import { nativeService, REGION, S, type Sim } from '../sim/native-helpers';

let sim: Sim;
let gw: ClosableAwsGateway;
const now = () => new Date(sim.world.now);

beforeEach(async () => {
  sim = await startTestSim();
  buildRepository(sim.world, REGION, 'web', { images: [{ tag: 'v1' }, { tag: 'v2' }] });
  nativeService(sim, {
    image: ecrImageUri(sim.world, REGION, 'web', 'v1'),
    config: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 },
  });
  gw = await simGateway(sim);
});
afterEach(async () => {
  gw.close();
  await sim.close();
});

async function start(tag: string): Promise<RolloutController> {
  const plan = await planDeploy(
    gw,
    {
      cluster: 'prod',
      service: 'web',
      strategy: 'blue-green',
      target: { kind: 'image', images: [{ ref: `:${tag}` }], pinDigest: true },
      settings: {},
    },
    { now },
  );
  expect(plan.blockers).toEqual([]);
  return applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true });
}

/** Polls every 10 s of simulated time until it finishes, then once more (a watcher's last). */
async function untilFinished(ctrl: RolloutController): Promise<RolloutView> {
  for (let i = 0; i < 400; i++) {
    const view = await ctrl.poll();
    if (view.finishedAt !== undefined) return ctrl.poll();
    sim.advance(10 * S);
  }
  throw new Error('the rollout did not finish');
}

/** What ECS lists as STOPPED for the service now, by task definition revision. */
async function stoppedByRevision(): Promise<Map<string, number>> {
  const arns = await gw.ecs.listTaskArns('prod', { serviceName: 'web', desiredStatus: 'STOPPED' });
  const out = new Map<string, number>();
  for (const t of await gw.ecs.describeTasks('prod', arns)) {
    const rev = t.taskDefinitionArn.split('/').pop()!;
    out.set(rev, (out.get(rev) ?? 0) + 1);
  }
  return out;
}

const total = (v: RolloutView) => v.stoppedTasks.reduce((n, g) => n + g.count, 0);

describe('ECS-native monitor: stopped tasks', () => {
  it('groups the tasks this rollout stopped by reason, biggest first', async () => {
    const { digest } = pushImage(sim.world, REGION, 'web', 'v3');
    sim.world.images.set(digest, 'crash-on-start');
    const done = await untilFinished(await start('v3'));
    expect(done.state).toBe('ROLLED_BACK');
    expect(done.stoppedTasks[0]).toEqual({
      reason: 'EssentialContainerExited: Essential container in task exited: exit code 1',
      count: 3,
    });
    const counts = done.stoppedTasks.map((g) => g.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(total(done)).toBe((await stoppedByRevision()).get('web:2'));
  });

  it('leaves out tasks an earlier rollout stopped, even those still draining when it starts', async () => {
    // the first rollout succeeds; blue's tasks are told to stop and are still draining
    const first = await untilFinished(await start('v2'));
    expect(first.state).toBe('SUCCEEDED');
    expect((await stoppedByRevision()).get('web:1')).toBe(2);

    const { digest } = pushImage(sim.world, REGION, 'web', 'v3');
    sim.world.images.set(digest, 'crash-on-start');
    const done = await untilFinished(await start('v3'));
    expect(done.state).toBe('ROLLED_BACK');
    const listed = await stoppedByRevision();
    // ECS still lists the first rollout's two, now fully stopped: not this rollout's
    expect(listed.get('web:1')).toBe(2);
    expect(total(done)).toBe(listed.get('web:3'));
    expect(done.stoppedTasks.find((g) => /EssentialContainerExited/.test(g.reason))?.count).toBe(3);
  });
});
