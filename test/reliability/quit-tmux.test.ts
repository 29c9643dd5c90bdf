/**
 * The built binary in a real terminal (tmux, private socket) driving an ALB canary plan on the
 * in-process simulator (manual clock: the test moves simulated time). "Keep running in the
 * background" keeps the plan moving inside the app; q then asks, "hold it here" ends the
 * process at once (no timer, poll or socket keeps Node alive) and the rule stays where the
 * summary says it is. Ctrl-C and SIGTERM cannot ask: the process ends, the plan holds.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodePlan } from '../../src/deploy/alb-canary/tags';
import {
  canaryWorld,
  cliRule,
  cliWeights,
  MIN,
  simWeights,
  startCanary,
  type CanaryWorld,
} from '../deploy/alb-canary-world';
import { assertBuilt, binaryCommand, REPO_ROOT } from '../helpers/binary';
import { simEnv } from '../helpers/sim';
import { tmuxAvailable, TmuxSession } from '../helpers/tmux';

const run = promisify(execFile);
const HAS_TMUX = tmuxAvailable();
const footer = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';
/** The screen as one line: wrapped lines and dialog borders joined. */
const flat = (screen: string) => screen.replace(/[│\s]+/g, ' ');

let term: TmuxSession | undefined;
let world: CanaryWorld | undefined;
afterEach(async () => {
  await term?.kill();
  await world?.close();
  term = world = undefined;
});
beforeAll(() => {
  if (HAS_TMUX) assertBuilt();
});

async function planOnRule(w: CanaryWorld) {
  const tags = (await w.gw.elb.describeTags([w.ruleArn]))[w.ruleArn] ?? {};
  const plan = decodePlan(tags);
  if (plan.kind !== 'plan') throw new Error(`no plan on the rule: ${plan.kind}`);
  return { tags, state: plan.state };
}

/**
 * Moves simulated time 20 s at a time until `done`; after each move the app's next poll (every
 * 2 s of real time) has a moment to see it. A safety net, not a timing.
 */
async function advanceUntil(
  w: CanaryWorld,
  t: TmuxSession,
  done: (screen: string) => boolean,
  what: string,
): Promise<string> {
  for (let i = 0; i < 60; i++) {
    try {
      return await t.waitFor(done, { timeout: 2_500, what });
    } catch {
      w.sim.advance(20_000);
    }
  }
  return t.waitFor(done, { what });
}

/** The app on orders-canary, watching (and so driving) a plan at its first step, 10 %. */
async function appDrivingAPlan(): Promise<{ w: CanaryWorld; t: TmuxSession }> {
  const w = (world = await canaryWorld());
  await startCanary(w, { bakeMinutes: 1 });
  const log = join(mkdtempSync(join(tmpdir(), 'ecs-rollout-audit-')), 'audit.log');
  const env = Object.fromEntries(
    Object.entries(simEnv(w.sim)).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const t = (term = await TmuxSession.start(
    binaryCommand([
      '--endpoint-url',
      w.sim.endpoint,
      '--cluster',
      'prod',
      '--service',
      'orders-canary',
    ]),
    { cwd: REPO_ROOT, columns: 140, rows: 40, env: { ...env, ECS_ROLLOUT_AUDIT_LOG: log } },
  ));
  // w is listed (dimmed) before the service is read: wait for its deployment in progress
  await t.waitFor(
    (s) => s.includes('[Deployments]') && /in progress/i.test(s) && footer(s).includes('w watch'),
    { timeout: 30_000, what: 'orders-canary with the plan preparing it' },
  );
  await t.press('w');
  await t.waitFor((s) => s.includes('ALB weighted canary ·'), { what: 'the monitor' });
  await advanceUntil(w, t, (s) => s.includes('STEP 1/4'), 'the plan at its first step');
  expect(simWeights(w)).toEqual([90, 10]);
  return { w, t };
}

/** The node process the pane runs (the pane's shell is its parent). */
async function appPid(t: TmuxSession): Promise<string> {
  const shell = await t.display('#{pane_pid}');
  const { stdout } = await run('pgrep', ['-P', shell]);
  return stdout.trim().split('\n')[0]!;
}

describe.skipIf(!HAS_TMUX)('quitting the app while it drives an ALB canary plan (tmux)', () => {
  it('kept running in the background, then q: asks, holds it, and the process ends at once', async () => {
    const { w, t } = await appDrivingAPlan();
    await t.press('Escape');
    await t.waitFor((s) => s.includes('keep running in the background'), {
      what: 'the leave question',
    });
    await t.press('Enter');
    await t.waitFor((s) => s.includes('[Deployments]') && !s.includes('rollout of'), {
      what: 'back on orders-canary',
    });
    // the app drives it in the background: its bake runs out and it moves on
    await advanceUntil(w, t, () => simWeights(w)[1] === 25, 'the background plan at 25 %');

    await t.press('q');
    const question = await t.waitFor(
      (s) => s.includes('quit: this app drives a canary plan') && footer(s).includes('esc cancel'),
      { what: 'the quit question' },
    );
    expect(flat(question)).toContain(
      'prod/orders: running at step 2/4, canary 25% (weights 75/25)',
    );
    await t.press('Enter');
    // at once: no poll, timer or socket of the app keeps the process alive
    expect(await t.waitForExit({ timeout: 15_000 })).toBe(0);
    expect(await t.display('#{alternate_on}')).toBe('0');
    const said = flat(await t.capture());
    expect(said).toContain(
      'canary plan on the rule: running at step 2/4, canary 25% (weights 75/25)',
    );
    expect(said).toContain(
      'this app no longer drives it: it holds these weights until a client drives it again',
    );
    expect(said).toMatch(
      /watch or resume: ecs-rollout watch --cluster prod --service orders --region us-east-1 --endpoint-url http:\/\/127\.0\.0\.1:\d+/,
    );
    expect(said).toMatch(/roll back: ecs-rollout rollback --cluster prod --service orders /);

    const held = await planOnRule(w);
    expect(held.state).toMatchObject({ status: 'running', stepIndex: 1 });
    w.sim.advance(10 * MIN);
    // as the AWS CLI reads it: the weights the summary gave, the tags untouched
    expect(cliWeights(w, await cliRule(w))).toEqual([75, 25]);
    expect((await planOnRule(w)).tags).toEqual(held.tags);
  }, 180_000);

  it.each([
    ['Ctrl-C', 0],
    ['SIGTERM', 143],
  ] as const)(
    '%s while it drives: the process ends, the plan holds its weights',
    async (how, code) => {
      const { w, t } = await appDrivingAPlan();
      const before = await planOnRule(w);
      if (how === 'Ctrl-C') await t.press('C-c');
      else await run('kill', ['-TERM', await appPid(t)]);
      expect(await t.waitForExit({ timeout: 15_000 })).toBe(code);
      const said = flat(await t.capture());
      expect(said).toContain(
        'canary plan on the rule: running at step 1/4, canary 10% (weights 90/10)',
      );
      expect(said).toContain('this app no longer drives it: it holds these weights');
      w.sim.advance(10 * MIN);
      expect(cliWeights(w, await cliRule(w))).toEqual([90, 10]);
      expect((await planOnRule(w)).tags).toEqual(before.tags);
    },
    180_000,
  );
});
