import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClosableAwsGateway } from '../../src/aws';
import { applyPlan, planDeploy } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import type { DeployRequest } from '../../src/deploy/plan/types';
import type { RunningSimulator } from '../../src/sim';
import { buildRepository, ecrImageUri } from '../../src/sim/services/ecr/builder';
import { buildService } from '../../src/sim/services/ecs/builder';
import { simGateway } from '../helpers/gateway';
import { startTestSim } from '../helpers/sim';

let sim: RunningSimulator;
let gw: ClosableAwsGateway;
const R = 'us-east-1';

beforeEach(async () => {
  sim = await startTestSim();
  buildRepository(sim.world, R, 'api', { images: [{ tag: 'v1' }, { tag: 'v2' }] });
  buildService(sim.world, R, {
    cluster: 'prod',
    name: 'api',
    image: ecrImageUri(sim.world, R, 'api', 'v1'),
    desiredCount: 2,
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: true },
      minimumHealthyPercent: 100,
      maximumPercent: 200,
    },
  });
  buildService(sim.world, R, {
    cluster: 'prod',
    name: 'payments',
    image: ecrImageUri(sim.world, R, 'api', 'v1'),
    controller: 'CODE_DEPLOY',
  });
  gw = await simGateway(sim);
});

afterEach(async () => {
  gw.close();
  await sim.close();
});

const request = (ref: string, extra: Partial<DeployRequest> = {}): DeployRequest => ({
  cluster: 'prod',
  service: 'api',
  strategy: 'rolling',
  target: { kind: 'image', images: [{ ref }], pinDigest: true },
  settings: {},
  ...extra,
});

describe('rolling plan', () => {
  it('resolves a tag to its ECR digest and says what it will call', async () => {
    const plan = await planDeploy(gw, request(':v2'));
    expect(plan.blockers).toEqual([]);
    const change = plan.imageChanges[0]!;
    expect(change.container).toBe('app');
    expect(change.to).toMatch(/api@sha256:[0-9a-f]{64}$/);
    expect(change.pinned).toBe(true);
    expect(plan.checks.find((c) => c.id === 'digest-pinned')?.status).toBe('pass');
    expect(plan.checks.find((c) => c.id === 'circuit-breaker')?.status).toBe('pass');
    expect(plan.calls.map((c) => c.operation)).toEqual(['RegisterTaskDefinition', 'UpdateService']);
    expect(plan.command).toContain(
      'ecs-rollout deploy --cluster prod --service api --strategy rolling --image :v2',
    );
    expect(plan.diff.some((l) => l.marker === '~' && l.text.includes('sha256'))).toBe(true);
    // planning changed nothing
    expect(sim.calls.count('ecs', 'RegisterTaskDefinition')).toBe(0);
    expect(sim.calls.count('ecs', 'UpdateService')).toBe(0);
  });

  it('fails the image check, before anything changes, for a tag that is not in ECR', async () => {
    const plan = await planDeploy(gw, request(':v9'));
    const check = plan.checks.find((c) => c.id === 'image-exists:app');
    expect(check?.status).toBe('fail');
    expect(plan.blockers.join()).toMatch(/image exists/);
    await expect(applyPlan(gw, plan, new RecordingIoHost())).rejects.toThrow(/failing checks/);
    expect(sim.calls.count('ecs', 'RegisterTaskDefinition')).toBe(0);
  });

  it('names the containers when asked for one that does not exist', async () => {
    const target = {
      kind: 'image' as const,
      images: [{ container: 'web', ref: ':v2' }],
      pinDigest: true,
    };
    await expect(planDeploy(gw, request(':v2', { target }))).rejects.toThrow(
      'task definition api has no container "web"',
    );
  });

  it('refuses a malformed image reference with what is wrong', async () => {
    await expect(planDeploy(gw, request('API:v2'))).rejects.toThrow(/bad repository part "API"/);
  });

  it('points a CODE_DEPLOY service at its own strategy', async () => {
    await expect(planDeploy(gw, request(':v2', { service: 'payments' }))).rejects.toThrow(
      /CodeDeploy blue\/green/,
    );
  });

  it('rejects settings out of AWS range with the reason', async () => {
    await expect(
      planDeploy(gw, request(':v2', { settings: { maximumPercent: 250 } })),
    ).rejects.toThrow(/maximum percent must be at most 200/);
  });

  it('applies: registers the pinned revision, updates the service and follows the new deployment', async () => {
    const plan = await planDeploy(gw, request(':v2'));
    const io = new RecordingIoHost();
    const controller = await applyPlan(gw, plan, io);
    expect(io.confirmations).toHaveLength(1);
    expect(io.codes()).toEqual(['ECSR_REGISTER_I2001', 'ECSR_DEPLOY_I2003']);
    const view = await controller.poll();
    expect(view.strategy).toBe('rolling');
    expect(view.targetTaskDefinitionArn).toMatch(/task-definition\/api:\d+$/);
    expect(view.deployments[0]?.role).toBe('PRIMARY');
    expect(view.actions.rollback.available).toBe(true);
    expect(view.actions.promote.available).toBe(false);
  });

  it('refuses a plan made before the service changed', async () => {
    const plan = await planDeploy(gw, request(':v2'));
    await applyPlan(gw, await planDeploy(gw, request(':v2')), new RecordingIoHost());
    await expect(applyPlan(gw, plan, new RecordingIoHost())).rejects.toThrow(
      /changed since the plan was made/,
    );
  });

  it('changes nothing when the person declines', async () => {
    const plan = await planDeploy(gw, request(':v2'));
    await expect(applyPlan(gw, plan, new RecordingIoHost(() => false))).rejects.toThrow(
      /cancelled; nothing was changed/,
    );
    expect(sim.calls.count('ecs', 'RegisterTaskDefinition')).toBe(0);
  });
});
