import { afterEach, describe, expect, it } from 'vitest';
import { FakeController, T0, finalView, makeView } from '../shared/testing/fake-rollout';
import { renderMonitor as monitor, unmountMonitors } from '../shared/testing/monitor-harness';

afterEach(unmountMonitors);

describe('rollout monitor: in progress', () => {
  it('draws the header, the deployments with bars, the breaker and the events', async () => {
    const controller = new FakeController([makeView()]);
    const { app } = monitor(controller);
    const frame = await app.waitFor((f) => f.includes('PRIMARY'));
    expect(frame).toMatch(/Rolling update · [⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] IN PROGRESS · 30s · by deployer\/alice/);
    expect(frame).toContain('IN_PROGRESS · api:14 · ecs-svc/1234567890');
    expect(frame).toMatch(/PRIMARY\s+api:14\s+█+▒+·* 2\/4 \+1\s+0\s+IN_PROGRESS\s+v2\.15\.0/);
    expect(frame).toMatch(/ACTIVE\s+api:13\s+█+ 4\/4\s+0\s+COMPLETED\s+v2\.14\.0/);
    expect(frame).toContain('circuit breaker: 0 of 3 failed tasks ○○○');
    expect(frame).toContain('10s  (service api) has started 2 tasks');
    expect(frame.split('\n')[1]).toMatch(/Clusters › rollout of api/);
  });

  it('polls every 2 s while in view, and the elapsed time ticks with the app clock', async () => {
    const controller = new FakeController([makeView()]);
    const { app } = monitor(controller);
    await app.waitFor((f) => f.includes('PRIMARY'));
    expect(controller.polls).toBe(1);
    await app.advance(2_000);
    await app.waitFor(() => controller.polls === 2);
    await app.advance(1_000);
    await app.waitFor((f) => f.includes('IN PROGRESS · 33s'));
  });

  it('a key that cannot act is dimmed and says why when pressed', async () => {
    const { app } = monitor(new FakeController([makeView()]));
    await app.waitFor((f) => f.includes('PRIMARY'));
    await app.press('monitor.promote');
    await app.waitFor((f) => f.includes('promote: a rolling update has no promote step'));
  });

  it('R asks with the action confirm request, then rolls back through the controller', async () => {
    const controller = new FakeController([makeView()]);
    const { app } = monitor(controller);
    await app.waitFor((f) => f.includes('PRIMARY'));
    await app.press('monitor.rollback');
    const dialog = await app.waitFor((f) => f.includes('StopServiceDeployment'));
    expect(dialog).toContain('Roll back api');
    expect(dialog).toContain('high risk');
    expect(controller.acted).toEqual([]);
    await app.press('dialog.confirm');
    await app.waitFor((f) => f.includes('rollback requested'));
    expect(controller.acted).toEqual(['rollback']);
  });

  it('a key is free again once its action is done, while the view is still being read', async () => {
    const controller = new FakeController([makeView()]);
    const { app } = monitor(controller);
    await app.waitFor((f) => f.includes('PRIMARY'));
    const release = controller.holdPolls();
    await app.press('monitor.rollback');
    await app.waitFor((f) => f.includes('StopServiceDeployment'));
    await app.press('dialog.confirm');
    await app.waitFor((f) => f.includes('rollback requested'));
    // the read after the action has not come back: R asks again rather than "is being sent"
    await app.press('monitor.rollback');
    const frame = await app.waitFor(
      (f) => f.includes('StopServiceDeployment') || f.includes('is being sent'),
    );
    expect(frame).toContain('StopServiceDeployment');
    release();
  });

  it('keeps the last view, marked stale, when a poll fails', async () => {
    const controller = new FakeController([
      makeView(),
      new Error('connect ECONNREFUSED 127.0.0.1:1'),
    ]);
    const { app } = monitor(controller);
    await app.waitFor((f) => f.includes('PRIMARY'));
    await app.advance(2_000);
    const frame = await app.waitFor((f) => f.includes('last refresh failed'));
    expect(frame).toContain('ECONNREFUSED');
    expect(frame).toMatch(/showing the view from \d+s ago/);
    expect(frame).toContain('PRIMARY');
  });
});

describe('rollout monitor: outcomes', () => {
  it('ROLLED BACK says the circuit breaker reason, polls once more, then stops', async () => {
    const reason =
      'Circuit breaker: the deployment failed: tasks failed to start. Rolled back to ecs-svc/1111111111.';
    const controller = new FakeController([
      finalView(
        'ROLLED_BACK',
        { kind: 'ROLLED_BACK', reason, trigger: 'circuit-breaker' },
        {
          circuitBreaker: { enabled: true, failures: 3, threshold: 3 },
          stoppedTasks: [
            {
              reason: 'TaskFailedToStart: Essential container in task exited: exit code 1',
              count: 3,
            },
          ],
        },
      ),
    ]);
    const { app } = monitor(controller);
    const frame = await app.waitFor((f) => f.includes('ROLLED BACK:'));
    expect(frame).toMatch(/Rolling update · ↩ ROLLED BACK · 1m35s · by deployer\/alice/);
    expect(frame).toContain(`ROLLED BACK: ${reason}`);
    expect(frame).toContain('circuit breaker: 3 of 3 failed tasks ●●●');
    expect(frame).toContain(
      '3× TaskFailedToStart: Essential container in task exited: exit code 1',
    );
    const final = await app.waitFor((f) => f.includes('final · no longer polling'));
    // promote, abort and pause leave the footer once the rollout has ended; R stays
    const footer = final.split('\n').at(-1) ?? '';
    expect(footer).not.toMatch(/p promote|a abort|pause\/resume/);
    expect(footer).toContain('R rollback');
    expect(controller.polls).toBe(2);
    await app.advance(20_000);
    expect(controller.polls).toBe(2);
    // R on a finished rolling deployment points at the picker
    await app.press('monitor.rollback');
    await app.waitFor((f) => f.includes('this deployment has finished: press R on the service'));
  });

  it('keeps following a rollback until the service is back, then stops', async () => {
    const outcome = {
      kind: 'ROLLED_BACK' as const,
      reason: 'alarm detected',
      trigger: 'alarm' as const,
    };
    const rollingBack = finalView('ROLLED_BACK', outcome, { deployments: makeView().deployments });
    const controller = new FakeController([
      rollingBack,
      rollingBack,
      finalView('ROLLED_BACK', outcome),
    ]);
    const { app } = monitor(controller);
    await app.waitFor((f) => f.includes('ROLLED BACK:'));
    await app.advance(2_000);
    await app.advance(2_000);
    await app.waitFor((f) => f.includes('final · no longer polling'));
    expect(controller.polls).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['SUCCEEDED', '✓ SUCCEEDED', 'deployment completed'],
    ['FAILED', '✕ FAILED', 'rollback failed: tasks failed to start'],
    ['STOPPED', '■ STOPPED', 'deployment stopped by an operator'],
    ['TIMED_OUT', '◷ TIMED OUT', 'still in progress after 30 minutes'],
  ] as const)('%s shows its mark and reason', async (state, mark, reason) => {
    const { app } = monitor(new FakeController([finalView(state, { kind: state, reason })]));
    const frame = await app.waitFor((f) => f.includes(mark));
    expect(frame).toContain(`${mark.slice(2)}: ${reason}`);
  });

  it('PAUSED at a hook: stages with the current one marked, countdowns that tick', async () => {
    const view = makeView({
      strategy: 'blue-green',
      state: 'PAUSED',
      outcome: { kind: 'PAUSED', reason: 'waiting at hook POST_TEST_TRAFFIC_SHIFT' },
      step: { index: 3, total: 5, label: 'test traffic' },
      stages: [
        { name: 'SCALE_UP', state: 'done' },
        { name: 'TEST_TRAFFIC_SHIFT', state: 'done' },
        {
          name: 'POST_TEST_TRAFFIC_SHIFT',
          state: 'current',
          endsAt: new Date(T0 + 30_000 + 120_000),
        },
        { name: 'PRODUCTION_TRAFFIC_SHIFT', state: 'pending' },
      ],
      hooks: [
        {
          hookId: 'hook-1',
          stage: 'POST_TEST_TRAFFIC_SHIFT',
          status: 'IN_PROGRESS',
          expiresAt: new Date(T0 + 30_000 + 600_000),
          timeoutAction: 'ROLLBACK',
        },
      ],
    });
    const { app } = monitor(new FakeController([view]));
    let frame = await app.waitFor((f) => f.includes('PAUSED'));
    expect(frame).toContain('ECS blue/green · ‖ PAUSED · step 3/5 test traffic');
    expect(frame).toContain('✓ SCALE_UP');
    expect(frame).toContain('▸ POST_TEST_TRAFFIC_SHIFT · 2m00s left');
    expect(frame).toContain('· PRODUCTION_TRAFFIC_SHIFT');
    expect(frame).toContain(
      '‖ hook hook-1 · at POST_TEST_TRAFFIC_SHIFT · IN_PROGRESS · 10m00s left · then ROLLBACK on timeout',
    );
    await app.advance(1_000);
    frame = await app.waitFor((f) => f.includes('1m59s left'));
    expect(frame).toContain('9m59s left');
  });
});

describe('rollout monitor: leaving', () => {
  it('leaving an AWS-run rollout asks nothing and changes nothing', async () => {
    const controller = new FakeController([makeView()]);
    const { app } = monitor(controller);
    await app.waitFor((f) => f.includes('PRIMARY'));
    await app.press('global.back');
    await app.waitFor((f) => f.includes('no screen is registered for "clusters"'));
    expect(controller.acted).toEqual([]);
  });

  it('a rollout this client drives asks: keep running, pause here or roll back', async () => {
    const controller = new FakeController([makeView({ strategy: 'alb-canary' })], true);
    const { app } = monitor(controller);
    await app.waitFor((f) => f.includes('PRIMARY'));
    await app.press('global.back');
    const pick = await app.waitFor((f) => f.includes('keep running in the background'));
    expect(pick).toContain('pause here');
    await app.press('dialog.down');
    await app.press('dialog.down');
    await app.press('dialog.confirm');
    // roll back asks with its own confirmation before it leaves
    await app.waitFor((f) => f.includes('StopServiceDeployment'));
    await app.press('dialog.confirm');
    await app.waitFor((f) => f.includes('no screen is registered for "clusters"'));
    expect(controller.acted).toEqual(['rollback']);
  });

  it('cancelling the question stays on the monitor', async () => {
    const controller = new FakeController([makeView({ strategy: 'alb-canary' })], true);
    const { app } = monitor(controller);
    await app.waitFor((f) => f.includes('PRIMARY'));
    await app.press('global.back');
    await app.waitFor((f) => f.includes('keep running in the background'));
    await app.press('dialog.cancel');
    await app.waitFor((f) => f.includes('PRIMARY') && !f.includes('keep running'));
    expect(controller.acted).toEqual([]);
  });
});

/** A plan this client drives, as the ALB canary controller is: it can stop driving. */
class DrivenFake extends FakeController {
  driving = true;
  stopped = 0;
  readonly ref = {
    cluster: 'prod',
    stableService: 'api',
    canaryService: 'api-canary',
    ruleArn: 'arn:rule',
  };
  constructor() {
    super([makeView({ strategy: 'alb-canary' })], true);
  }
  stopDriving() {
    this.driving = false;
    this.stopped += 1;
    return Promise.resolve(undefined);
  }
  halt() {
    this.driving = false;
  }
  standing() {
    return undefined;
  }
}

describe('rollout monitor: quitting while this client drives the rollout', () => {
  it('q asks the quit question (not the leave one); cancel stays and it keeps polling', async () => {
    const controller = new DrivenFake();
    const { app } = monitor(controller);
    await app.waitFor((f) => f.includes('PRIMARY'));
    await app.press('global.quit');
    const frame = await app.waitFor((f) => f.includes('quit: this app drives a canary plan'));
    expect(frame).toContain('prod/api: ');
    expect(frame).toContain('hold it here (ecs-rollout watch resumes it)');
    expect(frame).not.toContain('keep running in the background');
    await app.press('dialog.down', { times: 2 });
    await app.press('dialog.confirm');
    await app.waitFor((f) => !f.includes('quit: this app'));
    expect(app.exited).toBe(false);
    const polls = controller.polls;
    await app.advance(2_000);
    await app.waitFor(() => controller.polls > polls);
    expect(controller.stopped).toBe(0);
  });

  it('hold it here stops its polls and the driving, then the app ends', async () => {
    const controller = new DrivenFake();
    const { app } = monitor(controller);
    await app.waitFor((f) => f.includes('PRIMARY'));
    await app.press('global.quit');
    await app.waitFor((f) => f.includes('quit: this app drives a canary plan'));
    await app.press('dialog.confirm');
    await app.waitUntilExit();
    expect(controller.stopped).toBe(1);
    const polls = controller.polls;
    await app.advance(10_000);
    expect(controller.polls).toBe(polls);
    expect(controller.acted).toEqual([]);
  });

  it('roll back asks its own confirmation; declining it stays in the app', async () => {
    const controller = new DrivenFake();
    const { app } = monitor(controller);
    await app.waitFor((f) => f.includes('PRIMARY'));
    await app.press('global.quit');
    await app.waitFor((f) => f.includes('quit: this app drives a canary plan'));
    await app.press('dialog.down');
    await app.press('dialog.confirm');
    await app.waitFor((f) => f.includes('StopServiceDeployment'));
    await app.press('dialog.cancel');
    await app.waitFor((f) => f.includes('roll back cancelled; not quitting'));
    expect(app.exited).toBe(false);
    expect(controller.stopped).toBe(0);

    await app.press('global.quit');
    await app.waitFor((f) => f.includes('quit: this app drives a canary plan'));
    await app.press('dialog.down');
    await app.press('dialog.confirm');
    await app.waitFor((f) => f.includes('StopServiceDeployment'));
    await app.press('dialog.confirm');
    await app.waitUntilExit();
    expect(controller.acted).toEqual(['rollback']);
    expect(controller.stopped).toBe(1);
  });
});
