import { describe, expect, it } from 'vitest';
import type { RenderedApp } from '../../../test/helpers/render-app';
import { browse, startWorld } from '../../tui/testing/browse-harness';
import { buildShop } from '../../tui/testing/shop-world';

const PRODUCTION = [
  { kind: 'clusters' as const },
  { kind: 'services' as const, cluster: 'production' },
];
const line = (frame: string, name: string) =>
  frame.split('\n').find((l) => new RegExp(`[› ] ${name}\\s`).test(l)) ?? '';
const order = (frame: string) =>
  frame
    .split('\n')
    .map((l) => /^│[› ] (\S+)\s+ACTIVE/.exec(l)?.[1])
    .filter(Boolean);

/** The services of production, described (the debounce after the rows appear has run). */
async function openProduction(app: RenderedApp): Promise<string> {
  await app.waitFor((f) => f.includes('4 services ·'));
  await app.advance(200);
  return app.waitFor((f) => order(f).length === 4);
}

describe('Services screen', () => {
  it('shows status, tasks, strategy, task definition, image, rollout and age per service', async () => {
    const { app } = await browse(await startWorld(buildShop), { initialStack: PRODUCTION });
    await openProduction(app);
    // images come from each row's task definition, fetched once per revision
    const frame = await app.waitFor((f) => line(f, 'zeta').includes('1.1 '));
    expect(frame).toMatch(
      /NAME\s+STATUS\s+TASKS\s+STRATEGY\s+TASK DEF\s+IMAGE\s+ROLLOUT\s+DEPLOYED/,
    );
    expect(line(frame, 'api')).toMatch(
      /api\s+ACTIVE\s+█+ 3\/3\s+ROLLING\s+api:3\s+v1\.2\.0\s+completed\s+30d/,
    );
    expect(line(frame, 'zeta')).toMatch(
      /zeta\s+ACTIVE\s+█+ 2\/2\s+ROLLING\s+zeta:2\s+1\.1\s+completed\s+1h/,
    );
    expect(order(frame)).toEqual(['api', 'web', 'worker', 'zeta']);
  });

  it('sorts with s: name, rollout state, newest deployment first', async () => {
    const { app } = await browse(await startWorld(buildShop), { initialStack: PRODUCTION });
    await openProduction(app);
    await app.press('service.sort');
    await app.waitFor((f) => f.includes('sorted by rollout state'));
    await app.press('service.sort');
    const frame = await app.waitFor((f) => f.includes('sorted by last deployment'));
    expect(order(frame)[0]).toBe('zeta');
    // the cursor stayed on the service it was on
    expect(frame).toMatch(/› api\s/);
    await app.press('service.sort');
    await app.waitFor((f) => f.includes('sorted by name') && order(f)[0] === 'api');
  });

  it('filters with / and opens the service under the cursor with enter', async () => {
    const { app } = await browse(await startWorld(buildShop), { initialStack: PRODUCTION });
    await openProduction(app);
    await app.press('global.filter');
    await app.type('w');
    let frame = await app.waitFor((f) => f.includes('2 of 4 services match /w'));
    expect(order(frame)).toEqual(['web', 'worker']);
    await app.press('dialog.confirm');
    await app.press('nav.down');
    await app.press('nav.open');
    frame = await app.waitFor((f) => f.includes('[Deployments]'));
    expect(frame.split('\n')[1]).toMatch(/Clusters › production › worker/);
    // back: the filter is still there, then esc clears it
    await app.press('global.back');
    await app.waitFor((f) => f.includes('2 of 4 services match /w'));
    await app.press('global.back');
    await app.waitFor((f) => f.includes('4 services ·') && order(f).length === 4);
  });

  it('d, R and w open the deploy wizard, the rollback picker and the monitor of the selection', async () => {
    const { app } = await browse(await startWorld(buildShop), { initialStack: PRODUCTION });
    await openProduction(app);
    await app.press('service.deploy');
    let frame = await app.waitFor((f) => f.includes('no screen is registered for "deploy"'));
    expect(frame.split('\n')[1]).toMatch(/production › deploy/);
    await app.press('global.back');
    await app.press('service.rollback');
    frame = await app.waitFor((f) => f.includes('no screen is registered for "rollback"'));
    await app.press('global.back');
    // nothing is rolling out: watch says why instead of opening an empty monitor
    await app.press('service.watch');
    frame = await app.waitFor((f) => f.includes('no rollout in progress on api'));
    expect(frame).not.toContain('registered for "monitor"');
  });

  it('shows a rollout in progress with a spinner, and w opens its monitor', async () => {
    const sim = await startWorld(buildShop);
    const { app, gateway } = await browse(sim, { initialStack: PRODUCTION });
    await gateway.ecs.updateService({
      cluster: 'production',
      service: 'zeta',
      taskDefinition: 'zeta:1',
    });
    await openProduction(app);
    const frame = await app.waitFor((f) => /zeta .*in progress/.test(line(f, 'zeta')));
    expect(line(frame, 'zeta')).toMatch(/zeta:1\s+.*[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] in progress/);
    await app.press('nav.bottom');
    await app.waitFor((f) => f.includes('› zeta'));
    await app.press('service.watch');
    const monitor = await app.waitFor((f) => f.includes('no screen is registered for "monitor"'));
    expect(monitor.split('\n')[1]).toMatch(/production › rollout/);
  });

  it('says so when the cluster has no services, and inline when listing is not allowed', async () => {
    const sim = await startWorld(buildShop);
    const { app } = await browse(sim, {
      initialStack: [{ kind: 'clusters' }, { kind: 'services', cluster: 'sandbox' }],
    });
    await app.waitFor((f) => f.includes('no services in cluster sandbox'));
    sim.faults.add({ kind: 'access-denied', service: 'ecs', operation: 'ListServices' });
    await app.press('global.command');
    await app.type('svc production/');
    await app.press('dialog.confirm');
    const frame = await app.waitFor((f) => f.includes('not allowed'));
    expect(frame).toContain('✕ not allowed to call ecs:ListServices');
    expect(frame).toContain('grant ecs:ListServices to your IAM identity');
  });

  it('keeps the rows when AWS throttles, and says it refreshes less often', async () => {
    const sim = await startWorld(buildShop);
    const { app } = await browse(sim, { initialStack: PRODUCTION });
    await openProduction(app);
    sim.faults.add({ kind: 'throttle', service: 'ecs', operation: 'DescribeServices', times: 1 });
    await app.advance(15_000);
    const frame = await app.waitFor((f) => f.includes('throttled by AWS'));
    expect(order(frame)).toEqual(['api', 'web', 'worker', 'zeta']);
    expect(line(frame, 'api')).toContain('v1.2.0');
  });

  it('completes :svc names from the list it has read', async () => {
    const { app } = await browse(await startWorld(buildShop), { initialStack: PRODUCTION });
    await openProduction(app);
    await app.press('global.command');
    await app.type('svc wo');
    await app.press('dialog.complete');
    await app.press('dialog.confirm');
    const frame = await app.waitFor((f) => f.includes('[Deployments]'));
    expect(frame.split('\n')[1]).toMatch(/production › worker/);
  });
});
