import { DescribeServicesCommand, ECSClient, ListServicesCommand } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { ManualClock, World } from '../../src/sim';
import { buildRepository, pushImage } from '../../src/sim/services/ecr/builder';
import {
  buildCluster,
  buildService,
  buildTaskDefinition,
} from '../../src/sim/services/ecs/builder';
import { addServiceEvent } from '../../src/sim/services/ecs/events';
import { projectService } from '../../src/sim/services/ecs/project-service';
import { projectTask } from '../../src/sim/services/ecs/project-task';
import { ecsScope } from '../../src/sim/services/ecs/state';
import { sdkConfig, startTestSim } from '../helpers/sim';

const REGION = 'us-east-1';
const START = Date.UTC(2026, 10, 26, 9, 0, 0);

function scenario(world: World) {
  const web = pushImage(world, REGION, 'web', 'v42');
  buildService(world, REGION, {
    cluster: 'prod',
    name: 'web',
    image: web.uri,
    previousImages: ['nginx:1.25', 'nginx:1.26'],
    desiredCount: 3,
    loadBalancers: [
      {
        targetGroupArn:
          'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef',
        containerName: 'app',
        containerPort: 8080,
      },
    ],
  });
  buildService(world, REGION, {
    cluster: 'prod',
    name: 'bg',
    image: 'nginx:1.27',
    controller: 'CODE_DEPLOY',
  });
}

function snapshot(world: World): string {
  const scope = ecsScope(world, REGION);
  const cluster = scope.ecs.clusters.get('prod')!;
  return JSON.stringify({
    services: [...cluster.services.values()].map((s) => projectService(scope, s, true)),
    tasks: [...cluster.tasks.values()].map((t) => projectTask(t, REGION, true)),
  });
}

describe('ECS builders', () => {
  it('build the same world from the same seed', () => {
    const a = new World({ clock: new ManualClock(START), seed: 42 });
    const b = new World({ clock: new ManualClock(START), seed: 42 });
    const c = new World({ clock: new ManualClock(START), seed: 43 });
    scenario(a);
    scenario(b);
    scenario(c);
    expect(snapshot(a)).toBe(snapshot(b));
    expect(snapshot(a)).not.toBe(snapshot(c));
  });

  it('build a steady service with history, ECR digests and realistic containers', () => {
    const world = new World({ clock: new ManualClock(START), seed: 1 });
    scenario(world);
    const scope = ecsScope(world, REGION);
    const web = scope.ecs.clusters.get('prod')!.services.get('web')!;
    expect(web.serviceDeploymentArns).toHaveLength(3);
    const sds = web.serviceDeploymentArns.map((arn) => scope.ecs.serviceDeployments.get(arn)!);
    expect(sds.map((sd) => sd.status)).toEqual(['SUCCESSFUL', 'SUCCESSFUL', 'SUCCESSFUL']);
    expect(sds[2]!.sourceRevisionArns).toEqual([sds[1]!.targetRevisionArn]);
    expect(sds.every((sd, i) => i === 0 || sd.createdAt > sds[i - 1]!.finishedAt!)).toBe(true);
    expect(web.deployments).toHaveLength(1);
    expect(web.events[0]!.message).toBe('(service web) has reached a steady state.');
    expect(web.events.map((e) => e.createdAt)).toEqual(
      [...web.events.map((e) => e.createdAt)].sort((x, y) => y - x),
    );

    const tasks = [...web.tasks.values()];
    expect(tasks).toHaveLength(3);
    const digest = world.region(REGION).ecr.repositories.get('web')!.tagIndex.get('v42');
    expect(tasks.every((t) => t.lastStatus === 'RUNNING' && t.healthStatus === 'HEALTHY')).toBe(
      true,
    );
    expect(tasks[0]!.containers[0]!.imageDigest).toBe(digest);
    expect(tasks.every((t) => t.startedAt! < world.now)).toBe(true);

    const td = scope.ecs.taskDefinitions.get('web')!.revisions[2]!;
    const app = td.containerDefinitions[0]!;
    expect(app.healthCheck?.command[0]).toBe('CMD-SHELL');
    expect(app.environment?.some((e) => e.name === 'DATABASE_URL')).toBe(true);
    expect(app.secrets?.[0]?.valueFrom).toMatch(
      /^arn:aws:secretsmanager:us-east-1:123456789012:secret:web\//,
    );
    expect(td.fields).toMatchObject({ networkMode: 'awsvpc', cpu: '256', memory: '512' });
    // every revision was registered before the deployment that rolled it out
    const revs = scope.ecs.taskDefinitions.get('web')!.revisions;
    expect(revs.map((r, i) => r.registeredAt < sds[i]!.createdAt)).toEqual([true, true, true]);
  });

  it('keep the newest 100 service events, newest first', () => {
    const world = new World({ clock: new ManualClock(START), seed: 1 });
    const scope = ecsScope(world, REGION);
    const web = buildService(world, REGION, { cluster: 'prod', name: 'web', image: 'nginx:1' });
    for (let i = 0; i < 150; i++) addServiceEvent(scope, web, `event ${i}`, world.now + i);
    expect(web.events).toHaveLength(100);
    expect(web.events[0]!.message).toBe('event 149');
    expect(web.events[99]!.message).toBe('event 50');
    expect(web.events[0]!.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('build 5,000 services that the API pages through', async () => {
    const sim = await startTestSim();
    try {
      const td = buildTaskDefinition(sim.world, REGION, { family: 'shared', image: 'nginx:1.27' });
      buildRepository(sim.world, REGION, 'shared', { images: ['1', '2'] });
      for (let c = 0; c < 50; c++) {
        const cluster = buildCluster(sim.world, REGION, `cluster-${String(c).padStart(2, '0')}`);
        for (let i = 0; i < 100; i++) {
          buildService(sim.world, REGION, {
            cluster,
            name: `svc-${i}`,
            taskDefinition: td,
            desiredCount: 2,
          });
        }
      }
      const scope = ecsScope(sim.world, REGION);
      expect(scope.ecs.clusters.size).toBe(50);
      expect(scope.ecs.serviceDeployments.size).toBe(5000);
      const ecs = new ECSClient(sdkConfig(sim));
      const page = await ecs.send(
        new ListServicesCommand({ cluster: 'cluster-49', maxResults: 100 }),
      );
      expect(page.serviceArns).toHaveLength(100);
      expect(page.nextToken).toBeUndefined();
      const out = await ecs.send(
        new DescribeServicesCommand({
          cluster: 'cluster-49',
          services: page.serviceArns!.slice(0, 10),
        }),
      );
      expect(out.services?.every((s) => s.runningCount === 2 && s.deployments?.length === 1)).toBe(
        true,
      );
      ecs.destroy();
    } finally {
      await sim.close();
    }
  });
});
