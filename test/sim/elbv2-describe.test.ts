import {
  AddTagsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ListenerNotFoundException,
  LoadBalancerNotFoundException,
  ModifyTargetGroupAttributesCommand,
  RemoveTagsCommand,
  RuleNotFoundException,
  TargetGroupNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import { buildAlb, buildServiceRouting } from '../../src/sim/services/elbv2/builder';
import { sdkConfig, startTestSim } from '../helpers/sim';

let sim: RunningSimulator;
let elb: ElasticLoadBalancingV2Client;
let alb: ReturnType<typeof buildAlb>;
let web: ReturnType<typeof buildServiceRouting>;
let api: ReturnType<typeof buildServiceRouting>;

beforeEach(async () => {
  sim = await startTestSim();
  elb = new ElasticLoadBalancingV2Client(sdkConfig(sim));
  alb = buildAlb(sim.world, { name: 'shop', https: { oidc: true } });
  web = buildServiceRouting(sim.world, {
    listenerArn: alb.httpListenerArn,
    serviceName: 'web',
    priority: 10,
    blueGreen: true,
  });
  api = buildServiceRouting(sim.world, {
    listenerArn: alb.httpListenerArn,
    serviceName: 'api',
    priority: 5,
  });
});
afterEach(async () => {
  elb.destroy();
  await sim.close();
});

describe('ELBv2 describe operations through the SDK', () => {
  it('DescribeLoadBalancers returns AWS-shaped load balancers', async () => {
    const all = await elb.send(new DescribeLoadBalancersCommand({}));
    expect(all.LoadBalancers).toHaveLength(1);
    const lb = all.LoadBalancers![0]!;
    expect(lb.LoadBalancerArn).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/app\/shop\/[0-9a-f]{16}$/,
    );
    expect(lb).toMatchObject({
      LoadBalancerName: 'shop',
      Scheme: 'internet-facing',
      Type: 'application',
      State: { Code: 'active' },
      IpAddressType: 'ipv4',
      CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
    });
    expect(lb.DNSName).toMatch(/^shop-\d{10}\.us-east-1\.elb\.amazonaws\.com$/);
    expect(lb.CreatedTime).toBeInstanceOf(Date);
    expect(lb.AvailabilityZones!.map((z) => z.ZoneName)).toEqual([
      'us-east-1a',
      'us-east-1b',
      'us-east-1c',
    ]);
    const byName = await elb.send(new DescribeLoadBalancersCommand({ Names: ['shop'] }));
    expect(byName.LoadBalancers![0]!.LoadBalancerArn).toBe(alb.loadBalancerArn);
    await expect(
      elb.send(new DescribeLoadBalancersCommand({ Names: ['nope'] })),
    ).rejects.toBeInstanceOf(LoadBalancerNotFoundException);
  });

  it('DescribeListeners by load balancer and by ARN; neither is a ValidationError', async () => {
    const byLb = await elb.send(
      new DescribeListenersCommand({ LoadBalancerArn: alb.loadBalancerArn }),
    );
    expect(byLb.Listeners!.map((l) => [l.Protocol, l.Port])).toEqual([
      ['HTTP', 80],
      ['HTTPS', 443],
    ]);
    const https = byLb.Listeners![1]!;
    expect(https.ListenerArn).toMatch(/:listener\/app\/shop\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    expect(https.Certificates![0]!.CertificateArn).toMatch(/^arn:aws:acm:us-east-1:/);
    expect(https.SslPolicy).toBe('ELBSecurityPolicy-2016-08');
    expect(https.DefaultActions!.map((a) => [a.Type, a.Order])).toEqual([
      ['authenticate-oidc', 1],
      ['fixed-response', 2],
    ]);
    expect(https.DefaultActions![0]!.AuthenticateOidcConfig).toMatchObject({
      ClientId: 'ecs-rollout-demo',
      SessionCookieName: 'AWSELBAuthSessionCookie',
      Scope: 'openid',
      SessionTimeout: 604800,
      OnUnauthenticatedRequest: 'authenticate',
    });
    expect(https.DefaultActions![0]!.AuthenticateOidcConfig!.ClientSecret).toBeUndefined();
    const byArn = await elb.send(
      new DescribeListenersCommand({ ListenerArns: [alb.httpListenerArn] }),
    );
    expect(byArn.Listeners![0]!.DefaultActions![0]).toMatchObject({
      Type: 'fixed-response',
      FixedResponseConfig: { StatusCode: '404' },
    });
    await expect(elb.send(new DescribeListenersCommand({}))).rejects.toMatchObject({
      name: 'ValidationError',
    });
    await expect(
      elb.send(new DescribeListenersCommand({ ListenerArns: [`${alb.httpListenerArn}0`] })),
    ).rejects.toBeInstanceOf(ListenerNotFoundException);
  });

  it('DescribeRules lists by priority with the default rule last, and pages', async () => {
    // RuleArns: [] goes on the wire as `RuleArns=` and must read as "not given"
    const all = await elb.send(
      new DescribeRulesCommand({ ListenerArn: alb.httpListenerArn, RuleArns: [] }),
    );
    expect(all.Rules!.map((r) => [r.Priority, r.IsDefault])).toEqual([
      ['5', false],
      ['10', false],
      ['default', true],
    ]);
    const apiRule = all.Rules![0]!;
    expect(apiRule.RuleArn).toBe(api.ruleArn);
    expect(apiRule.RuleArn).toMatch(
      /:listener-rule\/app\/shop\/[0-9a-f]{16}\/[0-9a-f]{16}\/[0-9a-f]{16}$/,
    );
    expect(apiRule.Conditions).toEqual([
      { Field: 'path-pattern', Values: ['/api/*'], PathPatternConfig: { Values: ['/api/*'] } },
    ]);
    // single-group forward reads back in both forms, weight 1
    expect(apiRule.Actions).toEqual([
      {
        Type: 'forward',
        TargetGroupArn: api.targetGroupArns[0],
        ForwardConfig: {
          TargetGroups: [{ TargetGroupArn: api.targetGroupArns[0], Weight: 1 }],
          TargetGroupStickinessConfig: { Enabled: false },
        },
      },
    ]);
    const webRule = all.Rules![1]!;
    expect(webRule.Actions![0]!.TargetGroupArn).toBeUndefined();
    expect(webRule.Actions![0]!.ForwardConfig!.TargetGroups).toEqual([
      { TargetGroupArn: web.targetGroupArns[0], Weight: 100 },
      { TargetGroupArn: web.targetGroupArns[1], Weight: 0 },
    ]);
    expect(all.Rules![2]!.Conditions).toEqual([]);
    expect(all.NextMarker).toBeUndefined();

    const first = await elb.send(
      new DescribeRulesCommand({ ListenerArn: alb.httpListenerArn, PageSize: 2 }),
    );
    expect(first.Rules).toHaveLength(2);
    expect(first.NextMarker).toBeTruthy();
    const second = await elb.send(
      new DescribeRulesCommand({
        ListenerArn: alb.httpListenerArn,
        PageSize: 2,
        Marker: first.NextMarker,
      }),
    );
    expect(second.Rules!.map((r) => r.Priority)).toEqual(['default']);
    expect(second.NextMarker).toBeUndefined();

    const byArn = await elb.send(new DescribeRulesCommand({ RuleArns: [web.ruleArn] }));
    expect(byArn.Rules!.map((r) => r.RuleArn)).toEqual([web.ruleArn]);
    await expect(
      elb.send(new DescribeRulesCommand({ RuleArns: [`${web.ruleArn}0`] })),
    ).rejects.toBeInstanceOf(RuleNotFoundException);
    await expect(elb.send(new DescribeRulesCommand({}))).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'You must specify either a listener or rules',
    });
    await expect(
      elb.send(new DescribeRulesCommand({ ListenerArn: alb.httpListenerArn, PageSize: 401 })),
    ).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('DescribeTargetGroups by load balancer, ARN and name; a missing one fails the call', async () => {
    const byLb = await elb.send(
      new DescribeTargetGroupsCommand({ LoadBalancerArn: alb.loadBalancerArn }),
    );
    expect(byLb.TargetGroups!.map((t) => t.TargetGroupName)).toEqual([
      'web-blue',
      'web-green',
      'api-tg',
    ]);
    const tg = byLb.TargetGroups![0]!;
    expect(tg.TargetGroupArn).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/web-blue\/[0-9a-f]{16}$/,
    );
    expect(tg).toMatchObject({
      Protocol: 'HTTP',
      Port: 8080,
      TargetType: 'ip',
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: 'traffic-port',
      HealthCheckEnabled: true,
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 6,
      HealthyThresholdCount: 5,
      UnhealthyThresholdCount: 2,
      HealthCheckPath: '/',
      Matcher: { HttpCode: '200' },
      LoadBalancerArns: [alb.loadBalancerArn],
    });
    const byName = await elb.send(new DescribeTargetGroupsCommand({ Names: ['api-tg'] }));
    expect(byName.TargetGroups![0]!.TargetGroupArn).toBe(api.targetGroupArns[0]);
    const byArn = await elb.send(
      new DescribeTargetGroupsCommand({ TargetGroupArns: [web.targetGroupArns[1]!] }),
    );
    expect(byArn.TargetGroups![0]!.TargetGroupName).toBe('web-green');
    const err = await elb
      .send(new DescribeTargetGroupsCommand({ Names: ['api-tg', 'nope'] }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetGroupNotFoundException);
    expect(err).toMatchObject({
      name: 'TargetGroupNotFoundException',
      Code: 'TargetGroupNotFound',
    });
    const paged = await elb.send(new DescribeTargetGroupsCommand({ PageSize: 1 }));
    expect(paged.TargetGroups).toHaveLength(1);
    expect(paged.NextMarker).toBeTruthy();
  });

  it('DescribeTargetGroupAttributes has the deregistration delay default of 300', async () => {
    const arn = api.targetGroupArns[0]!;
    const out = await elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }));
    const attrs = Object.fromEntries(out.Attributes!.map((a) => [a.Key, a.Value]));
    expect(attrs['deregistration_delay.timeout_seconds']).toBe('300');
    expect(attrs['stickiness.enabled']).toBe('false');
    expect(attrs['slow_start.duration_seconds']).toBe('0');
    const changed = await elb.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: arn,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
      }),
    );
    expect(
      changed.Attributes!.find((a) => a.Key === 'deregistration_delay.timeout_seconds')!.Value,
    ).toBe('30');
    await expect(
      elb.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: arn,
          Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '9000' }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(
      elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: `${arn}0` })),
    ).rejects.toBeInstanceOf(TargetGroupNotFoundException);
  });

  it('AddTags, DescribeTags and RemoveTags round-trip, with AWS limits and codes', async () => {
    const tg = api.targetGroupArns[0]!;
    await elb.send(
      new AddTagsCommand({
        ResourceArns: [tg, alb.loadBalancerArn],
        Tags: [
          { Key: 'team', Value: 'payments' },
          { Key: 'env', Value: 'prod' },
        ],
      }),
    );
    await elb.send(new RemoveTagsCommand({ ResourceArns: [tg], TagKeys: ['env'] }));
    const out = await elb.send(
      new DescribeTagsCommand({ ResourceArns: [tg, alb.loadBalancerArn, web.ruleArn] }),
    );
    expect(out.TagDescriptions).toEqual([
      { ResourceArn: tg, Tags: [{ Key: 'team', Value: 'payments' }] },
      {
        ResourceArn: alb.loadBalancerArn,
        Tags: [
          { Key: 'team', Value: 'payments' },
          { Key: 'env', Value: 'prod' },
        ],
      },
      { ResourceArn: web.ruleArn, Tags: [] },
    ]);
    await expect(
      elb.send(new DescribeTagsCommand({ ResourceArns: [`${tg}0`] })),
    ).rejects.toBeInstanceOf(TargetGroupNotFoundException);
    await expect(
      elb.send(new DescribeTagsCommand({ ResourceArns: Array.from({ length: 21 }, () => tg) })),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(
      elb.send(
        new AddTagsCommand({
          ResourceArns: [tg],
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'a', Value: '2' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'DuplicateTagKeysException' });
  });
});
