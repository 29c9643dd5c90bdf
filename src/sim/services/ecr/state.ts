import type { World } from '../../world/world';
import { randomHex } from '../ecs/rand';

/**
 * ECR repositories and images of one account and region. A tag points at one image digest;
 * pushing a tag that exists moves it (the old image keeps its other tags, or becomes
 * untagged), as a mutable repository does.
 */
export interface EcrImageRec {
  digest: string;
  /** Newest tag first, as ECR lists them. */
  tags: string[];
  pushedAt: number;
  sizeInBytes: number;
  lastRecordedPullTime?: number;
}

export interface EcrRepositoryRec {
  name: string;
  arn: string;
  uri: string;
  registryId: string;
  createdAt: number;
  imageTagMutability: 'MUTABLE' | 'IMMUTABLE';
  scanOnPush: boolean;
  /** By digest, in push order. */
  images: Map<string, EcrImageRec>;
  /** tag -> digest */
  tagIndex: Map<string, string>;
}

export interface EcrState {
  /** By repository name, in creation order. */
  readonly repositories: Map<string, EcrRepositoryRec>;
}

export function createEcrState(): EcrState {
  return { repositories: new Map() };
}

export function registryHost(accountId: string, region: string): string {
  return `${accountId}.dkr.ecr.${region}.amazonaws.com`;
}

export function repositoryUri(accountId: string, region: string, name: string): string {
  return `${registryHost(accountId, region)}/${name}`;
}

export interface CreateRepositoryOptions {
  createdAt?: number;
  imageTagMutability?: 'MUTABLE' | 'IMMUTABLE';
  scanOnPush?: boolean;
}

/** Creates the repository, or returns the existing one of that name. */
export function createRepository(
  world: World,
  region: string,
  name: string,
  opts: CreateRepositoryOptions = {},
): EcrRepositoryRec {
  const state = world.region(region).ecr;
  const existing = state.repositories.get(name);
  if (existing) return existing;
  const repo: EcrRepositoryRec = {
    name,
    arn: `arn:aws:ecr:${region}:${world.accountId}:repository/${name}`,
    uri: repositoryUri(world.accountId, region, name),
    registryId: world.accountId,
    createdAt: opts.createdAt ?? world.now,
    imageTagMutability: opts.imageTagMutability ?? 'MUTABLE',
    scanOnPush: opts.scanOnPush ?? false,
    images: new Map(),
    tagIndex: new Map(),
  };
  state.repositories.set(name, repo);
  return repo;
}

export interface PutImageOptions {
  tag?: string;
  /** Default: a fresh random digest (a new build). */
  digest?: string;
  sizeInBytes?: number;
  pushedAt?: number;
}

/** Pushes an image (or re-tags an existing digest) and returns it. */
export function putImage(
  world: World,
  repo: EcrRepositoryRec,
  opts: PutImageOptions = {},
): EcrImageRec {
  const digest = opts.digest ?? `sha256:${randomHex(world.rng, 64)}`;
  let image = repo.images.get(digest);
  if (!image) {
    image = {
      digest,
      tags: [],
      pushedAt: opts.pushedAt ?? world.now,
      // compressed sizes of typical service images: 40..200 MB
      sizeInBytes: opts.sizeInBytes ?? world.rng.int(40_000_000, 200_000_000),
    };
    repo.images.set(digest, image);
  }
  if (opts.tag !== undefined) {
    const previous = repo.tagIndex.get(opts.tag);
    if (previous !== undefined && previous !== digest) {
      const old = repo.images.get(previous);
      if (old) old.tags = old.tags.filter((t) => t !== opts.tag);
    }
    if (!image.tags.includes(opts.tag)) image.tags.unshift(opts.tag);
    repo.tagIndex.set(opts.tag, digest);
  }
  return image;
}

export function findImage(
  repo: EcrRepositoryRec,
  id: { imageTag?: string; imageDigest?: string },
): EcrImageRec | undefined {
  if (id.imageDigest !== undefined) return repo.images.get(id.imageDigest);
  if (id.imageTag !== undefined) {
    const digest = repo.tagIndex.get(id.imageTag);
    return digest === undefined ? undefined : repo.images.get(digest);
  }
  return undefined;
}

export interface EcrImageRef {
  accountId: string;
  region: string;
  repository: string;
  tag?: string;
  digest?: string;
}

/** `<acct>.dkr.ecr.<region>.amazonaws.com/<repo>[:tag|@sha256:...]`; undefined for others. */
export function parseEcrImageUri(image: string): EcrImageRef | undefined {
  const m =
    /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]{64}))?$/.exec(
      image,
    );
  if (!m) return undefined;
  const ref: EcrImageRef = { accountId: m[1]!, region: m[2]!, repository: m[3]! };
  if (m[5] !== undefined) ref.digest = m[5];
  else ref.tag = m[4] ?? 'latest';
  return ref;
}

/**
 * What ECS needs when it pulls an image: `found` with the digest, `missing` when the image
 * names a repository or tag the simulated ECR of this account does not have (the pull would
 * fail with CannotPullContainerError), `external` for images outside this account's ECR.
 */
export type ImageResolution =
  { kind: 'found'; digest: string } | { kind: 'missing' } | { kind: 'external' };

export function resolveEcrImage(world: World, image: string): ImageResolution {
  const ref = parseEcrImageUri(image);
  if (!ref || ref.accountId !== world.accountId) return { kind: 'external' };
  // don't create region state just to look: an unknown region has no repositories
  if (!world.regionNames().includes(ref.region)) return { kind: 'missing' };
  const repo = world.region(ref.region).ecr.repositories.get(ref.repository);
  if (!repo) return { kind: 'missing' };
  const found = findImage(repo, ref.digest ? { imageDigest: ref.digest } : { imageTag: ref.tag });
  return found ? { kind: 'found', digest: found.digest } : { kind: 'missing' };
}
