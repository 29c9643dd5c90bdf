/**
 * The built binary in a real terminal (tmux): open the demo, browse to production › api, open
 * every tab, filter the services, open help, switch Region, quit, and check the terminal is
 * back on the normal screen with the cursor showing.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, binaryCommand, REPO_ROOT } from '../helpers/binary';
import { tmuxAvailable, TmuxSession } from '../helpers/tmux';

const HAS_TMUX = tmuxAvailable();
if (!HAS_TMUX) {
  console.warn('tmux is not installed: skipping the end-to-end tests (apt-get install tmux)');
}

const row = (screen: string, n: number) => screen.split('\n')[n] ?? '';
const contextBar = (screen: string) => row(screen, 0);
const crumbs = (screen: string) => row(screen, 1);

let term: TmuxSession | undefined;

afterEach(async () => {
  await term?.kill();
  term = undefined;
});

describe.skipIf(!HAS_TMUX)('ecs-rollout --demo in a terminal (tmux)', () => {
  beforeAll(() => assertBuilt());

  it('browses to a service, opens every tab, filters, helps, switches Region and quits cleanly', async () => {
    term = await TmuxSession.start(binaryCommand(['--demo']), {
      columns: 120,
      rows: 40,
      cwd: REPO_ROOT,
    });
    const t = term;

    // the demo world: clusters in us-east-1, on the simulator
    let screen = await t.waitFor((s) => /[› ] production\s+ACTIVE/.test(s), {
      timeout: 60_000,
      what: 'the cluster list with production',
    });
    expect(contextBar(screen)).toMatch(/ecs-rollout {2}us-east-1 · \d{12} \[SIMULATED\]/);
    expect(crumbs(screen)).toMatch(/^ Clusters\s*$/);
    // full screen while running: alternate screen on, cursor hidden
    expect(await t.display('#{alternate_on}')).toBe('1');
    expect(await t.display('#{cursor_flag}')).toBe('0');

    // production: filter the clusters to it and open it
    await t.press('/');
    await t.waitFor((s) => crumbs(s).trimEnd().endsWith('/'), { what: 'the filter editor' });
    await t.type('production');
    await t.waitFor((s) => /clusters? match \/production/.test(s), {
      what: 'the filtered clusters',
    });
    await t.press('Enter');
    await t.waitFor((s) => crumbs(s).includes('/production (esc clears)'), {
      what: 'the filter badge',
    });
    await t.press('Enter');
    screen = await t.waitFor((s) => /› api\s+ACTIVE/.test(s), {
      timeout: 30_000,
      what: 'the services of production, described',
    });
    expect(crumbs(screen)).toMatch(/Clusters › production/);
    expect(screen).toMatch(
      /NAME\s+STATUS\s+TASKS\s+STRATEGY\s+TASK DEF\s+IMAGE\s+ROLLOUT\s+DEPLOYED/,
    );

    // filter the services list, then open api
    await t.press('/');
    await t.waitFor((s) => crumbs(s).trimEnd().endsWith('/'), { what: 'the filter editor' });
    await t.type('api');
    screen = await t.waitFor((s) => /services? match \/api/.test(s), {
      what: 'the filtered services',
    });
    expect(screen).not.toMatch(/[› ] worker\s+ACTIVE/);
    await t.press('Enter');
    await t.waitFor((s) => crumbs(s).includes('/api (esc clears)'), { what: 'the filter badge' });
    await t.press('Enter');
    screen = await t.waitFor((s) => s.includes('[Deployments]') && /service deployments?/.test(s), {
      timeout: 30_000,
      what: 'the Deployments tab of api',
    });
    expect(crumbs(screen)).toMatch(/Clusters › production › api/);
    expect(row(screen, 3)).toMatch(/api\s+ACTIVE/);

    // every tab
    const tabs: [string, RegExp][] = [
      ['[Tasks]', /running tasks?|no running tasks/],
      ['[Events]', /events?, newest first/],
      ['[Traffic]', /TARGET HEALTH|not behind a load balancer/],
      ['[Task definition]', /container \S+ \((not )?essential\)/],
    ];
    for (const [tab, content] of tabs) {
      await t.press('Tab');
      await t.waitFor((s) => s.includes(tab) && content.test(s), {
        timeout: 30_000,
        what: `the ${tab} tab`,
      });
    }

    // help, and back
    await t.press('?');
    screen = await t.waitFor((s) => s.includes('show every key'), { what: 'the help overlay' });
    expect(screen).toContain('This screen (api)');
    await t.press('Escape');
    await t.waitFor((s) => s.includes('[Task definition]'), { what: 'the screen after help' });

    // switch Region: back to the clusters, in eu-west-1
    await t.press('C-r');
    await t.waitFor((s) => s.includes('─ region ') && s.includes('eu-west-1'), {
      what: 'the region picker',
    });
    // pickers move with j/k like the lists; / starts typing into the filter
    await t.press('/');
    await t.type('eu-west-1');
    await t.waitFor((s) => s.includes('filter: eu-west-1'), { what: 'the picker filter' });
    await t.press('Enter');
    screen = await t.waitFor(
      (s) =>
        contextBar(s).includes('eu-west-1') && /clusters? · \d|no clusters in eu-west-1/.test(s),
      { timeout: 30_000, what: 'the clusters of eu-west-1' },
    );
    expect(crumbs(screen)).toMatch(/^ Clusters\s*$/);

    // quit: the terminal is back on the normal screen with the cursor showing
    await t.press('q');
    expect(await t.waitForExit({ timeout: 15_000 })).toBe(0);
    expect(await t.display('#{alternate_on}')).toBe('0');
    expect(await t.display('#{cursor_flag}')).toBe('1');
    expect(await t.capture()).not.toContain('ecs-rollout crashed');
  }, 180_000);
});
