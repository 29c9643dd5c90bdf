import { describe, expect, it } from 'vitest';
import {
  ecrRegistry,
  formatImageRef,
  imageLabel,
  parseImageRef,
  resolveRequestedImage,
} from './image-ref';

const D = `sha256:${'ab'.repeat(32)}`;

describe('parseImageRef', () => {
  it('reads ECR references with tag, digest or both', () => {
    expect(parseImageRef('123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api:v1.2.3')).toEqual({
      registry: '123456789012.dkr.ecr.us-east-1.amazonaws.com',
      repository: 'shop/api',
      tag: 'v1.2.3',
    });
    expect(parseImageRef(`repo/api@${D}`)).toEqual({ repository: 'repo/api', digest: D });
    expect(parseImageRef(`localhost:5000/api:1@${D}`)).toEqual({
      registry: 'localhost:5000',
      repository: 'api',
      tag: '1',
      digest: D,
    });
  });

  it('names what is wrong with a bad reference', () => {
    expect(() => parseImageRef('')).toThrow(/empty/);
    expect(() => parseImageRef('api@sha256:xyz')).toThrow(/malformed digest "sha256:xyz"/);
    expect(() => parseImageRef('api:-bad')).toThrow(/malformed tag "-bad"/);
    expect(() => parseImageRef('Api:v1')).toThrow(/bad repository part "Api"/);
  });

  it('finds the ECR registry account and region', () => {
    expect(
      ecrRegistry(parseImageRef('123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:v1')),
    ).toEqual({
      registryId: '123456789012',
      region: 'eu-west-1',
    });
    expect(ecrRegistry(parseImageRef('nginx:1.27'))).toBeUndefined();
  });
});

describe('resolveRequestedImage', () => {
  const current = '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v1';
  it('keeps the repository for a bare tag or digest', () => {
    expect(formatImageRef(resolveRequestedImage(':v2', current))).toBe(
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v2',
    );
    expect(formatImageRef(resolveRequestedImage(`@${D}`, current))).toBe(
      `123456789012.dkr.ecr.us-east-1.amazonaws.com/api@${D}`,
    );
  });
  it('replaces the image for a full reference', () => {
    expect(resolveRequestedImage('nginx:1.27', current)).toEqual({
      repository: 'nginx',
      tag: '1.27',
    });
  });
});

describe('imageLabel', () => {
  it('shows the tag or a short digest', () => {
    expect(imageLabel('repo/api:v7')).toBe('v7');
    expect(imageLabel(`repo/api@${D}`)).toBe('@sha256:abababab');
    expect(imageLabel('repo/api')).toBe('latest');
  });
});
