import { describe, expect, it } from 'vitest';
import type { TaskDefinition } from '../../aws/types';
import type { RollbackCandidate } from '../../deploy/rollback-targets';
import { loadFixture } from '../../../test/fixtures/load';
import { makeService } from '../../../test/state/fake-gateway';
import {
  candidateImages,
  firstSelectable,
  inactiveNote,
  moveSelection,
  pickerRows,
  rollbackRequest,
  rollbackStrategy,
} from './rollback-model';

const td41 = loadFixture<TaskDefinition>('task-definition-api-41');
const NOW = Date.parse('2026-11-26T12:00:00Z');
const HOUR = 3_600_000;

function candidate(rev: number, patch: Partial<RollbackCandidate> = {}): RollbackCandidate {
  return {
    serviceDeploymentArn: `arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/api/${rev}`,
    taskDefinitionArn: `arn:aws:ecs:us-east-1:123456789012:task-definition/api:${rev}`,
    revisionLabel: `api:${rev}`,
    startedAt: new Date(NOW - (50 - rev) * HOUR - 300_000),
    finishedAt: new Date(NOW - (50 - rev) * HOUR),
    ranForMs: HOUR,
    images: [
      {
        container: 'app',
        image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v1.${rev}.0`,
        digest: `sha256:${String(rev).padStart(2, '0')}${'ab'.repeat(31)}`,
      },
    ],
    taskDefinitionStatus: 'ACTIVE',
    current: false,
    taskDefinition: td41,
    ...patch,
  };
}

const history = [
  candidate(44, { current: true, ranForMs: undefined }),
  candidate(42),
  candidate(40, { taskDefinitionStatus: 'INACTIVE' }),
];

describe('rollback picker model', () => {
  it('rows say when, how long it ran, revision, image tag with short digest, status, current', () => {
    const rows = pickerRows(history, NOW);
    expect(rows.map((r) => [r.when, r.ranFor, r.revision, r.image, r.status, r.current])).toEqual([
      ['6h ago', 'running now', 'api:44', 'v1.44.0 @sha256:44ababab', 'ACTIVE', true],
      ['8h ago', '1h00m', 'api:42', 'v1.42.0 @sha256:42ababab', 'ACTIVE', false],
      ['10h ago', '1h00m', 'api:40', 'v1.40.0 @sha256:40ababab', 'INACTIVE', false],
    ]);
  });

  it('an image without a tag shows its short digest', () => {
    const c = candidate(1, {
      images: [{ container: 'app', image: `api@sha256:${'cd'.repeat(32)}` }],
    });
    expect(candidateImages(c)).toBe('@sha256:cdcdcdcd');
  });

  it('the selection starts on the newest earlier deployment and never lands on what runs now', () => {
    expect(firstSelectable(history)).toBe(1);
    expect(moveSelection(history, 1, -1)).toBe(1);
    expect(moveSelection(history, 1, 1)).toBe(2);
    expect(moveSelection(history, 2, 1)).toBe(2);
    const currentInMiddle = [candidate(3), candidate(2, { current: true }), candidate(1)];
    expect(moveSelection(currentInMiddle, 0, 1)).toBe(2);
    expect(moveSelection(currentInMiddle, 2, -1)).toBe(0);
    expect(firstSelectable([candidate(1, { current: true })])).toBeUndefined();
  });

  it('explains an INACTIVE revision: deregistered, registered again as a new revision', () => {
    expect(inactiveNote(history[1]!)).toBeUndefined();
    expect(inactiveNote(history[2]!)).toBe(
      'api:40 is INACTIVE: it was deregistered, so ECS cannot deploy it as is. It will be registered again as a new revision of api with the same content, and that new revision is deployed.',
    );
  });

  it('plans with the service own strategy, or says why it cannot', () => {
    expect(rollbackStrategy(makeService('api'), ['rolling'])).toEqual({
      ok: true,
      strategy: 'rolling',
    });
    const codeDeploy = makeService('pay', { deploymentController: 'CODE_DEPLOY' });
    expect(rollbackStrategy(codeDeploy, ['rolling', 'codedeploy'])).toEqual({
      ok: true,
      strategy: 'codedeploy',
    });
    expect(rollbackStrategy(codeDeploy, ['rolling'])).toEqual({
      ok: false,
      reason: 'rolling back a CodeDeploy blue/green service is not supported by this build',
    });
    const blueGreen = makeService('web', {
      deploymentConfiguration: { strategy: 'BLUE_GREEN', lifecycleHooks: [] },
    });
    const fit = rollbackStrategy(blueGreen, ['rolling', 'blue-green']);
    expect(fit).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^ECS blue\/green needs/) as string,
    });
    expect(rollbackRequest('prod', 'api', 'rolling', history[1]!)).toEqual({
      cluster: 'prod',
      service: 'api',
      strategy: 'rolling',
      target: { kind: 'revision', taskDefinition: history[1]!.taskDefinitionArn },
      settings: {},
    });
  });
});
