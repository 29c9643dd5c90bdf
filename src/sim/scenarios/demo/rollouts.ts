import { enginesOf } from '../../engines';
import { createDeployment } from '../../services/ecs/deployments';
import { ecsScope, taskDefinitionByArn } from '../../services/ecs/state';
import { registerTaskDefinition } from '../../services/ecs/task-definitions';
import type { World } from '../../world/world';
import { MINUTE } from './calendar';

/** The live rollout the demo opens on: production `api` going to the build staging has. */
export const DEMO_ROLLOUT = {
  region: 'us-east-1',
  cluster: 'production',
  service: 'api',
  repository: 'api',
  tag: 'v2.15.0',
} as const;

/**
 * Called last when the demo world is built, so the app opens on a live rollout (product.md:
 * "at least one deployment in progress when the app opens"): a new revision of production
 * `api` with v2.15.0 (the version staging runs), registered two minutes ago, and the
 * UpdateService-style deployment to it, which the rolling engine's `deploymentCreated`
 * listener drives from here. With the demo's 10 s health checks and 30 s deregistration
 * delay plus the 5xx alarm's bake, it completes about 3.5 simulated minutes later.
 *
 * A world without engines (a bare `World` in tests) would never move the deployment, so it
 * stays steady instead.
 */
export function startDemoRollouts(world: World): void {
  if (!enginesOf(world)) return;
  const { region, cluster, service: name, repository, tag } = DEMO_ROLLOUT;
  const scope = ecsScope(world, region);
  const service = scope.ecs.clusters.get(cluster)?.services.get(name);
  const repo = world.region(region).ecr.repositories.get(repository);
  const digest = repo?.tagIndex.get(tag);
  const current = service?.taskDefinition
    ? taskDefinitionByArn(scope.ecs, service.taskDefinition)
    : undefined;
  if (!service || !repo || !digest || !current) return;
  const containerDefinitions = current.containerDefinitions.map((c) => {
    if (!c.image.startsWith(`${repo.uri}:`) && !c.image.startsWith(`${repo.uri}@`)) return c;
    // keep the definition's style: pinned by digest or by tag
    return { ...c, image: c.image.includes('@') ? `${repo.uri}@${digest}` : `${repo.uri}:${tag}` };
  });
  const td = registerTaskDefinition(
    scope,
    {
      family: current.family,
      containerDefinitions,
      fields: current.fields,
      tags: current.tags,
    },
    { at: world.now - 2 * MINUTE, raw: true },
  );
  td.registeredBy = current.registeredBy;
  createDeployment(scope, service, { taskDefinition: td, cause: 'update-service' });
}
