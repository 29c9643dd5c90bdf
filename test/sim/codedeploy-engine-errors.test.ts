import {
  CodeDeployClient,
  ContinueDeploymentCommand,
  CreateDeploymentCommand,
  DeploymentAlreadyCompletedException,
  DeploymentIsNotInReadyStateException,
  DeploymentLimitExceededException,
  GetApplicationRevisionCommand,
  GetDeploymentCommand,
  InvalidDeploymentWaitTypeException,
  InvalidRevisionException,
  StopDeploymentCommand,
  type DeploymentWaitType,
} from '@aws-sdk/client-codedeploy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import { codeDeployState } from '../../src/sim/services/codedeploy/model';
import {
  advanceUntil,
  buildCodeDeployWorld,
  type CodeDeployWorld,
} from '../helpers/codedeploy-world';
import { awsCli, sdkConfig, startTestSim } from '../helpers/sim';

const R = 'us-east-1';
let sim: RunningSimulator;
let cd: CodeDeployClient;
let w: CodeDeployWorld;

beforeEach(async () => {
  sim = await startTestSim();
  cd = new CodeDeployClient(sdkConfig(sim));
  w = buildCodeDeployWorld(sim.world, {
    blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 60 },
  });
});
afterEach(async () => {
  cd.destroy();
  await sim.close();
});

const create = (content: string) =>
  cd.send(
    new CreateDeploymentCommand({
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
      revision: { revisionType: 'AppSpecContent', appSpecContent: { content } },
    }),
  );
const status = (id: string) => codeDeployState(sim.world, R).deployments.get(id)!.status;
const count = () => codeDeployState(sim.world, R).deployments.size;
const taskSets = () => sim.world.region(R).ecs.clusters.get('prod')!.services.get('web')!.taskSets;
const cont = (deploymentId: string, type: string) =>
  cd.send(
    new ContinueDeploymentCommand({ deploymentId, deploymentWaitType: type as DeploymentWaitType }),
  );

describe('CodeDeploy engine: one deployment at a time per group', () => {
  it('refuses a second deployment while one is active, naming it, and takes one after', async () => {
    const { deploymentId: first } = await create(w.appSpec(w.revision('v2')));
    const before = count();
    const second = create(w.appSpec(w.current.arn));
    await expect(second).rejects.toBeInstanceOf(DeploymentLimitExceededException);
    await expect(second).rejects.toThrow(`'web-prod' already has an active Deployment '${first}'`);
    expect(count()).toBe(before);

    advanceUntil(sim, () => status(first!) === 'Ready');
    await cd.send(new StopDeploymentCommand({ deploymentId: first, autoRollbackEnabled: true }));
    advanceUntil(sim, () => status(first!) === 'Stopped');
    const rollback = codeDeployState(sim.world, R).deployments.get(first!)!.rollbackInfo!
      .rollbackDeploymentId!;
    // the rollback deployment is active too: still one at a time
    await expect(create(w.appSpec(w.current.arn))).rejects.toThrow(`'${rollback}'`);
    advanceUntil(sim, () => status(rollback) === 'Succeeded');
    const { deploymentId: third } = await create(w.appSpec(w.revision('v2')));
    expect(status(third!)).toBe('Created');
  });
});

describe('CodeDeploy engine: errors', () => {
  it('ContinueDeployment refuses a deployment that is not waiting, and a finished one', async () => {
    const { deploymentId } = await create(w.appSpec(w.revision('v2')));
    const id = deploymentId!;
    await expect(cont(id, 'READY_WAIT')).rejects.toBeInstanceOf(
      DeploymentIsNotInReadyStateException,
    );
    await expect(cont(id, 'TERMINATION_WAIT')).rejects.toThrow(
      /not waiting to terminate the original task set/,
    );
    await expect(cont(id, 'SOON')).rejects.toBeInstanceOf(InvalidDeploymentWaitTypeException);
    advanceUntil(sim, () => status(id) === 'Ready');
    await expect(cont(id, 'TERMINATION_WAIT')).rejects.toBeInstanceOf(
      DeploymentIsNotInReadyStateException,
    );
    // refusals changed nothing
    expect(status(id)).toBe('Ready');
    await cont(id, 'READY_WAIT');
    await expect(cont(id, 'READY_WAIT')).rejects.toThrow(
      /not in the Ready state \(it is InProgress\)/,
    );
    advanceUntil(sim, () => status(id) === 'Succeeded');
    await expect(cont(id, 'TERMINATION_WAIT')).rejects.toBeInstanceOf(
      DeploymentAlreadyCompletedException,
    );
    await expect(cd.send(new StopDeploymentCommand({ deploymentId: id }))).rejects.toBeInstanceOf(
      DeploymentAlreadyCompletedException,
    );
  });

  it('refuses AppSpec content it cannot read, creating nothing', async () => {
    const before = count();
    await expect(create('version: 0.0\nResources: [')).rejects.toBeInstanceOf(
      InvalidRevisionException,
    );
    await expect(create('{"version": 0.0, "Resources": []}')).rejects.toThrow(
      /exactly one TargetService/,
    );
    const noPort = w.appSpec(w.revision('v2')).replace(/ContainerPort: \d+/, 'ContainerPort: web');
    await expect(create(noPort)).rejects.toThrow(/ContainerPort must be a port number, got web/);
    expect(count()).toBe(before);
  });

  it.each([
    ['container name', 'api', 8080, /The container api does not exist in the task definition/],
    ['container port', 'app', 9090, /did not have a container port 9090 defined/],
  ])(
    'fails the deployment at Install for a wrong %s, before any task set',
    async (_, name, port, message) => {
      const { deploymentId } = await create(w.appSpec(w.revision('v2'), name, port));
      advanceUntil(sim, () => status(deploymentId!) === 'Failed');
      const d = codeDeployState(sim.world, R).deployments.get(deploymentId!)!;
      expect(d.errorInformation?.code).toBe('ECS_UPDATE_ERROR');
      expect(d.errorInformation?.message).toMatch(message);
      expect(d.target.lifecycleEvents.find((e) => e.name === 'Install')!.status).toBe('Failed');
      expect(taskSets()).toHaveLength(1);
      // nothing was rolled out, so there is nothing to roll back
      expect(d.rollbackInfo).toBeUndefined();
    },
  );

  it('a listener deleted under a running deployment fails it, and the simulator keeps serving', async () => {
    const { deploymentId } = await create(w.appSpec(w.revision('v2')));
    advanceUntil(sim, () => status(deploymentId!) === 'Ready');
    await cont(deploymentId!, 'READY_WAIT');
    sim.world.region(R).elbv2.listeners.delete(w.prodListener);
    advanceUntil(sim, () => status(deploymentId!) === 'Failed');
    const d = codeDeployState(sim.world, R).deployments.get(deploymentId!)!;
    expect(d.errorInformation).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(d.errorInformation!.message).toContain('internal error');
    const info = await cd.send(new GetDeploymentCommand({ deploymentId }));
    expect(info.deploymentInfo?.status).toBe('Failed');
  });

  it('GetApplicationRevision gives back the AppSpec GetDeployment leaves out', async () => {
    const content = w.appSpec(w.revision('v2'));
    const { deploymentId } = await create(content);
    const info = (await cd.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo!;
    expect(info.revision?.appSpecContent?.content).toBeUndefined();
    const sha256 = info.revision!.appSpecContent!.sha256!;
    const out = await cd.send(
      new GetApplicationRevisionCommand({
        applicationName: 'web',
        revision: { revisionType: 'AppSpecContent', appSpecContent: { sha256 } },
      }),
    );
    expect(out.revision?.appSpecContent?.content).toBe(content);
    expect(out.revisionInfo?.deploymentGroups).toEqual(['web-prod']);
  });
});

describe('the AWS CLI against the CodeDeploy engine', () => {
  it('creates a deployment and reads it back', async () => {
    const revision = JSON.stringify({
      revisionType: 'AppSpecContent',
      appSpecContent: { content: w.appSpec(w.revision('v2')) },
    });
    const created = (await awsCli(
      sim,
      'deploy',
      'create-deployment',
      '--application-name',
      'web',
      '--deployment-group-name',
      'web-prod',
      '--deployment-config-name',
      'CodeDeployDefault.ECSCanary10Percent5Minutes',
      '--revision',
      revision,
    )) as { deploymentId: string };
    expect(created.deploymentId).toMatch(/^d-[A-Z0-9]{9}$/);
    advanceUntil(sim, () => status(created.deploymentId) === 'Ready');
    const got = (await awsCli(
      sim,
      'deploy',
      'get-deployment',
      '--deployment-id',
      created.deploymentId,
    )) as { deploymentInfo: Record<string, unknown> };
    expect(got.deploymentInfo).toMatchObject({
      deploymentId: created.deploymentId,
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
      deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      status: 'Ready',
      creator: 'user',
      computePlatform: 'ECS',
    });
    await awsCli(
      sim,
      'deploy',
      'continue-deployment',
      '--deployment-id',
      created.deploymentId,
      '--deployment-wait-type',
      'READY_WAIT',
    );
    expect(status(created.deploymentId)).toBe('InProgress');
  });
});
