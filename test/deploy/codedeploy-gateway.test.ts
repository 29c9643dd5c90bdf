import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClosableAwsGateway } from '../../src/aws';
import type { RunningSimulator } from '../../src/sim';
import { buildEcsApplication } from '../../src/sim/services/codedeploy/builder';
import {
  advanceUntil,
  buildCodeDeployWorld,
  type CodeDeployWorld,
} from '../helpers/codedeploy-world';
import { simGateway } from '../helpers/gateway';
import { startTestSim } from '../helpers/sim';

// The gateway calls the CodeDeploy strategy added: batch reads for finding a service's
// deployment group, the one-call deployment target, and the AppSpec read-back.

let sim: RunningSimulator;
let gw: ClosableAwsGateway;
let w: CodeDeployWorld;

beforeEach(async () => {
  sim = await startTestSim();
  w = buildCodeDeployWorld(sim.world);
  buildEcsApplication(sim.world, { name: 'billing' });
  gw = await simGateway(sim);
});
afterEach(async () => {
  gw.close();
  await sim.close();
});

describe('codedeploy gateway additions', () => {
  it('reads applications and deployment groups in batches, leaving out unknown groups', async () => {
    const apps = await gw.codedeploy.batchGetApplications(['web', 'billing']);
    expect(apps.map((a) => [a.name, a.computePlatform])).toEqual([
      ['web', 'ECS'],
      ['billing', 'ECS'],
    ]);
    const groups = await gw.codedeploy.batchGetDeploymentGroups('web', ['web-prod', 'nope']);
    expect(groups.map((g) => [g.name, g.ecsServices])).toEqual([
      ['web-prod', [{ clusterName: 'prod', serviceName: 'web' }]],
    ]);
  });

  it('reads the deployment target in one call once its id is known, and the AppSpec back', async () => {
    const content = w.appSpec(w.revision('v2'));
    const id = await gw.codedeploy.createDeployment({
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
      appSpecContent: content,
    });
    advanceUntil(
      sim,
      () => sim.world.region('us-east-1').codedeploy.deployments.get(id)!.status === 'InProgress',
    );
    const first = await gw.codedeploy.getEcsDeploymentTarget(id);
    expect(first?.targetId).toBe('prod:web');
    const before = sim.calls.count('codedeploy', 'ListDeploymentTargets');
    const again = await gw.codedeploy.getEcsDeploymentTarget(id, { targetId: first!.targetId });
    expect(again?.lifecycleEvents.map((e) => e.name)).toHaveLength(8);
    expect(sim.calls.count('codedeploy', 'ListDeploymentTargets')).toBe(before);

    const d = await gw.codedeploy.getDeployment(id);
    expect(d.revisionSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await gw.codedeploy.getAppSpecContent('web', d.revisionSha256!)).toBe(content);
    expect(await gw.codedeploy.getAppSpecContent('web', '0'.repeat(64))).toBeUndefined();
  });
});
