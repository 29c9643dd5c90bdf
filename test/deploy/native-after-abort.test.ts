import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClosableAwsGateway } from '../../src/aws';
import { attachRollout } from '../../src/deploy/attach';
import { applyPlan, planDeploy } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import { inProgressDeployment } from '../../src/deploy/plan/service-context';
import type { DeployRequest } from '../../src/deploy/plan/types';
import { rollbackCandidates } from '../../src/deploy/rollback-targets';
import { serviceDeploymentOutcome } from '../../src/deploy/rolling/service-deployment-outcome';
import { stillActionable } from '../../src/deploy/settled';
import type { RolloutController, RolloutView } from '../../src/deploy/types';
import { buildRepository, ecrImageUri } from '../../src/sim/services/ecr/builder';
import { simGateway } from '../helpers/gateway';
import { startTestSim } from '../helpers/sim';
import { nativeService, REGION, S, type NativeWorld, type Sim } from '../sim/native-helpers';

// After `a` (StopServiceDeployment ABORT) the deployment is STOPPED, a completed state
// (aws-semantics C.3; AWS's "service deployment states": STOP_REQUESTED -> STOPPED): both
// revisions keep running and the weights stay, "until you deploy or roll back". So the next
// deployment, and a rollback to the revision blue runs, must be allowed: ECS reconciles the
// stopped revision away first (RECONCILE_SERVICE, C.2).

let sim: Sim;
let gw: ClosableAwsGateway;
let w: NativeWorld;
const now = () => new Date(sim.world.now);

beforeEach(async () => {
  sim = await startTestSim();
  buildRepository(sim.world, REGION, 'web', {
    images: [{ tag: 'v1' }, { tag: 'v2' }, { tag: 'v3' }],
  });
  w = nativeService(sim, {
    image: ecrImageUri(sim.world, REGION, 'web', 'v1'),
    config: {
      strategy: 'LINEAR',
      bakeTimeInMinutes: 1,
      linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 },
    },
  });
  gw = await simGateway(sim);
});
afterEach(async () => {
  gw.close();
  await sim.close();
});

const request = (
  target: DeployRequest['target'],
  settings: Record<string, unknown> = {},
): DeployRequest => ({ cluster: 'prod', service: 'web', strategy: 'linear', target, settings });
const image = (tag: string): DeployRequest['target'] => ({
  kind: 'image',
  images: [{ ref: `:${tag}` }],
  pinDigest: true,
});

async function pollUntil(
  ctrl: RolloutController,
  done: (v: RolloutView) => boolean,
  maxPolls = 400,
  every = 5 * S,
): Promise<RolloutView> {
  for (let i = 0; i < maxPolls; i++) {
    const view = await ctrl.poll();
    if (done(view)) return view;
    sim.advance(every);
  }
  const last = await ctrl.poll();
  throw new Error(
    `rollout did not reach the expected state: ${last.stateLabel} ${last.outcome?.reason ?? ''} ${JSON.stringify(last.deployments)} ${JSON.stringify(last.traffic)}`,
  );
}

const production = (v: RolloutView, label: 'blue' | 'green') =>
  v.traffic.find((t) => t.route === 'production' && t.label === label)?.actualWeight;

async function service() {
  const { services } = await gw.ecs.describeServices('prod', ['web'], { includeTags: true });
  return services[0]!;
}

async function abortAt(
  settings: Record<string, unknown>,
  where: (v: RolloutView) => boolean,
): Promise<RolloutView> {
  const plan = await planDeploy(gw, request(image('v2'), settings), { now });
  expect(plan.blockers).toEqual([]);
  const ctrl = await applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true });
  await pollUntil(ctrl, where);
  const r = await ctrl.act('abort', new RecordingIoHost());
  expect(r.ok).toBe(true);
  return pollUntil(ctrl, (v) => v.state === 'STOPPED');
}

describe('ECS-native after an abort', () => {
  it('is not "in progress": rollback to latest-good plans without blockers and completes on blue', async () => {
    const stopped = await abortAt({ pauseStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] }, (v) => {
      return v.state === 'PAUSED';
    });
    expect(stopped.outcome).toMatchObject({ kind: 'STOPPED', trigger: 'operator' });
    expect(stillActionable(stopped)).toBe(false);

    const svc = await service();
    // both revisions still run, but nothing moves: not a rollout in progress
    expect(svc.deployments.length).toBe(2);
    expect(inProgressDeployment(svc)).toBeUndefined();
    // nothing to attach to; how it ended names the operator (the stop closed the pause hook)
    expect(await attachRollout(gw, 'prod', svc, { now })).toBeUndefined();
    const [sd] = await gw.ecs.describeServiceDeployments([svc.currentServiceDeploymentArn!]);
    expect(serviceDeploymentOutcome(sd!)).toMatchObject({ kind: 'STOPPED', trigger: 'operator' });

    // rollback --to latest-good: the revision production still runs (blue, web:1)
    const candidates = await rollbackCandidates(gw, svc, 'prod');
    const latestGood = candidates.find((c) => !c.current)!;
    expect(latestGood.revisionLabel).toBe('web:1');
    const plan = await planDeploy(
      gw,
      request(
        { kind: 'revision', taskDefinition: latestGood.taskDefinitionArn },
        { pauseStages: [] },
      ),
      { now },
    );
    expect(plan.blockers).toEqual([]);
    expect(plan.checks.find((c) => c.id === 'nothing-in-progress')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/stopped where it stood.*replaces it/),
    });
    const back = await applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true });
    const done = await pollUntil(back, (v) => v.state === 'SUCCEEDED' || v.state === 'FAILED');
    expect(done.state).toBe('SUCCEEDED');
    expect(production(done, 'green')).toBe(100);
    const after = await service();
    expect(after.deployments.map((d) => [d.status, d.rolloutState])).toEqual([
      ['PRIMARY', 'COMPLETED'],
    ]);
    expect(after.taskDefinitionArn).toBe(latestGood.taskDefinitionArn);
  });

  it('while one runs, the plan check names the way on without app keys (shared with the CLI)', async () => {
    const plan = await planDeploy(gw, request(image('v2'), { pauseStages: ['POST_SCALE_UP'] }), {
      now,
    });
    await applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true });
    const next = await planDeploy(gw, request(image('v3')), { now });
    const check = next.checks.find((c) => c.id === 'nothing-in-progress')!;
    expect(check.status).toBe('fail');
    expect(check.detail).toMatch(
      /is IN_PROGRESS: watch it or wait for it to finish before deploying$/,
    );
    expect(check.detail).not.toMatch(/\([a-zA-Z]\)/);
  });

  it('stopped with production split: the next deploy is allowed and ECS reconciles first', async () => {
    await abortAt({}, (v) => production(v, 'green') === 25);
    const plan = await planDeploy(gw, request(image('v3')), { now });
    expect(plan.blockers).toEqual([]);
    expect(plan.checks.find((c) => c.id.startsWith('production-split:'))).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/production is split .*RECONCILE_SERVICE/),
    });
    const ctrl = await applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true });
    const done = await pollUntil(ctrl, (v) => v.state === 'SUCCEEDED' || v.state === 'FAILED');
    expect(done.state).toBe('SUCCEEDED');
    expect(done.stages.map((s) => s.name)).toContain('RECONCILE_SERVICE');
    const after = await service();
    expect(after.deployments).toHaveLength(1);
    expect(after.deployments[0]!.rolloutState).toBe('COMPLETED');
    expect(w.service.deployments[0]!.taskDefinition).toMatch(/web:3$/);
  });
});
