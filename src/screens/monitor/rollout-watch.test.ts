import { describe, expect, it } from 'vitest';
import type { AwsGateway } from '../../aws/gateway';
import { flushPromises, ManualTimer } from '../../state/manual-timer';
import { PollHub } from '../../state/poll-hub';
import { FakeController, finalView, makeView } from '../shared/testing/fake-rollout';
import { ROLLOUT_POLL_MS, RolloutWatch } from './rollout-watch';

describe('RolloutWatch', () => {
  it('stops once the rollout has stopped, and watches again when an action sets it going (a held ALB canary resumed)', async () => {
    const time = new ManualTimer();
    const hub = new PollHub({ gateway: {} as AwsGateway, time });
    const held = finalView('STOPPED', {
      kind: 'STOPPED',
      reason: 'held at canary 10% (weights 90/10) by abort',
      trigger: 'operator',
    });
    const resumed = makeView({ strategy: 'alb-canary', stateLabel: 'STEP 2/4 · canary 25%' });
    const controller = new FakeController([held, held, resumed], true);
    const watch = new RolloutWatch(hub, controller);
    watch.start();
    for (let i = 0; i < 5; i++) await time.advanceAsync(ROLLOUT_POLL_MS);
    expect(watch.getSnapshot().done).toBe(true);
    const polls = controller.polls;
    await time.advanceAsync(5 * ROLLOUT_POLL_MS);
    expect(controller.polls).toBe(polls);

    // resume (space) then the refresh the monitor does after every action
    await watch.refresh();
    await flushPromises();
    expect(watch.getSnapshot()).toMatchObject({ done: false, poll: { data: resumed } });
    await time.advanceAsync(3 * ROLLOUT_POLL_MS);
    expect(controller.polls).toBeGreaterThan(polls + 1);
    watch.dispose();
  });
});
