import {
  DescribeTasksCommand,
  ECSClient,
  ListServicesCommand,
  ListTasksCommand,
  DescribeServicesCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { ManualClock, World } from '../../src/sim';
import { findScenario, SCENARIOS } from '../../src/sim/scenarios';
import { targetHealth } from '../../src/sim/services/elbv2/targets';
import { sdkConfig, startTestSim } from '../helpers/sim';

const START = Date.UTC(2026, 10, 26, 9, 0, 0);

function demoWorld(seed: number, start = START): World {
  const world = new World({ clock: new ManualClock(start), seed });
  findScenario('demo').build(world, {});
  return world;
}

/** Every id the world handed out, in a stable order. */
function allIds(world: World): string[] {
  const out: string[] = [];
  for (const region of world.regionNames().sort()) {
    const r = world.region(region);
    for (const c of r.ecs.clusters.values()) {
      out.push(c.arn);
      for (const s of c.services.values()) {
        out.push(s.arn, ...s.serviceDeploymentArns, ...s.deployments.map((d) => d.id));
        out.push(...s.taskSets.map((t) => t.arn));
      }
      for (const t of c.tasks.values()) out.push(t.arn, t.privateIp);
    }
    for (const f of r.ecs.taskDefinitions.values()) out.push(...f.revisions.map((t) => t.arn));
    out.push(...r.elbv2.loadBalancers.keys(), ...r.elbv2.listeners.keys(), ...r.elbv2.rules.keys());
    out.push(...r.elbv2.targetGroups.keys());
    for (const repo of r.ecr.repositories.values()) out.push(...repo.images.keys());
    out.push(...r.codedeploy.deployments.keys());
  }
  return out;
}

describe('demo scenario: determinism', () => {
  it('gives the same ids for the same seed, whatever time it starts, and others for another seed', () => {
    const a = allIds(demoWorld(7));
    const b = allIds(demoWorld(7, START + 3 * 86_400_000 + 5 * 3_600_000));
    // 5 days 16 hours later: ECS's steady-state reminders fit differently before now
    const late = allIds(demoWorld(7, START + 136 * 3_600_000));
    const c = allIds(demoWorld(8));
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toEqual(a);
    expect(late).toEqual(a);
    expect(c).not.toEqual(a);
    expect(new Set(a.filter((id) => id.startsWith('arn:'))).size).toBe(
      a.filter((id) => id.startsWith('arn:')).length,
    );
  });

  it('starts steady: everything finished in the past, and time passing changes nothing', () => {
    const clock = new ManualClock(START);
    const world = new World({ clock, seed: 1 });
    findScenario('demo').build(world, {});
    const snapshot = () =>
      world.regionNames().flatMap((region) => {
        const r = world.region(region);
        const sds = [...r.ecs.serviceDeployments.values()].map((sd) => sd.status);
        const tasks = [...r.ecs.clusters.values()].flatMap((c) =>
          [...c.tasks.values()].map((t) => `${t.lastStatus}/${t.healthStatus}`),
        );
        const targets = [...r.elbv2.targetGroups.values()].flatMap((tg) =>
          [...tg.targets.values()].map((t) => t.health.state),
        );
        return [...sds, ...tasks, ...targets];
      });
    for (const region of world.regionNames()) {
      const ecs = world.region(region).ecs;
      for (const sd of ecs.serviceDeployments.values()) {
        expect(['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL']).toContain(sd.status);
        expect(sd.finishedAt!).toBeLessThan(world.now);
      }
      for (const c of ecs.clusters.values()) {
        for (const t of c.tasks.values()) expect(t.createdAt).toBeLessThan(world.now);
      }
    }
    const before = snapshot();
    expect(before.filter((s) => s === 'healthy').length).toBeGreaterThan(300);
    clock.advance(15 * 60_000);
    world.catchUp();
    expect(snapshot()).toEqual(before);
  });
});

describe('demo scenario: load balancer targets', () => {
  it('every registered target is healthy and every target group with targets is in use', async () => {
    const sim = await startTestSim({ scenario: 'demo' });
    try {
      for (const region of ['us-east-1', 'eu-west-1']) {
        const elb = new ElasticLoadBalancingV2Client(sdkConfig(sim, region));
        let targets = 0;
        for await (const page of paginateDescribeTargetGroups({ client: elb, pageSize: 400 }, {})) {
          for (const tg of page.TargetGroups ?? []) {
            const health = await elb.send(
              new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }),
            );
            for (const d of health.TargetHealthDescriptions ?? []) {
              expect(d.TargetHealth?.State, `${tg.TargetGroupName} ${d.Target?.Id}`).toBe(
                'healthy',
              );
              targets++;
            }
            if ((health.TargetHealthDescriptions ?? []).length > 0)
              expect(tg.LoadBalancerArns).not.toEqual([]);
          }
        }
        elb.destroy();
        expect(targets, region).toBeGreaterThan(region === 'us-east-1' ? 300 : 5);
      }
    } finally {
      await sim.close();
    }
  });

  it('every running task of a production service behind a load balancer is a target of its group', async () => {
    const sim = await startTestSim({ scenario: 'demo' });
    const ecs = new ECSClient(sdkConfig(sim));
    const elb = new ElasticLoadBalancingV2Client(sdkConfig(sim));
    try {
      const arns = (
        await ecs.send(new ListServicesCommand({ cluster: 'production', maxResults: 100 }))
      ).serviceArns!;
      const services = (
        await ecs.send(new DescribeServicesCommand({ cluster: 'production', services: arns }))
      ).services!;
      let checked = 0;
      for (const service of services) {
        const taskArns = (
          await ecs.send(
            new ListTasksCommand({ cluster: 'production', serviceName: service.serviceName! }),
          )
        ).taskArns!;
        if (taskArns.length === 0) continue;
        const tasks = (
          await ecs.send(new DescribeTasksCommand({ cluster: 'production', tasks: taskArns }))
        ).tasks!;
        const lbs = service.taskSets?.length
          ? service.taskSets[0]!.loadBalancers!
          : service.loadBalancers!;
        for (const lb of lbs) {
          const health = await elb.send(
            new DescribeTargetHealthCommand({ TargetGroupArn: lb.targetGroupArn }),
          );
          const ids = (health.TargetHealthDescriptions ?? [])
            .map((d) => `${d.Target!.Id}:${d.Target!.Port}`)
            .sort();
          const ips = tasks
            .filter((t) => t.lastStatus === 'RUNNING')
            .map(
              (t) =>
                `${t.containers![0]!.networkInterfaces?.[0]?.privateIpv4Address ?? t.attachments![0]!.details!.find((d) => d.name === 'privateIPv4Address')!.value}:${lb.containerPort}`,
            )
            .sort();
          expect(ids, service.serviceName).toEqual(ips);
          checked++;
        }
      }
      // api, web, checkout, search, payments, orders, orders-canary
      expect(checked).toBe(7);

      // the platform cluster, straight from the world: 300 services over the API is slow
      const platform = sim.world.region('us-east-1').ecs.clusters.get('platform')!;
      let platformTargets = 0;
      for (const service of platform.services.values()) {
        const tg = service.loadBalancers[0]?.targetGroupArn;
        for (const task of service.tasks.values()) {
          if (!tg || task.lastStatus !== 'RUNNING') continue;
          expect(
            targetHealth(sim.world, 'us-east-1', tg, { id: task.privateIp, port: 8080 }).state,
          ).toBe('healthy');
          platformTargets++;
        }
      }
      expect(platformTargets).toBeGreaterThan(200);
    } finally {
      ecs.destroy();
      elb.destroy();
      await sim.close();
    }
  });
});

describe('scenario registry', () => {
  it('describes every scenario and names them all when one is unknown', () => {
    expect(Object.keys(SCENARIOS)).toEqual(['empty', 'demo', 'big']);
    for (const s of Object.values(SCENARIOS)) expect(s.description.length).toBeGreaterThan(10);
    expect(() => findScenario('demo2')).toThrow(/unknown scenario "demo2".*empty.*demo \(.*big \(/);
  });
});
