import { describe, expect, it } from 'vitest';
import { imageLabel, repositoryName, shortDigest, splitImage, taskDefinitionLabel } from './labels';
import { MASK, maskSecretSource } from './mask';
import { ageSince, clockTime, durationBetween, formatAge, formatDuration } from './time';

describe('ages and durations', () => {
  it('shows one unit for ages', () => {
    expect(formatAge(0)).toBe('0s');
    expect(formatAge(45_000)).toBe('45s');
    expect(formatAge(3 * 60_000 + 59_000)).toBe('3m');
    expect(formatAge(2 * 3_600_000 + 1)).toBe('2h');
    expect(formatAge(5 * 86_400_000 + 7_200_000)).toBe('5d');
    expect(formatAge(-5000)).toBe('0s');
  });

  it('takes now from the caller', () => {
    const now = Date.parse('2026-11-26T09:30:00Z');
    expect(ageSince(new Date('2026-11-26T09:27:00Z'), now)).toBe('3m');
    expect(ageSince(undefined, now)).toBe('—');
  });

  it('shows two units for durations, and runs to now while unfinished', () => {
    expect(formatDuration(65_000)).toBe('1m05s');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2h05m');
    expect(formatDuration(3 * 86_400_000 + 3_600_000)).toBe('3d01h');
    const start = new Date('2026-11-26T09:00:00Z');
    expect(durationBetween(start, new Date('2026-11-26T09:12:30Z'), 0)).toBe('12m30s');
    expect(durationBetween(start, undefined, Date.parse('2026-11-26T09:01:00Z'))).toBe('1m00s');
  });

  it('formats a time of day in the zone asked for', () => {
    expect(clockTime(new Date('2026-11-26T09:03:01Z'), 'UTC')).toBe('09:03:01');
  });
});

describe('labels', () => {
  it('shortens task definition ARNs to family:revision', () => {
    expect(taskDefinitionLabel('arn:aws:ecs:us-east-1:1:task-definition/api:42')).toBe('api:42');
    expect(taskDefinitionLabel('api:7')).toBe('api:7');
    expect(taskDefinitionLabel(undefined)).toBe('—');
  });

  it('shows an image tag, else a short digest', () => {
    expect(imageLabel('123.dkr.ecr.us-east-1.amazonaws.com/team/api:v1.2.3')).toBe('v1.2.3');
    expect(imageLabel('repo@sha256:abcdef1234567890abcdef')).toBe('@sha256:abcdef12');
    expect(imageLabel('localhost:5000/api')).toBe('latest');
    expect(imageLabel('localhost:5000/api:v2@sha256:00ff')).toBe('v2');
    expect(shortDigest('sha256:9f86d081884c7d65')).toBe('@sha256:9f86d081');
  });

  it('does not mistake a registry port for a tag', () => {
    expect(splitImage('registry:5000/team/api')).toEqual({ repository: 'registry:5000/team/api' });
    expect(repositoryName('123.dkr.ecr.us-east-1.amazonaws.com/team/api:v1')).toBe('team/api');
    expect(repositoryName('nginx:1.27')).toBe('nginx');
  });
});

describe('masks', () => {
  it('says where a secret lives, never what it is', () => {
    expect(maskSecretSource('arn:aws:secretsmanager:us-east-1:1:secret:db-AbC')).toBe(
      `secretsmanager:${MASK}`,
    );
    expect(maskSecretSource('arn:aws:ssm:us-east-1:1:parameter/prod/db')).toBe(`ssm:${MASK}`);
    expect(maskSecretSource('/prod/db')).toBe(`ssm:${MASK}`);
  });
});
