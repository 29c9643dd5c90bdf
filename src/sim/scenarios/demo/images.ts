import { createRepository, putImage } from '../../services/ecr/state';
import type { ImageBehaviour } from '../../world/image-behaviour';
import type { World } from '../../world/world';
import { DAY, MINUTE, versionCalendar, type CalendarOptions, type VersionTimes } from './calendar';

// The demo's ECR: one repository per service, a tag per version (each its own digest), the
// release calendar those versions followed, and the bad versions the engines will misbehave on.

export interface DemoImage {
  tag: string;
  digest: string;
  /** `<registry>/<repo>:<tag>` */
  uri: string;
  /** `<registry>/<repo>@sha256:...` */
  pinnedUri: string;
}

export interface ServiceImages {
  repo: string;
  /** Every version, oldest first, with when it was pushed and released. */
  versions: VersionTimes[];
  image(region: string, tag: string): DemoImage;
}

export interface CatalogEntry {
  repo: string;
  tags: string[];
  calendar?: CalendarOptions;
  /** Versions that misbehave when run (their digest is marked on the world). */
  bad?: Record<string, ImageBehaviour>;
  /** Pushed after the newest version and never released: bad builds to try a deploy with. */
  extra?: Record<string, ImageBehaviour>;
}

const CATALOG: readonly CatalogEntry[] = [
  {
    repo: 'api',
    tags: [
      'v2.9.0',
      'v2.10.0',
      'v2.11.0',
      'v2.11.1',
      'v2.12.0',
      'v2.12.1',
      'v2.13.0',
      'v2.14.0',
      'v2.15.0',
    ],
    calendar: { pending: 1, hotfixes: ['v2.12.1'] },
    bad: { 'v2.12.1': 'crash-on-start' },
    // the natural next deploy is v2.15.0; these builds of it fail in each way the engines know
    extra: {
      'v2.15.0-crash': 'crash-on-start',
      'v2.15.0-unhealthy': 'fail-health-check',
      'v2.15.0-5xx': 'http-5xx',
    },
  },
  {
    repo: 'worker',
    tags: ['v1.18.0', 'v1.19.0', 'v1.20.0', 'v1.21.0', 'v1.21.1', 'v1.22.0'],
    calendar: { pending: 1 },
  },
  { repo: 'web', tags: ['v5.3.0', 'v5.4.0', 'v5.5.0', 'v5.6.0', 'v5.7.0'] },
  { repo: 'checkout', tags: ['v3.0.0', 'v3.1.0', 'v3.2.0', 'v3.2.1', 'v3.3.0'] },
  { repo: 'search', tags: ['v1.4.0', 'v1.5.0', 'v1.6.0', 'v1.7.0'], calendar: { pending: 0 } },
  {
    repo: 'payments',
    tags: ['v3.5.0', 'v3.6.0', 'v3.6.1', 'v3.7.0', 'v3.7.1', 'v3.8.0'],
    calendar: { pending: 0, hotfixes: ['v3.7.1'] },
    bad: { 'v3.7.1': 'fail-health-check' },
  },
  {
    repo: 'orders',
    tags: ['v4.1.0', 'v4.2.0', 'v4.2.1', 'v4.3.0', 'v4.4.0'],
    // orders-canary's natural next deploy is v4.4.0; this build of it fails the 5xx gate
    extra: { 'v4.4.0-5xx': 'http-5xx' },
  },
  { repo: 'notifications', tags: ['v7.0.2', 'v7.1.0', 'v7.2.0'], calendar: { pending: 0 } },
  {
    repo: 'legacy-cron',
    tags: ['v0.9.2', 'v0.9.3'],
    calendar: { pending: 0, idleDays: 120 },
  },
];

export type DemoCatalog = ReadonlyMap<string, ServiceImages>;

/**
 * Pushes every version of every demo service to ECR in `regions` (the first is the home
 * region; the others are replicas with the same digests, as ECR replication keeps them) and
 * marks the bad versions on the world.
 */
export function buildCatalog(world: World, regions: readonly string[]): DemoCatalog {
  const catalog = new Map<string, ServiceImages>();
  for (const entry of CATALOG) catalog.set(entry.repo, pushVersions(world, regions, entry));
  return catalog;
}

/** One repository: its versions on the release calendar, then any extra (bad) builds. */
export function pushVersions(
  world: World,
  regions: readonly string[],
  entry: CatalogEntry,
): ServiceImages {
  const versions = versionCalendar(world, entry.tags, entry.calendar);
  const extra = entry.extra ?? {};
  const pushes = versions.map((v) => ({ tag: v.tag, at: v.pushedAt }));
  let at = world.now - world.rng.int(100, 130) * MINUTE;
  for (const tag of Object.keys(extra)) {
    pushes.push({ tag, at });
    at += world.rng.int(4, 15) * MINUTE;
  }
  const digests = new Map<string, string>();
  for (const region of regions) {
    const repo = createRepository(world, region, entry.repo, {
      createdAt: versions[0]!.pushedAt - 30 * DAY,
      scanOnPush: true,
    });
    for (const push of pushes) {
      const digest = digests.get(push.tag);
      const image = putImage(world, repo, {
        tag: push.tag,
        pushedAt: push.at,
        ...(digest ? { digest } : {}),
      });
      digests.set(push.tag, image.digest);
    }
  }
  for (const [tag, behaviour] of Object.entries({ ...entry.bad, ...extra })) {
    world.images.set(digests.get(tag)!, behaviour);
  }
  return {
    repo: entry.repo,
    versions,
    image: (region, tag) => {
      const digest = digests.get(tag);
      if (!digest) throw new Error(`demo catalog: ${entry.repo} has no tag ${tag}`);
      const base = `${world.accountId}.dkr.ecr.${region}.amazonaws.com/${entry.repo}`;
      return { tag, digest, uri: `${base}:${tag}`, pinnedUri: `${base}@${digest}` };
    },
  };
}

export function catalogEntry(catalog: DemoCatalog, repo: string): ServiceImages {
  const found = catalog.get(repo);
  if (!found) throw new Error(`demo catalog: no repository ${repo}`);
  return found;
}
