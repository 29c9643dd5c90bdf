import { describe, expect, it } from 'vitest';
import type { Body, ProgressLine } from '../../src/cli/json-schema';
import type { Reporter } from '../../src/cli/output/reporter';
import { labelKey, ProgressTracker } from '../../src/cli/progress';
import type { RolloutView } from '../../src/deploy/types';
import { allUnavailable } from '../../src/deploy/view-parts';

// Progress lines are for changes, not polls: a countdown in the state label moves on every
// poll, and counts only when its minutes do.

function view(stateLabel: string, running = 2): RolloutView {
  return {
    strategy: 'codedeploy',
    cluster: 'prod',
    service: 'web',
    rolloutId: 'd-1',
    state: 'PAUSED',
    stateLabel,
    deployments: [
      {
        role: 'green',
        id: 'ecs-svc/2',
        status: 'PRIMARY',
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/web:2',
        revisionLabel: 'web:2',
        desired: 2,
        running,
        pending: 0,
        failed: 0,
      },
    ],
    traffic: [],
    stages: [],
    hooks: [],
    gates: [],
    metrics: [],
    events: [],
    stoppedTasks: [],
    actions: allUnavailable('test'),
    fetchedAt: new Date(0),
  };
}

function progressOf(labels: [string, number?][]): Body<ProgressLine>[] {
  const lines: Body<ProgressLine>[] = [];
  const reporter = { progress: (l: Body<ProgressLine>) => lines.push(l), event: () => {} };
  const tracker = new ProgressTracker(reporter as unknown as Reporter);
  for (const [label, running] of labels) tracker.report(view(label, running));
  return lines;
}

const ready = (left: string) => `READY · waiting for reroute (p) · ${left} left`;

describe('progress lines', () => {
  it('a countdown alone prints once a minute, with its text as it was', () => {
    const lines = progressOf([
      [ready('29m 53s')],
      [ready('29m 12s')],
      [ready('29m 01s')],
      [ready('28m 31s')],
      [ready('28m 02s')],
      [ready('1m 29s')],
      [ready('48s')],
      [ready('7s')],
    ]);
    expect(lines.map((l) => l.stateLabel)).toEqual([
      ready('29m 53s'),
      ready('28m 31s'),
      ready('1m 29s'),
      ready('48s'),
    ]);
  });

  it('anything else that moves still prints at once', () => {
    const lines = progressOf([
      [ready('29m 53s'), 1],
      [ready('29m 40s'), 2],
      [ready('29m 20s'), 2],
    ]);
    expect(lines.map((l) => [l.stateLabel, l.deployments[0]!.running])).toEqual([
      [ready('29m 53s'), 1],
      [ready('29m 40s'), 2],
    ]);
  });

  it('labels without a countdown are compared as they are', () => {
    expect(labelKey('IN_PROGRESS · api:42')).toBe('IN_PROGRESS · api:42');
    expect(labelKey(ready('4m 53s'))).toBe('READY · waiting for reroute (p) · 4m left');
    expect(labelKey('TERMINATION WAIT · blue kept · 12s left')).toBe(
      'TERMINATION WAIT · blue kept · <1m left',
    );
  });
});
