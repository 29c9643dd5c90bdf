import { describe, expect, it } from 'vitest';
import { codeDeployState } from '../../src/sim/services/codedeploy/model';
import {
  advanceUntil,
  buildCodeDeployWorld,
  type CodeDeployWorldOptions,
} from '../helpers/codedeploy-world';
import { failure, simAndGateway } from './helpers';

const R = 'us-east-1';

async function setup(opts: CodeDeployWorldOptions = {}) {
  const { sim, gw } = await simAndGateway();
  const w = buildCodeDeployWorld(sim.world, opts);
  const status = (id: string) => codeDeployState(sim.world, R).deployments.get(id)?.status;
  const create = (description?: string) =>
    gw.codedeploy.createDeployment({
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
      appSpecContent: w.appSpec(w.revision('v2')),
      ...(description ? { description } : {}),
    });
  return { sim, gw, w, status, create };
}

describe('codedeploy gateway: control', () => {
  it('creates a deployment from AppSpec content and continues it past the ready wait', async () => {
    const { sim, gw, status, create } = await setup({
      blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 30 },
    });
    const id = await create('release 2');
    expect(id).toMatch(/^d-[A-Z0-9]{9}$/);
    expect(await gw.codedeploy.getDeployment(id)).toMatchObject({
      id,
      description: 'release 2',
      creator: 'user',
    });

    advanceUntil(sim, () => status(id) === 'Ready', { what: 'Ready' });
    expect((await gw.codedeploy.getDeployment(id)).status).toBe('Ready');
    const target = await gw.codedeploy.getEcsDeploymentTarget(id);
    expect(target?.lifecycleEvents.find((e) => e.name === 'AfterAllowTestTraffic')?.status).toBe(
      'Succeeded',
    );

    await gw.codedeploy.continueDeployment(id, 'READY_WAIT');
    advanceUntil(sim, () => status(id) === 'Succeeded', { what: 'Succeeded' });
    const done = await gw.codedeploy.getDeployment(id);
    expect(done.status).toBe('Succeeded');

    const again = await failure(gw.codedeploy.continueDeployment(id, 'READY_WAIT'));
    expect(again).toMatchObject({ service: 'codedeploy', operation: 'ContinueDeployment' });
    expect(again).toMatchObject({ kind: 'conflict', code: 'DeploymentAlreadyCompletedException' });
    expect(again.message).toBe(
      `codedeploy:ContinueDeployment on deployment "${id}" conflicts with the current state (DeploymentAlreadyCompletedException): the deployment ${id} has already completed with status Succeeded`,
    );
    expect(again.hint).toBe('the deployment has moved on: refresh to see where it is now');
  });

  it('reads the target in one call once its id is known, and the AppSpec back by sha256', async () => {
    const { sim, gw, w, status } = await setup();
    const content = w.appSpec(w.revision('v2'));
    const id = await gw.codedeploy.createDeployment({
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
      appSpecContent: content,
    });
    advanceUntil(sim, () => status(id) === 'InProgress', { what: 'InProgress' });
    const first = await gw.codedeploy.getEcsDeploymentTarget(id);
    expect(gw.calls.count('codedeploy', 'ListDeploymentTargets')).toBe(1);
    const again = await gw.codedeploy.getEcsDeploymentTarget(id, { targetId: first!.targetId });
    expect(again?.targetId).toBe('prod:web');
    expect(gw.calls.count('codedeploy', 'ListDeploymentTargets')).toBe(1);
    expect(gw.calls.count('codedeploy', 'GetDeploymentTarget')).toBe(2);

    const d = await gw.codedeploy.getDeployment(id);
    expect(d.revisionSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await gw.codedeploy.getAppSpecContent('web', d.revisionSha256!)).toBe(content);
    expect(await gw.codedeploy.getAppSpecContent('web', '0'.repeat(64))).toBeUndefined();
    const noApp = await failure(gw.codedeploy.getAppSpecContent('ghost', d.revisionSha256!));
    expect(noApp).toMatchObject({ kind: 'not-found', message: 'application "ghost" not found' });
  });

  it('refuses a second deployment while one runs, as a conflict', async () => {
    const { create } = await setup();
    await create();
    const err = await failure(create());
    expect(err).toMatchObject({
      kind: 'conflict',
      code: 'DeploymentLimitExceededException',
      retryable: false,
    });
    expect(err.message).toContain(
      'codedeploy:CreateDeployment on deployment group "web-prod" in application "web" conflicts',
    );
  });

  it('stops a deployment with rollback and reports what CodeDeploy said', async () => {
    const { sim, gw, status, create } = await setup();
    const id = await create();
    advanceUntil(sim, () => status(id) === 'InProgress', { what: 'InProgress' });
    const stopped = await gw.codedeploy.stopDeployment(id, true);
    expect(stopped.status).toMatch(/Pending|Succeeded/);
    advanceUntil(sim, () => status(id) === 'Stopped', { what: 'Stopped' });
    const d = await gw.codedeploy.getDeployment(id);
    expect(d.status).toBe('Stopped');
    expect(d.rollbackInfo?.rollbackDeploymentId).toMatch(/^d-/);
    const late = await failure(gw.codedeploy.stopDeployment(id, false));
    expect(late).toMatchObject({ kind: 'conflict', code: 'DeploymentAlreadyCompletedException' });
  });
});
