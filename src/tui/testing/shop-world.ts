/**
 * A small world for the browsing screens' tests, built straight into the simulator:
 *
 * - production: `api` (behind an ALB, blue/green target groups, three revisions, one target
 *   failing its health check), `web`, `worker` (two tasks stopped with reasons, a failure
 *   event); `zeta` was deployed an hour ago, the others long before.
 * - staging: `web`. sandbox: no services.
 *
 * Environment values carry `SUPERSECRET` so tests can check they never reach the screen.
 */
import type { World } from '../../sim';
import { buildCluster, buildService, buildTaskDefinition } from '../../sim/services/ecs/builder';
import { addServiceEvent } from '../../sim/services/ecs/events';
import { ecsScope, findCluster, taskDefinitionByArn } from '../../sim/services/ecs/state';
import { startTask, stopTask } from '../../sim/services/ecs/tasks';
import { buildAlb, buildServiceRouting } from '../../sim/services/elbv2/builder';
import { registerTarget } from '../../sim/services/elbv2/targets';

export const REGION = 'us-east-1';
const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const MINUTE = 60_000;

export interface Shop {
  /** Sim time it takes the failing target to be reported unhealthy. */
  unhealthyAfterMs: number;
}

export function buildShop(world: World): Shop {
  const alb = buildAlb(world, { name: 'shop', https: { port: 443 } });
  const routing = buildServiceRouting(world, {
    listenerArn: alb.httpsListenerArn!,
    serviceName: 'api',
    priority: 10,
    blueGreen: true,
  });
  const [blue] = routing.targetGroupArns as [string, string];
  const env = { API_KEY: 'SUPERSECRET-key', FEATURE_X: 'SUPERSECRET-on' };
  for (const tag of ['v1.0.0', 'v1.1.0']) {
    buildTaskDefinition(world, REGION, {
      family: 'api',
      image: `${ECR}/api:${tag}`,
      environment: env,
      registeredAt: world.now - 20 * 24 * 60 * MINUTE,
    });
  }
  const v3 = buildTaskDefinition(world, REGION, {
    family: 'api',
    image: `${ECR}/api:v1.2.0`,
    environment: { ...env, API_KEY: 'SUPERSECRET-rotated' },
    cpu: 512,
    memory: 1024,
  });
  buildService(world, REGION, {
    cluster: 'production',
    name: 'api',
    taskDefinition: v3,
    desiredCount: 3,
    loadBalancers: [{ targetGroupArn: blue, containerName: 'app', containerPort: 8080 }],
  });
  registerTarget(world, REGION, blue, { id: '10.0.1.10' }, undefined, { initiallyHealthy: true });
  registerTarget(world, REGION, blue, { id: '10.0.1.11' }, undefined, { initiallyHealthy: true });
  registerTarget(world, REGION, blue, { id: '10.0.1.12' }, () => 'timeout');

  buildService(world, REGION, { cluster: 'production', name: 'web', image: `${ECR}/web:2.4.1` });
  const worker = buildService(world, REGION, {
    cluster: 'production',
    name: 'worker',
    image: `${ECR}/worker:7.0.0`,
  });
  buildService(world, REGION, {
    cluster: 'production',
    name: 'zeta',
    image: `${ECR}/zeta:1.1`,
    previousImages: [`${ECR}/zeta:1.0`],
  });
  stopWorkerTasks(world, worker);

  buildService(world, REGION, { cluster: 'staging', name: 'web', image: `${ECR}/web:2.5.0-rc1` });
  buildCluster(world, REGION, 'sandbox');
  // default health check: 30 s interval, 2 failures before unhealthy (ALB defaults)
  return { unhealthyAfterMs: 5 * MINUTE };
}

/** Two tasks that exited and one that failed to start, with the events ECS writes. */
function stopWorkerTasks(world: World, worker: ReturnType<typeof buildService>): void {
  const scope = ecsScope(world, REGION);
  const cluster = findCluster(scope.ecs, 'production')!;
  const definition = taskDefinitionByArn(scope.ecs, worker.taskDefinition ?? '');
  if (!definition) throw new Error('worker has no task definition');
  const stops = [
    { code: 'EssentialContainerExited', reason: 'Essential container in task exited', exit: 137 },
    { code: 'EssentialContainerExited', reason: 'Essential container in task exited', exit: 137 },
    { code: 'TaskFailedToStart', reason: 'CannotPullContainerError: pull access denied' },
  ] as const;
  stops.forEach((stop, i) => {
    const task = startTask(scope, {
      cluster,
      taskDefinition: definition,
      service: worker,
      startedBy: 'ecs-svc/1',
      lastStatus: 'RUNNING',
      at: world.now - (30 - i) * MINUTE,
    });
    if ('exit' in stop) for (const c of task.containers) c.exitCode = stop.exit;
    stopTask(
      task,
      { stopCode: stop.code, stoppedReason: stop.reason, lastStatus: 'STOPPED' },
      world.now - (20 - i) * MINUTE,
    );
  });
  addServiceEvent(
    scope,
    worker,
    '(service worker) was unable to place a task because no container instance met all of its requirements.',
    world.now - 10 * MINUTE,
  );
}
