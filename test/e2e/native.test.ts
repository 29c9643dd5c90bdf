/**
 * ECS-native canary in the built binary, in a real terminal (tmux), on the demo world:
 * deploy production › checkout (CANARY 10 % for 2 min) with a PAUSE hook before production
 * traffic, set in the wizard; see it wait, press p, see the canary's 10 % on the traffic
 * panel, continue the pause before the rest, watch it complete; then a second deploy rolled
 * back with R while paused.
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

let term: TmuxSession | undefined;

afterEach(async () => {
  await term?.kill();
  term = undefined;
});

/** The monitor's Traffic rows (`production · green  checkout-green  ██░░ 10%`) as `route color percent`. */
function trafficShares(screen: string): { route: string; color: string; pct: number }[] {
  return [...screen.matchAll(/│(production|test) · (blue|green)\s+\S+\s+[█░]+ (\d+)%/g)].map(
    (m) => ({
      route: m[1]!,
      color: m[2]!,
      pct: Number(m[3]),
    }),
  );
}

const share = (screen: string, route: string, color: string) =>
  trafficShares(screen).find((r) => r.route === route && r.color === color)?.pct;

async function deploy(t: TmuxSession, tag: string): Promise<void> {
  await t.press('d');
  await t.waitFor((s) => /step 1 of \d · Strategy/.test(s) && /▸ ● ECS canary/.test(s), {
    what: 'the strategy step with ECS canary picked',
  });
  await t.press('Enter');
  await t.waitFor((s) => /step 2 of \d · What to deploy/.test(s), { what: 'what to deploy' });
  await t.press('Enter');
  await t.waitFor((s) => /› Image/.test(s), { what: 'the image field' });
  await t.type(tag);
  await t.waitFor((s) => new RegExp(`› Image\\s+${tag.replace(/\./g, '\\.')}`).test(s), {
    what: `the image ${tag} typed`,
  });
  await t.press('Enter');
  await t.waitFor((s) => /step 3 of \d · Settings/.test(s) && /› Canary percent\s+10/.test(s), {
    timeout: 30_000,
    what: 'the canary settings, prefilled from the service',
  });
  let screen = '';
  for (const field of ['Canary bake', 'Bake time', 'Pause at stages']) {
    await t.press('Tab');
    screen = await t.waitFor((s) => s.includes(`› ${field}`), { what: `the ${field} field` });
  }
  // the wizard keeps what was typed for this service last time
  if (!/› Pause at stages\s+PRE_PRODUCTION_TRAFFIC_SHIFT/.test(screen)) {
    await t.type('PRE_PRODUCTION_TRAFFIC_SHIFT');
  }
  await t.waitFor((s) => /› Pause at stages\s+PRE_PRODUCTION_TRAFFIC_SHIFT/.test(s), {
    what: 'the pause stage typed',
  });
  await t.press('Enter');
  const review = await t.waitFor(
    (s) => /step \d of \d · Review/.test(s) && s.includes('Preflight checks'),
    { timeout: 30_000, what: 'the review' },
  );
  expect(review).toMatch(/✓ production whole on blue/);
  expect(review).toMatch(/strategy=CANARY bake=2min canary=10%\/2min/);
  expect(review).toMatch(/pause=PRE_PRODUCTION_TRAFFIC_SHIFT\(1440min→ROLLBACK\)/);
  await t.press('Enter');
  await t.waitFor(
    (s) => s.includes('Deploy checkout (ecs canary)') && s.includes('enter/y deploy'),
    {
      what: 'the confirm',
    },
  );
  await t.press('Enter');
  await t.waitFor((s) => s.includes('rollout of checkout') && s.includes('ECS canary'), {
    timeout: 30_000,
    what: 'the rollout monitor',
  });
}

describe.skipIf(!HAS_TMUX)('ECS-native canary in --demo (tmux)', () => {
  beforeAll(() => assertBuilt());

  it('pauses before production traffic, p shows the canary weight and completes; R rolls back a second one', async () => {
    term = await TmuxSession.start(binaryCommand(['--demo']), {
      columns: 140,
      rows: 50,
      cwd: REPO_ROOT,
    });
    const t = term;
    await t.waitFor((s) => /[› ] production\s+ACTIVE/.test(s), {
      timeout: 60_000,
      what: 'the clusters',
    });
    await t.press(':');
    await t.waitFor((s) => s.includes('─ command ─'), { what: 'the command palette' });
    await t.type('svc production/checkout');
    await t.waitFor((s) => s.includes(':svc production/checkout'), { what: 'the command typed' });
    await t.press('Enter');
    await t.waitFor((s) => /checkout\s+ACTIVE\s+CANARY/.test(s), {
      timeout: 30_000,
      what: 'production › checkout',
    });

    // 1: deploy with a pause before production traffic
    await deploy(t, ':v3.3.0');
    let screen = await t.waitFor((s) => s.includes('‖ PAUSED'), {
      timeout: ROLLOUT,
      what: 'the first pause',
    });
    expect(screen).toMatch(
      /PAUSED: paused at PRE_PRODUCTION_TRAFFIC_SHIFT: hook ecs-pause-\S+ awaits action/,
    );
    expect(screen).toMatch(
      /‖ hook ecs-pause-\S+ · at PRE_PRODUCTION_TRAFFIC_SHIFT · AWAITING_ACTION/,
    );
    expect(share(screen, 'production', 'green')).toBe(0);
    expect(share(screen, 'test', 'green')).toBe(100);

    await t.press('p');
    await t.waitFor((s) => s.includes('action=CONTINUE'), { what: 'the continue confirm' });
    await t.press('Enter');
    screen = await t.waitFor((s) => share(s, 'production', 'green') === 10, {
      timeout: ROLLOUT,
      what: 'the canary weight on the traffic panel',
    });
    expect(share(screen, 'production', 'blue')).toBe(90);

    // the pause comes again before the rest of production (a new hook id)
    screen = await t.waitFor(
      (s) => s.includes('‖ PAUSED') && share(s, 'production', 'green') === 10,
      {
        timeout: ROLLOUT,
        what: 'the pause before the rest',
      },
    );
    await t.press('p');
    await t.waitFor((s) => s.includes('action=CONTINUE'), { what: 'the second continue confirm' });
    await t.press('Enter');
    screen = await t.waitFor((s) => s.includes('✓ SUCCEEDED'), {
      timeout: ROLLOUT,
      what: 'success',
    });
    expect(share(screen, 'production', 'green')).toBe(100);

    // 2: a second deploy, rolled back with R while paused
    await t.press('Escape');
    await t.waitFor((s) => /checkout\s+ACTIVE\s+CANARY/.test(s), {
      timeout: 30_000,
      what: 'checkout again',
    });
    await deploy(t, ':v3.2.1');
    await t.waitFor((s) => s.includes('‖ PAUSED'), {
      timeout: ROLLOUT,
      what: 'the second run paused',
    });
    await t.press('R');
    await t.waitFor((s) => s.includes('action=ROLLBACK'), { what: 'the rollback confirm' });
    await t.press('Enter');
    screen = await t.waitFor((s) => s.includes('↩ ROLLED BACK'), {
      timeout: ROLLOUT,
      what: 'the rollback',
    });
    expect(screen).toMatch(
      /ROLLED BACK: ECS deployment lifecycle hook ecs-pause-\S+ was continued with ROLLBACK/,
    );
    expect(share(screen, 'production', 'blue')).toBe(100);

    await t.press('q');
    expect(await t.waitForExit({ timeout: 20_000 })).toBe(0);
  }, 900_000);
});
