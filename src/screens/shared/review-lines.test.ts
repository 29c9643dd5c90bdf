import { describe, expect, it } from 'vitest';
import type { DeployPlan } from '../../deploy/plan/types';
import { confirmRequestOf, nextLabel, reviewGate, reviewLines, wrapText } from './review-lines';

const ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition';
const DIGEST = `sha256:${'ab12'.repeat(16)}`;

function plan(patch: Partial<DeployPlan> = {}): DeployPlan {
  return {
    version: 1,
    request: {
      cluster: 'prod',
      service: 'api',
      strategy: 'rolling',
      target: { kind: 'image', images: [{ ref: ':v2' }], pinDigest: true },
      settings: {},
    },
    createdAt: '2026-11-26T09:00:00.000Z',
    currentTaskDefinitionArn: `${ARN}/api:3`,
    next: { kind: 'register', family: 'api', baseTaskDefinitionArn: `${ARN}/api:3`, images: [] },
    imageChanges: [
      {
        container: 'app',
        from: 'repo/api:v1',
        to: `repo/api@${DIGEST}`,
        tag: 'v2',
        digest: DIGEST,
        pinned: true,
        inRegistry: true,
      },
    ],
    diff: [
      {
        marker: '~',
        path: 'app.image',
        text: 'app image: repo/api:v1 → repo/api@…',
        token: 'status.warn',
      },
      { marker: '~', path: 'app.env.DB', text: 'app env DB changed', token: 'status.warn' },
    ],
    checks: [
      {
        id: 'nothing-in-progress',
        label: 'nothing else in progress',
        status: 'pass',
        detail: 'no deployment is running',
      },
      {
        id: 'alarms',
        label: 'alarms set',
        status: 'warn',
        detail: 'no CloudWatch alarms watch this deployment',
      },
    ],
    calls: [
      { service: 'ECS', operation: 'RegisterTaskDefinition', summary: 'family api, from api:3' },
      {
        service: 'ECS',
        operation: 'UpdateService',
        summary: 'prod/api taskDefinition=api:<new revision>',
      },
    ],
    command:
      'ecs-rollout deploy --cluster prod --service api --strategy rolling --image :v2 --wait --yes',
    fingerprint: 'x',
    blockers: [],
    notes: ['switches the service from BLUE_GREEN to ROLLING'],
    protectedService: false,
    ...patch,
  };
}

describe('review lines', () => {
  it('diff (masked by the formatter), checks with marks, calls in order, the command, notes', () => {
    const text = reviewLines(plan(), 200).map((l) => l.text);
    expect(text).toEqual([
      'Rolling update of api: api:3 → api:<new revision>',
      '  app: v1 → v2 @sha256:ab12ab12 (registered by digest)',
      '  ~ app image: repo/api:v1 → repo/api@…',
      '  ~ app env DB changed',
      'Preflight checks',
      '  ✓ nothing else in progress: no deployment is running',
      '  ! alarms set: no CloudWatch alarms watch this deployment',
      'API calls, in order',
      '  1. ECS RegisterTaskDefinition  family api, from api:3',
      '  2. ECS UpdateService  prod/api taskDefinition=api:<new revision>',
      'Equivalent headless command',
      '  ecs-rollout deploy --cluster prod --service api --strategy rolling --image :v2 --wait --yes',
      'Notes',
      '  • switches the service from BLUE_GREEN to ROLLING',
    ]);
  });

  it('wraps long lines at spaces, keeping the indent, and cuts a word wider than the line', () => {
    expect(wrapText('one two three four', 12, 2)).toEqual(['  one two', '  three four']);
    expect(wrapText('x'.repeat(25), 12, 2)).toEqual([
      `  ${'x'.repeat(10)}`,
      `  ${'x'.repeat(10)}`,
      '  xxxxx',
    ]);
    for (const line of reviewLines(plan(), 40)) expect(line.text.length).toBeLessThanOrEqual(40);
  });

  it('a failing check blocks confirm and says why; a rollout in progress is offered to watch', () => {
    expect(reviewGate(plan())).toEqual({ ok: true });
    const blocked = plan({
      checks: [
        {
          id: 'nothing-in-progress',
          label: 'nothing else in progress',
          status: 'fail',
          detail: 'deployment ecs-svc/1 is IN_PROGRESS',
        },
      ],
      blockers: ['nothing else in progress: deployment ecs-svc/1 is IN_PROGRESS'],
    });
    expect(reviewGate(blocked)).toEqual({
      ok: false,
      reason: 'cannot deploy: nothing else in progress: deployment ecs-svc/1 is IN_PROGRESS',
      inProgress: true,
    });
  });

  it('the confirmation lists the image and the calls; a protected service asks for its name', () => {
    expect(confirmRequestOf(plan())).toEqual({
      title: 'Deploy api (rolling update)',
      lines: [
        'app: v1 → v2 @sha256:ab12ab12',
        'ECS RegisterTaskDefinition: family api, from api:3',
        'ECS UpdateService: prod/api taskDefinition=api:<new revision>',
      ],
      dangerous: false,
    });
    expect(
      confirmRequestOf(plan({ protectedService: true }), 'Roll back api to api:2').typeToConfirm,
    ).toBe('api');
  });

  it('names what will run: a new revision, an existing one, or a copy of an INACTIVE one', () => {
    expect(nextLabel(plan())).toBe('api:<new revision>');
    expect(
      nextLabel(
        plan({ next: { kind: 'existing', taskDefinitionArn: `${ARN}/api:2`, reRegister: false } }),
      ),
    ).toBe('api:2');
    expect(
      nextLabel(
        plan({ next: { kind: 'existing', taskDefinitionArn: `${ARN}/api:1`, reRegister: true } }),
      ),
    ).toBe('api:<new revision> (a copy of api:1)');
  });
});
