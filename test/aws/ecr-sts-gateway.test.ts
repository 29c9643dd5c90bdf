import { describe, expect, it } from 'vitest';
import { buildRepository, pushImage } from '../../src/sim/services/ecr/builder';
import { failure, simAndGateway } from './helpers';

const REGION = 'us-east-1';

describe('ecr gateway', () => {
  it('resolves tags to digests and reports a missing tag in `missing`', async () => {
    const { sim, gw } = await simAndGateway();
    buildRepository(sim.world, REGION, 'web', { images: ['v1', 'v2'] });
    const v3 = pushImage(sim.world, REGION, 'web', 'v3');

    const one = await gw.ecr.describeImages('web', [{ tag: 'v3' }]);
    expect(one.missing).toEqual([]);
    expect(one.images).toHaveLength(1);
    expect(one.images[0]).toMatchObject({ repositoryName: 'web', digest: v3.digest, tags: ['v3'] });
    expect(one.images[0]!.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(one.images[0]!.pushedAt).toBeInstanceOf(Date);

    const mixed = await gw.ecr.describeImages('web', [
      { tag: 'v1' },
      { tag: 'v9' },
      { digest: v3.digest },
    ]);
    expect(mixed.images.map((i) => i.tags[0]).sort()).toEqual(['v1', 'v3']);
    expect(mixed.missing).toEqual([
      { tag: 'v9', reason: 'image "v9" not found in repository "web"' },
    ]);

    const missingOnly = await gw.ecr.describeImages('web', [{ tag: 'nope' }]);
    expect(missingOnly).toEqual({
      images: [],
      missing: [{ tag: 'nope', reason: expect.stringContaining('"nope"') }],
    });
  });

  it('fails for a missing repository with not-found', async () => {
    const { gw } = await simAndGateway();
    const err = await failure(gw.ecr.describeImages('ghost', [{ tag: 'v1' }]));
    expect(err).toMatchObject({
      kind: 'not-found',
      code: 'RepositoryNotFoundException',
      service: 'ecr',
    });
    expect(err.message).toBe('repository "ghost" not found');
  });
});

describe('sts gateway', () => {
  it('says who the caller is', async () => {
    const { gw } = await simAndGateway();
    expect(await gw.sts.getCallerIdentity()).toEqual({
      account: '123456789012',
      arn: 'arn:aws:iam::123456789012:user/demo-operator',
      userId: 'AKIDSIMULATOR',
    });
    expect(gw.calls.count('sts', 'GetCallerIdentity')).toBe(1);
  });
});
