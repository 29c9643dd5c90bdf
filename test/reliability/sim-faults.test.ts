import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClosableAwsGateway } from '../../src/aws';
import { parseFaultSpec, startSimulator } from '../../src/sim';
import { buildService } from '../../src/sim/services/ecs/builder';
import { BINARY } from '../helpers/binary';
import { simGateway } from '../helpers/gateway';
import { startTestSim } from '../helpers/sim';

// Fault injection as the issue lists it, by flag (`ecs-rollout sim --fault`) and by the test API
// (`sim.faults.add`), against the real SDK gateway: each fault reaches the app as the error a
// person can act on. (The per-kind error words are in test/aws/errors-faults.test.ts.)

const run = promisify(execFile);
type Sim = Awaited<ReturnType<typeof startTestSim>>;
let sim: Sim | undefined;
let gw: ClosableAwsGateway | undefined;
afterEach(async () => {
  gw?.close();
  await sim?.close();
  sim = gw = undefined;
});

async function world(opts: Parameters<typeof startTestSim>[0] = {}) {
  sim = await startTestSim(opts);
  buildService(sim.world, 'us-east-1', { cluster: 'prod', name: 'api', image: 'api:1' });
  gw = await simGateway(sim, { requestTimeoutMs: 300 });
  return { sim, gw };
}

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as { kind: string; code: string; message: string; hint?: string },
  );

describe('--fault syntax', () => {
  it('parses every kind, a latency value, a service or category, counts, shares and bursts', () => {
    for (const kind of [
      'throttle',
      'latency',
      'http500',
      'http503',
      'hang',
      'reset',
      'malformed',
      'access-denied',
      'expired-token',
      'lost-reply',
    ])
      expect(parseFaultSpec(kind)).toEqual({ kind });
    expect(parseFaultSpec('latency=2000:elbv2')).toEqual({
      kind: 'latency',
      latencyMs: 2000,
      service: 'elbv2',
    });
    expect(parseFaultSpec('throttle:ecs:DescribeServices@3')).toEqual({
      kind: 'throttle',
      service: 'ecs',
      operation: 'DescribeServices',
      times: 3,
    });
    expect(parseFaultSpec('throttle:ecs.serviceRead@50%')).toEqual({
      kind: 'throttle',
      category: 'ecs.serviceRead',
      probability: 0.5,
    });
    expect(parseFaultSpec('throttle:elbv2@5s')).toEqual({
      kind: 'throttle',
      service: 'elbv2',
      forMs: 5000,
    });
    expect(parseFaultSpec('http503:codedeploy@10%@2m')).toMatchObject({
      probability: 0.1,
      forMs: 120_000,
    });
  });

  it('refuses bad specs with what is wrong', () => {
    expect(() => parseFaultSpec('slow')).toThrow(/unknown fault "slow"; known: throttle,/);
    expect(() => parseFaultSpec('latency=soon')).toThrow(/whole milliseconds \(latency=2000\)/);
    expect(() => parseFaultSpec('throttle=5')).toThrow(/only latency takes a value/);
    expect(() => parseFaultSpec('throttle:lambda')).toThrow(/unknown service "lambda"/);
    expect(() => parseFaultSpec('throttle:ecs.everything')).toThrow(/unknown throttling category/);
    expect(() => parseFaultSpec('throttle@0')).toThrow(/count above 0/);
    expect(() => parseFaultSpec('throttle@150%')).toThrow(/at most 100%/);
  });

  it('`ecs-rollout sim` refuses a bad --fault and a non-loopback bind with exit 2', async () => {
    const bad = await run(process.execPath, [BINARY, 'sim', '--port', '0', '--fault', 'latency=x'])
      .then(() => ({ code: 0, stderr: '' }))
      .catch((e: { code: number; stderr: string }) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('ecs-rollout sim: --fault latency=x: only latency takes a value');
    const open = await run(process.execPath, [BINARY, 'sim', '--host', '0.0.0.0', '--port', '0'])
      .then(() => ({ code: 0, stderr: '' }))
      .catch((e: { code: number; stderr: string }) => e);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('refusing to listen on 0.0.0.0');
    await expect(startSimulator({ host: '192.168.1.10' })).rejects.toThrow(
      /only binds to loopback/,
    );
  });
});

describe('faults through the test API reach the app as errors it can act on', () => {
  it('throttles a whole category (ecs.serviceRead), not its neighbours', async () => {
    const { sim, gw } = await world();
    sim.faults.add({ kind: 'throttle', category: 'ecs.serviceRead' });
    expect(await failureOf(gw.ecs.listServiceArns('prod'))).toMatchObject({ kind: 'throttled' });
    expect(await failureOf(gw.ecs.describeServices('prod', ['api']))).toMatchObject({
      kind: 'throttled',
    });
    expect(await gw.ecs.listClusterArns()).toHaveLength(1);
  });

  it('a burst lapses after its simulated duration; a sustained share throttles about that share', async () => {
    const { sim, gw } = await world();
    sim.faults.add(parseFaultSpec('throttle:ecs@5s'));
    expect(await failureOf(gw.ecs.listClusterArns())).toMatchObject({ kind: 'throttled' });
    sim.advance(5_000);
    expect(await gw.ecs.listClusterArns()).toHaveLength(1);

    sim.faults.add(parseFaultSpec('throttle:ecs.clusterRead@50%'));
    let throttled = 0;
    for (let i = 0; i < 40; i++) if (await failureOf(gw.ecs.listClusterArns())) throttled++;
    expect(throttled).toBeGreaterThan(10);
    expect(throttled).toBeLessThan(30);
  });

  it('the rate limiter throttles past the documented burst and refills with simulated time', async () => {
    const { sim, gw } = await world({ rateLimits: 'aws' });
    let throttledAt = -1;
    for (let i = 0; i < 60 && throttledAt < 0; i++)
      if (await failureOf(gw.ecs.listClusterArns())) throttledAt = i;
    // ecs.clusterRead: 50 at once
    expect(throttledAt).toBe(50);
    sim.advance(1_000);
    expect(await gw.ecs.listClusterArns()).toHaveLength(1);
  });

  it('latency beyond the request timeout is a timeout; below it the call just takes longer', async () => {
    const { sim, gw } = await world();
    sim.faults.add(parseFaultSpec('latency=600:ecs:ListClusters@1'));
    expect(await failureOf(gw.ecs.listClusterArns())).toMatchObject({
      kind: 'timeout',
      message: expect.stringContaining('timed out after 0.3 s'),
    });
    sim.faults.add(parseFaultSpec('latency=50:ecs:ListClusters@1'));
    expect(await gw.ecs.listClusterArns()).toHaveLength(1);
  });

  it('expired credentials mid-session, then refreshed: the session carries on', async () => {
    const { sim, gw } = await world();
    expect(await gw.ecs.listClusterArns()).toHaveLength(1);
    const id = sim.faults.add({ kind: 'expired-token' });
    const expired = await failureOf(gw.ecs.describeServices('prod', ['api']));
    expect(expired).toMatchObject({ kind: 'credentials-expired', code: 'ExpiredTokenException' });
    expect(expired?.hint).toContain('aws sso login');
    sim.faults.remove(id);
    expect((await gw.ecs.describeServices('prod', ['api'])).services).toHaveLength(1);
  });

  it('access denied on one operation only; hang, 500, 503, reset, malformed and refused each map to their kind', async () => {
    const { sim, gw } = await world();
    sim.faults.add({ kind: 'access-denied', service: 'ecs', operation: 'UpdateService' });
    expect(
      await failureOf(gw.ecs.updateService({ cluster: 'prod', service: 'api', desiredCount: 2 })),
    ).toMatchObject({ kind: 'access-denied', code: 'AccessDeniedException' });
    expect((await gw.ecs.describeServices('prod', ['api'])).services).toHaveLength(1);
    sim.faults.clear();
    const kinds: [Parameters<typeof sim.faults.add>[0]['kind'], string][] = [
      ['hang', 'timeout'],
      ['http500', 'server'],
      ['http503', 'server'],
      ['reset', 'network'],
      ['malformed', 'server'],
    ];
    for (const [kind, expected] of kinds) {
      const id = sim.faults.add({ kind, service: 'ecs', operation: 'ListClusters', times: 1 });
      expect(await failureOf(gw.ecs.listClusterArns()), kind).toMatchObject({ kind: expected });
      sim.faults.remove(id);
    }
    await sim.close();
    // a new client: the old one's kept-alive socket would see the close as a reset
    gw.close();
    const fresh = await simGateway(sim);
    expect(await failureOf(fresh.ecs.listClusterArns())).toMatchObject({
      kind: 'network',
      code: 'ECONNREFUSED',
    });
    fresh.close();
  });
});
