import {
  BatchGetDeploymentGroupsCommand,
  CodeDeployClient,
  GetDeploymentCommand,
  ListDeploymentsCommand,
} from '@aws-sdk/client-codedeploy';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  DescribeServicesCommand,
  DescribeServiceDeploymentsCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  type Service,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeRulesCommand,
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

describe('demo scenario: history, images and secrets', () => {
  it('api has several past service deployments, one of them rolled back by the circuit breaker', async () => {
    const api = await describe1('production', 'api');
    const list = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'production', service: 'api', maxResults: 100 }),
    );
    const briefs = list.serviceDeployments ?? [];
    // the demo may open on one live rollout (startDemoRollouts); the rest is history
    const done = briefs.filter((b) => b.finishedAt !== undefined);
    expect(briefs.length - done.length).toBeLessThanOrEqual(1);
    expect(done.length).toBeGreaterThanOrEqual(3);
    expect(done.length).toBeLessThanOrEqual(8);
    expect(done.map((b) => b.status)).toContain('ROLLBACK_SUCCESSFUL');
    const times = briefs.map((b) => b.createdAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // weeks of history, finished in the past
    expect(times[0]! - times[times.length - 1]!).toBeGreaterThan(14 * 86_400_000);
    expect(done.every((b) => b.finishedAt!.getTime() < sim.clock.now())).toBe(true);
    const described = await ecs.send(
      new DescribeServiceDeploymentsCommand({
        serviceDeploymentArns: briefs.slice(0, 20).map((b) => b.serviceDeploymentArn!),
      }),
    );
    const rolledBack = described.serviceDeployments!.find(
      (d) => d.status === 'ROLLBACK_SUCCESSFUL',
    )!;
    expect(rolledBack.deploymentCircuitBreaker?.status).toBe('TRIGGERED');
    expect(rolledBack.rollback?.reason).toMatch(/circuit breaker/i);
    expect(api.currentServiceDeployment).toBe(briefs[0]!.serviceDeploymentArn);
  });

  it('every production service with an ECS controller has a history of 3 to 8 deployments', async () => {
    for (const name of ['api', 'worker', 'web', 'checkout', 'search', 'orders', 'orders-canary']) {
      const list = await ecs.send(
        new ListServiceDeploymentsCommand({
          cluster: 'production',
          service: name,
          maxResults: 100,
        }),
      );
      const done = list.serviceDeployments!.filter((b) => b.finishedAt !== undefined);
      expect(done.length, name).toBeGreaterThanOrEqual(3);
      expect(done.length, name).toBeLessThanOrEqual(8);
    }
  });

  it('api ran v2.14.0 when the demo opened; v2.15.0 and the bad builds are pushed after it', async () => {
    const td = await steadyApiDefinition();
    expect(td.containerDefinitions!.find((c) => c.name === 'api')!.image).toMatch(
      /\/api:v2\.14\.0$/,
    );
    const ecr = new ECRClient(sdkConfig(sim));
    const images = (
      await ecr.send(new DescribeImagesCommand({ repositoryName: 'api', maxResults: 100 }))
    ).imageDetails!;
    ecr.destroy();
    const byTag = new Map(images.flatMap((i) => (i.imageTags ?? []).map((t) => [t, i] as const)));
    for (const tag of ['v2.14.0', 'v2.15.0', 'v2.15.0-crash', 'v2.15.0-unhealthy', 'v2.15.0-5xx']) {
      expect(byTag.has(tag), tag).toBe(true);
    }
    expect(new Set(images.map((i) => i.imageDigest)).size).toBe(images.length);
    const latest = [...images].sort(
      (a, b) => b.imagePushedAt!.getTime() - a.imagePushedAt!.getTime(),
    );
    expect(latest.slice(0, 4).flatMap((i) => i.imageTags)).not.toContain('v2.14.0');
    const behaviour = (tag: string) =>
      sim.world.images.of(`api:${tag}`, byTag.get(tag)!.imageDigest);
    expect(behaviour('v2.15.0')).toBe('ok');
    expect(behaviour('v2.14.0')).toBe('ok');
    expect(behaviour('v2.15.0-crash')).toBe('crash-on-start');
    expect(behaviour('v2.15.0-unhealthy')).toBe('fail-health-check');
    expect(behaviour('v2.15.0-5xx')).toBe('http-5xx');
  });

  it('api task definition: app with port and health check, a log-router sidecar, secret-looking values and secrets', async () => {
    const td = await steadyApiDefinition();
    expect(td.revision).toBeGreaterThanOrEqual(3);
    const [app, router] = td.containerDefinitions!;
    expect(app!.name).toBe('api');
    expect(app!.portMappings![0]!.containerPort).toBe(8080);
    expect(app!.healthCheck?.command?.join(' ')).toContain('/health');
    expect(router!.name).toBe('log-router');
    const env = new Map(app!.environment!.map((e) => [e.name, e.value]));
    expect(env.get('DATABASE_URL')).toMatch(/^postgres:\/\/\w+:[^@]{12,}@/);
    expect(app!.secrets!.length).toBeGreaterThanOrEqual(2);
    expect(app!.secrets!.map((s) => s.valueFrom)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:/),
        expect.stringMatching(/^arn:aws:ssm:us-east-1:123456789012:parameter\//),
      ]),
    );
    // revisions differ only in what a release changed: the image
    const previous = (
      await ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: `api:${td.revision! - 1}` }),
      )
    ).taskDefinition!;
    expect(previous.containerDefinitions![0]!.environment).toEqual(app!.environment);
    expect(previous.containerDefinitions![0]!.image).not.toBe(app!.image);
  });

  it('orders and orders-canary share one OIDC-guarded rule weighted 100/0', async () => {
    const orders = await describe1('production', 'orders');
    const canary = await describe1('production', 'orders-canary');
    expect(orders.desiredCount).toBe(3);
    expect(canary.desiredCount).toBe(1);
    expect(orders.taskDefinition).toBe(canary.taskDefinition);
    const stableTg = orders.loadBalancers![0]!.targetGroupArn!;
    const canaryTg = canary.loadBalancers![0]!.targetGroupArn!;
    expect(stableTg).not.toBe(canaryTg);
    const https = (
      await elb.send(new DescribeListenersCommand({ LoadBalancerArn: await lbOf(stableTg) }))
    ).Listeners!.find((l) => l.Port === 443)!;
    const rules = (await elb.send(new DescribeRulesCommand({ ListenerArn: https.ListenerArn })))
      .Rules!;
    const pair = rules.filter((r) =>
      r.Actions!.some((a) =>
        a.ForwardConfig?.TargetGroups?.some((g) => g.TargetGroupArn === canaryTg),
      ),
    );
    expect(pair).toHaveLength(1);
    const rule = pair[0]!;
    expect(rule.Conditions![0]!.Values).toEqual(['/orders/*']);
    expect(rule.Actions!.map((a) => [a.Type, a.Order])).toEqual([
      ['authenticate-oidc', 1],
      ['forward', 2],
    ]);
    expect(rule.Actions![1]!.ForwardConfig!.TargetGroups).toEqual([
      { TargetGroupArn: stableTg, Weight: 100 },
      { TargetGroupArn: canaryTg, Weight: 0 },
    ]);
  });

  it('orders runs v4.3.0; v4.4.0 and a build of it that answers 5xx are pushed after it', async () => {
    const orders = await describe1('production', 'orders');
    const td = (
      await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: orders.taskDefinition }))
    ).taskDefinition!;
    expect(td.containerDefinitions![0]!.image).toMatch(/\/orders:v4\.3\.0$/);
    const ecr = new ECRClient(sdkConfig(sim));
    const images = (
      await ecr.send(new DescribeImagesCommand({ repositoryName: 'orders', maxResults: 100 }))
    ).imageDetails!;
    ecr.destroy();
    const byTag = new Map(images.flatMap((i) => (i.imageTags ?? []).map((t) => [t, i] as const)));
    const pushed = (tag: string) => byTag.get(tag)!.imagePushedAt!.getTime();
    expect(pushed('v4.4.0')).toBeGreaterThan(pushed('v4.3.0'));
    expect(pushed('v4.4.0-5xx')).toBeGreaterThan(pushed('v4.4.0'));
    expect(byTag.get('v4.4.0-5xx')!.imageDigest).not.toBe(byTag.get('v4.4.0')!.imageDigest);
    const behaviour = (tag: string) =>
      sim.world.images.of(`orders:${tag}`, byTag.get(tag)!.imageDigest);
    expect(behaviour('v4.4.0')).toBe('ok');
    expect(behaviour('v4.4.0-5xx')).toBe('http-5xx');
  });

  it('the CodeDeploy group resolves to the payments service and has history with one rollback', async () => {
    const cd = new CodeDeployClient(sdkConfig(sim));
    const groups = await cd.send(
      new BatchGetDeploymentGroupsCommand({
        applicationName: 'payments',
        deploymentGroupNames: ['payments-prod'],
      }),
    );
    const group = groups.deploymentGroupsInfo![0]!;
    expect(group.ecsServices).toEqual([{ clusterName: 'production', serviceName: 'payments' }]);
    expect(group.autoRollbackConfiguration?.enabled).toBe(true);
    expect(group.blueGreenDeploymentConfiguration?.deploymentReadyOption).toMatchObject({
      actionOnTimeout: 'STOP_DEPLOYMENT',
    });
    expect(
      group.blueGreenDeploymentConfiguration?.terminateBlueInstancesOnDeploymentSuccess
        ?.terminationWaitTimeInMinutes,
    ).toBeGreaterThan(0);
    const pair = group.loadBalancerInfo!.targetGroupPairInfoList![0]!;
    expect(pair.prodTrafficRoute!.listenerArns).toHaveLength(1);
    expect(pair.testTrafficRoute!.listenerArns).toHaveLength(1);

    const service = await describe1(
      group.ecsServices![0]!.clusterName!,
      group.ecsServices![0]!.serviceName!,
    );
    expect(service.deploymentController?.type).toBe('CODE_DEPLOY');
    const serving = service.taskSets![0]!.loadBalancers![0]!.targetGroupArn!;
    expect(pair.targetGroups!.map((g) => g.name)).toContain(
      serving.split(':targetgroup/')[1]!.split('/')[0],
    );
    // production traffic goes where the PRIMARY task set runs
    const prod = (
      await elb.send(
        new DescribeListenersCommand({ ListenerArns: pair.prodTrafficRoute!.listenerArns }),
      )
    ).Listeners![0]!;
    expect(prod.DefaultActions![0]!.ForwardConfig!.TargetGroups![0]!.TargetGroupArn).toBe(serving);

    const ids = (
      await cd.send(
        new ListDeploymentsCommand({
          applicationName: 'payments',
          deploymentGroupName: 'payments-prod',
        }),
      )
    ).deployments!;
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const infos = await Promise.all(
      ids.map(
        async (id) =>
          (await cd.send(new GetDeploymentCommand({ deploymentId: id }))).deploymentInfo!,
      ),
    );
    cd.destroy();
    expect(
      infos.filter((d) => d.status === 'Failed' && d.rollbackInfo?.rollbackDeploymentId),
    ).toHaveLength(1);
    expect(infos.filter((d) => d.creator === 'codeDeployRollback')).toHaveLength(1);
    expect(service.taskSets![0]!.externalId).toBe(
      infos
        .filter((d) => d.status === 'Succeeded' && d.creator === 'user')
        .sort((a, b) => b.createTime!.getTime() - a.createTime!.getTime())[0]!.deploymentId,
    );
  });
});

/** What production api ran when the demo opened: its COMPLETED deployment's definition. */
async function steadyApiDefinition(): Promise<TaskDefinition> {
  const api = await describe1('production', 'api');
  const steady = api.deployments!.find((d) => d.rolloutState === 'COMPLETED')!;
  return (
    await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: steady.taskDefinition }))
  ).taskDefinition!;
}

async function lbOf(targetGroupArn: string): Promise<string> {
  const out = await elb.send(
    new DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroupArn] }),
  );
  return out.TargetGroups![0]!.LoadBalancerArns![0]!;
}
