/**
 * Test-only: a small world for the deploy screens. Service `api` in cluster `prod` behind an
 * ALB target group, four tasks, circuit breaker with rollback, three completed deployments
 * (v1.0.0, v1.1.0, v1.2.0 running now); ECR holds those tags plus v1.3.0 (good) and
 * v1.3.0-crash (exits on start). The rolling engine moves it when the clock advances.
 */
import type { World } from '../../../sim';
import { enginesOf } from '../../../sim/engines';
import { pushImage } from '../../../sim/services/ecr/builder';
import { buildService } from '../../../sim/services/ecs/builder';
import { buildAlb, buildServiceRouting } from '../../../sim/services/elbv2/builder';

export const REGION = 'us-east-1';
export const TAGS = ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0', 'v1.3.0-crash'] as const;

export interface DeployWorld {
  images: Record<(typeof TAGS)[number], { uri: string; digest: string }>;
  targetGroupArn: string;
}

export function buildDeployWorld(
  world: World,
  opts: { tags?: { key: string; value: string }[]; desiredCount?: number } = {},
): DeployWorld {
  const images = Object.fromEntries(
    TAGS.map((tag) => {
      const pushed = pushImage(world, REGION, 'api', tag);
      return [tag, { uri: pushed.uri, digest: pushed.digest }];
    }),
  ) as DeployWorld['images'];
  world.images.set(images['v1.3.0-crash'].digest, 'crash-on-start');
  const alb = buildAlb(world, { name: 'api-alb' });
  const { targetGroupArns } = buildServiceRouting(world, {
    listenerArn: alb.httpListenerArn,
    serviceName: 'api',
    priority: 1,
    deregistrationDelaySeconds: 5,
    healthCheck: { intervalSeconds: 5 },
  });
  const targetGroupArn = targetGroupArns[0]!;
  buildService(world, REGION, {
    cluster: 'prod',
    name: 'api',
    previousImages: [images['v1.0.0'].uri, images['v1.1.0'].uri],
    image: images['v1.2.0'].uri,
    desiredCount: opts.desiredCount ?? 4,
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: true },
      minimumHealthyPercent: 100,
      maximumPercent: 200,
    },
    loadBalancers: [{ targetGroupArn, containerName: 'app', containerPort: 8080 }],
    ...(opts.tags ? { tags: opts.tags } : {}),
  });
  // the steady tasks sit behind the target group, as a scenario's do
  enginesOf(world)!.adoptScenario();
  return { images, targetGroupArn };
}
