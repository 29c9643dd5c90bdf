import { describe, expect, it } from 'vitest';
import type { CodeDeployDeployment, TaskDefinition } from '../aws/types';
import { codeDeployDeploymentRows } from './codedeploy-rows';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const MIN = 60_000;
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * MIN);
const TD = (rev: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/pay:${rev}`;

function deployment(
  id: string,
  minutesAgo: number,
  more: Partial<CodeDeployDeployment> = {},
): CodeDeployDeployment {
  return {
    id,
    applicationName: 'pay',
    deploymentGroupName: 'pay-prod',
    status: 'Succeeded',
    createTime: at(minutesAgo),
    startTime: at(minutesAgo - 0.5),
    completeTime: at(minutesAgo - 8),
    creator: 'user',
    revisionSha256: `sha-${id}`,
    ...more,
  };
}

const definitions: Record<string, TaskDefinition> = {
  [TD(7)]: { containers: [{ image: 'acct.dkr.ecr/pay:v7' }] } as TaskDefinition,
  [TD(8)]: {
    containers: [{ image: 'acct.dkr.ecr/pay@sha256:abcdef0123456789' }],
  } as TaskDefinition,
};
const lookup = (arn: string) => definitions[arn];

describe('CodeDeploy history rows', () => {
  const failed = deployment('d-FAILED001', 60, {
    status: 'Failed',
    completeTime: at(58),
    errorInformation: { code: 'HEALTH_CONSTRAINTS', message: 'green did not become healthy' },
    rollbackInfo: { rollbackDeploymentId: 'd-ROLLBCK01' },
  });
  const rollback = deployment('d-ROLLBCK01', 58, {
    creator: 'codeDeployRollback',
    completeTime: at(57),
    revisionSha256: 'sha-d-OLDER0001',
    rollbackInfo: { rollbackTriggeringDeploymentId: 'd-FAILED001' },
  });
  const older = deployment('d-OLDER0001', 600, { description: 'pay v7 (CI #41)' });
  const revisions = new Map<string, string | null>([
    ['sha-d-FAILED001', TD(8)],
    ['sha-d-OLDER0001', TD(7)],
  ]);

  it('newest first: status, who started it, duration, revision, image; rollbacks linked both ways', () => {
    const rows = codeDeployDeploymentRows([older, failed, rollback], revisions, NOW, lookup);
    expect(rows.map((r) => r.id)).toEqual(['d-ROLLBCK01', 'd-FAILED001', 'd-OLDER0001']);
    expect(rows[0]).toMatchObject({
      status: 'succeeded',
      statusToken: 'rollout.succeeded',
      startedBy: 'rollback of d-FAILED001',
      started: '58m',
      duration: '30s',
      revision: 'pay:7',
      image: 'v7',
      // why there was a rollback: the deployment it undid failed
      reason: 'green did not become healthy',
    });
    expect(rows[1]).toMatchObject({
      status: 'rolled back',
      statusToken: 'rollout.rolledBack',
      startedBy: 'user',
      duration: '1m30s',
      revision: 'pay:8',
      image: '@sha256:abcdef01',
      reason: 'rolled back by d-ROLLBCK01 · green did not become healthy',
    });
    expect(rows[2]).toMatchObject({
      status: 'succeeded',
      started: '10h',
      duration: '7m30s',
      reason: 'pay v7 (CI #41)',
    });
  });

  it('links a rollback from either side alone, and says how the rollback went', () => {
    const onlyFromRollback = { ...failed, rollbackInfo: undefined };
    const rows = codeDeployDeploymentRows([onlyFromRollback, rollback], revisions, NOW, lookup);
    expect(rows[1]).toMatchObject({
      status: 'rolled back',
      reason: 'rolled back by d-ROLLBCK01 · green did not become healthy',
    });
    const onlyFromFailed = { ...rollback, rollbackInfo: undefined };
    expect(codeDeployDeploymentRows([failed, onlyFromFailed], revisions, NOW)[0]).toMatchObject({
      startedBy: 'rollback of d-FAILED001',
    });
    const running = { ...rollback, status: 'InProgress', completeTime: undefined };
    expect(codeDeployDeploymentRows([failed, running], revisions, NOW)[1]).toMatchObject({
      status: 'rolling back',
      statusToken: 'rollout.rolledBack',
    });
    const broken = { ...rollback, status: 'Failed' };
    expect(codeDeployDeploymentRows([failed, broken], revisions, NOW)[1]).toMatchObject({
      status: 'rollback failed',
      statusToken: 'rollout.failed',
    });
    // the rollback deployment is off the page: the failed one still names it
    expect(codeDeployDeploymentRows([failed], revisions, NOW)[0]).toMatchObject({
      status: 'rolled back',
      reason: 'rolled back by d-ROLLBCK01 · green did not become healthy',
    });
  });

  it('in flight, stopped, and revisions not read yet or gone', () => {
    const ready = deployment('d-READY0001', 20, {
      status: 'Ready',
      completeTime: undefined,
      creator: undefined,
      revisionSha256: 'sha-unread',
    });
    const stopped = deployment('d-STOPPED01', 30, {
      status: 'Stopped',
      errorInformation: { code: 'MANUAL_STOP', message: 'The deployment was stopped by a user' },
      revisionSha256: 'sha-gone',
    });
    const noDefinitionYet = deployment('d-NODEF0001', 40, { revisionSha256: 'sha-td9' });
    const map = new Map<string, string | null>([
      ['sha-gone', null],
      ['sha-td9', TD(9)],
    ]);
    const rows = codeDeployDeploymentRows([stopped, ready, noDefinitionYet], map, NOW, lookup);
    expect(rows[0]).toMatchObject({
      status: 'ready: waiting',
      statusToken: 'rollout.paused',
      startedBy: '—',
      duration: '19m30s', // still running: up to now
      revision: '…',
      image: '…',
    });
    expect(rows[1]).toMatchObject({
      status: 'stopped',
      statusToken: 'status.warn',
      revision: '—',
      image: '—',
      reason: 'The deployment was stopped by a user',
    });
    expect(rows[2]).toMatchObject({ revision: 'pay:9', image: '…' });
    const unlinked = deployment('d-ROLLBCK02', 5, { creator: 'codeDeployRollback' });
    expect(codeDeployDeploymentRows([unlinked], map, NOW)[0]!.startedBy).toBe('rollback');
  });
});
