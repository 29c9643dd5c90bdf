import { describe, expect, it } from 'vitest';
import { stackForService } from '../app/router';
import { browse, startWorld } from './testing/browse-harness';
import { buildShop } from './testing/shop-world';

const lines = (frame: string) => frame.split('\n');
const widest = (frame: string) => Math.max(...lines(frame).map((l) => [...l].length));

describe('browsing screens fit the terminal', () => {
  it.each([
    [80, 24],
    [200, 60],
  ])('at %ix%i every screen and tab stays within rows - 1 and the width', async (columns, rows) => {
    const sim = await startWorld(buildShop);
    const { app } = await browse(sim, {
      columns,
      rows,
      initialStack: stackForService('production', 'worker'),
    });
    await app.waitFor((f) => f.includes('[Deployments]') && f.includes('service deployment'));
    for (const tab of ['[Tasks]', '[Events]', '[Traffic]', '[Task definition]']) {
      await app.press('nav.next-tab');
      await app.waitFor((f) => f.includes(tab));
    }
    await app.press('nav.next-tab', { times: 2 });
    await app.press('service.toggle-stopped');
    await app.waitFor((f) => f.includes('stopped, by reason'));
    await app.press('global.back');
    await app.waitFor((f) => f.includes('4 services ·'));
    await app.advance(200);
    await app.waitFor((f) => /api\s+ACTIVE/.test(f));
    await app.press('global.back');
    await app.waitFor((f) => f.includes('3 clusters'));
    for (const frame of app.frames().filter((f) => f !== '')) {
      expect(lines(frame).length).toBeLessThanOrEqual(rows - 1);
      expect(widest(frame)).toBeLessThanOrEqual(columns);
    }
  });
});
