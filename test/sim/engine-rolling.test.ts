import { DescribeTasksCommand, ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import { sdkConfig, startTestSim } from '../helpers/sim';
import {
  advanceUntil,
  describe1,
  ecsClient,
  messages,
  REGION,
  routedService,
  S,
  type Sim,
} from './engine-helpers';

let sim: Sim;
let ecs: ReturnType<typeof ecsClient>;
let elb: ElasticLoadBalancingV2Client;

beforeEach(async () => {
  sim = await startTestSim();
  ecs = ecsClient(sim);
  elb = new ElasticLoadBalancingV2Client(sdkConfig(sim));
});
afterEach(async () => {
  ecs.destroy();
  elb.destroy();
  await sim.close();
});

describe('a healthy rolling deployment', () => {
  it('writes AWS events in AWS order and completes after the old tasks drained', async () => {
    const { service, targetGroupArn: tg } = routedService(sim, { name: 'web', desiredCount: 2 });
    buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.27' });
    const before = await describe1(ecs, 'web');
    const oldId = before.deployments![0]!.id!;
    const t0 = sim.world.now;

    const out = await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web' }),
    );
    const newId = out.service!.deployments![0]!.id!;
    // the reply shows the state right after the call: nothing started yet
    expect(out.service!.deployments![0]).toMatchObject({ runningCount: 0, pendingCount: 0 });

    sim.advance(10 * S);
    let svc = await describe1(ecs, 'web');
    expect(svc.deployments!.map((d) => [d.status, d.desiredCount, d.pendingCount])).toEqual([
      ['PRIMARY', 2, 2],
      ['ACTIVE', 2, 0],
    ]);
    expect(svc.runningCount).toBe(2);
    expect(svc.pendingCount).toBe(2);

    const took = advanceUntil(
      sim,
      () => service.deployments[0]!.rolloutState === 'COMPLETED',
      600 * S,
    );
    svc = await describe1(ecs, 'web');
    expect(svc.deployments).toHaveLength(1);
    expect(svc.deployments![0]).toMatchObject({
      id: newId,
      status: 'PRIMARY',
      rolloutState: 'COMPLETED',
      rolloutStateReason: `ECS deployment ${newId} completed.`,
      runningCount: 2,
      pendingCount: 0,
      failedTasks: 0,
    });
    expect(svc.runningCount).toBe(2);

    const ids = (text: string) => [...text.matchAll(/\(task ([0-9a-f]{32})\)/g)].map((m) => m[1]);
    const log = messages(service, t0);
    expect(log).toHaveLength(7);
    expect(log[0]).toMatch(
      /^\(service web\) has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/,
    );
    expect(log[1]).toBe(`(service web) registered 2 targets in (target-group ${tg})`);
    expect(log[2]).toMatch(
      /^\(service web\) has stopped 2 running tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/,
    );
    expect(log[3]).toBe(`(service web) deregistered 2 targets in (target-group ${tg})`);
    expect(log[4]).toBe(
      `(service web, taskSet ${oldId}) has begun draining connections on 2 tasks.`,
    );
    expect(log[5]).toBe(`(service web) (deployment ${newId}) deployment completed.`);
    expect(log[6]).toBe('(service web) has reached a steady state.');

    // the stopped tasks are the old ones, stopped by the new deployment's scaling activity;
    // completion came when draining ended, STOPPING and DEPROVISIONING follow
    const stopping = await ecs.send(
      new DescribeTasksCommand({ cluster: 'prod', tasks: ids(log[2]!) as string[] }),
    );
    expect(stopping.tasks!.map((t) => t.lastStatus)).toEqual(['STOPPING', 'STOPPING']);
    sim.advance(30 * S);
    // nothing more to say once steady
    expect(messages(service, t0)).toEqual(log);
    const stopped = await ecs.send(
      new DescribeTasksCommand({ cluster: 'prod', tasks: ids(log[2]!) as string[] }),
    );
    for (const t of stopped.tasks!) {
      expect(t.lastStatus).toBe('STOPPED');
      expect(t.stopCode).toBe('ServiceSchedulerInitiated');
      expect(t.stoppedReason).toBe(`Scaling activity initiated by (deployment ${newId})`);
      expect(t.startedBy).toBe(oldId);
    }
    const started = await ecs.send(
      new DescribeTasksCommand({ cluster: 'prod', tasks: ids(log[0]!) as string[] }),
    );
    for (const t of started.tasks!) {
      expect(t).toMatchObject({ lastStatus: 'RUNNING', startedBy: newId, healthStatus: 'HEALTHY' });
      expect(t.startedAt!.getTime()).toBeGreaterThan(t.pullStartedAt!.getTime());
    }
    const health = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    expect(health.TargetHealthDescriptions!.map((d) => d.TargetHealth!.State)).toEqual([
      'healthy',
      'healthy',
    ]);
    // dominated by health checks (30 s) and the 30 s deregistration delay
    expect(took).toBeGreaterThan(60 * S);
    expect(took).toBeLessThan(180 * S);

    const list = await ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'web' }));
    expect(list.taskArns).toHaveLength(2);
  });
});
