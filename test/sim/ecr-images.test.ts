import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  ImageNotFoundException,
  ListImagesCommand,
  RepositoryNotFoundException,
} from '@aws-sdk/client-ecr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildRepository, pushImage } from '../../src/sim/services/ecr/builder';
import { parseEcrImageUri, resolveEcrImage } from '../../src/sim/services/ecr/state';
import { sdkConfig, startTestSim } from '../helpers/sim';

type Sim = Awaited<ReturnType<typeof startTestSim>>;
let sim: Sim;
let ecr: ECRClient;
const REGION = 'us-east-1';

beforeEach(async () => {
  sim = await startTestSim();
  ecr = new ECRClient(sdkConfig(sim));
  buildRepository(sim.world, REGION, 'web', { images: ['1.0.0', '1.1.0', '1.2.0'] });
  pushImage(sim.world, REGION, 'web', 'latest', {
    digest: sim.world.region(REGION).ecr.repositories.get('web')!.tagIndex.get('1.2.0')!,
  });
});
afterEach(async () => {
  ecr.destroy();
  await sim.close();
});

describe('ECR DescribeRepositories', () => {
  it('lists repositories with their URIs and rejects unknown names', async () => {
    buildRepository(sim.world, REGION, 'api');
    const all = await ecr.send(new DescribeRepositoriesCommand({}));
    expect(all.repositories?.map((r) => [r.repositoryName, r.repositoryUri])).toEqual([
      ['web', '123456789012.dkr.ecr.us-east-1.amazonaws.com/web'],
      ['api', '123456789012.dkr.ecr.us-east-1.amazonaws.com/api'],
    ]);
    expect(all.repositories![0]!.repositoryArn).toBe(
      'arn:aws:ecr:us-east-1:123456789012:repository/web',
    );
    expect(all.repositories![0]!.createdAt).toBeInstanceOf(Date);
    const err = await ecr
      .send(new DescribeRepositoriesCommand({ repositoryNames: ['ghost'] }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RepositoryNotFoundException);
    expect((err as Error).message).toBe(
      "The repository with name 'ghost' does not exist in the registry with id '123456789012'",
    );
  });
});

describe('ECR DescribeImages', () => {
  it('describes every image with tags, digest, size and push time', async () => {
    const out = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web' }));
    expect(out.imageDetails).toHaveLength(3);
    const newest = out.imageDetails!.find((d) => d.imageTags?.includes('1.2.0'))!;
    expect(newest.imageTags).toEqual(['latest', '1.2.0']);
    expect(newest.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(newest.imagePushedAt).toBeInstanceOf(Date);
    expect(newest.imageSizeInBytes).toBeGreaterThan(1_000_000);
    expect(newest.registryId).toBe('123456789012');
  });

  it('finds images by tag or digest and names the missing one exactly', async () => {
    const byTag = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: '1.0.0' }] }),
    );
    const digest = byTag.imageDetails![0]!.imageDigest!;
    const byDigest = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageDigest: digest }] }),
    );
    expect(byDigest.imageDetails![0]!.imageTags).toEqual(['1.0.0']);
    const err = await ecr
      .send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'x' }] }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageNotFoundException);
    expect((err as Error).message).toBe(
      "The image with imageId {imageDigest:'null', imageTag:'x'} does not exist within the repository with name 'web' in the registry with id '123456789012'",
    );
    await expect(
      ecr.send(new DescribeImagesCommand({ repositoryName: 'ghost' })),
    ).rejects.toBeInstanceOf(RepositoryNotFoundException);
  });

  it('moves a re-pushed tag and pages results', async () => {
    pushImage(sim.world, REGION, 'web', '1.0.0');
    const untagged = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'web', filter: { tagStatus: 'UNTAGGED' } }),
    );
    expect(untagged.imageDetails).toHaveLength(1);
    const page = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'web', maxResults: 2 }),
    );
    expect(page.imageDetails).toHaveLength(2);
    const rest = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'web', nextToken: page.nextToken }),
    );
    expect(rest.imageDetails).toHaveLength(2);
    const ids = await ecr.send(new ListImagesCommand({ repositoryName: 'web' }));
    expect(ids.imageIds).toHaveLength(5);
  });
});

describe('ECR BatchGetImage', () => {
  it('returns manifests and per-image failures with AWS codes', async () => {
    const repo = sim.world.region(REGION).ecr.repositories.get('web')!;
    const d100 = repo.tagIndex.get('1.0.0')!;
    const other = `sha256:${'a'.repeat(64)}`;
    const out = await ecr.send(
      new BatchGetImageCommand({
        repositoryName: 'web',
        imageIds: [
          { imageTag: '1.0.0' },
          { imageTag: 'nope' },
          { imageTag: '1.0.0', imageDigest: other },
          { imageDigest: d100 },
        ],
      }),
    );
    expect(out.images?.map((i) => i.imageId)).toEqual([
      { imageDigest: d100, imageTag: '1.0.0' },
      { imageDigest: d100 },
    ]);
    const manifest = JSON.parse(out.images![0]!.imageManifest!) as {
      schemaVersion: number;
      layers: unknown[];
    };
    expect(manifest.schemaVersion).toBe(2);
    expect(manifest.layers.length).toBeGreaterThan(0);
    expect(out.failures).toEqual([
      {
        imageId: { imageTag: 'nope' },
        failureCode: 'ImageNotFound',
        failureReason: 'Requested image not found',
      },
      {
        imageId: { imageTag: '1.0.0', imageDigest: other },
        failureCode: 'ImageTagDoesNotMatchDigest',
        failureReason: 'Invalid request parameters: given tag does not map to the given digest',
      },
    ]);
  });
});

describe('image references', () => {
  it('parses ECR URIs and resolves them against the simulated registry', () => {
    expect(parseEcrImageUri('123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:1.2.0')).toEqual(
      {
        accountId: '123456789012',
        region: 'us-east-1',
        repository: 'team/web',
        tag: '1.2.0',
      },
    );
    expect(parseEcrImageUri('nginx:1.27')).toBeUndefined();
    const repo = sim.world.region(REGION).ecr.repositories.get('web')!;
    expect(resolveEcrImage(sim.world, `${repo.uri}:latest`)).toEqual({
      kind: 'found',
      digest: repo.tagIndex.get('1.2.0'),
    });
    expect(resolveEcrImage(sim.world, `${repo.uri}:9.9.9`)).toEqual({ kind: 'missing' });
    expect(resolveEcrImage(sim.world, 'public.ecr.aws/nginx/nginx:1')).toEqual({
      kind: 'external',
    });
  });
});
