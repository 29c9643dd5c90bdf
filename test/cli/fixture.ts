import type { RunningSimulator } from '../../src/sim';
import { pushImage } from '../../src/sim/services/ecr/builder';
import { buildService } from '../../src/sim/services/ecs/builder';

export const REGION = 'us-east-1';

/**
 * A small world of its own (the demo's content moves as others build it): cluster `prod` with
 * a rolling service `api` on `api:v1`, ECR tags `v2` (good) and `v2-crash` (exits on start),
 * and a protected rolling service `vault`.
 */
export function buildCliWorld(sim: RunningSimulator): { crashDigest: string } {
  const { world } = sim;
  const v1 = pushImage(world, REGION, 'api', 'v1');
  pushImage(world, REGION, 'api', 'v2');
  const crash = pushImage(world, REGION, 'api', 'v2-crash');
  world.images.set(crash.digest, 'crash-on-start');
  buildService(world, REGION, {
    cluster: 'prod',
    name: 'api',
    image: v1.pinnedUri,
    desiredCount: 2,
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: true },
      minimumHealthyPercent: 100,
      maximumPercent: 200,
    },
  });
  buildService(world, REGION, {
    cluster: 'prod',
    name: 'vault',
    image: v1.pinnedUri,
    desiredCount: 1,
    tags: [{ key: 'ecs-rollout:protected', value: 'true' }],
  });
  return { crashDigest: crash.digest };
}

/** The flags every test run gives: the cluster and fast polling against the simulator. */
export const FAST = ['--cluster', 'prod', '--poll-interval', '20ms'];
