/**
 * CodeDeploy blue/green in the built binary, in a real terminal (tmux), on the demo world:
 * deploy production › payments (its group waits for a person before rerouting), see green on
 * the test listener, press p, watch production move to green, press p again to end blue's
 * wait, succeed; then a second deploy that R rolls back.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, binaryCommand, REPO_ROOT } from '../helpers/binary';
import { tmuxAvailable, TmuxSession } from '../helpers/tmux';

const HAS_TMUX = tmuxAvailable();
if (!HAS_TMUX) {
  console.warn('tmux is not installed: skipping the end-to-end tests (apt-get install tmux)');
}

/** Simulated minutes pass in real seconds in --demo; these are safety nets, not timings. */
const ROLLOUT = 180_000;

let term: TmuxSession | undefined;

afterEach(async () => {
  await term?.kill();
  term = undefined;
});

/** The production / test rows of the monitor's Traffic panel, as `route percent` pairs. */
function trafficShares(screen: string): { route: string; pct: number }[] {
  return [...screen.matchAll(/│(production|test) · \S+\s+\S+\s+[█░]+ (\d+)%/g)].map((m) => ({
    route: m[1]!,
    pct: Number(m[2]),
  }));
}

async function deploy(t: TmuxSession, tag: string): Promise<void> {
  const strategyStep = (s: string) =>
    /step 1 of \d · Strategy/.test(s) && /▸ ● CodeDeploy blue\/green/.test(s);
  await t.press('d');
  const screen = await t.waitFor(
    (s) => strategyStep(s) || s.includes('is being deployed already'),
    {
      what: 'the strategy step with CodeDeploy picked',
    },
  );
  // right after a success the old task set still drains, which the wizard takes for a rollout
  // in progress; CodeDeploy itself is idle (the review checks the group), so go on
  if (screen.includes('is being deployed already')) {
    // the notice offers: watch it in the monitor, or go on to the wizard (esc cancels)
    await t.press('j');
    await t.press('Enter');
    await t.waitFor(strategyStep, { what: 'the strategy step after the notice' });
  }
  await t.press('Enter');
  await t.waitFor((s) => /step 2 of \d · What to deploy/.test(s), { what: 'what to deploy' });
  await t.press('Enter');
  await t.waitFor((s) => /› Image/.test(s), { what: 'the image field' });
  await t.type(tag);
  await t.waitFor((s) => new RegExp(`› Image\\s+${tag.replace('.', '\\.')}`).test(s), {
    what: `the image ${tag} typed`,
  });
  await t.press('Enter');
  // the settings step: the group's deployment config and the load balancer's container
  await t.waitFor((s) => /step 3 of \d · Settings/.test(s), { what: 'the settings step' });
  await t.press('Enter');
  const review = await t.waitFor(
    (s) => /step 4 of \d · Review/.test(s) && s.includes('Preflight checks'),
    {
      timeout: 30_000,
      what: 'the review',
    },
  );
  expect(review).toContain(
    '✓ nothing else in progress: no deployment is running in group payments-prod',
  );
  expect(review).toContain('2. CodeDeploy CreateDeployment  payments/payments-prod');
  await t.press('Enter');
  await t.waitFor((s) => s.includes('type payments to deploy'), {
    what: 'the protected-service confirm',
  });
  await t.type('payments');
  await t.waitFor((s) => s.includes('> payments'), { what: 'the name typed' });
  await t.press('Enter');
  await t.waitFor(
    (s) => s.includes('rollout of payments') && s.includes('CodeDeploy blue/green ·'),
    {
      timeout: 30_000,
      what: 'the rollout monitor',
    },
  );
}

/** payments is protected: every action on it asks for its name to be typed. */
async function confirmProtected(t: TmuxSession): Promise<void> {
  await t.waitFor((s) => /type payments to /.test(s), { what: 'the protected-service confirm' });
  await t.type('payments');
  await t.waitFor((s) => s.includes('> payments'), { what: 'the name typed' });
  await t.press('Enter');
}

describe.skipIf(!HAS_TMUX)('CodeDeploy blue/green in --demo (tmux)', () => {
  beforeAll(() => assertBuilt());

  it('deploys payments with a ready wait, reroutes with p, succeeds; a second deploy is rolled back with R', async () => {
    term = await TmuxSession.start(binaryCommand(['--demo']), {
      columns: 140,
      rows: 45,
      cwd: REPO_ROOT,
    });
    const t = term;
    await t.waitFor((s) => /[› ] production\s+ACTIVE/.test(s), {
      timeout: 60_000,
      what: 'the clusters',
    });
    await t.press(':');
    await t.waitFor((s) => s.includes('─ command ─'), { what: 'the command palette' });
    await t.type('svc production/payments');
    await t.waitFor((s) => s.includes(':svc production/payments'), { what: 'the command typed' });
    await t.press('Enter');
    await t.waitFor((s) => /payments\s+ACTIVE\s+CODE_DEPLOY/.test(s), {
      timeout: 30_000,
      what: 'production › payments',
    });

    // 1: deploy, wait on the test listener, reroute, end blue's wait, succeed
    await deploy(t, ':v3.7.0');
    let screen = await t.waitFor(
      (s) => s.includes('‖ PAUSED') && s.includes('▸ Ready wait (reroute)'),
      {
        timeout: ROLLOUT,
        what: 'the ready wait',
      },
    );
    expect(screen).toContain('PAUSED: green is ready; production traffic waits for a reroute (p)');
    const before = trafficShares(screen);
    // green takes the test listener; production is all on blue
    expect(before.filter((r) => r.route === 'test').map((r) => r.pct)).toEqual([100]);
    expect(
      before
        .filter((r) => r.route === 'production')
        .map((r) => r.pct)
        .sort(),
    ).toEqual([0, 100]);

    await t.press('p');
    await t.waitFor((s) => s.includes('deploymentWaitType=READY_WAIT'), {
      what: 'the reroute confirm',
    });
    await confirmProtected(t);
    screen = await t.waitFor((s) => s.includes('TERMINATION WAIT · blue kept'), {
      timeout: ROLLOUT,
      what: 'production on green, blue kept',
    });
    const after = trafficShares(screen).filter((r) => r.route === 'production');
    const prodBefore = before.filter((r) => r.route === 'production');
    // production moved: each group's share flipped
    expect(after.map((r) => r.pct)).toEqual(prodBefore.map((r) => 100 - r.pct));

    await t.press('p');
    await t.waitFor((s) => s.includes('deploymentWaitType=TERMINATION_'), {
      what: "the end-blue's-wait confirm",
    });
    await confirmProtected(t);
    screen = await t.waitFor((s) => s.includes('✓ SUCCEEDED'), {
      timeout: ROLLOUT,
      what: 'success',
    });
    expect(screen).toMatch(/SUCCEEDED: deployment d-[A-Z0-9]{9} succeeded: production runs green/);

    // 2: a second deploy, rolled back with R while it waits
    await t.press('Escape');
    await t.waitFor((s) => /payments\s+ACTIVE\s+CODE_DEPLOY/.test(s), { what: 'payments again' });
    await deploy(t, ':v3.6.1');
    await t.waitFor((s) => s.includes('‖ PAUSED'), {
      timeout: ROLLOUT,
      what: 'the second ready wait',
    });
    await t.press('R');
    await t.waitFor((s) => s.includes('autoRollbackEnabled=true'), {
      what: 'the rollback confirm',
    });
    await confirmProtected(t);
    screen = await t.waitFor((s) => s.includes('↩ ROLLED BACK'), {
      timeout: ROLLOUT,
      what: 'the rollback',
    });
    expect(screen).toMatch(
      /ROLLED BACK: The deployment was stopped by a user \(MANUAL_STOP\); rollback d-[A-Z0-9]{9} put production back on blue/,
    );
    expect(screen).toMatch(/✓ Rollback d-[A-Z0-9]{9}/);

    await t.press('q');
    expect(await t.waitForExit({ timeout: 20_000 })).toBe(0);
  }, 600_000);
});
