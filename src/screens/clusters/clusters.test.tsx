import { describe, expect, it } from 'vitest';
import { browse, startWorld } from '../../tui/testing/browse-harness';
import { buildShop } from '../../tui/testing/shop-world';

const row = (frame: string, name: string) =>
  frame.split('\n').find((l) => l.includes(`${name} `) && l.includes('ACTIVE')) ?? '';

describe('Clusters screen', () => {
  it('lists clusters with status, services, running/pending tasks and capacity providers', async () => {
    const { app } = await browse(await startWorld(buildShop));
    const frame = await app.waitFor((f) => f.includes('3 clusters'));
    expect(frame).toMatch(/NAME\s+STATUS\s+SERVICES\s+RUNNING\s+PENDING\s+CAPACITY PROVIDERS/);
    expect(row(frame, 'production')).toMatch(/production\s+ACTIVE\s+4\s+9\s+0\s+FARGATE/);
    expect(row(frame, 'staging')).toMatch(/staging\s+ACTIVE\s+1\s+2\s+0/);
    expect(row(frame, 'sandbox')).toMatch(/sandbox\s+ACTIVE\s+0\s+0\s+0/);
    // sorted by name, the first selected
    expect(frame).toMatch(/› production/);
  });

  it('opens the services of the selected cluster with enter', async () => {
    const { app } = await browse(await startWorld(buildShop));
    await app.waitFor((f) => f.includes('3 clusters'));
    await app.press('nav.down');
    await app.waitFor((f) => f.includes('› sandbox'));
    await app.press('nav.down');
    await app.press('nav.open');
    await app.waitFor((f) => f.includes('1 service ·'));
    // rows are described once scrolling settles
    await app.advance(200);
    const frame = await app.waitFor((f) => /› web\s+ACTIVE/.test(f));
    expect(frame.split('\n')[1]).toMatch(/Clusters › staging/);
  });

  it('filters with / and says how many match', async () => {
    const { app } = await browse(await startWorld(buildShop));
    await app.waitFor((f) => f.includes('3 clusters'));
    await app.press('global.filter');
    await app.type('stag');
    const frame = await app.waitFor((f) => f.includes('1 of 3 clusters match /stag'));
    expect(frame).toContain('staging');
    expect(frame).not.toContain('production');
    await app.type('xyz');
    await app.waitFor((f) => f.includes('no cluster matches /stagxyz'));
  });

  it('says so when the Region has no clusters', async () => {
    const { app } = await browse(await startWorld());
    const frame = await app.waitFor((f) => f.includes('no clusters in us-east-1'));
    expect(frame).toContain('switch region with ctrl+r');
  });

  it('shows an access-denied failure inline with what to do', async () => {
    const sim = await startWorld(buildShop);
    sim.faults.add({ kind: 'access-denied', service: 'ecs', operation: 'ListClusters' });
    const { app } = await browse(sim);
    const frame = await app.waitFor((f) => f.includes('not allowed'));
    expect(frame).toContain('✕ not allowed to call ecs:ListClusters');
    expect(frame).toContain('grant ecs:ListClusters to your IAM identity');
  });

  it('keeps the clusters on screen when a refresh fails, and says why', async () => {
    const sim = await startWorld(buildShop);
    const { app } = await browse(sim);
    await app.waitFor((f) => f.includes('3 clusters'));
    sim.faults.add({ kind: 'http500', service: 'ecs', operation: 'ListClusters', times: 1 });
    await app.advance(30_000);
    const frame = await app.waitFor((f) => f.includes('last refresh failed'));
    expect(frame).toContain('aws had an internal error on ecs:ListClusters');
    expect(row(frame, 'production')).toContain('ACTIVE');
  });

  it('polls only while it is the screen in view', async () => {
    const { app, calls } = await browse(await startWorld(buildShop));
    await app.waitFor((f) => f.includes('3 clusters'));
    expect(calls('ecs', 'ListClusters')).toBe(1);
    await app.press('nav.open');
    await app.waitFor((f) => f.includes('4 services ·'));
    await app.advance(120_000);
    expect(calls('ecs', 'ListClusters')).toBe(1);
    // back on top: it refreshes at once and polls again
    await app.press('global.back');
    // the whole fetch (list, then describe) must be done before the next one is scheduled
    await app.waitFor(() => calls('ecs', 'DescribeClusters') === 2);
    await app.advance(30_000);
    await app.waitFor(() => calls('ecs', 'ListClusters') === 3);
  });

  it('jumps with the palette: :svc CLUSTER/NAME opens a service, :clusters comes back', async () => {
    const { app } = await browse(await startWorld(buildShop));
    await app.waitFor((f) => f.includes('3 clusters'));
    await app.press('global.command');
    await app.type('svc production/worker');
    await app.press('dialog.confirm');
    let frame = await app.waitFor((f) => f.includes('[Deployments]'));
    expect(frame.split('\n')[1]).toMatch(/Clusters › production › worker/);
    await app.press('global.command');
    await app.type('clusters');
    await app.press('dialog.confirm');
    frame = await app.waitFor((f) => f.includes('3 clusters'));
    expect(frame.split('\n')[1]).toMatch(/^ Clusters\s*$/);
  });
});
