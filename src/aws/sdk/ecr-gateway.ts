import {
  DescribeImagesCommand,
  type ECRClient,
  type ImageDetail as SdkImage,
} from '@aws-sdk/client-ecr';
import { isImageNotFound } from '../errors';
import type { CallOptions, EcrGateway } from '../gateway';
import type { ImageDetail } from '../types';
import { defined } from './map-util';
import { chunk, mapLimit } from './paging';
import { abortable } from './send';

const ECR_IDS_PER_CALL = 100;

type ImageId = { tag?: string; digest?: string };

function mapImage(i: SdkImage): ImageDetail {
  return defined({
    registryId: i.registryId,
    repositoryName: i.repositoryName ?? '',
    digest: i.imageDigest ?? '',
    tags: i.imageTags ?? [],
    pushedAt: i.imagePushedAt,
    sizeBytes: i.imageSizeInBytes,
  });
}

export function createEcrGateway(client: ECRClient, concurrency: number): EcrGateway {
  const describe = async (
    repositoryName: string,
    ids: ImageId[],
    opts: (CallOptions & { registryId?: string }) | undefined,
  ) => {
    const out = await client.send(
      new DescribeImagesCommand({
        repositoryName,
        ...(opts?.registryId ? { registryId: opts.registryId } : {}),
        imageIds: ids.map((id) => defined({ imageTag: id.tag, imageDigest: id.digest })),
      }),
      abortable(opts),
    );
    return (out.imageDetails ?? []).map(mapImage);
  };

  return {
    async describeImages(repositoryName, ids, opts) {
      if (ids.length === 0) return { images: [], missing: [] };
      const images: ImageDetail[] = [];
      const missing: (ImageId & { reason: string })[] = [];
      await mapLimit(chunk(ids, ECR_IDS_PER_CALL), concurrency, async (batch) => {
        try {
          images.push(...(await describe(repositoryName, batch, opts)));
        } catch (error) {
          if (!isImageNotFound(error)) throw error;
          // ECR fails the whole call when one image is missing: ask one by one to learn which
          if (batch.length === 1) {
            missing.push({ ...batch[0], reason: (error as Error).message });
            return;
          }
          await mapLimit(batch, concurrency, async (id) => {
            try {
              images.push(...(await describe(repositoryName, [id], opts)));
            } catch (inner) {
              if (!isImageNotFound(inner)) throw inner;
              missing.push({ ...id, reason: (inner as Error).message });
            }
          });
        }
      });
      return { images, missing };
    },
  };
}
