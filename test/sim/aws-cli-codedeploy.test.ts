import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import {
  buildCompletedDeployment,
  buildEcsApplication,
  buildEcsDeploymentGroup,
} from '../../src/sim/services/codedeploy/builder';
import { simEnv, startTestSim } from '../helpers/sim';

const run = promisify(execFile);
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
const PROD =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/0123456789abcdef/1111111111111111';

let sim: RunningSimulator;
let deploymentId: string;

beforeEach(async () => {
  sim = await startTestSim();
  buildEcsApplication(sim.world, { name: 'web' });
  buildEcsApplication(sim.world, { name: 'billing' });
  buildEcsDeploymentGroup(sim.world, {
    applicationName: 'web',
    name: 'web-prod',
    clusterName: 'prod',
    serviceName: 'web',
    targetGroupNames: ['web-blue', 'web-green'],
    prodListenerArn: PROD,
  });
  deploymentId = buildCompletedDeployment(sim.world, {
    applicationName: 'web',
    groupName: 'web-prod',
    createdAt: sim.world.now - 3_600_000,
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
  });
});
afterEach(async () => {
  await sim.close();
});

/** The real AWS CLI; older CLIs ignore AWS_ENDPOINT_URL, so the endpoint goes on the command line. */
async function aws(...args: string[]): Promise<unknown> {
  const { stdout } = await run(AWS, [...args, '--endpoint-url', sim.endpoint, '--output', 'json'], {
    env: simEnv(sim),
  });
  return JSON.parse(stdout);
}

describe('AWS CLI against the CodeDeploy simulator', () => {
  it('aws deploy list-applications', async () => {
    expect(await aws('deploy', 'list-applications')).toEqual({ applications: ['billing', 'web'] });
  });

  it('aws deploy get-deployment-group', async () => {
    const out = (await aws(
      'deploy',
      'get-deployment-group',
      '--application-name',
      'web',
      '--deployment-group-name',
      'web-prod',
    )) as { deploymentGroupInfo: Record<string, unknown> };
    expect(out.deploymentGroupInfo).toMatchObject({
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
      computePlatform: 'ECS',
      ecsServices: [{ serviceName: 'web', clusterName: 'prod' }],
      loadBalancerInfo: {
        targetGroupPairInfoList: [
          {
            targetGroups: [{ name: 'web-blue' }, { name: 'web-green' }],
            prodTrafficRoute: { listenerArns: [PROD] },
          },
        ],
      },
      lastSuccessfulDeployment: { deploymentId, status: 'Succeeded' },
    });
    // epoch-second timestamps on the wire come out of the CLI as ISO text
    expect(
      (out.deploymentGroupInfo['lastSuccessfulDeployment'] as { createTime: string }).createTime,
    ).toMatch(/^2026-11-26T08:00:00/);
  });

  it('reports a missing group with the CodeDeploy exception name', async () => {
    const err = (await run(
      AWS,
      [
        'deploy',
        'get-deployment-group',
        '--application-name',
        'web',
        '--deployment-group-name',
        'nope',
        '--endpoint-url',
        sim.endpoint,
      ],
      { env: simEnv(sim) },
    ).catch((e: unknown) => e)) as { stderr: string };
    expect(err.stderr).toContain('DeploymentGroupDoesNotExistException');
  });
});
