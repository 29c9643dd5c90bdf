/**
 * Quitting the app while it drives an ALB canary plan (the plan moves only while a client polls
 * it). "Keep running in the background" keeps it moving inside this app session; quitting (q,
 * :q, from any screen) asks what should happen to every plan the app drives: hold it here
 * (`ecs-rollout watch` resumes it from the rule tags), roll back, or stay. Then the app stops
 * driving it, ends, and says where the plan stands. Ctrl-C cannot ask: the plan holds where
 * it is. The whole TUI on the simulator, manual clocks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { inFlight } from '../../src/app/in-flight';
import { decodePlan } from '../../src/deploy/alb-canary/tags';
import {
  canaryWorld,
  MIN,
  simWeights,
  startCanary,
  type CanaryWorld,
} from '../deploy/alb-canary-world';
import { startTui, type Tui } from './tui-harness';

let world: CanaryWorld | undefined;
afterEach(async () => {
  inFlight.clear();
  await world?.close();
  world = undefined;
});

const QUESTION = 'quit: this app drives a canary plan';
/** A dialog's text as one line (its wrapping and borders dropped). */
const flat = (frame: string) => frame.replace(/[│\s]+/g, ' ');

/** The plan as its tags hold it, read by the test's own gateway. */
async function planOnRule(w: CanaryWorld) {
  const tags = (await w.gw.elb.describeTags([w.ruleArn]))[w.ruleArn] ?? {};
  const plan = decodePlan(tags);
  if (plan.kind !== 'plan') throw new Error(`no plan on the rule: ${plan.kind}`);
  return { tags, state: plan.state };
}

/** Moves both clocks 5 s at a time until the frame holds `text`. */
async function tickUntil(tui: Tui, text: string, maxMs = 10 * MIN): Promise<string> {
  for (let spent = 0; ; spent += 5_000) {
    const frame = tui.app.frame();
    if (frame.includes(text)) return frame;
    if (spent > maxMs) throw new Error(`"${text}" never showed; last frame:\n${frame}`);
    await tui.tick(5_000);
    // let the polls the tick fired reach the simulator and draw
    await tui.app.waitFor(() => true);
  }
}

/** A plan started elsewhere (as the wizard does), then watched from the app with w. */
async function appDrivingAPlan(): Promise<{ w: CanaryWorld; tui: Tui }> {
  const w = (world = await canaryWorld());
  await startCanary(w, { bakeMinutes: 1 });
  // against AWS as far as the app knows (not --demo): the summary then gives commands
  const tui = startTui(w.sim, { cluster: 'prod', service: 'orders-canary', simulated: false });
  // the service's own rolling deployment (the plan's PREPARE) must be read before w acts
  await tui.app.waitFor((f) => f.includes('[Deployments]') && /in progress|IN_PROGRESS/i.test(f), {
    timeout: 20_000,
  });
  await tui.app.press('service.watch');
  await tui.app.waitFor((f) => f.includes('ALB weighted canary ·'), { timeout: 20_000 });
  await tickUntil(tui, 'STEP 1/4');
  return { w, tui };
}

describe('quitting while the app drives an ALB canary plan', () => {
  it('kept running in the background, it moves while the app runs; q from another screen asks, cancel stays; :q, hold: the app ends and the plan stays put', async () => {
    const { w, tui } = await appDrivingAPlan();
    const { app } = tui;
    await app.press('global.back');
    await app.waitFor((f) => f.includes('keep running in the background'));
    await app.press('dialog.confirm');
    await app.waitFor((f) => f.includes('[Deployments]') && !f.includes('rollout of'));
    // in the background of this session it goes on: the next step comes once its bake ends
    for (let i = 0; simWeights(w)[1] !== 25; i++) {
      if (i > 60) throw new Error(`the background plan did not move: ${simWeights(w).join('/')}`);
      await tui.tick(5_000);
      await app.waitFor(() => true);
    }

    await app.press('global.quit');
    let frame = await app.waitFor((f) => f.includes(QUESTION));
    expect(flat(frame)).toContain('prod/orders: running at step 2/4, canary 25% (weights 75/25)');
    expect(frame).toContain('hold it here (ecs-rollout watch resumes it)');
    expect(frame).toContain('cancel: stay in the app');
    await app.press('dialog.down', { times: 2 });
    await app.press('dialog.confirm');
    frame = await app.waitFor((f) => !f.includes(QUESTION));
    expect(app.exited).toBe(false);
    expect(frame).toContain('[Deployments]');

    // :q asks the same
    await tui.palette('q');
    await app.waitFor((f) => f.includes(QUESTION));
    await app.press('dialog.confirm');
    await app.waitUntilExit();
    const held = await planOnRule(w);
    expect(held.state).toMatchObject({ status: 'running', stepIndex: 1 });
    expect(simWeights(w)).toEqual([75, 25]);

    // nothing of the app moves it any more: bakes run out, timers fire, the rule stays as it was
    await tui.tick(10 * MIN, 5_000);
    expect(simWeights(w)).toEqual([75, 25]);
    expect((await planOnRule(w)).tags).toEqual(held.tags);

    const said = inFlight.summary().join('\n');
    expect(said).toContain(
      'canary plan on the rule: running at step 2/4, canary 25% (weights 75/25)',
    );
    expect(said).toContain('this app no longer drives it: it holds these weights');
    expect(said).toMatch(/watch or resume: ecs-rollout watch --cluster prod --service orders\b/);
    expect(said).toMatch(/roll back: +ecs-rollout rollback --cluster prod --service orders\b/);
  }, 120_000);

  it('roll back from the quit question: it asks its own confirmation, rolls back, then ends', async () => {
    const { w, tui } = await appDrivingAPlan();
    const { app } = tui;
    await app.press('global.quit');
    await app.waitFor((f) => f.includes(QUESTION));
    await app.press('dialog.down');
    await app.press('dialog.confirm');
    await app.waitFor((f) => f.includes('Roll back the canary of orders'));
    expect(app.exited).toBe(false);
    await app.press('dialog.confirm');
    await app.waitUntilExit();
    expect(simWeights(w)).toEqual([100, 0]);
    expect((await planOnRule(w)).state.status).toBe('rolled-back');
    expect(inFlight.summary().join('\n')).toContain('canary plan on the rule: rolled back');
  }, 120_000);

  it('Ctrl-C cannot ask: the app ends at once and the plan holds its weights where they are', async () => {
    const { w, tui } = await appDrivingAPlan();
    const before = await planOnRule(w);
    await tui.app.press('global.interrupt');
    await tui.app.waitUntilExit();
    await tui.tick(10 * MIN, 5_000);
    expect(simWeights(w)).toEqual([90, 10]);
    expect((await planOnRule(w)).tags).toEqual(before.tags);
    expect(inFlight.summary().join('\n')).toContain(
      'canary plan on the rule: running at step 1/4, canary 10% (weights 90/10)',
    );
  }, 120_000);
});
