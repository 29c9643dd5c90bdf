import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../src/aws';
import { buildService } from '../../src/sim/services/ecs/builder';
import { failure, simAndGateway } from './helpers';

beforeAll(() => {
  // profile-based tests must not read the developer's own ~/.aws
  const dir = mkdtempSync(join(tmpdir(), 'ecs-rollout-aws-'));
  writeFileSync(join(dir, 'config'), '');
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'config');
});

describe('errors from a misbehaving AWS', () => {
  it('retries throttling 3 times, then surfaces it as throttled and tells subscribers', async () => {
    const { sim, gw } = await simAndGateway();
    const events: CallEvent[] = [];
    gw.calls.subscribe((e) => events.push(e));
    sim.faults.add({ kind: 'throttle', service: 'ecs', operation: 'ListClusters' });
    const err = await failure(gw.ecs.listClusterArns());
    expect(err).toMatchObject({
      name: 'AwsError',
      kind: 'throttled',
      code: 'ThrottlingException',
      retryable: true,
      operation: 'ListClusters',
    });
    expect(err.message).toBe(
      'ecs:ListClusters was throttled by aws (ThrottlingException) after 3 attempts',
    );
    expect(err.hint).toContain('slows its polling');
    expect(sim.calls.count('ecs', 'ListClusters')).toBe(3);
    expect(gw.calls.count('ecs', 'ListClusters')).toBe(1);
    expect(events).toEqual([
      expect.objectContaining({
        service: 'ecs',
        operation: 'ListClusters',
        outcome: 'error',
        errorKind: 'throttled',
        attempts: 3,
        mutating: false,
      }),
    ]);
  });

  it('rides out one throttle through the SDK retry', async () => {
    const { sim, gw } = await simAndGateway();
    buildService(sim.world, 'us-east-1', { cluster: 'prod', name: 'api', image: 'api:1' });
    sim.faults.add({ kind: 'throttle', service: 'ecs', operation: 'ListServices', times: 1 });
    expect(await gw.ecs.listServiceArns('prod')).toHaveLength(1);
    expect(sim.calls.count('ecs', 'ListServices')).toBe(2);
  });

  it('denies one operation only, naming the action and the resource', async () => {
    const { sim, gw } = await simAndGateway();
    buildService(sim.world, 'us-east-1', { cluster: 'prod', name: 'api', image: 'api:1' });
    sim.faults.add({ kind: 'access-denied', service: 'ecs', operation: 'UpdateService' });
    expect((await gw.ecs.describeServices('prod', ['api'])).services).toHaveLength(1);
    const err = await failure(
      gw.ecs.updateService({ cluster: 'prod', service: 'api', desiredCount: 3 }),
    );
    expect(err).toMatchObject({
      kind: 'access-denied',
      code: 'AccessDeniedException',
      retryable: false,
    });
    expect(err.message).toBe(
      'not allowed to call ecs:UpdateService on service "api" in cluster "prod"',
    );
    expect(err.hint).toContain('grant ecs:UpdateService');
    expect(sim.calls.count('ecs', 'UpdateService')).toBe(1);
  });

  it('maps expired credentials and points at aws sso login for the profile', async () => {
    const { sim, gw } = await simAndGateway({ profile: 'dev' });
    sim.faults.add({ kind: 'expired-token', service: 'elbv2' });
    const err = await failure(gw.elb.describeLoadBalancers({}));
    expect(err).toMatchObject({
      kind: 'credentials-expired',
      code: 'ExpiredToken',
      service: 'elbv2',
    });
    expect(err.hint).toContain('aws sso login --profile dev');
  });

  it('maps HTTP 500 and 503 to server after retries', async () => {
    const { sim, gw } = await simAndGateway();
    sim.faults.add({ kind: 'http500', service: 'ecs', operation: 'ListClusters' });
    const err = await failure(gw.ecs.listClusterArns());
    expect(err).toMatchObject({ kind: 'server', code: 'ServerException', retryable: true });
    expect(err.message).toBe('aws had an internal error on ecs:ListClusters (ServerException)');
    expect(sim.calls.count('ecs', 'ListClusters')).toBe(3);
    sim.faults.clear();
    sim.faults.add({ kind: 'http503', service: 'codedeploy' });
    expect(await failure(gw.codedeploy.listApplications())).toMatchObject({
      kind: 'server',
      service: 'codedeploy',
    });
  });

  it('maps a reset connection to network and names the endpoint', async () => {
    const { sim, gw } = await simAndGateway();
    sim.faults.add({ kind: 'reset', service: 'ecs' });
    const err = await failure(gw.ecs.listClusterArns());
    expect(err).toMatchObject({ kind: 'network', code: 'ECONNRESET', retryable: true });
    expect(err.message).toBe(`could not reach ${sim.endpoint} for ecs:ListClusters (ECONNRESET)`);
    expect(err.hint).toContain('--endpoint-url');
  });

  it('maps an unreadable reply (JSON and XML) to server, without retrying', async () => {
    const { sim, gw } = await simAndGateway();
    sim.faults.add({ kind: 'malformed', service: 'ecs' });
    const json = await failure(gw.ecs.listClusterArns());
    expect(json).toMatchObject({ kind: 'server', code: 'MalformedResponse' });
    expect(json.message).toMatch(/^ecs:ListClusters returned a reply that could not be read \(/);
    expect(json.message).not.toContain('\n');
    expect(sim.calls.count('ecs', 'ListClusters')).toBe(1);
    sim.faults.clear();
    sim.faults.add({ kind: 'malformed', service: 'elbv2' });
    expect(await failure(gw.elb.describeLoadBalancers({}))).toMatchObject({
      kind: 'server',
      code: 'MalformedResponse',
    });
  });

  it('fails a hung request after the configured request timeout', async () => {
    const { sim, gw } = await simAndGateway({ requestTimeoutMs: 200 });
    sim.faults.add({ kind: 'hang', service: 'ecs', operation: 'DescribeClusters' });
    const err = await failure(gw.ecs.describeClusters(['prod']));
    expect(err).toMatchObject({ kind: 'timeout', retryable: true, operation: 'DescribeClusters' });
    expect(err.message).toBe(
      `ecs:DescribeClusters timed out after 0.2 s waiting for ${sim.endpoint}`,
    );
    expect(sim.calls.count('ecs', 'DescribeClusters')).toBe(3);
  });

  it('cancels a call through its AbortSignal, without retrying', async () => {
    const { sim, gw } = await simAndGateway();
    sim.faults.add({ kind: 'hang', service: 'ecs' });
    const controller = new AbortController();
    const pending = failure(gw.ecs.listClusterArns({ signal: controller.signal }));
    await expect.poll(() => sim.calls.count('ecs', 'ListClusters')).toBe(1);
    controller.abort();
    const err = await pending;
    expect(err).toMatchObject({ kind: 'aborted', retryable: false });
    expect(err.message).toBe('ecs:ListClusters was cancelled');
    expect(sim.calls.count('ecs', 'ListClusters')).toBe(1);
  });

  it('maps a refused connection to network with a hint about the endpoint', async () => {
    const { sim, gw } = await simAndGateway();
    await sim.close();
    const err = await failure(gw.sts.getCallerIdentity());
    expect(err).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', service: 'sts' });
    expect(err.message).toBe(
      `could not reach ${sim.endpoint} for sts:GetCallerIdentity (ECONNREFUSED)`,
    );
    expect(err.hint).toBe(
      `is anything listening at ${sim.endpoint}? check --endpoint-url / AWS_ENDPOINT_URL`,
    );
  });
});
