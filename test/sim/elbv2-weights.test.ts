import {
  DescribeListenersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import {
  buildAlb,
  buildForwardRule,
  buildServiceRouting,
  buildTargetGroup,
} from '../../src/sim/services/elbv2/builder';
import {
  getForwardWeights,
  rulesForwardingTo,
  setForwardWeights,
  trafficShares,
} from '../../src/sim/services/elbv2/weights';
import { sdkConfig, startTestSim } from '../helpers/sim';

let sim: RunningSimulator;
let elb: ElasticLoadBalancingV2Client;
const region = 'us-east-1';

beforeEach(async () => {
  sim = await startTestSim();
  elb = new ElasticLoadBalancingV2Client(sdkConfig(sim));
});
afterEach(async () => {
  elb.destroy();
  await sim.close();
});

describe('forward weights for traffic-shifting engines', () => {
  it('shifts a rule the way ECS blue/green does and keeps auth, Order and stickiness', async () => {
    const alb = buildAlb(sim.world, { name: 'shop', https: { oidc: true } });
    const blue = buildTargetGroup(sim.world, { name: 'b' });
    const green = buildTargetGroup(sim.world, { name: 'g' });
    const rule = buildForwardRule(sim.world, {
      listenerArn: alb.httpsListenerArn!,
      priority: 3,
      pathPattern: '/x/*',
      targetGroups: [
        { targetGroupArn: blue, weight: 100 },
        { targetGroupArn: green, weight: 0 },
      ],
      stickinessSeconds: 60,
      oidc: true,
    });
    expect(getForwardWeights(sim.world, region, rule)).toEqual([
      { targetGroupArn: blue, weight: 100 },
      { targetGroupArn: green, weight: 0 },
    ]);
    expect(rulesForwardingTo(sim.world, region, green)).toEqual([rule]);
    setForwardWeights(sim.world, region, rule, { [blue]: 90, [green]: 10 });
    const out = await elb.send(new DescribeRulesCommand({ RuleArns: [rule] }));
    const actions = out.Rules![0]!.Actions!;
    expect(actions.map((a) => [a.Type, a.Order])).toEqual([
      ['authenticate-oidc', 1],
      ['forward', 2],
    ]);
    expect(actions[1]!.ForwardConfig).toEqual({
      TargetGroups: [
        { TargetGroupArn: blue, Weight: 90 },
        { TargetGroupArn: green, Weight: 10 },
      ],
      TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 60 },
    });
    expect(trafficShares(getForwardWeights(sim.world, region, rule))).toEqual([
      { targetGroupArn: blue, share: 0.9 },
      { targetGroupArn: green, share: 0.1 },
    ]);
    expect(() => setForwardWeights(sim.world, region, rule, { [blue]: 1000 })).toThrow(/0 to 999/);
    expect(() => setForwardWeights(sim.world, region, rule, { nope: 1 })).toThrow(/not found/);
  });

  it('shifts a listener default action the way CodeDeploy does, and LoadBalancerArns follow', async () => {
    const blue = buildTargetGroup(sim.world, { name: 'cd-blue' });
    const green = buildTargetGroup(sim.world, { name: 'cd-green' });
    const alb = buildAlb(sim.world, { name: 'cd', defaultTargetGroupArn: blue });
    const before = await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [green] }));
    expect(before.TargetGroups![0]!.LoadBalancerArns).toEqual([]);
    setForwardWeights(sim.world, region, alb.httpListenerArn, [
      { targetGroupArn: blue, weight: 0 },
      { targetGroupArn: green, weight: 100 },
    ]);
    const listener = await elb.send(
      new DescribeListenersCommand({ ListenerArns: [alb.httpListenerArn] }),
    );
    expect(listener.Listeners![0]!.DefaultActions![0]!.ForwardConfig!.TargetGroups).toEqual([
      { TargetGroupArn: blue, Weight: 0 },
      { TargetGroupArn: green, Weight: 100 },
    ]);
    const after = await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [green] }));
    expect(after.TargetGroups![0]!.LoadBalancerArns).toEqual([alb.loadBalancerArn]);
    setForwardWeights(sim.world, region, alb.httpListenerArn, [
      { targetGroupArn: green, weight: 1 },
    ]);
    const single = await elb.send(
      new DescribeListenersCommand({ ListenerArns: [alb.httpListenerArn] }),
    );
    expect(single.Listeners![0]!.DefaultActions![0]!.TargetGroupArn).toBe(green);
    const blueNow = await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [blue] }));
    expect(blueNow.TargetGroups![0]!.LoadBalancerArns).toEqual([]);
  });

  it('builds a thousand blue/green services with distinct ARNs', () => {
    const alb = buildAlb(sim.world, { name: 'big' });
    for (let i = 0; i < 1000; i++) {
      buildServiceRouting(sim.world, {
        listenerArn: alb.httpListenerArn,
        serviceName: `svc-${i}`,
        priority: i + 1,
        blueGreen: true,
      });
    }
    expect(sim.world.region(region).elbv2.targetGroups.size).toBe(2000);
    const rules = sim.world.region(region).elbv2.listeners.get(alb.httpListenerArn)!.ruleArns;
    expect(new Set(rules).size).toBe(1000);
  });
});
