import type { World } from '../../world/world';
import {
  createRepository,
  putImage,
  type EcrImageRec,
  type EcrRepositoryRec,
  type PutImageOptions,
} from './state';

// Scenario and test helpers: plain functions over a World, no API round trips.

export interface RepositorySpec {
  createdAt?: number;
  /**
   * Tags to push, oldest first; pushes are spaced an hour apart ending at `lastPushAt`.
   * An entry may carry its own digest/size/time.
   */
  images?: (string | ({ tag: string } & PutImageOptions))[];
  /** Default: the world's now. */
  lastPushAt?: number;
}

/** Creates (or reuses) a repository and pushes the given tags into it. */
export function buildRepository(
  world: World,
  region: string,
  name: string,
  spec: RepositorySpec = {},
): EcrRepositoryRec {
  const images = spec.images ?? [];
  const last = spec.lastPushAt ?? world.now;
  const first = last - (images.length - 1) * 3_600_000;
  const repo = createRepository(world, region, name, {
    createdAt: spec.createdAt ?? Math.min(first, world.now) - 86_400_000,
  });
  images.forEach((entry, i) => {
    const opts = typeof entry === 'string' ? { tag: entry } : entry;
    putImage(world, repo, { pushedAt: first + i * 3_600_000, ...opts });
  });
  return repo;
}

export interface PushedImage {
  /** `<acct>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>` */
  uri: string;
  /** `<repo uri>@sha256:...`, the pinned form */
  pinnedUri: string;
  digest: string;
  image: EcrImageRec;
}

/** Pushes one tag (creating the repository if needed) and returns its URIs and digest. */
export function pushImage(
  world: World,
  region: string,
  repository: string,
  tag: string,
  opts: PutImageOptions = {},
): PushedImage {
  const repo = createRepository(world, region, repository);
  const image = putImage(world, repo, { ...opts, tag });
  return {
    uri: `${repo.uri}:${tag}`,
    pinnedUri: `${repo.uri}@${image.digest}`,
    digest: image.digest,
    image,
  };
}

/** The URI of a tag in this account's registry, whether or not it was pushed. */
export function ecrImageUri(world: World, region: string, repository: string, tag: string): string {
  return `${world.accountId}.dkr.ecr.${region}.amazonaws.com/${repository}:${tag}`;
}
