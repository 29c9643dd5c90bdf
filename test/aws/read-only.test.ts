import { CreateClusterCommand, DeleteServiceCommand } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import type { CallRecorder } from '../../src/aws';
import { isMutatingOperation, MUTATING_OPERATIONS, type ClosableAwsGateway } from '../../src/aws';
import { ClientFactory } from '../../src/aws/client-factory';
import { buildService } from '../../src/sim/services/ecs/builder';
import { SIM_CREDENTIALS } from '../helpers/sim';
import { failure, simAndGateway } from './helpers';

const RULE = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/a/1/2/3';
const TD_DOC = {
  family: 'web',
  containerDefinitions: [{ name: 'app', image: 'nginx', memory: 128 }],
};

/** Every mutating gateway method, with plausible arguments. */
function mutations(gw: ClosableAwsGateway): [string, () => Promise<unknown>][] {
  return [
    ['RegisterTaskDefinition', () => gw.ecs.registerTaskDefinition(TD_DOC, {})],
    [
      'UpdateService',
      () => gw.ecs.updateService({ cluster: 'prod', service: 'api', desiredCount: 0 }),
    ],
    ['StopServiceDeployment', () => gw.ecs.stopServiceDeployment('arn:sd', 'ROLLBACK')],
    [
      'ContinueServiceDeployment',
      () => gw.ecs.continueServiceDeployment('arn:sd', 'hook', 'CONTINUE'),
    ],
    [
      'ModifyRule',
      () =>
        gw.elb.modifyRuleActions(RULE, [{ type: 'forward', targetGroupArn: 'arn:tg', raw: {} }]),
    ],
    ['AddTags', () => gw.elb.addTags(RULE, { a: 'b' })],
    ['RemoveTags', () => gw.elb.removeTags(RULE, ['a'])],
    [
      'CreateDeployment',
      () =>
        gw.codedeploy.createDeployment({
          applicationName: 'a',
          deploymentGroupName: 'g',
          appSpecContent: '{}',
        }),
    ],
    ['ContinueDeployment', () => gw.codedeploy.continueDeployment('d-1', 'READY_WAIT')],
    ['StopDeployment', () => gw.codedeploy.stopDeployment('d-1', true)],
  ];
}

describe('read-only mode', () => {
  it('refuses every mutating gateway method before anything reaches AWS', async () => {
    const { sim, gw } = await simAndGateway({ readOnly: true });
    buildService(sim.world, 'us-east-1', { cluster: 'prod', name: 'api', image: 'api:1' });
    const calls = mutations(gw);
    for (const [operation, call] of calls) {
      const err = await failure(call());
      expect(err, operation).toMatchObject({
        name: 'AwsError',
        kind: 'read-only',
        operation,
        retryable: false,
      });
      expect(err.message).toMatch(/^refused [a-z]+:\w+.*: ecs-rollout is in read-only mode$/);
      expect(err.hint).toBe('restart without --read-only to make changes');
    }
    expect(sim.calls.all()).toEqual([]);
    expect(gw.calls.mutatingAttempts()).toBe(calls.length);
    expect(gw.calls.mutatingSent()).toBe(0);
    expect(gw.calls.count()).toBe(0);
    expect((gw.calls as CallRecorder).refused()).toBe(calls.length);

    // reads still go out
    expect((await gw.ecs.describeServices('prod', ['api'])).services).toHaveLength(1);
    expect(sim.calls.count('ecs', 'DescribeServices')).toBe(1);
    expect(gw.calls.count('ecs', 'DescribeServices')).toBe(1);
  });

  it('names the resource a refused call was about', async () => {
    const { gw } = await simAndGateway({ readOnly: true });
    const err = await failure(
      gw.ecs.updateService({ cluster: 'prod', service: 'api', desiredCount: 0 }),
    );
    expect(err.message).toBe(
      'refused ecs:UpdateService on service "api" in cluster "prod": ecs-rollout is in read-only mode',
    );
  });

  it('guards raw SDK calls too, including operations on no list', async () => {
    const { sim } = await simAndGateway();
    const factory = new ClientFactory({
      region: 'us-east-1',
      endpointUrl: sim.endpoint,
      credentials: SIM_CREDENTIALS,
      readOnly: true,
    });
    try {
      const ecs = factory.get('ecs');
      await expect(ecs.send(new DeleteServiceCommand({ service: 'api' }))).rejects.toMatchObject({
        kind: 'read-only',
      });
      await expect(ecs.send(new CreateClusterCommand({ clusterName: 'x' }))).rejects.toMatchObject({
        kind: 'read-only',
      });
      expect(sim.calls.all()).toEqual([]);
      expect(factory.calls.refused('ecs')).toBe(2);
    } finally {
      factory.destroy();
    }
  });

  it('classifies operations: lists and describes are reads, everything else mutates', () => {
    for (const op of [
      'ListServices',
      'DescribeServices',
      'GetDeployment',
      'BatchGetDeployments',
      'GetMetricData',
      'GetCallerIdentity',
    ])
      expect(isMutatingOperation(op), op).toBe(false);
    for (const op of [
      ...MUTATING_OPERATIONS,
      'CreateCluster',
      'ExecuteCommand',
      'Listen',
      'Getaway',
    ])
      expect(isMutatingOperation(op), op).toBe(true);
  });

  it('does count mutating calls that are sent when not read-only', async () => {
    const { sim, gw } = await simAndGateway();
    buildService(sim.world, 'us-east-1', { cluster: 'prod', name: 'api', image: 'api:1' });
    await gw.ecs.updateService({ cluster: 'prod', service: 'api', desiredCount: 3 });
    expect(gw.calls.mutatingAttempts()).toBe(1);
    expect(gw.calls.mutatingSent()).toBe(1);
    expect(gw.calls.snapshot()).toEqual({ 'ecs:UpdateService': 1 });
    gw.calls.reset();
    expect(gw.calls.snapshot()).toEqual({});
    expect(gw.calls.mutatingAttempts()).toBe(0);
  });
});
