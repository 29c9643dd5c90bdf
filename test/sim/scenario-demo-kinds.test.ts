import {
  DescribeServicesCommand,
  ECSClient,
  ListClustersCommand,
  paginateListServices,
  type Service,
} from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkConfig, startTestSim } from '../helpers/sim';

type Sim = Awaited<ReturnType<typeof startTestSim>>;
let sim: Sim;
let ecs: ECSClient;
let elb: ElasticLoadBalancingV2Client;

// The demo is read-only here, so one world serves every test in this file.
beforeAll(async () => {
  sim = await startTestSim({ scenario: 'demo' });
  ecs = new ECSClient(sdkConfig(sim));
  elb = new ElasticLoadBalancingV2Client(sdkConfig(sim));
});
afterAll(async () => {
  ecs.destroy();
  elb.destroy();
  await sim.close();
});

async function describe1(cluster: string, name: string): Promise<Service> {
  const out = await ecs.send(
    new DescribeServicesCommand({ cluster, services: [name], include: ['TAGS'] }),
  );
  const service = out.services?.[0];
  if (!service) throw new Error(`no service ${cluster}/${name}`);
  return service;
}

async function serviceNames(cluster: string, region = 'us-east-1'): Promise<string[]> {
  const client = region === 'us-east-1' ? ecs : new ECSClient(sdkConfig(sim, region));
  const names: string[] = [];
  for await (const page of paginateListServices({ client, pageSize: 100 }, { cluster })) {
    for (const arn of page.serviceArns ?? []) names.push(arn.slice(arn.lastIndexOf('/') + 1));
  }
  if (client !== ecs) client.destroy();
  return names;
}

describe('demo scenario: clusters and service kinds', () => {
  it('has production, staging and platform in us-east-1 and production-eu in eu-west-1', async () => {
    const east = await ecs.send(new ListClustersCommand({}));
    expect(east.clusterArns).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:cluster/production',
      'arn:aws:ecs:us-east-1:123456789012:cluster/staging',
      'arn:aws:ecs:us-east-1:123456789012:cluster/platform',
    ]);
    const eu = new ECSClient(sdkConfig(sim, 'eu-west-1'));
    const west = await eu.send(new ListClustersCommand({}));
    eu.destroy();
    expect(west.clusterArns).toEqual(['arn:aws:ecs:eu-west-1:123456789012:cluster/production-eu']);

    expect((await serviceNames('production')).sort()).toEqual([
      'api',
      'checkout',
      'legacy-cron',
      'notifications',
      'orders',
      'orders-canary',
      'payments',
      'search',
      'web',
      'worker',
    ]);
    const staging = await serviceNames('staging');
    expect(staging.length).toBeGreaterThanOrEqual(6);
    expect(staging.length).toBeLessThanOrEqual(10);
    const platform = await serviceNames('platform');
    expect(platform.length).toBeGreaterThanOrEqual(280);
    expect(new Set(platform).size).toBe(platform.length);
    expect(platform.every((n) => /^[a-z]+-[a-z]+-[a-z]+$/.test(n))).toBe(true);
    expect((await serviceNames('production-eu', 'eu-west-1')).length).toBeGreaterThanOrEqual(3);
  });

  it('api: rolling behind /api/* with breaker rollback and a 5xx alarm, desired 4, all running', async () => {
    const api = await describe1('production', 'api');
    expect(api.deploymentController?.type).toBe('ECS');
    expect(api.deploymentConfiguration).toMatchObject({
      strategy: 'ROLLING',
      deploymentCircuitBreaker: { enable: true, rollback: true },
      alarms: { alarmNames: ['production-api-5xx'], enable: true, rollback: true },
    });
    expect(api.desiredCount).toBe(4);
    expect(api.runningCount).toBe(4);
    expect(api.loadBalancers).toHaveLength(1);
    const tg = api.loadBalancers![0]!.targetGroupArn!;
    const listeners = await elb.send(
      new DescribeListenersCommand({ LoadBalancerArn: await lbOf(tg) }),
    );
    const https = listeners.Listeners!.find((l) => l.Port === 443)!;
    const rules = await elb.send(new DescribeRulesCommand({ ListenerArn: https.ListenerArn }));
    const rule = rules.Rules!.find((r) => r.Conditions?.some((c) => c.Values?.includes('/api/*')))!;
    expect(rule.Actions![0]!.ForwardConfig!.TargetGroups).toEqual([
      { TargetGroupArn: tg, Weight: 1 },
    ]);
  });

  it('web, checkout and search: ECS-native blue/green, canary and linear with advancedConfiguration', async () => {
    const web = await describe1('production', 'web');
    expect(web.deploymentConfiguration).toMatchObject({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 3,
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
    });
    const checkout = await describe1('production', 'checkout');
    expect(checkout.deploymentConfiguration).toMatchObject({
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
    });
    const search = await describe1('production', 'search');
    expect(search.deploymentConfiguration).toMatchObject({
      strategy: 'LINEAR',
      linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 },
    });
    for (const service of [web, checkout, search]) {
      expect(service.deploymentController?.type).toBe('ECS');
      const lb = service.loadBalancers![0]!;
      const adv = lb.advancedConfiguration!;
      expect(adv.alternateTargetGroupArn).toMatch(/:targetgroup\/production-\w+-green\//);
      expect(adv.roleArn).toBe(
        'arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers',
      );
      const [prod] = (
        await elb.send(new DescribeRulesCommand({ RuleArns: [adv.productionListenerRule!] }))
      ).Rules!;
      expect(prod!.Actions!.map((a) => a.Type)).toEqual(['forward']);
      expect(prod!.Actions![0]!.ForwardConfig!.TargetGroups).toEqual([
        { TargetGroupArn: lb.targetGroupArn, Weight: 100 },
        { TargetGroupArn: adv.alternateTargetGroupArn, Weight: 0 },
      ]);
    }
    // web tests green through the 8443 listener, checkout through a header rule, search not at all
    const webTest = (
      await elb.send(
        new DescribeRulesCommand({
          RuleArns: [web.loadBalancers![0]!.advancedConfiguration!.testListenerRule!],
        }),
      )
    ).Rules![0]!;
    const testListener = (
      await elb.send(
        new DescribeListenersCommand({
          LoadBalancerArn: await lbOf(web.loadBalancers![0]!.targetGroupArn!),
        }),
      )
    ).Listeners!.find((l) => l.Port === 8443)!;
    expect(webTest.RuleArn).toContain(testListener.ListenerArn!.split('/').slice(-1)[0]);
    const checkoutTest = (
      await elb.send(
        new DescribeRulesCommand({
          RuleArns: [checkout.loadBalancers![0]!.advancedConfiguration!.testListenerRule!],
        }),
      )
    ).Rules![0]!;
    expect(checkoutTest.Conditions!.map((c) => c.Field)).toContain('http-header');
    expect(search.loadBalancers![0]!.advancedConfiguration!.testListenerRule).toBeUndefined();
  });

  it('payments: CODE_DEPLOY with one steady PRIMARY task set, protected by tag', async () => {
    const payments = await describe1('production', 'payments');
    expect(payments.deploymentController?.type).toBe('CODE_DEPLOY');
    expect(payments.taskSets).toHaveLength(1);
    expect(payments.taskSets![0]).toMatchObject({
      status: 'PRIMARY',
      stabilityStatus: 'STEADY_STATE',
      startedBy: 'CODE_DEPLOY',
      runningCount: 3,
    });
    expect(payments.tags).toContainEqual({ key: 'ecs-rollout:protected', value: 'true' });
  });

  it('notifications is EXTERNAL and legacy-cron is scaled to zero', async () => {
    const notifications = await describe1('production', 'notifications');
    expect(notifications.deploymentController?.type).toBe('EXTERNAL');
    expect(notifications.taskSets?.[0]?.status).toBe('PRIMARY');
    const cron = await describe1('production', 'legacy-cron');
    expect(cron.desiredCount).toBe(0);
    expect(cron.runningCount).toBe(0);
    expect(cron.deploymentConfiguration?.deploymentCircuitBreaker?.enable).toBe(false);
  });

  it('worker has no load balancer, desired 2', async () => {
    const worker = await describe1('production', 'worker');
    expect(worker.loadBalancers).toEqual([]);
    expect(worker.desiredCount).toBe(2);
    expect(worker.runningCount).toBe(2);
  });
});

describe('demo scenario: load balancers', () => {
  it('each cluster has an internet-facing ALB: HTTP 80 redirects, HTTPS 443 has one OIDC-guarded rule', async () => {
    for (const [region, name] of [
      ['us-east-1', 'production-public'],
      ['us-east-1', 'staging-public'],
      ['us-east-1', 'platform-public'],
      ['eu-west-1', 'production-eu-public'],
    ] as const) {
      const client = new ElasticLoadBalancingV2Client(sdkConfig(sim, region));
      const lb = (await client.send(new DescribeLoadBalancersCommand({ Names: [name] })))
        .LoadBalancers![0]!;
      expect(lb.Scheme).toBe('internet-facing');
      const listeners = (
        await client.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }))
      ).Listeners!;
      const http = listeners.find((l) => l.Port === 80)!;
      expect(http.DefaultActions![0]).toMatchObject({
        Type: 'redirect',
        RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' },
      });
      const https = listeners.find((l) => l.Port === 443)!;
      expect(https.Protocol).toBe('HTTPS');
      const rules = (
        await client.send(new DescribeRulesCommand({ ListenerArn: https.ListenerArn }))
      ).Rules!;
      const guarded = rules.filter((r) => r.Actions!.some((a) => a.Type === 'authenticate-oidc'));
      expect(guarded, name).toHaveLength(1);
      expect(guarded[0]!.Actions!.map((a) => a.Type)).toEqual(['authenticate-oidc', 'forward']);
      expect(rules.filter((r) => !r.IsDefault).length, name).toBeGreaterThanOrEqual(3);
      client.destroy();
    }
  });

  it('target groups check every 10 s, turn healthy after 2 passes and drain for 30 s', async () => {
    const groups = (await elb.send(new DescribeTargetGroupsCommand({ Names: ['production-api'] })))
      .TargetGroups!;
    expect(groups[0]).toMatchObject({
      HealthCheckIntervalSeconds: 10,
      HealthyThresholdCount: 2,
      HealthCheckPath: '/health',
      Port: 8080,
      TargetType: 'ip',
    });
    const attrs = await elb.send(
      new DescribeTargetGroupAttributesCommand({ TargetGroupArn: groups[0]!.TargetGroupArn }),
    );
    expect(attrs.Attributes).toContainEqual({
      Key: 'deregistration_delay.timeout_seconds',
      Value: '30',
    });
  });
});

async function lbOf(targetGroupArn: string): Promise<string> {
  const out = await elb.send(
    new DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroupArn] }),
  );
  return out.TargetGroups![0]!.LoadBalancerArns![0]!;
}
