import { describe, expect, it } from 'vitest';
import type { TaskDefinition } from '../aws/types';
import { loadFixture } from '../../test/fixtures/load';
import { MASK } from './mask';
import { diffTaskDefinitions, diffText } from './task-definition-diff';
import { taskDefinitionLines, taskDefinitionView } from './task-definition-view';

const v41 = loadFixture<TaskDefinition>('task-definition-api-41');
const v42 = loadFixture<TaskDefinition>('task-definition-api-42');

describe('task definition view', () => {
  it('shows containers, image tag and digest, cpu/memory, ports and health check', () => {
    const view = taskDefinitionView(v42);
    expect(view).toMatchObject({
      title: 'api:42',
      cpu: '512',
      memory: '1024',
      taskRole: 'api-task-v2',
    });
    expect(view.containers[0]).toMatchObject({
      name: 'app',
      tag: 'v1.5.0',
      digest: '@sha256:9f86d081',
      ports: '8080/tcp, 9090/tcp',
      healthCheck:
        'CMD-SHELL curl -f http://localhost:8080/healthz || exit 1 · every 15s, timeout 5s, 3 retries, start 10s',
    });
    expect(view.containers[1]).toMatchObject({
      tag: '—',
      digest: '@sha256:01234567',
      memory: '256',
    });
    expect(taskDefinitionView(v41).containers[1]!.memory).toBe('50 (soft)');
  });

  it('masks environment values and secret sources with a fixed-length mask', () => {
    const app = taskDefinitionView(v42).containers[0]!;
    expect(app.environment).toEqual([
      { name: 'DB_HOST', value: MASK },
      { name: 'API_KEY', value: MASK },
      { name: 'NEW_FLAG', value: MASK },
    ]);
    expect(app.secrets).toEqual([
      { name: 'DB_PASSWORD', valueFrom: `secretsmanager:${MASK}` },
      { name: 'STRIPE_KEY', valueFrom: `ssm:${MASK}` },
    ]);
    expect(taskDefinitionLines(taskDefinitionView(v42))).toContain(`  env API_KEY=${MASK}`);
  });
});

describe('task definition diff', () => {
  it('lists what changes with +/-/~ markers, env values only as "changed"', () => {
    const text = diffText(diffTaskDefinitions(v41, v42));
    expect(text).toEqual([
      '~ task cpu: 256 → 512',
      '~ task memory: 512 → 1024',
      '~ task role: arn:aws:iam::123456789012:role/api-task → arn:aws:iam::123456789012:role/api-task-v2',
      '- container log-router (public.ecr.aws/aws-observability/aws-for-fluent-bit:stable)',
      '~ app image: team/api:v1.4.1 → team/api:v1.5.0@sha256:9f86d081',
      '~ app ports: 8080/tcp → 8080/tcp, 9090/tcp',
      '~ app health check: CMD-SHELL curl -f http://localhost:8080/health || exit 1 · every 30s, timeout 5s, 3 retries → CMD-SHELL curl -f http://localhost:8080/healthz || exit 1 · every 15s, timeout 5s, 3 retries, start 10s',
      '~ app command changed',
      '- app env OLD_FLAG',
      '~ app env DB_HOST changed',
      '+ app env NEW_FLAG',
      '~ app secret DB_PASSWORD source changed',
      `+ app secret STRIPE_KEY from ssm:${MASK}`,
      '+ container xray (public.ecr.aws/xray/aws-xray-daemon@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef)',
    ]);
    const tokens = diffTaskDefinitions(v41, v42).map((l) => `${l.marker}${l.token}`);
    expect(new Set(tokens)).toEqual(new Set(['~status.warn', '-status.error', '+status.ok']));
  });

  it('finds nothing between a revision and itself', () => {
    expect(diffTaskDefinitions(v42, v42)).toEqual([]);
    expect(diffText([])).toEqual(['no differences']);
  });
});
