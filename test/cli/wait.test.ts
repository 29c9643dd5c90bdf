import { describe, expect, it } from 'vitest';
import type { Body, JsonLine } from '../../src/cli/json-schema';
import type { Reporter } from '../../src/cli/output/reporter';
import {
  DEFAULT_POLL_MS,
  DEFAULT_TIMEOUT_MS,
  type GlobalOptions,
} from '../../src/cli/global-options';
import { waitResult } from '../../src/cli/result';
import { waitForRollout, type WaitUntil } from '../../src/cli/wait';
import type { OutcomeKind } from '../../src/deploy/outcome';
import type { RolloutController, RolloutDeploymentRow, RolloutView } from '../../src/deploy/types';
import { allUnavailable } from '../../src/deploy/view-parts';
import { AwsError } from '../../src/errors';

// The wait loop on a scripted controller: each poll returns the next view. The clock is the
// poll count, so deadlines are deterministic and nothing sleeps for real (pollMs 0).

const row = (over: Partial<RolloutDeploymentRow>): RolloutDeploymentRow => ({
  role: 'PRIMARY',
  id: 'ecs-svc/1',
  status: 'PRIMARY',
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/api:2',
  revisionLabel: 'api:2',
  desired: 2,
  running: 2,
  pending: 0,
  failed: 0,
  rolloutState: 'COMPLETED',
  ...over,
});

function view(
  state: OutcomeKind,
  deployments: RolloutDeploymentRow[] = [row({})],
  reason = state.toLowerCase(),
): RolloutView {
  return {
    strategy: 'canary',
    cluster: 'prod',
    service: 'api',
    rolloutId: 'ecs-svc/1',
    state,
    ...(state !== 'IN_PROGRESS' ? { outcome: { kind: state, reason } } : {}),
    stateLabel: state,
    deployments,
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

function scripted(steps: (RolloutView | Error)[]): RolloutController & { polls: number } {
  let i = 0;
  return {
    strategy: 'canary',
    clientDriven: false,
    polls: 0,
    poll() {
      this.polls++;
      const step = steps[Math.min(i++, steps.length - 1)]!;
      return step instanceof Error ? Promise.reject(step) : Promise.resolve(step);
    },
    act: () => Promise.resolve({ ok: false, message: 'no' }),
  };
}

function recorder(): Reporter & { lines: Body<JsonLine>[] } {
  const lines: Body<JsonLine>[] = [];
  return {
    lines,
    message: (l) => lines.push(l),
    progress: (l) => lines.push(l),
    event: (l) => lines.push(l),
    plan: (l) => lines.push(l),
    services: (ls) => lines.push(...ls),
    candidates: (ls) => lines.push(...ls),
    result: (l) => lines.push(l),
  };
}

const opts: GlobalOptions = {
  cluster: 'prod',
  service: 'api',
  readOnly: false,
  output: 'json',
  yes: true,
  timeoutMs: DEFAULT_TIMEOUT_MS,
  pollMs: DEFAULT_POLL_MS,
};

async function run(
  steps: (RolloutView | Error)[],
  until: WaitUntil,
  maxPolls = 100,
  actedOn?: RolloutView,
) {
  const controller = scripted(steps);
  const reporter = recorder();
  const end = await waitForRollout(
    controller,
    {
      until,
      timeoutMs: maxPolls,
      pollMs: 0,
      signal: new AbortController().signal,
      clock: () => controller.polls,
      ...(actedOn ? { actedOn } : {}),
    },
    reporter,
  );
  const result = waitResult('deploy', end, {
    opts: { ...opts, timeoutMs: 60_000 },
    cluster: 'prod',
    service: 'api',
    waitedMs: 0,
  });
  return { end, result, reporter, controller };
}

describe('waiting on a rollout', () => {
  it('--wait-until paused returns at the first pause with exit 5 and how to go on', async () => {
    const { result } = await run(
      [view('IN_PROGRESS'), view('PAUSED'), view('SUCCEEDED')],
      'paused',
    );
    expect(result).toMatchObject({ outcome: 'PAUSED', exitCode: 5 });
    expect(result.next?.some((c) => c.includes('ecs-rollout promote'))).toBe(true);
    expect(result.running?.state).toBe('PAUSED');
  });

  it('without paused, keeps waiting through a pause and says so once', async () => {
    const { result, reporter } = await run(
      [view('PAUSED'), view('PAUSED'), view('SUCCEEDED')],
      'deployed',
    );
    expect(result).toMatchObject({ outcome: 'SUCCEEDED', exitCode: 0 });
    expect(
      reporter.lines.filter((l) => l.type === 'message' && l.code === 'ECSR_CLI_W1005'),
    ).toHaveLength(1);
  });

  it('after an action on a pause, AWS still showing that pause is not a new pause', async () => {
    const paused = (hookId: string, index: number): RolloutView => ({
      ...view('PAUSED'),
      step: { index, total: 9, label: `stage ${index}` },
      hooks: [{ hookId, status: 'AWAITING_ACTION' }],
    });
    const acted = paused('hook-1', 5);
    const pausedWarnings = (r: Awaited<ReturnType<typeof run>>) =>
      r.reporter.lines.filter((l) => l.type === 'message' && l.code === 'ECSR_CLI_W1005');

    // promote: the first reads still show the hook just continued, then it goes on
    const promoted = await run(
      [paused('hook-1', 5), paused('hook-1', 5), view('IN_PROGRESS'), view('SUCCEEDED')],
      'stable',
      100,
      acted,
    );
    expect(promoted.result).toMatchObject({ outcome: 'SUCCEEDED', exitCode: 0 });
    expect(pausedWarnings(promoted)).toEqual([]);

    // --wait-until paused waits for the next pause, not the one just acted on
    const next = await run(
      [paused('hook-1', 5), view('IN_PROGRESS'), paused('hook-2', 7)],
      'paused',
      100,
      acted,
    );
    expect(next.controller.polls).toBe(3);
    expect(next.result).toMatchObject({ outcome: 'PAUSED', exitCode: 5 });
    // a new hook right away (no IN_PROGRESS read between) is a new pause too
    const direct = await run([paused('hook-1', 5), paused('hook-2', 5)], 'deployed', 3, acted);
    expect(pausedWarnings(direct)).toHaveLength(1);

    // without an action the same read is a pause to report
    const watched = await run([paused('hook-1', 5), view('SUCCEEDED')], 'stable');
    expect(pausedWarnings(watched)).toHaveLength(1);
  });

  it('a wait that ends while paused is exit 5, not a timeout', async () => {
    const { result } = await run([view('PAUSED')], 'stable', 3);
    expect(result).toMatchObject({ outcome: 'PAUSED', exitCode: 5 });
    expect(result.reason).toMatch(/paused awaiting action when the wait ended/);
  });

  it('a wait that ends in progress is exit 4 and names what still runs', async () => {
    const { result } = await run([view('IN_PROGRESS')], 'stable', 3);
    expect(result).toMatchObject({ outcome: 'TIMED_OUT', exitCode: 4, trigger: 'timeout' });
    expect(result.running?.deploymentId).toBe('ecs-svc/1');
  });

  it('stable waits for a rollback to settle; deployed returns at the outcome', async () => {
    const settling = view('ROLLED_BACK', [
      row({ rolloutState: 'IN_PROGRESS', running: 1 }),
      row({ role: 'ACTIVE', id: 'ecs-svc/0', running: 2 }),
    ]);
    const settled = view('ROLLED_BACK', [row({ revisionLabel: 'api:1' })]);
    const stable = await run([settling, settling, settled], 'stable');
    expect(stable.controller.polls).toBe(3);
    expect(stable.result).toMatchObject({ outcome: 'ROLLED_BACK', exitCode: 3 });
    const deployed = await run([settling, settled], 'deployed');
    expect(deployed.controller.polls).toBe(1);
    expect(deployed.result.exitCode).toBe(3);
  });

  it('stable accepts two services both up (an ALB canary pair), not one still draining', async () => {
    const pair = view('SUCCEEDED', [
      row({ role: 'stable' }),
      row({ role: 'canary', id: 'svc/c', desired: 1, running: 1 }),
    ]);
    const draining = view('SUCCEEDED', [
      row({ role: 'stable' }),
      row({ role: 'canary (active)', desired: 0, running: 1 }),
    ]);
    const { controller, result } = await run([draining, pair], 'stable');
    expect(controller.polls).toBe(2);
    expect(result.exitCode).toBe(0);
  });

  it('a rollback that never settles before the deadline is still exit 3, never 0 or 4', async () => {
    const settling = view('ROLLED_BACK', [row({ rolloutState: 'IN_PROGRESS', running: 1 })]);
    const { result } = await run([settling], 'stable', 3);
    expect(result).toMatchObject({ outcome: 'ROLLED_BACK', exitCode: 3 });
    expect(result.reason).toMatch(/had not settled/);
  });

  it('reads through throttling, and gives up on errors that are not transient', async () => {
    const throttled = new AwsError('slow down', {
      kind: 'throttled',
      code: 'ThrottlingException',
      service: 'ecs',
      operation: 'DescribeServices',
      retryable: true,
    });
    const ok = await run([throttled, throttled, view('SUCCEEDED')], 'stable');
    expect(ok.result.exitCode).toBe(0);
    expect(
      ok.reporter.lines.filter((l) => l.type === 'message' && l.code === 'ECSR_CLI_W1004'),
    ).toHaveLength(2);
    const denied = new AwsError('no', {
      kind: 'access-denied',
      code: 'AccessDeniedException',
      service: 'ecs',
      operation: 'DescribeServices',
      retryable: false,
    });
    await expect(run([denied], 'stable')).rejects.toBe(denied);
  });

  it('an interrupt ends the wait at once and the result says the rollout keeps running', async () => {
    const controller = scripted([view('IN_PROGRESS')]);
    const abort = new AbortController();
    abort.abort();
    const end = await waitForRollout(
      controller,
      { until: 'stable', timeoutMs: 10, pollMs: 0, signal: abort.signal, clock: () => 0 },
      recorder(),
    );
    expect(end.kind).toBe('interrupted');
    const result = waitResult(
      'watch',
      { kind: 'interrupted', view: view('IN_PROGRESS') },
      { opts, cluster: 'prod', service: 'api', waitedMs: 0, signal: 'SIGINT' },
    );
    expect(result).toMatchObject({ outcome: 'INTERRUPTED', exitCode: 130 });
    expect(result.reason).toBe(
      'stopped waiting (SIGINT); the rollout keeps running on AWS: deployment ecs-svc/1 is IN_PROGRESS',
    );
  });
});
