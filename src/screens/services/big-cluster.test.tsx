import { describe, expect, it } from 'vitest';
import type { World } from '../../sim';
import { buildCluster, buildService } from '../../sim/services/ecs/builder';
import { browse, startWorld } from '../../tui/testing/browse-harness';

const SERVICES = 5000;

function buildBigCluster(world: World): void {
  const cluster = buildCluster(world, 'us-east-1', 'big');
  for (let i = 0; i < SERVICES; i++) {
    const name = `svc-${String(i).padStart(4, '0')}`;
    buildService(world, 'us-east-1', { cluster, name, image: `repo/${name}:v1`, desiredCount: 1 });
  }
}

describe('Services screen on a 5,000-service cluster', () => {
  it('lists every name in ceil(5000/100) calls and describes only the rows on screen', async () => {
    const sim = await startWorld(buildBigCluster);
    // 120x40: 32 data rows fit in the services table
    const { app, calls } = await browse(sim, {
      initialStack: [{ kind: 'clusters' }, { kind: 'services', cluster: 'big' }],
    });
    await app.waitFor((f) => f.includes('5000 services · sorted by name · 1-32 of 5000'));
    await app.advance(200);
    let frame = await app.waitFor((f) => /svc-0031\s+ACTIVE/.test(f));
    expect(frame).toMatch(/svc-0000\s+ACTIVE/);
    expect(calls('ecs', 'ListServices')).toBe(Math.ceil(SERVICES / 100));
    expect(calls('ecs', 'DescribeServices')).toBe(Math.ceil(32 / 10));

    // jump to the end: only the 32 rows that came into view are described
    await app.press('nav.bottom');
    await app.waitFor((f) => f.includes('4969-5000 of 5000'));
    await app.advance(200);
    frame = await app.waitFor((f) => /› svc-4999\s+ACTIVE/.test(f));
    expect(frame).toMatch(/svc-4968\s+ACTIVE/);
    expect(calls('ecs', 'DescribeServices')).toBe(2 * Math.ceil(32 / 10));
    expect(calls('ecs', 'ListServices')).toBe(Math.ceil(SERVICES / 100));
    // rows never drawn were never described
    expect(frame).not.toContain('svc-2500');
    // the Clusters screen below was never on top, so it never polled
    expect(calls('ecs', 'ListClusters')).toBe(0);
  });

  it('describes the rows on screen once the keys stop, not between `/` and the filter', async () => {
    const sim = await startWorld(buildBigCluster);
    const { app, calls } = await browse(sim, {
      initialStack: [{ kind: 'clusters' }, { kind: 'services', cluster: 'big' }],
    });
    await app.waitFor((f) => f.includes('1-32 of 5000'));
    await app.advance(200);
    await app.waitFor((f) => /svc-0031\s+ACTIVE/.test(f));
    const described = calls('ecs', 'DescribeServices');

    await app.press('nav.bottom');
    await app.waitFor((f) => f.includes('4969-5000 of 5000'));
    await app.advance(100);
    // `/` moves no row, but a filter follows: the rows at the bottom are not described yet
    await app.press('global.filter');
    await app.advance(100);
    await app.type('svc-49');
    await app.waitFor((f) => f.includes('100 of 5000 services match /svc-49'));
    await app.advance(100);
    expect(calls('ecs', 'DescribeServices')).toBe(described);
    // 150 ms after the last key: the 32 rows the filter left on screen, once
    await app.advance(100);
    const frame = await app.waitFor((f) => /› svc-4999\s+ACTIVE/.test(f));
    expect(frame).toMatch(/svc-4968\s+ACTIVE/);
    expect(calls('ecs', 'DescribeServices')).toBe(described + Math.ceil(32 / 10));
  });
});
