import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeServiceDeploymentsCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enginesOf } from '../../src/sim/engines';
import { baseRate } from '../../src/sim/engines/traffic';
import { targetGroupDimensions } from '../../src/sim/services/cloudwatch/alb-metrics';
import { buildTargetGroupAlarm } from '../../src/sim/services/cloudwatch/builder';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import { buildAlb, buildForwardRule, buildTargetGroup } from '../../src/sim/services/elbv2/builder';
import { setForwardWeights } from '../../src/sim/services/elbv2/weights';
import { sdkConfig, startTestSim } from '../helpers/sim';
import {
  advanceUntil,
  ecsClient,
  messages,
  REGION,
  routedService,
  S,
  type Sim,
} from './engine-helpers';

let sim: Sim;
let cw: CloudWatchClient;
let ecs: ReturnType<typeof ecsClient>;
const MIN = 60 * S;

beforeEach(async () => {
  sim = await startTestSim();
  cw = new CloudWatchClient(sdkConfig(sim));
  ecs = ecsClient(sim);
});
afterEach(async () => {
  cw.destroy();
  ecs.destroy();
  await sim.close();
});

/** `stable` and `canary` services, each on its own group, one rule forwarding to both. */
function canaryPair(canaryImage = 'nginx:1.25') {
  const alb = buildAlb(sim.world, { name: 'shop' });
  const groups = ['orders', 'orders-canary'].map((name) =>
    buildTargetGroup(sim.world, { name, port: 8080, healthCheck: { intervalSeconds: 10 } }),
  ) as [string, string];
  const ruleArn = buildForwardRule(sim.world, {
    listenerArn: alb.httpListenerArn,
    priority: 1,
    pathPattern: '/orders/*',
    targetGroups: [
      { targetGroupArn: groups[0], weight: 90 },
      { targetGroupArn: groups[1], weight: 10 },
    ],
  });
  (['orders', 'orders-canary'] as const).forEach((name, i) =>
    buildService(sim.world, REGION, {
      cluster: 'prod',
      name,
      image: i === 0 ? 'nginx:1.25' : canaryImage,
      desiredCount: 2,
      loadBalancers: [{ targetGroupArn: groups[i]!, containerName: 'app', containerPort: 8080 }],
    }),
  );
  enginesOf(sim.world)!.adoptScenario();
  return { ruleArn, groups, lb: alb.loadBalancerArn };
}

async function sums(lb: string, groups: string[], metric: string, minutes: number) {
  const out = await cw.send(
    new GetMetricDataCommand({
      StartTime: new Date(sim.world.now - minutes * MIN),
      EndTime: new Date(sim.world.now),
      MetricDataQueries: groups.map((tg, i) => ({
        Id: `m${i}`,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/ApplicationELB',
            MetricName: metric,
            Dimensions: Object.entries(targetGroupDimensions(tg, lb)).map(([Name, Value]) => ({
              Name,
              Value,
            })),
          },
          Period: 60,
          Stat: 'Sum',
        },
      })),
    }),
  );
  return out.MetricDataResults!.map((r) => (r.Values ?? []).reduce((a, b) => a + b, 0));
}

describe('synthetic traffic', () => {
  it('splits a rule by its weights: 90/10 gives about 90/10 of the requests', async () => {
    const { groups, lb, ruleArn } = canaryPair();
    sim.advance(60 * MIN);
    const [stable, canary] = await sums(lb, groups, 'RequestCount', 60);
    const share = stable! / (stable! + canary!);
    expect(share).toBeGreaterThan(0.88);
    expect(share).toBeLessThan(0.92);
    // about the rule's base rate per minute
    expect((stable! + canary!) / 60).toBeGreaterThan(baseRate(ruleArn) * 0.85);
    expect((stable! + canary!) / 60).toBeLessThan(baseRate(ruleArn) * 1.15);

    // weight 0: no new requests from the next minute on
    setForwardWeights(sim.world, REGION, ruleArn, { [groups[1]]: 0 });
    sim.advance(10 * MIN);
    const [, after] = await sums(lb, groups, 'RequestCount', 10);
    expect(after).toBe(0);
  });

  it('a bad version answers 5xx: http-5xx errs 20-40 %, a good one about 0.1 %', async () => {
    sim.world.images.set('nginx:5xx', 'http-5xx');
    const { groups, lb } = canaryPair('nginx:5xx');
    sim.advance(60 * MIN);
    const requests = await sums(lb, groups, 'RequestCount', 60);
    const errors = await sums(lb, groups, 'HTTPCode_Target_5XX_Count', 60);
    expect(errors[0]! / requests[0]!).toBeLessThan(0.005);
    expect(errors[1]! / requests[1]!).toBeGreaterThan(0.2);
    expect(errors[1]! / requests[1]!).toBeLessThan(0.4);
    const latency = await sums(lb, groups, 'TargetResponseTime', 60);
    expect(latency[0]).toBeGreaterThan(0);
  });

  it('writes nothing for groups without targets and schedules one timer, not one per service', () => {
    buildTargetGroup(sim.world, { name: 'empty', port: 8080 });
    const pending = sim.world.scheduler.pending;
    sim.advance(10 * MIN);
    expect(sim.world.scheduler.pending).toBe(pending);
    expect(sim.world.region(REGION).cloudwatch.series.size).toBe(0);
  });
});

describe('alarm rollback', () => {
  it('a version that answers 5xx drives the target group alarm to ALARM and is rolled back', async () => {
    sim.world.images.set('nginx:5xx', 'http-5xx');
    const routed = routedService(
      sim,
      {
        name: 'web',
        desiredCount: 2,
        deploymentConfiguration: {
          deploymentCircuitBreaker: { enable: true, rollback: true },
          alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true },
        },
      },
      { intervalSeconds: 10 },
    );
    buildTargetGroupAlarm(sim.world, {
      name: 'web-5xx',
      targetGroupArn: routed.targetGroupArn,
      loadBalancerArn: routed.loadBalancerArn,
      threshold: 5,
      initialState: 'OK',
    });
    const { service } = routed;
    const completed = service.deployments[0]!;
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:5xx' });
    await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web:2' }),
    );
    const bad = service.deployments[0]!;
    advanceUntil(sim, () => bad.rolloutState === 'FAILED', 30 * MIN);
    expect(bad.rolloutStateReason).toBe('ECS deployment failed: alarm detected.');
    const log = messages(service);
    const at = log.indexOf(
      `(service web) (deployment ${bad.id}) deployment failed: alarm detected.`,
    );
    expect(at).toBeGreaterThan(0);
    expect(log[at + 1]).toBe(`(service web) rolling back to deployment ${completed.id}.`);

    const sd = (
      await ecs.send(
        new DescribeServiceDeploymentsCommand({
          serviceDeploymentArns: [bad.serviceDeploymentArn],
        }),
      )
    ).serviceDeployments![0]!;
    expect(sd.alarms).toEqual({
      status: 'TRIGGERED',
      alarmNames: ['web-5xx'],
      triggeredAlarmNames: ['web-5xx'],
    });
    expect(['ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL']).toContain(sd.status);
    const [errors] = await sums(
      routed.loadBalancerArn,
      [routed.targetGroupArn],
      'HTTPCode_Target_5XX_Count',
      30,
    );
    expect(errors).toBeGreaterThan(5);

    // the rollback itself is not failed by the alarm still ringing
    advanceUntil(
      sim,
      () =>
        service.deployments.length === 1 && service.deployments[0]!.rolloutState === 'COMPLETED',
      30 * MIN,
    );
    expect(service.deployments[0]!.id).toBe(completed.id);
    expect(
      sim.world.region(REGION).ecs.serviceDeployments.get(bad.serviceDeploymentArn)!.status,
    ).toBe('ROLLBACK_SUCCESSFUL');
  });

  it('with alarms watched, a good version completes only after the bake', async () => {
    const routed = routedService(
      sim,
      {
        name: 'web',
        desiredCount: 2,
        deploymentConfiguration: {
          alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true },
        },
      },
      { intervalSeconds: 10 },
    );
    buildTargetGroupAlarm(sim.world, {
      name: 'web-5xx',
      targetGroupArn: routed.targetGroupArn,
      loadBalancerArn: routed.loadBalancerArn,
      initialState: 'OK',
    });
    const { service } = routed;
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.27' });
    await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web:2' }),
    );
    const primary = service.deployments[0]!;
    advanceUntil(sim, () => service.deployments.length === 1, 10 * MIN);
    const steadyAt = sim.world.now;
    expect(primary.rolloutState).toBe('IN_PROGRESS');
    advanceUntil(sim, () => primary.rolloutState === 'COMPLETED', 15 * MIN);
    expect(sim.world.now - steadyAt).toBeGreaterThanOrEqual(119 * S);
    expect(messages(service).slice(-2)).toEqual([
      `(service web) (deployment ${primary.id}) deployment completed.`,
      '(service web) has reached a steady state.',
    ]);
  });
});
