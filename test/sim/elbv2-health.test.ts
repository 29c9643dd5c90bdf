import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
  TargetGroupNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import {
  buildAlb,
  buildServiceRouting,
  buildTargetGroup,
} from '../../src/sim/services/elbv2/builder';
import {
  deregisterTarget,
  listTargets,
  onTargetHealthChange,
  registerTarget,
  setProbeResolver,
  setTargetProbe,
  targetHealth,
  type ProbeResult,
  type TargetHealthChange,
} from '../../src/sim/services/elbv2/targets';
import { sdkConfig, startTestSim } from '../helpers/sim';

let sim: RunningSimulator;
let elb: ElasticLoadBalancingV2Client;
let tg: string;
const region = 'us-east-1';
const S = 1000;

beforeEach(async () => {
  sim = await startTestSim();
  elb = new ElasticLoadBalancingV2Client(sdkConfig(sim));
  const alb = buildAlb(sim.world, { name: 'shop' });
  tg = buildServiceRouting(sim.world, {
    listenerArn: alb.httpListenerArn,
    serviceName: 'web',
    priority: 1,
  }).targetGroupArns[0]!;
});
afterEach(async () => {
  elb.destroy();
  await sim.close();
});

async function health(id = '10.0.1.10', port?: number) {
  const out = await elb.send(
    new DescribeTargetHealthCommand({ TargetGroupArn: tg, Targets: [{ Id: id, Port: port }] }),
  );
  return out.TargetHealthDescriptions![0]!;
}

describe('ELBv2 target health through the API', () => {
  it('a registered target goes initial -> healthy after one check interval', async () => {
    await elb.send(
      new RegisterTargetsCommand({
        TargetGroupArn: tg,
        Targets: [{ Id: '10.0.1.10', AvailabilityZone: 'us-east-1a' }],
      }),
    );
    expect(await health()).toEqual({
      Target: { Id: '10.0.1.10', Port: 8080, AvailabilityZone: 'us-east-1a' },
      HealthCheckPort: '8080',
      TargetHealth: {
        State: 'initial',
        Reason: 'Elb.RegistrationInProgress',
        Description: 'Target registration is in progress',
      },
    });
    sim.advance(5 * S);
    expect((await health()).TargetHealth).toMatchObject({
      State: 'initial',
      Reason: 'Elb.InitialHealthChecking',
    });
    sim.advance(25 * S - 1);
    expect((await health()).TargetHealth!.State).toBe('initial');
    sim.advance(1);
    expect((await health()).TargetHealth).toEqual({ State: 'healthy' });
    const all = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    expect(all.TargetHealthDescriptions).toHaveLength(1);
  });

  it('names an unregistered target as unused / Target.NotRegistered, lists only registered ones', async () => {
    const empty = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    expect(empty.TargetHealthDescriptions).toEqual([]);
    expect((await health('10.9.9.9')).TargetHealth).toEqual({
      State: 'unused',
      Reason: 'Target.NotRegistered',
      Description: 'Target is not registered to the target group',
    });
    await expect(
      elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: `${tg}0` })),
    ).rejects.toBeInstanceOf(TargetGroupNotFoundException);
    await expect(
      elb.send(new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: 'i-0abc' }] })),
    ).rejects.toMatchObject({ name: 'InvalidTargetException' });
  });

  it('a failing target turns unhealthy after UnhealthyThresholdCount checks', async () => {
    setProbeResolver(sim.world, region, () => () => 'fail');
    await elb.send(
      new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: '10.0.1.10' }] }),
    );
    sim.advance(30 * S);
    expect((await health()).TargetHealth!.State).toBe('initial');
    sim.advance(30 * S);
    expect((await health()).TargetHealth).toEqual({
      State: 'unhealthy',
      Reason: 'Target.ResponseCodeMismatch',
      Description: 'Health checks failed with these codes: [502]',
    });
  });

  it('DeregisterTargets drains for the deregistration delay, then the target is gone', async () => {
    await elb.send(
      new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: '10.0.1.10' }] }),
    );
    sim.advance(30 * S);
    await elb.send(
      new DeregisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: '10.0.1.10' }] }),
    );
    expect((await health()).TargetHealth).toEqual({
      State: 'draining',
      Reason: 'Target.DeregistrationInProgress',
      Description: 'Target deregistration is in progress',
    });
    sim.advance(300 * S - 1);
    expect((await health()).TargetHealth!.State).toBe('draining');
    sim.advance(1);
    expect((await health()).TargetHealth!.Reason).toBe('Target.NotRegistered');
    const all = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    expect(all.TargetHealthDescriptions).toEqual([]);
    // deregistering what is not there succeeds
    await elb.send(
      new DeregisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: '10.0.1.99' }] }),
    );
  });
});

describe('ELBv2 target health API for engines', () => {
  it('reports every transition to subscribers, in order', () => {
    const changes: TargetHealthChange[] = [];
    const off = onTargetHealthChange(sim.world, region, (c) => changes.push(c));
    let answer: ProbeResult = 'ok';
    registerTarget(sim.world, region, tg, { id: '10.0.2.1' }, () => answer);
    sim.advance(30 * S);
    answer = 'timeout';
    sim.advance(60 * S);
    answer = 503;
    sim.advance(30 * S);
    answer = 'ok';
    sim.advance(4 * 30 * S);
    expect(targetHealth(sim.world, region, tg, { id: '10.0.2.1' }).state).toBe('unhealthy');
    sim.advance(30 * S);
    let drained = 0;
    deregisterTarget(sim.world, region, tg, { id: '10.0.2.1' }, () => drained++);
    sim.advance(300 * S);
    off();
    expect(
      changes.map((c) => [
        c.current.state,
        c.current.reason ?? '',
        c.at - changes[0]!.at,
        c.removed,
      ]),
    ).toEqual([
      ['initial', 'Elb.RegistrationInProgress', 0, false],
      ['initial', 'Elb.InitialHealthChecking', 5 * S, false],
      ['healthy', '', 30 * S, false],
      ['unhealthy', 'Target.Timeout', 90 * S, false],
      ['unhealthy', 'Target.ResponseCodeMismatch', 120 * S, false],
      ['healthy', '', 270 * S, false],
      ['draining', 'Target.DeregistrationInProgress', 270 * S, false],
      ['unused', 'Target.NotRegistered', 570 * S, true],
    ]);
    expect(changes[3]!.current.description).toBe('Request timed out');
    expect(changes[4]!.current.description).toBe('Health checks failed with these codes: [503]');
    expect(changes[0]!.previous).toBeUndefined();
    expect(changes[2]!.previous).toMatchObject({ state: 'initial' });
    expect(changes[0]!.target).toEqual({ id: '10.0.2.1', port: 8080 });
    expect(drained).toBe(1);
    expect(listTargets(sim.world, region, tg)).toEqual([]);
  });

  it('starts healthy when asked, and a probe change restarts checks', () => {
    registerTarget(sim.world, region, tg, { id: '10.0.2.2' }, undefined, {
      initiallyHealthy: true,
    });
    expect(targetHealth(sim.world, region, tg, { id: '10.0.2.2' })).toEqual({ state: 'healthy' });
    const before = sim.world.scheduler.pending;
    sim.advance(600 * S);
    expect(sim.world.scheduler.pending).toBeLessThanOrEqual(before);
    setTargetProbe(sim.world, region, tg, { id: '10.0.2.2' }, () => 'fail');
    sim.advance(30 * S);
    expect(targetHealth(sim.world, region, tg, { id: '10.0.2.2' }).state).toBe('healthy');
    sim.advance(30 * S);
    expect(targetHealth(sim.world, region, tg, { id: '10.0.2.2' })).toMatchObject({
      state: 'unhealthy',
      reason: 'Target.ResponseCodeMismatch',
    });
  });

  it('targets of a group no load balancer uses are unused / Target.NotInUse and never checked', () => {
    const lonely = buildTargetGroup(sim.world, { name: 'lonely' });
    registerTarget(sim.world, region, lonely, { id: '10.0.3.1' });
    sim.advance(120 * S);
    expect(targetHealth(sim.world, region, lonely, { id: '10.0.3.1' })).toEqual({
      state: 'unused',
      reason: 'Target.NotInUse',
      description: 'Target group is not configured to receive traffic from the load balancer',
    });
  });

  it('uses the group interval and a zero deregistration delay', () => {
    const fast = buildTargetGroup(sim.world, {
      name: 'fast',
      healthCheck: { intervalSeconds: 10 },
      deregistrationDelaySeconds: 0,
    });
    const alb = buildAlb(sim.world, { name: 'other', defaultTargetGroupArn: fast });
    expect(alb.httpListenerArn).toBeTruthy();
    registerTarget(sim.world, region, fast, { id: '10.0.4.1', port: 80 });
    sim.advance(10 * S);
    expect(targetHealth(sim.world, region, fast, { id: '10.0.4.1' }).state).toBe('healthy');
    let drained = false;
    deregisterTarget(sim.world, region, fast, { id: '10.0.4.1' }, () => (drained = true));
    sim.advance(0);
    expect(drained).toBe(true);
    expect(targetHealth(sim.world, region, fast, { id: '10.0.4.1' }).reason).toBe(
      'Target.NotRegistered',
    );
  });
});
