import { describe, expect, it } from 'vitest';
import { isMutatingOperation } from '../aws';
import { bindingFor } from '../keys/bindings';
import { browse, startWorld } from './testing/browse-harness';
import { buildShop } from './testing/shop-world';

const footer = (frame: string) => frame.split('\n').at(-1) ?? '';

describe('--read-only over a walk through every browsing screen', () => {
  it('never shows d / R, ignores them, keeps w (watching changes nothing), and makes no mutating call', async () => {
    const sim = await startWorld(buildShop);
    const { app, gateway } = await browse(sim, { readOnly: true });
    const footers: string[] = [];
    const seen = async (predicate: (f: string) => boolean) => {
      footers.push(footer(await app.waitFor(predicate)));
    };
    const pressRaw = async (...ids: Parameters<typeof bindingFor>[0][]) => {
      for (const id of ids) await app.write(bindingFor(id).keys[0]!);
    };

    await seen((f) => f.includes('3 clusters'));
    await app.press('nav.open');
    await seen((f) => f.includes('4 services ·'));
    await app.advance(200);
    await seen((f) => /› api\s+ACTIVE/.test(f));
    await pressRaw('service.deploy', 'service.rollback', 'service.watch');
    await app.press('global.help');
    const help = await app.waitFor((f) => f.includes('show every key'));
    expect(help).not.toMatch(/deploy a new image|roll back to an earlier/);
    const thisScreen = help.slice(help.indexOf('This screen'), help.indexOf('Global'));
    expect(thisScreen).toContain('sort');
    expect(thisScreen).toContain('watch');
    await app.press('global.back');
    await app.press('nav.open');
    await seen((f) => f.includes('[Deployments]') && f.includes('service deployment'));
    for (const tab of ['[Tasks]', '[Events]', '[Traffic]', '[Task definition]']) {
      await app.press('nav.next-tab');
      await seen((f) => f.includes(tab));
      await pressRaw('service.deploy', 'service.rollback', 'service.watch');
    }
    await app.waitFor((f) => f.includes('container app (essential)'));
    await app.press('service.diff');
    await app.waitFor((f) => f.includes('diff: from which revision') && f.includes('api:1'));
    await app.type('api:3');
    await app.press('dialog.confirm');
    await app.waitFor((f) => f.includes('against which revision') && f.includes('api:2'));
    await app.type('api:2');
    await app.press('dialog.confirm');
    await seen((f) => f.includes('diff api:3 → api:2'));
    await app.advance(60_000);

    for (const f of footers) expect(f).not.toMatch(/\b(deploy|rollback)\b/);
    expect(app.frames().join('\n')).not.toContain('no screen is registered');
    expect(gateway.calls.mutatingAttempts()).toBe(0);
    const sent = sim.calls.all().map((c) => c.operation);
    expect(sent.length).toBeGreaterThan(10);
    expect(sent.filter((op) => isMutatingOperation(op))).toEqual([]);
  });
});
