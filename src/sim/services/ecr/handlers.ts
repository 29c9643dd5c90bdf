import { createHash } from 'node:crypto';
import { SimError } from '../../core/errors';
import { optString, reqString, validation } from '../../core/input';
import type { HandlerTable, RequestContext } from '../../core/types';
import { type Json, objectList, optObject, optStringList, shown } from '../ecs/input';
import { pageOf } from '../ecs/paging';
import { findImage, type EcrImageRec, type EcrRepositoryRec } from './state';

// ECR (awsJson1_1, target AmazonEC2ContainerRegistry_V20150921): the read calls a deploy tool
// makes to check that an image exists and to pin its digest.

const MANIFEST_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';

function registryOf(input: Json, ctx: RequestContext): string {
  return optString(input, 'registryId') ?? ctx.accountId;
}

function repositoryNotFound(name: string, registryId: string): SimError {
  return new SimError(
    'RepositoryNotFoundException',
    `The repository with name '${name}' does not exist in the registry with id '${registryId}'`,
  );
}

function repositoryOrThrow(input: Json, ctx: RequestContext): EcrRepositoryRec {
  const name = reqString(input, 'repositoryName');
  const registryId = registryOf(input, ctx);
  const repo =
    registryId === ctx.accountId
      ? ctx.world.region(ctx.region).ecr.repositories.get(name)
      : undefined;
  if (!repo) throw repositoryNotFound(name, registryId);
  return repo;
}

interface ImageId {
  imageTag?: string;
  imageDigest?: string;
}

function readImageIds(input: Json): ImageId[] | undefined {
  return objectList(input, 'imageIds')?.map((raw) => {
    const id: ImageId = {};
    if (raw.imageTag !== undefined && raw.imageTag !== null) {
      if (typeof raw.imageTag !== 'string') throw validation('imageIds.imageTag must be a string');
      id.imageTag = raw.imageTag;
    }
    if (raw.imageDigest !== undefined && raw.imageDigest !== null) {
      if (typeof raw.imageDigest !== 'string')
        throw validation('imageIds.imageDigest must be a string');
      id.imageDigest = raw.imageDigest;
    }
    return id;
  });
}

function imageNotFound(id: ImageId, repo: EcrRepositoryRec): SimError {
  return new SimError(
    'ImageNotFoundException',
    `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${repo.name}' in the registry with id '${repo.registryId}'`,
  );
}

function imageDetail(repo: EcrRepositoryRec, image: EcrImageRec) {
  return {
    registryId: repo.registryId,
    repositoryName: repo.name,
    imageDigest: image.digest,
    imageTags: image.tags.length > 0 ? image.tags : undefined,
    imageSizeInBytes: image.sizeInBytes,
    imagePushedAt: new Date(image.pushedAt),
    imageManifestMediaType: MANIFEST_TYPE,
    artifactMediaType: 'application/vnd.docker.container.image.v1+json',
    lastRecordedPullTime:
      image.lastRecordedPullTime !== undefined ? new Date(image.lastRecordedPullTime) : undefined,
    imageStatus: 'ACTIVE',
  };
}

/** A docker v2 manifest derived from the digest, so nothing extra is kept per image. */
function manifestOf(image: EcrImageRec): string {
  const sub = (i: number) =>
    `sha256:${createHash('sha256').update(`${image.digest}/${i}`).digest('hex')}`;
  const layers = [0.55, 0.3, 0.15].map((share, i) => ({
    mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    size: Math.round(image.sizeInBytes * share),
    digest: sub(i + 1),
  }));
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: MANIFEST_TYPE,
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: 7023,
      digest: sub(0),
    },
    layers,
  });
}

export const ecrHandlers: HandlerTable = {
  DescribeRepositories: (input: Json, ctx) => {
    const registryId = registryOf(input, ctx);
    const repos =
      registryId === ctx.accountId ? ctx.world.region(ctx.region).ecr.repositories : new Map();
    const names = optStringList(input, 'repositoryNames');
    let list: EcrRepositoryRec[];
    if (names && names.length > 0) {
      if (input.maxResults !== undefined) {
        throw new SimError(
          'InvalidParameterException',
          'maxResults cannot be used together with repositoryNames.',
        );
      }
      list = names.map((n) => {
        const repo = repos.get(n) as EcrRepositoryRec | undefined;
        if (!repo) throw repositoryNotFound(n, registryId);
        return repo;
      });
    } else list = [...(repos.values() as Iterable<EcrRepositoryRec>)];
    const page = pageOf(list, input, {
      listing: 'DescribeRepositories',
      defaultSize: 100,
      max: 1000,
    });
    return {
      repositories: page.items.map((r) => ({
        repositoryArn: r.arn,
        registryId: r.registryId,
        repositoryName: r.name,
        repositoryUri: r.uri,
        createdAt: new Date(r.createdAt),
        imageTagMutability: r.imageTagMutability,
        imageScanningConfiguration: { scanOnPush: r.scanOnPush },
        encryptionConfiguration: { encryptionType: 'AES256' },
      })),
      nextToken: page.nextToken,
    };
  },

  DescribeImages: (input: Json, ctx) => {
    const repo = repositoryOrThrow(input, ctx);
    const ids = readImageIds(input);
    if (ids && ids.length > 0) {
      if (input.maxResults !== undefined) {
        throw new SimError(
          'InvalidParameterException',
          'maxResults cannot be used together with imageIds.',
        );
      }
      const found = new Map<string, EcrImageRec>();
      for (const id of ids) {
        const image = findImage(repo, id);
        if (!image || (id.imageTag !== undefined && !image.tags.includes(id.imageTag))) {
          throw imageNotFound(id, repo);
        }
        found.set(image.digest, image);
      }
      return { imageDetails: [...found.values()].map((i) => imageDetail(repo, i)) };
    }
    const tagStatus = optObject(input, 'filter')?.tagStatus ?? 'ANY';
    if (tagStatus !== 'ANY' && tagStatus !== 'TAGGED' && tagStatus !== 'UNTAGGED') {
      throw new SimError('InvalidParameterException', `Invalid tagStatus '${shown(tagStatus)}'.`);
    }
    const images = [...repo.images.values()].filter(
      (i) => tagStatus === 'ANY' || (tagStatus === 'TAGGED') === i.tags.length > 0,
    );
    const page = pageOf(images, input, {
      listing: `DescribeImages/${repo.name}/${tagStatus}`,
      defaultSize: 100,
      max: 1000,
    });
    return { imageDetails: page.items.map((i) => imageDetail(repo, i)), nextToken: page.nextToken };
  },

  ListImages: (input: Json, ctx) => {
    const repo = repositoryOrThrow(input, ctx);
    const ids: ImageId[] = [];
    for (const image of repo.images.values()) {
      if (image.tags.length === 0) ids.push({ imageDigest: image.digest });
      for (const tag of image.tags) ids.push({ imageDigest: image.digest, imageTag: tag });
    }
    const page = pageOf(ids, input, {
      listing: `ListImages/${repo.name}`,
      defaultSize: 100,
      max: 1000,
    });
    return { imageIds: page.items, nextToken: page.nextToken };
  },

  /** Texts and codes as real ECR answers them (LocalStack's snapshot tests of AWS). */
  BatchGetImage: (input: Json, ctx) => {
    const repo = repositoryOrThrow(input, ctx);
    const ids = readImageIds(input) ?? [];
    if (ids.length === 0 || ids.length > 100) {
      throw new SimError(
        'InvalidParameterException',
        "Invalid parameter at 'imageIds' failed to satisfy constraint: 'Member must have length between 1 and 100'",
      );
    }
    const images = [];
    const failures = [];
    for (const id of ids) {
      if (id.imageTag === undefined && id.imageDigest === undefined) {
        failures.push({
          imageId: id,
          failureCode: 'MissingDigestAndTag',
          failureReason: 'Invalid request parameters: both tag and digest cannot be null',
        });
        continue;
      }
      const byTag =
        id.imageTag !== undefined ? findImage(repo, { imageTag: id.imageTag }) : undefined;
      const byDigest =
        id.imageDigest !== undefined ? findImage(repo, { imageDigest: id.imageDigest }) : undefined;
      if (
        id.imageTag !== undefined &&
        id.imageDigest !== undefined &&
        byTag &&
        byTag !== byDigest
      ) {
        failures.push({
          imageId: id,
          failureCode: 'ImageTagDoesNotMatchDigest',
          failureReason: 'Invalid request parameters: given tag does not map to the given digest',
        });
        continue;
      }
      const image = id.imageTag !== undefined ? byTag : byDigest;
      if (!image) {
        failures.push({
          imageId: id,
          failureCode: 'ImageNotFound',
          failureReason: 'Requested image not found',
        });
        continue;
      }
      images.push({
        registryId: repo.registryId,
        repositoryName: repo.name,
        imageId: { imageDigest: image.digest, imageTag: id.imageTag },
        imageManifest: manifestOf(image),
        imageManifestMediaType: MANIFEST_TYPE,
      });
    }
    return { images, failures };
  },
};
