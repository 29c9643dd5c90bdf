import { putMetricAlarm } from '../../src/sim/services/cloudwatch/alarms';
import {
  buildEcsApplication,
  buildEcsDeploymentGroup,
  ecsAppSpec,
} from '../../src/sim/services/codedeploy/builder';
import type {
  AutoRollbackSettings,
  BlueGreenSettings,
} from '../../src/sim/services/codedeploy/state';
import { pushImage, type PushedImage } from '../../src/sim/services/ecr/builder';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import type { TaskDefinitionRec } from '../../src/sim/services/ecs/types';
import {
  buildAlb,
  buildTargetGroup,
  fixedResponseAction,
} from '../../src/sim/services/elbv2/builder';
import { createListener } from '../../src/sim/services/elbv2/model';
import { registerTarget } from '../../src/sim/services/elbv2/targets';
import type { World } from '../../src/sim/world/world';

/**
 * A CODE_DEPLOY service `web` in cluster `prod` behind an ALB: target groups web-blue (serving)
 * and web-green, a production listener forwarding to blue, a test listener on 8443, an ECS
 * application `web` with group `web-prod`, and ECR tags v1 (running), v2 (good), crash
 * (crash-on-start) and unhealthy (fail-health-check).
 */
export interface CodeDeployWorld {
  blueTg: string;
  greenTg: string;
  prodListener: string;
  testListener?: string;
  current: TaskDefinitionRec;
  images: Record<'v1' | 'v2' | 'crash' | 'unhealthy', PushedImage>;
  /** Registers the next revision of `web` with one of the images; returns its ARN. */
  revision(image: 'v2' | 'crash' | 'unhealthy'): string;
  /** AppSpec YAML for a task definition ARN (container app, port 8080 unless given). */
  appSpec(taskDefinitionArn: string, container?: string, port?: number): string;
}

export interface CodeDeployWorldOptions {
  region?: string;
  configName?: string;
  blueGreen?: Partial<BlueGreenSettings>;
  autoRollback?: Partial<AutoRollbackSettings>;
  /** Alarm names the group watches (created in OK state). */
  alarms?: string[];
  testListener?: boolean;
  desiredCount?: number;
}

export function buildCodeDeployWorld(
  world: World,
  opts: CodeDeployWorldOptions = {},
): CodeDeployWorld {
  const region = opts.region ?? 'us-east-1';
  const healthCheck = { intervalSeconds: 10, healthyThreshold: 2, unhealthyThreshold: 2 };
  const blueTg = buildTargetGroup(world, {
    region,
    name: 'web-blue',
    port: 8080,
    healthCheck,
    deregistrationDelaySeconds: 30,
  });
  const greenTg = buildTargetGroup(world, {
    region,
    name: 'web-green',
    port: 8080,
    healthCheck,
    deregistrationDelaySeconds: 30,
  });
  const alb = buildAlb(world, { region, name: 'shop', defaultTargetGroupArn: blueTg });
  const testListener =
    opts.testListener === false
      ? undefined
      : createListener(world, region, {
          loadBalancerArn: alb.loadBalancerArn,
          port: 8443,
          protocol: 'HTTP',
          defaultActions: [fixedResponseAction('404')],
        }).arn;
  const images = {
    v1: pushImage(world, region, 'web', 'v1'),
    v2: pushImage(world, region, 'web', 'v2'),
    crash: pushImage(world, region, 'web', 'crash'),
    unhealthy: pushImage(world, region, 'web', 'unhealthy'),
  };
  world.images.set(images.crash.digest, 'crash-on-start');
  world.images.set(images.unhealthy.digest, 'fail-health-check');
  const service = buildService(world, region, {
    cluster: 'prod',
    name: 'web',
    image: images.v1.pinnedUri,
    controller: 'CODE_DEPLOY',
    desiredCount: opts.desiredCount ?? 2,
    loadBalancers: [{ targetGroupArn: blueTg, containerName: 'app', containerPort: 8080 }],
    tags: [{ key: 'ecs-rollout:protected', value: 'false' }],
  });
  for (const task of service.tasks.values()) {
    registerTarget(
      world,
      region,
      blueTg,
      { id: task.privateIp, port: 8080, availabilityZone: task.availabilityZone },
      undefined,
      { initiallyHealthy: true },
    );
  }
  for (const name of opts.alarms ?? []) {
    putMetricAlarm(world, region, {
      name,
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_Target_5XX_Count',
      threshold: 10,
      initialState: 'OK',
    });
  }
  buildEcsApplication(world, { region, name: 'web' });
  buildEcsDeploymentGroup(world, {
    region,
    applicationName: 'web',
    name: 'web-prod',
    clusterName: 'prod',
    serviceName: 'web',
    targetGroupNames: ['web-blue', 'web-green'],
    prodListenerArn: alb.httpListenerArn,
    ...(testListener ? { testListenerArn: testListener } : {}),
    ...(opts.configName ? { deploymentConfigName: opts.configName } : {}),
    ...(opts.blueGreen ? { blueGreen: opts.blueGreen } : {}),
    ...(opts.autoRollback ? { autoRollback: opts.autoRollback } : {}),
    ...(opts.alarms ? { alarms: { enabled: true, names: opts.alarms } } : {}),
  });
  return {
    blueTg,
    greenTg,
    prodListener: alb.httpListenerArn,
    ...(testListener ? { testListener } : {}),
    current: world.region(region).ecs.taskDefinitions.get('web')!.revisions.at(-1)!,
    images,
    revision: (image) =>
      buildTaskDefinition(world, region, {
        family: 'web',
        image: images[image].pinnedUri,
        registeredAt: world.now,
      }).arn,
    appSpec: (arn, container = 'app', port = 8080) =>
      ecsAppSpec({ taskDefinitionArn: arn, containerName: container, containerPort: port }),
  };
}

/**
 * Moves the manual clock one step at a time until `done()` holds; fails after `maxMs` of
 * simulated time. Nothing sleeps: the clock is the simulator's.
 */
export function advanceUntil(
  sim: { advance(ms: number): void },
  done: () => boolean,
  opts: { stepMs?: number; maxMs?: number; what?: string } = {},
): number {
  const step = opts.stepMs ?? 1000;
  const max = opts.maxMs ?? 3_600_000;
  let waited = 0;
  while (!done()) {
    if (waited >= max)
      throw new Error(
        `${opts.what ?? 'condition'} not reached after ${max / 1000} s of simulated time`,
      );
    sim.advance(step);
    waited += step;
  }
  return waited;
}
