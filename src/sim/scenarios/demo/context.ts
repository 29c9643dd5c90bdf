import type { ClusterRec } from '../../services/ecs/types';
import type { World } from '../../world/world';
import { HOUR, MINUTE, type VersionTimes } from './calendar';
import type { Release } from './history';
import { catalogEntry, type DemoCatalog } from './images';
import type { ClusterAlb } from './load-balancers';
import { registerRevision, type AppProfile } from './task-definitions';

// What the service builders of one demo cluster share: where it is, its load balancer, the
// image catalog, and how this environment names and sizes things and when it got each release.

export type Stage = 'production' | 'staging' | 'production-eu';

export interface ClusterCtx {
  world: World;
  region: string;
  cluster: ClusterRec;
  stage: Stage;
  alb: ClusterAlb;
  catalog: DemoCatalog;
  /** Who registers revisions here (CI only for staging). */
  people: readonly string[];
}

/** `api` in production, `api-staging` in staging: one account holds both environments. */
export function familyName(ctx: ClusterCtx, service: string): string {
  return ctx.stage === 'staging' ? `${service}-staging` : service;
}

/** Target group names carry the cluster: `production-api`, `staging-web-blue`. */
export function groupName(ctx: ClusterCtx, service: string): string {
  return `${ctx.cluster.name}-${service}`;
}

/** Smaller fleets outside the main production cluster. */
export function sized(ctx: ClusterCtx, production: number): number {
  return ctx.stage === 'production' ? production : Math.max(1, Math.ceil(production / 2));
}

export function envOf(ctx: ClusterCtx): 'production' | 'staging' {
  return ctx.stage === 'staging' ? 'staging' : 'production';
}

export function teamTags(ctx: ClusterCtx, team: string): Record<string, string> {
  return { team, environment: envOf(ctx), 'cost-center': `cc-${team}`, 'managed-by': 'terraform' };
}

/**
 * When this environment got a version: staging minutes after the push, production on the
 * release day, Europe two hours after the US. Bad builds only ever hit us-east-1 production.
 */
function releasedAt(ctx: ClusterCtx, v: VersionTimes, bad: boolean): number | undefined {
  switch (ctx.stage) {
    case 'staging':
      return v.stagingAt;
    case 'production':
      return v.productionAt;
    case 'production-eu':
      return v.productionAt !== undefined && !bad ? v.productionAt + 2 * HOUR : undefined;
  }
}

export interface RevisionPlan {
  releases: Release[];
  /** Tags in release order, for callers that pin things to a version. */
  tags: string[];
}

/**
 * Registers a revision of `profile` for every version this environment released, a few
 * minutes before it went out, by whoever released it. A release of a bad build is marked
 * rolled back (the circuit breaker caught it).
 */
export function planReleases(
  ctx: ClusterCtx,
  repo: string,
  profile: AppProfile,
  opts: { pinned?: boolean } = {},
): RevisionPlan {
  const { world, region } = ctx;
  const images = catalogEntry(ctx.catalog, repo);
  const releases: Release[] = [];
  const tags: string[] = [];
  for (const v of images.versions) {
    const image = images.image(region, v.tag);
    const bad = world.images.of(image.uri, image.digest) !== 'ok';
    const at = releasedAt(ctx, v, bad);
    if (at === undefined) continue;
    const by = world.rng.pick(ctx.people);
    const td = registerRevision(
      world,
      region,
      profile,
      opts.pinned ? image.pinnedUri : image.uri,
      at - world.rng.int(4, 15) * MINUTE,
      by,
    );
    releases.push({ td, at, ...(bad ? { rolledBack: true } : {}) });
    tags.push(v.tag);
  }
  return { releases, tags };
}
