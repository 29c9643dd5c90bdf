/**
 * ALB weighted canary in the built binary, in a real terminal (tmux), on the demo world:
 * production › orders-canary (the canary of the orders pair on one /orders/* rule) gets the
 * newer good image :v4.4.0 with steps 10, 25, 50, 100, no bake and manual advance. Each step
 * waits PAUSED for p with the canary's weight on the traffic panel; p walks it to SUCCEEDED.
 * A second run is rolled back with R at 25 %, which puts stable back to 100 at once.
 *
 * Another binary deploys the bad build :v4.4.0-5xx (20 to 40 % of its answers are 5xx in the
 * simulator's traffic) with auto-advance and the 5xx gate judging after 20 canary requests:
 * nobody presses a key, the gate fails at 10 % and the plan rolls itself back, saying which
 * gate failed and by how much, with stable back at 100 on the traffic panel.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, binaryCommand, REPO_ROOT } from '../helpers/binary';
import { tmuxAvailable, TmuxSession } from '../helpers/tmux';

const HAS_TMUX = tmuxAvailable();
if (!HAS_TMUX) {
  console.warn('tmux is not installed: skipping the end-to-end tests (apt-get install tmux)');
}

/** Simulated minutes pass in real seconds in --demo; these are safety nets, not timings. */
const ROLLOUT = 240_000;
const STEP = 30_000;

/** What the wizard is given: the image tag and the settings that differ between the runs. */
interface Plan {
  tag: string;
  bake: string;
  advance: 'manual' | 'auto';
  /** Requests before judging: the 5xx gate is switched on with a 1 pp margin when given. */
  minRequests?: string;
}

const GOOD: Plan = { tag: ':v4.4.0', bake: '0', advance: 'manual' };
const BAD: Plan = { tag: ':v4.4.0-5xx', bake: '1', advance: 'auto', minRequests: '20' };
const ADVANCE = { manual: 'only on p', auto: 'by itself once the gates pass' };

let term: TmuxSession | undefined;

afterEach(async () => {
  await term?.kill();
  term = undefined;
});

const footer = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';
const line = (screen: string, mark: string) => screen.split('\n').find((l) => l.includes(mark));

/** The monitor's Traffic rows (`stable  production-orders  ███░ 90%`) as role → percent. */
function shares(screen: string): Record<string, number> {
  const rows = [...screen.matchAll(/│(stable|canary)\s+\S+\s+[█░]+ (\d+)%/g)];
  return Object.fromEntries(rows.map((m) => [m[1]!, Number(m[2])]));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Sets the focused number field to `value`, whatever it held. */
async function setNumber(t: TmuxSession, label: string, value: string): Promise<void> {
  const screen = await t.waitFor((s) => s.includes(`› ${label}`), { what: `the ${label} field` });
  const held = new RegExp(`› ${escape(label)}\\s+(\\S*)`).exec(screen)?.[1] ?? '';
  for (let i = 0; i < held.length; i++) await t.press('BSpace');
  await t.type(value);
  await t.waitFor((s) => new RegExp(`› ${escape(label)}\\s+${value}\\s`).test(s), {
    what: `${label} ${value}`,
  });
}

/** Leaves the focused toggle on, whatever it was. */
async function switchOn(t: TmuxSession, label: string): Promise<void> {
  const screen = await t.waitFor((s) => s.includes(`› ${label}`), { what: `the ${label} field` });
  if (!new RegExp(`› ${escape(label)}\\s+\\[x\\]`).test(screen)) await t.press('Space');
  await t.waitFor((s) => new RegExp(`› ${escape(label)}\\s+\\[x\\] yes`).test(s), {
    what: `${label} on`,
  });
}

/** From the service screen of production › orders-canary, through the command palette. */
async function openOrdersCanary(t: TmuxSession): Promise<void> {
  await t.waitFor((s) => /[› ] production\s+ACTIVE/.test(s), {
    timeout: 60_000,
    what: 'the clusters',
  });
  await t.press(':');
  await t.waitFor((s) => s.includes('─ command ─'), { what: 'the command palette' });
  await t.type('svc production/orders-canary');
  await t.waitFor((s) => s.includes(':svc production/orders-canary'), { what: 'the command' });
  await t.press('Enter');
  await t.waitFor((s) => /orders-canary\s+ACTIVE\s+ROLLING/.test(s), {
    timeout: STEP,
    what: 'production › orders-canary',
  });
}

/** From the service: d, ALB weighted canary, the plan's image and settings; confirmed. */
async function deploy(t: TmuxSession, plan: Plan): Promise<void> {
  await t.press('d');
  await t.waitFor((s) => /step 1 of 5 · Strategy/.test(s) && s.includes('▸ ● Rolling update'), {
    timeout: STEP,
    what: 'the strategy step',
  });
  // Rolling update, the three ECS-native ones and CodeDeploy (dimmed: they do not fit) first
  await t.press('j', 'j', 'j', 'j', 'j');
  await t.waitFor((s) => s.includes('▸ ● ALB weighted canary'), { what: 'ALB canary picked' });
  await t.press('Enter');
  await t.waitFor((s) => s.includes('step 2 of 5 · What to deploy') && s.includes('● orders'), {
    what: 'what to deploy',
  });
  await t.press('Tab', 'Tab');
  const image = await t.waitFor((s) => s.includes('› Image'), { what: 'the image field' });
  const typed = new RegExp(`› Image\\s+${escape(plan.tag)}\\s`);
  if (!typed.test(image)) await t.type(plan.tag);
  await t.waitFor((s) => typed.test(s), { what: `the image ${plan.tag} typed` });
  await t.press('Enter');
  await t.waitFor((s) => s.includes('step 3 of 5 · Settings') && s.includes('› Steps (canary %)'), {
    timeout: STEP,
    what: 'the canary settings',
  });
  expect(line(await t.capture(), '› Steps (canary %)')).toContain('10, 25, 50, 100');
  await t.press('Tab');
  await setNumber(t, 'Bake per step (minutes)', plan.bake);
  await t.press('Tab');
  const advance = await t.waitFor((s) => s.includes('› Advance'), { what: 'the advance field' });
  if (!line(advance, '› Advance')?.includes(ADVANCE[plan.advance])) await t.press('Space');
  await t.waitFor((s) => line(s, '› Advance')?.includes(`‹ ${ADVANCE[plan.advance]} ›`) ?? false, {
    what: `${plan.advance} advance`,
  });
  if (plan.minRequests) {
    await t.press('Tab');
    await switchOn(t, 'Gate: targets healthy');
    await t.press('Tab');
    await switchOn(t, 'Gate: 5xx rate');
    await t.press('Tab');
    await setNumber(t, '5xx margin (points)', '1');
    await t.press('Tab');
    await setNumber(t, 'Requests before judging', plan.minRequests);
  }
  await t.press('Enter');
  const review = await t.waitFor((s) => s.includes('enter deploy') || s.includes('✕ cannot'), {
    timeout: STEP,
    what: 'the review',
  });
  expect(review).toContain('ALB weighted canary of orders-canary');
  expect(review).toMatch(
    new RegExp(`orders: v4\\.3\\.0 → ${escape(plan.tag.slice(1))} @sha256:[0-9a-f]{8}`),
  );
  expect(review).toContain(`steps 10, 25, 50, 100, bake ${plan.bake} min, ${plan.advance} advance`);
  await t.press('Enter');
  await t.waitFor(
    (s) =>
      s.includes('Deploy orders-canary (alb weighted canary)') && footer(s).includes('esc cancel'),
    { what: 'the confirm' },
  );
  await t.press('Enter');
  await t.waitFor(
    (s) => s.includes('rollout of orders-canary') && s.includes('ALB weighted canary ·'),
    {
      timeout: STEP,
      what: 'the rollout monitor',
    },
  );
}

/** Waits for step `index` of 4 to stand PAUSED at `percent`, the traffic panel agreeing. */
async function pausedAt(t: TmuxSession, index: number, percent: number): Promise<string> {
  const screen = await t.waitFor(
    (s) =>
      s.includes(`‖ PAUSED · step ${index}/4 ${percent}%`) &&
      shares(s).canary === percent &&
      shares(s).stable === 100 - percent,
    { timeout: ROLLOUT, what: `step ${index} paused at canary ${percent}%` },
  );
  // the 5xx gate may still wait for canary traffic: the reason then names it (and is cut)
  expect(screen).toContain(`PAUSED: step ${index} of 4 baked;`);
  return screen;
}

/** p, then confirm the question it asks. */
async function promote(t: TmuxSession, question: string): Promise<void> {
  await t.press('p');
  await t.waitFor((s) => s.includes(question) && footer(s).includes('esc cancel'), {
    what: `the question "${question}"`,
  });
  await t.press('Enter');
}

describe.skipIf(!HAS_TMUX)('ALB weighted canary in --demo (tmux)', () => {
  beforeAll(() => assertBuilt());

  it('walks 10, 25, 50, 100 on p to SUCCEEDED; R at 25 % puts stable back to 100 at once', async () => {
    term = await TmuxSession.start(binaryCommand(['--demo']), {
      columns: 120,
      rows: 40,
      cwd: REPO_ROOT,
    });
    const t = term;
    await openOrdersCanary(t);

    // 1: each step waits for p, the canary's weight on the traffic panel; the last p promotes
    await deploy(t, GOOD);
    let screen = await pausedAt(t, 1, 10);
    expect(screen).toMatch(/│canary\s+production-orders-canary\s+█+░+ 10%/);
    await promote(t, 'Next step now: canary 25%');
    await pausedAt(t, 2, 25);
    await promote(t, 'Next step now: canary 50%');
    await pausedAt(t, 3, 50);
    await promote(t, 'Next step now: canary 100%');
    screen = await pausedAt(t, 4, 100);
    expect(screen).toMatch(/▸ 100% · baked/);
    await promote(t, 'Promote orders:');
    screen = await t.waitFor((s) => s.includes('✓ SUCCEEDED'), {
      timeout: ROLLOUT,
      what: 'the promotion to succeed',
    });
    expect(screen).toContain(
      'SUCCEEDED: promoted: orders runs the new revision and takes all traffic',
    );
    expect(shares(screen).stable).toBe(100);

    // 2: again once orders-canary is back on its revision; R at 25 %
    await t.press('Escape');
    // (the service's last deployment just now, not the one from days ago the screen had cached)
    await t.waitFor(
      (s) => /orders-canary\s+ACTIVE/.test(s) && /deployed \d+[sm] ago · completed —/.test(s),
      {
        timeout: ROLLOUT,
        what: 'orders-canary settled back on its own revision',
      },
    );
    await deploy(t, GOOD);
    await pausedAt(t, 1, 10);
    await promote(t, 'Next step now: canary 25%');
    await pausedAt(t, 2, 25);
    await t.press('R');
    await t.waitFor(
      (s) => s.includes('Roll back the canary of orders') && footer(s).includes('esc cancel'),
      { what: 'the rollback question' },
    );
    await t.press('Enter');
    screen = await t.waitFor((s) => s.includes('↩ ROLLED BACK'), {
      timeout: STEP,
      what: 'the rollback',
    });
    expect(screen).toContain('ROLLED BACK: rolled back by an operator at step 2 (canary 25%)');
    // at once: the first frame that says ROLLED BACK has the weights home already
    expect(shares(screen)).toEqual({ stable: 100, canary: 0 });

    await t.press('q');
    expect(await t.waitForExit({ timeout: 20_000 })).toBe(0);
  }, 900_000);

  it('rolls a bad build back by itself when its 5xx rate fails the gate at 10 %', async () => {
    term = await TmuxSession.start(binaryCommand(['--demo']), {
      columns: 120,
      rows: 40,
      cwd: REPO_ROOT,
    });
    const t = term;
    await openOrdersCanary(t);
    await deploy(t, BAD);

    // no key from here: the plan prepares, steps to 10 % and its 5xx gate judges the canary
    const screen = await t.waitFor((s) => s.includes('↩ ROLLED BACK'), {
      timeout: ROLLOUT,
      what: 'the 5xx gate to roll the canary back',
    });
    const failed =
      /ROLLED BACK: gate "canary 5xx rate" failed: canary (\d+(?:\.\d)?)% of (\d+) vs stable (\d+(?:\.\d)?)% of (\d+) \(margin 1 pp\)/.exec(
        screen,
      );
    expect(failed, screen).not.toBeNull();
    const [canaryRate, canaryRequests, stableRate, stableRequests] = failed!.slice(1).map(Number);
    // the bad build answers 20 to 40 % 5xx, the good stable about 0.1 % (a stray 5xx in a small
    // sample reads higher): far past the margin
    expect(stableRate).toBeLessThan(5);
    expect(canaryRate).toBeGreaterThan(stableRate! + 5);
    expect(canaryRequests).toBeGreaterThanOrEqual(20);
    // 10 % of the rule's traffic went to the canary, the rest to stable
    expect(stableRequests).toBeGreaterThan(canaryRequests!);
    // it never got past the first step: the gate waits for 20 requests, then fails
    expect(screen).toMatch(/↩ ROLLED BACK · step 1\/4 10%/);
    expect(screen).toMatch(/✕ 10% · gate "canary 5xx rate" failed: canary/);
    expect(screen).toMatch(/✕ canary 5xx rate: canary \d/);
    expect(screen).toMatch(/✓ canary targets healthy/);
    expect(screen).not.toContain('by an operator');
    // the first frame that says ROLLED BACK has the weights home already
    expect(shares(screen)).toEqual({ stable: 100, canary: 0 });

    await t.press('q');
    expect(await t.waitForExit({ timeout: 20_000 })).toBe(0);
  }, 600_000);
});
