import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/sim';
import { sdkConfig, startTestSim } from '../helpers/sim';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('simulator server', () => {
  it('answers STS GetCallerIdentity in awsQuery XML that the SDK parses', async () => {
    sim = await startTestSim();
    const sts = new STSClient(sdkConfig(sim));
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe('123456789012');
    expect(me.Arn).toContain(':user/');
  });

  it('answers an unimplemented operation with an AWS-shaped error and keeps serving', async () => {
    sim = await startTestSim();
    const ecs = new ECSClient(sdkConfig(sim));
    sim.faults.clear();
    // ListClusters is implemented by the ECS module; DeleteAttributes is not
    const { DeleteAttributesCommand } = await import('@aws-sdk/client-ecs');
    await expect(ecs.send(new DeleteAttributesCommand({ attributes: [] }))).rejects.toMatchObject({
      name: 'UnknownOperationException',
    });
    const sts = new STSClient(sdkConfig(sim));
    await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toBeTruthy();
    void ListClustersCommand;
  });

  it('refuses a non-loopback bind address', async () => {
    await expect(startSimulator({ host: '0.0.0.0' })).rejects.toThrow(/only binds to loopback/);
    await expect(startSimulator({ host: '10.1.2.3' })).rejects.toThrow(/only binds to loopback/);
  });

  it('says why a port is unusable', async () => {
    sim = await startTestSim();
    await expect(startSimulator({ port: sim.port })).rejects.toThrow(/already in use/);
    await expect(startSimulator({ port: 70000 })).rejects.toThrow(/0 to 65535/);
  });

  it('answers garbage with an AWS-shaped error and keeps serving', async () => {
    sim = await startTestSim();
    const bad = await fetch(sim.endpoint, {
      method: 'POST',
      headers: {
        'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ __type: 'SerializationException' });
    const none = await fetch(sim.endpoint, { method: 'POST', body: 'hello=world' });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('<ErrorResponse');
    const sts = new STSClient(sdkConfig(sim));
    await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toBeTruthy();
  });
});
