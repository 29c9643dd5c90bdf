import { pushImage } from '../services/ecr/builder';
import { buildCluster, buildService } from '../services/ecs/builder';
import type { World } from '../world/world';
import { serviceNames } from './names';

// The scale world for performance work: `services` rolling services (default 5,000) in one
// cluster `big`, one or two tasks each, no load balancers, each on its own ECR repository,
// plus a tiny `small` cluster for switching between a huge and a trivial list. Everything
// goes through the flat builders (no history beyond the current deployment), which keeps
// 5,000 services to a few hundred milliseconds and a few tens of MB.

export const BIG_DEFAULT_SERVICES = 5000;
const REGION = 'us-east-1';
const DAY = 86_400_000;

export function buildBig(world: World, requested: number | undefined): void {
  const count = requested ?? BIG_DEFAULT_SERVICES;
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(
      `scenario big: services must be a whole number above 0, got ${String(requested)}`,
    );
  }
  const { rng } = world;
  const big = buildCluster(world, REGION, 'big', { createdAt: world.now - 400 * DAY });
  for (const name of serviceNames(rng, count)) {
    const tag = `v${rng.int(1, 4)}.${rng.int(0, 40)}.${rng.int(0, 9)}`;
    const image = pushImage(world, REGION, name, tag, {
      pushedAt: world.now - rng.int(2, 90) * DAY,
    });
    buildService(world, REGION, {
      cluster: big,
      name,
      image: image.uri,
      desiredCount: rng.int(1, 2),
      deploymentConfiguration: {
        strategy: 'ROLLING',
        deploymentCircuitBreaker: { enable: true, rollback: true },
        maximumPercent: 200,
        minimumHealthyPercent: 100,
      },
      createdAt: image.image.pushedAt + 3_600_000,
    });
  }
  const small = buildCluster(world, REGION, 'small', { createdAt: world.now - 200 * DAY });
  for (const name of ['status-page', 'docs-site', 'synthetic-probe']) {
    const image = pushImage(world, REGION, name, 'v1.0.3', { pushedAt: world.now - 20 * DAY });
    buildService(world, REGION, { cluster: small, name, image: image.uri, desiredCount: 1 });
  }
}
