import { describe, expect, it } from 'vitest';
import { serviceDeploymentRows } from '../../src/present/deployment-rows';
import { eventRows } from '../../src/present/event-rows';
import { serviceRow } from '../../src/present/service-rows';
import { diffText, diffTaskDefinitions } from '../../src/present/task-definition-diff';
import { taskDefinitionLines, taskDefinitionView } from '../../src/present/task-definition-view';
import { taskRows } from '../../src/present/task-rows';
import { targetGroupRows, trafficRouteRows } from '../../src/present/traffic-rows';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import { buildAlb, buildServiceRouting } from '../../src/sim/services/elbv2/builder';
import { registerTarget } from '../../src/sim/services/elbv2/targets';
import { ServiceDetailStore } from '../../src/state/stores/service-detail';
import { startSimHub } from './sim-hub';

const REGION = 'us-east-1';

async function world() {
  const ctx = await startSimHub();
  const { sim } = ctx;
  const alb = buildAlb(sim.world, { name: 'prod', https: { port: 443 } });
  const routing = buildServiceRouting(sim.world, {
    listenerArn: alb.httpsListenerArn!,
    serviceName: 'api',
    priority: 10,
    blueGreen: true,
  });
  const [blue, green] = routing.targetGroupArns as [string, string];
  const v1 = buildTaskDefinition(sim.world, REGION, {
    family: 'api',
    image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v1',
    environment: { API_KEY: 'SUPERSECRET-one', DB_HOST: 'SUPERSECRET-db' },
  });
  const v2 = buildTaskDefinition(sim.world, REGION, {
    family: 'api',
    image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v2',
    environment: { API_KEY: 'SUPERSECRET-two', FEATURE_X: 'SUPERSECRET-on' },
  });
  buildService(sim.world, REGION, {
    cluster: 'prod',
    name: 'api',
    taskDefinition: v1,
    desiredCount: 2,
    loadBalancers: [{ targetGroupArn: blue, containerName: 'app', containerPort: 8080 }],
  });
  registerTarget(sim.world, REGION, blue, { id: '10.0.1.10' }, undefined, {
    initiallyHealthy: true,
  });
  registerTarget(sim.world, REGION, blue, { id: '10.0.1.11' }, undefined, {
    initiallyHealthy: true,
  });
  registerTarget(sim.world, REGION, green, { id: '10.0.2.10' });
  // a rolling deployment to v2 starts (the simulator's engine does not move it on here)
  await ctx.gateway.ecs.updateService({ cluster: 'prod', service: 'api', taskDefinition: v2.arn });
  ctx.gateway.calls.reset();
  return { ...ctx, v1, v2, blue, green };
}

describe('service detail store against the simulator', () => {
  it('reads the service, its history, tasks, traffic and task definitions', async () => {
    const { sim, gateway, time, hub, v1, v2 } = await world();
    const detail = new ServiceDetailStore(hub, { cluster: 'prod', service: 'api' });
    detail.start();
    await detail.service.whenIdle();
    await detail.history.whenIdle();
    const now = sim.clock.now();

    const service = detail.service.getSnapshot().data!;
    expect(service.tags).toBeDefined();
    expect(detail.service.active).toBe(true);
    expect(detail.service.getSnapshot().intervalMs).toBe(2000);
    const row = serviceRow({ name: 'api', service }, now);
    expect(row).toMatchObject({ controller: 'ROLLING', taskDefinition: 'api:2' });
    expect(row.rollout.label).toBe('in progress');

    // Deployments tab: one list, one describe, one revisions call
    const history = detail.history.getSnapshot().data!;
    const rows = serviceDeploymentRows(history.deployments, history.revisions, now);
    expect(rows.map((r) => [r.status, r.revision])).toEqual([
      ['in progress', 'api:2'],
      ['succeeded', 'api:1'],
    ]);
    expect(rows[0]!.image).toBe('v2');
    expect(gateway.calls.count('ecs', 'ListServiceDeployments')).toBe(1);
    expect(gateway.calls.count('ecs', 'DescribeServiceDeployments')).toBe(1);
    expect(gateway.calls.count('ecs', 'DescribeServiceRevisions')).toBe(1);
    // the next (fast) poll re-describes only the deployment still running
    time.advance(5000);
    await detail.history.whenIdle();
    expect(gateway.calls.count('ecs', 'ListServiceDeployments')).toBe(2);
    expect(gateway.calls.count('ecs', 'DescribeServiceDeployments')).toBe(2);
    expect(gateway.calls.count('ecs', 'DescribeServiceRevisions')).toBe(1);

    // Tasks tab
    detail.setTab('tasks');
    await detail.tasks.whenIdle();
    const tasks = taskRows(detail.tasks.getSnapshot().data!, now);
    expect(tasks).toHaveLength(2);
    expect(tasks.every((t) => t.lastStatus === 'RUNNING' && t.revision === 'api:1')).toBe(true);

    // Traffic tab: listener rule with both groups, health per group
    detail.setTab('traffic');
    await detail.traffic.whenIdle();
    const traffic = detail.traffic.getSnapshot().data!;
    expect(trafficRouteRows(traffic)).toMatchObject([
      { listener: 'HTTPS :443', rule: 'priority 10', weights: 'api-blue 100% · api-green 0%' },
    ]);
    const groups = targetGroupRows(traffic);
    expect(groups[0]).toMatchObject({ name: 'api-blue', healthy: 2, summary: '2 healthy' });
    expect(groups).toHaveLength(1); // the service names only blue; green is in the rule
    expect(gateway.calls.count('elbv2', 'DescribeTargetGroups')).toBe(1);
    expect(gateway.calls.count('elbv2', 'DescribeListeners')).toBe(1);
    expect(gateway.calls.count('elbv2', 'DescribeTargetHealth')).toBe(1);

    // Events tab comes from the service itself
    const events = eventRows(service.events, now);
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]!.key).toBe(service.events[0]!.id);

    // Task definition tab: current revision, another one for a diff, values masked
    await detail.taskDefinitions.load(service.taskDefinitionArn!); // joins the fetch under way
    expect(detail.taskDefinitions.getSnapshot().status).toBe('ready');
    const current = detail.taskDefinitions.getSnapshot().current!;
    expect(current.arn).toBe(v2.arn);
    const previous = (await detail.taskDefinitions.load(v1.arn))!;
    const diff = diffText(diffTaskDefinitions(previous, current));
    expect(diff).toContain('~ app env API_KEY changed');
    expect(diff).toContain('- app env DB_HOST');
    expect(diff).toContain('+ app env FEATURE_X');
    expect(diff.some((l) => l.startsWith('~ app image:'))).toBe(true);
    const rendered = JSON.stringify([
      diff,
      taskDefinitionLines(taskDefinitionView(current)),
      taskDefinitionView(previous),
      rows,
      tasks,
      events,
    ]);
    expect(JSON.stringify(current)).toContain('SUPERSECRET');
    expect(rendered).not.toContain('SUPERSECRET');
    await detail.taskDefinitions.listRevisions();
    expect(detail.taskDefinitions.getSnapshot().revisions).toEqual([v2.arn, v1.arn]);

    detail.dispose();
    expect(time.pendingCount()).toBe(0); // nothing left to poll
  });
});
