import { describe, expect, it } from 'vitest';
import {
  buildAlb,
  buildServiceRouting,
  buildTargetGroup,
} from '../../src/sim/services/elbv2/builder';
import { registerTarget } from '../../src/sim/services/elbv2/targets';
import { failure, simAndGateway } from './helpers';

const REGION = 'us-east-1';

describe('elb gateway', () => {
  it('describes load balancers, listeners, rules and target groups', async () => {
    const { sim, gw } = await simAndGateway();
    const alb = buildAlb(sim.world, { name: 'shop-alb' });
    const { targetGroupArns, ruleArn } = buildServiceRouting(sim.world, {
      listenerArn: alb.httpListenerArn,
      serviceName: 'cart',
      priority: 10,
    });

    const lbs = await gw.elb.describeLoadBalancers({ names: ['shop-alb'] });
    expect(lbs).toEqual([
      expect.objectContaining({ arn: alb.loadBalancerArn, name: 'shop-alb', dnsName: alb.dnsName }),
    ]);
    expect(await gw.elb.describeLoadBalancers({ arns: [alb.loadBalancerArn] })).toHaveLength(1);

    const listeners = await gw.elb.describeListeners({ loadBalancerArn: alb.loadBalancerArn });
    expect(listeners).toHaveLength(1);
    expect(listeners[0]).toMatchObject({ arn: alb.httpListenerArn, port: 80, protocol: 'HTTP' });
    expect(listeners[0]!.defaultActions[0]!.type).toBe('fixed-response');

    const rules = await gw.elb.describeRules({ listenerArn: alb.httpListenerArn });
    const rule = rules.find((r) => r.arn === ruleArn)!;
    expect(rule).toMatchObject({ priority: '10', isDefault: false });
    expect(rule.conditions[0]).toMatchObject({ field: 'path-pattern', values: ['/cart/*'] });
    expect(rule.actions[0]!.forward!.targetGroups).toEqual([
      { targetGroupArn: targetGroupArns[0], weight: 1 },
    ]);
    expect(rules.some((r) => r.isDefault && r.priority === 'default')).toBe(true);

    const tgs = await gw.elb.describeTargetGroups({ arns: targetGroupArns });
    expect(tgs[0]).toMatchObject({
      name: 'cart-tg',
      port: 8080,
      loadBalancerArns: [alb.loadBalancerArn],
    });
    expect(tgs[0]!.healthCheck.path).toBeDefined();
    expect(await gw.elb.describeTargetGroups({ names: ['cart-tg'] })).toHaveLength(1);
    expect(
      await gw.elb.describeTargetGroups({ loadBalancerArn: alb.loadBalancerArn }),
    ).toHaveLength(1);
    const attrs = await gw.elb.describeTargetGroupAttributes(targetGroupArns[0]!);
    expect(attrs['deregistration_delay.timeout_seconds']).toBe('300');
  });

  it('reports target health', async () => {
    const { sim, gw } = await simAndGateway();
    const alb = buildAlb(sim.world, { name: 'api-alb' });
    const routing = buildServiceRouting(sim.world, {
      listenerArn: alb.httpListenerArn,
      serviceName: 'api',
      priority: 1,
    });
    const tg = routing.targetGroupArns[0]!;
    registerTarget(
      sim.world,
      REGION,
      tg,
      { id: '10.0.1.5', availabilityZone: 'us-east-1a' },
      undefined,
      { initiallyHealthy: true },
    );
    registerTarget(sim.world, REGION, tg, { id: '10.0.1.6' });
    const health = await gw.elb.describeTargetHealth(tg);
    const byId = Object.fromEntries(health.map((h) => [h.targetId, h]));
    expect(byId['10.0.1.5']).toMatchObject({ port: 8080, state: 'healthy' });
    expect(byId['10.0.1.6']).toMatchObject({
      state: 'initial',
      reason: 'Elb.RegistrationInProgress',
    });
  });

  it('writes new weights back without losing authenticate actions, Order or stickiness', async () => {
    const { sim, gw } = await simAndGateway();
    const alb = buildAlb(sim.world, { name: 'secure', https: { oidc: true } });
    const blue = buildTargetGroup(sim.world, { name: 'web-blue' });
    const green = buildTargetGroup(sim.world, { name: 'web-green' });
    const { buildForwardRule } = await import('../../src/sim/services/elbv2/builder');
    const ruleArn = buildForwardRule(sim.world, {
      listenerArn: alb.httpsListenerArn!,
      priority: 5,
      hostHeader: 'web.example.com',
      targetGroups: [
        { targetGroupArn: blue, weight: 100 },
        { targetGroupArn: green, weight: 0 },
      ],
      stickinessSeconds: 3600,
      oidc: true,
    });

    const [before] = await gw.elb.describeRules({ ruleArns: [ruleArn] });
    expect(before!.actions.map((a) => a.type)).toEqual(['authenticate-oidc', 'forward']);
    const actions = before!.actions.map((a) =>
      a.type === 'forward'
        ? {
            ...a,
            forward: {
              ...a.forward!,
              targetGroups: [
                { targetGroupArn: blue, weight: 90 },
                { targetGroupArn: green, weight: 10 },
              ],
            },
          }
        : a,
    );
    const written = await gw.elb.modifyRuleActions(ruleArn, actions);
    const [after] = await gw.elb.describeRules({ ruleArns: [ruleArn] });
    for (const rule of [written, after!]) {
      expect(rule.actions[0]!.raw).toEqual(before!.actions[0]!.raw);
      expect(rule.actions[1]!.order).toBe(2);
      expect(rule.actions[1]!.forward).toEqual({
        targetGroups: [
          { targetGroupArn: blue, weight: 90 },
          { targetGroupArn: green, weight: 10 },
        ],
        stickiness: { enabled: true, durationSeconds: 3600 },
      });
      expect(rule.conditions).toEqual(before!.conditions);
    }
    expect(before!.actions[0]!.raw).toMatchObject({
      Type: 'authenticate-oidc',
      Order: 1,
      AuthenticateOidcConfig: { Issuer: 'https://login.example.com' },
    });
  });

  it('maps a missing rule and target group to not-found', async () => {
    const { gw } = await simAndGateway();
    const arn =
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/ghost/0123456789abcdef';
    const tg = await failure(gw.elb.describeTargetHealth(arn));
    expect(tg).toMatchObject({
      kind: 'not-found',
      code: 'TargetGroupNotFoundException',
      service: 'elbv2',
    });
    expect(tg.message).toBe('target group "ghost" not found');
    const rule = await failure(
      gw.elb.describeRules({
        ruleArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/x/1/2/3'],
      }),
    );
    expect(rule).toMatchObject({ kind: 'not-found' });
    expect(rule.message).toContain('rule "arn:aws:elasticloadbalancing');
  });

  it('adds, reads in batches of 20, and removes tags', async () => {
    const { sim, gw } = await simAndGateway();
    const arns = Array.from({ length: 25 }, (_, i) =>
      buildTargetGroup(sim.world, { name: `tg-${i}` }),
    );
    for (const arn of arns) await gw.elb.addTags(arn, { team: 'core', name: arn.split('/')[1]! });
    const tags = await gw.elb.describeTags(arns);
    expect(Object.keys(tags)).toHaveLength(25);
    expect(tags[arns[7]!]).toEqual({ team: 'core', name: 'tg-7' });
    expect(gw.calls.count('elbv2', 'DescribeTags')).toBe(2);
    await gw.elb.removeTags(arns[0]!, ['team']);
    expect((await gw.elb.describeTags([arns[0]!]))[arns[0]!]).toEqual({ name: 'tg-0' });
  });
});
