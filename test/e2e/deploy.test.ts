/**
 * The built binary in a real terminal (tmux, private socket), on the demo world (simulated
 * time at 6x): deploy a good image to production/api and see SUCCEEDED; deploy the tag that
 * crashes on start and see ROLLED BACK with the circuit breaker's reason; roll back from the
 * picker to an earlier completed deployment. Every wait is on what the screen shows.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, binaryCommand, REPO_ROOT } from '../helpers/binary';
import { tmuxAvailable, TmuxSession } from '../helpers/tmux';

const HAS_TMUX = tmuxAvailable();
if (!HAS_TMUX) {
  console.warn('tmux is not installed: skipping the end-to-end tests (apt-get install tmux)');
}

/** Simulated rollouts at 6x take tens of seconds of real time; these are safety nets. */
const ROLLOUT = 180_000;
const STEP = 30_000;

const footer = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';
/** The screen inside the panel border as one line, so wrapped review lines match whole. */
const flat = (screen: string) =>
  screen
    .split('\n')
    .map((l) => l.replace(/^│\s?/, '').replace(/\s*│$/, '').trim())
    .join(' ');

let term: TmuxSession | undefined;

afterEach(async () => {
  await term?.kill();
  term = undefined;
});

/** The services of production with api selected and described. */
async function openProduction(t: TmuxSession): Promise<void> {
  await t.waitFor((s) => /[› ] production\s+ACTIVE/.test(s), {
    timeout: 60_000,
    what: 'the cluster list with production',
  });
  await t.press('/');
  await t.waitFor((s) => (s.split('\n')[1] ?? '').trimEnd().endsWith('/'), {
    what: 'the filter editor',
  });
  await t.type('production');
  await t.waitFor((s) => /clusters? match \/production/.test(s), { what: 'the filter' });
  await t.press('Enter');
  await t.waitFor((s) => (s.split('\n')[1] ?? '').includes('/production (esc clears)'), {
    what: 'the filter badge',
  });
  await t.press('Enter');
  await t.waitFor((s) => /› api\s+ACTIVE/.test(s) && footer(s).includes('d deploy'), {
    timeout: STEP,
    what: 'the services of production with api selected',
  });
}

/** Goes through the wizard for the api container with `image`; returns the review screen. */
async function wizardToReview(t: TmuxSession, image: string): Promise<string> {
  await t.waitFor((s) => s.includes('▸ ● Rolling update') && footer(s).includes('enter next'), {
    timeout: STEP,
    what: 'the strategy step',
  });
  await t.press('Enter');
  await t.waitFor((s) => s.includes('step 2 of 5 · What to deploy') && s.includes('● api'), {
    what: 'the what-to-deploy step',
  });
  await t.press('Tab', 'Tab');
  await t.waitFor((s) => /› Image/.test(s), { what: 'the image field focused' });
  // the first key lands once the field has the keys; the rest may come as one burst
  const imageLine = (s: string) => s.split('\n').find((l) => l.includes('› Image')) ?? '';
  await t.type(image.slice(0, 1));
  await t.waitFor((s) => imageLine(s).includes(image.slice(0, 1)), {
    what: 'the field to type in',
  });
  await t.type(image.slice(1));
  await t.waitFor((s) => imageLine(s).includes(image), { what: 'the typed image' });
  await t.press('Enter');
  await t.waitFor((s) => s.includes('step 3 of 5 · Settings'), { what: 'the settings step' });
  await t.press('Enter');
  return t.waitFor((s) => s.includes('enter deploy') || s.includes('✕ cannot deploy'), {
    timeout: STEP,
    what: 'the review with its plan',
  });
}

async function confirmDeploy(t: TmuxSession): Promise<void> {
  await t.press('Enter');
  await t.waitFor(
    (s) => s.includes('Deploy api (rolling update)') && footer(s).includes('esc cancel'),
    {
      what: 'the confirm dialog',
    },
  );
  await t.press('Enter');
  await t.waitFor((s) => s.includes('rollout of api') && /PRIMARY\s+api:\d+/.test(s), {
    timeout: STEP,
    what: 'the monitor on the new rollout',
  });
}

describe.skipIf(!HAS_TMUX)('deploying in the demo (tmux)', () => {
  beforeAll(() => assertBuilt());

  it('deploys a good image to SUCCEEDED, a crashing one to ROLLED BACK, then rolls back from the picker', async () => {
    term = await TmuxSession.start(binaryCommand(['--demo']), {
      columns: 120,
      rows: 40,
      cwd: REPO_ROOT,
    });
    const t = term;
    await openProduction(t);

    // api opens mid-rollout: the wizard says so and offers its monitor; watch it finish
    await t.press('d');
    await t.waitFor(
      (s) => s.includes('api is being deployed already') && footer(s).includes('esc cancel'),
      {
        timeout: STEP,
        what: 'the offer to watch the rollout in progress',
      },
    );
    await t.press('Enter');
    let screen = await t.waitFor((s) => s.includes('rollout of api') && s.includes('PRIMARY'), {
      timeout: STEP,
      what: 'the monitor attached to the rollout in progress',
    });
    screen = await t.waitFor((s) => s.includes('✓ SUCCEEDED'), {
      timeout: ROLLOUT,
      what: 'the demo rollout to succeed',
    });
    await t.press('Escape');
    await t.waitFor((s) => /› api\s+ACTIVE/.test(s), { what: 'back on the services' });

    // 1. a good image, pinned by digest: SUCCEEDED
    await t.press('d');
    screen = flat(await wizardToReview(t, ':v2.15.0'));
    expect(screen).toMatch(
      /api: v2\.15\.0 → v2\.15\.0 @sha256:[0-9a-f]{8} \(registered by digest\)/,
    );
    expect(screen).toContain('✓ nothing else in progress');
    expect(screen).toContain('1. ECS RegisterTaskDefinition');
    // the demo's simulator endpoint is in it: a copied line never reaches real AWS by mistake
    expect(screen).toMatch(
      /ecs-rollout deploy --region us-east-1 --endpoint-url http:\/\/127\.0\.0\.1:\d+ --cluster production --service api/,
    );
    await confirmDeploy(t);
    screen = await t.waitFor((s) => s.includes('✓ SUCCEEDED'), {
      timeout: ROLLOUT,
      what: 'the good image to succeed',
    });
    expect(screen).toMatch(/Rolling update · ✓ SUCCEEDED/);
    await t.press('Escape');
    await t.waitFor((s) => /› api\s+ACTIVE/.test(s), { what: 'back on the services' });

    // 2. the tag that crashes on start: the breaker trips and ECS rolls back
    await t.press('d');
    await wizardToReview(t, ':v2.15.0-crash');
    await confirmDeploy(t);
    screen = await t.waitFor((s) => s.includes('ROLLED BACK:') && s.includes('no longer polling'), {
      timeout: ROLLOUT,
      what: 'the crashing image to be rolled back',
    });
    expect(screen).toMatch(/Rolling update · ↩ ROLLED BACK/);
    expect(screen).toMatch(/ROLLED BACK: ECS deployment circuit breaker: /);
    expect(screen).toMatch(/circuit breaker: \d+ of \d+ failed tasks/);
    expect(screen).toMatch(/\d+× EssentialContainerExited: Essential container in task exited/);
    expect(screen).not.toContain('SUCCEEDED');
    await t.press('Escape');
    await t.waitFor((s) => /› api\s+ACTIVE/.test(s), { what: 'back on the services' });

    // 3. roll back from the picker to the deployment before the good one
    await t.press('R');
    screen = await t.waitFor(
      (s) => s.includes('pick a completed deployment') && footer(s).includes('enter next'),
      {
        timeout: STEP,
        what: 'the rollback picker',
      },
    );
    expect(screen).toMatch(/\(runs now\)/);
    const target = /› .*?(api:\d+)/.exec(screen)?.[1];
    expect(target).toBeDefined();
    expect(screen).toContain(`── Diff against what runs now`);
    await t.press('Enter');
    screen = await t.waitFor((s) => s.includes('enter roll back'), {
      timeout: STEP,
      what: 'the rollback review',
    });
    expect(flat(screen)).toContain(`ECS UpdateService  production/api taskDefinition=${target}`);
    await t.press('Enter');
    await t.waitFor(
      (s) => s.includes(`Roll back api to ${target}`) && footer(s).includes('esc cancel'),
      {
        what: 'the rollback confirmation',
      },
    );
    await t.press('Enter');
    await t.waitFor(
      (s) => s.includes('rollout of api') && new RegExp(`PRIMARY\\s+${target}`).test(s),
      {
        timeout: STEP,
        what: 'the monitor on the rollback',
      },
    );
    screen = await t.waitFor((s) => s.includes('✓ SUCCEEDED'), {
      timeout: ROLLOUT,
      what: 'the rollback deployment to succeed',
    });
    expect(screen).toMatch(new RegExp(`PRIMARY\\s+${target}\\s+█+ 4/4`));

    await t.press('q');
    expect(await t.waitForExit({ timeout: STEP })).toBe(0);
  }, 900_000);
});
