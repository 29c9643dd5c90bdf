import { afterEach, describe, expect, it } from 'vitest';
import { clusterNames, placeholderScreens } from '../../test/helpers/placeholder-screens';
import { renderShell, TEST_CONTEXT, type RenderedApp } from '../../test/helpers/render-app';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

const lines = (frame: string) => frame.split('\n');
const widest = (frame: string) => Math.max(...lines(frame).map((l) => [...l].length));

describe('layout', () => {
  it.each([
    [80, 24],
    [200, 60],
  ])(
    'at %ix%i never draws a frame taller than rows - 1 or wider than columns',
    async (columns, rows) => {
      app = renderShell({ screens: placeholderScreens(clusterNames(500)) }, { columns, rows });
      await app.waitFor((f) => f.includes('cluster-0000'));
      await app.press('nav.down', { times: 3 });
      await app.press('global.help');
      await app.waitFor((f) => f.includes('show every key'));
      await app.press('global.back');
      await app.press('nav.open');
      await app.waitFor((f) => f.includes('services of cluster-0003'));
      for (const frame of app.frames().filter((f) => f !== '')) {
        expect(lines(frame).length).toBeLessThanOrEqual(rows - 1);
        expect(widest(frame)).toBeLessThanOrEqual(columns);
      }
      expect(lines(app.frame()).length).toBe(rows - 1);
    },
  );

  it('shows who and where in the context bar, and the path in the breadcrumbs', async () => {
    app = renderShell(
      {
        screens: placeholderScreens(),
        context: { ...TEST_CONTEXT, readOnly: true, refreshSeconds: 2, throttled: true },
      },
      { columns: 120, rows: 30 },
    );
    const frame = await app.waitFor((f) => f.includes('cluster-0000'));
    const [bar, crumbs] = lines(frame);
    expect(bar).toMatch(
      /ecs-rollout {2}test · eu-west-1 · 123456789012 \[READ-ONLY\] \[SIMULATED\]/,
    );
    expect(bar).toMatch(/⟳ 2s {2}▲ throttled\s*$/);
    expect(crumbs).toMatch(/^ Clusters\s*$/);
    await app.press('nav.open');
    await app.waitFor((f) => lines(f)[1]!.includes('Clusters › cluster-0000'));
  });

  it('generates the footer from the key table for the screen in view', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 120, rows: 30 });
    await app.press('nav.open');
    const frame = await app.waitFor((f) => f.includes('services of'));
    expect(lines(frame).at(-1)).toBe(
      ' ? help  : command  / filter  d deploy  R rollback  w watch  esc back  q quit',
    );
  });

  it("lists a key once when the screen binds it too, with the screen's meaning", async () => {
    const { defineScreen } = await import('./screens');
    const { clustersScreen } = await import('../../test/helpers/placeholder-screens');
    const { useCommand } = await import('../keys/use-command');
    const { Text } = await import('ink');
    const { useState } = await import('react');
    // a wizard-like screen: esc is its own "back" (previous step), enter its own "next"
    const wizard = defineScreen({
      kind: 'services',
      component: function Wizard() {
        const [step, setStep] = useState(2);
        useCommand('wizard.back', () => setStep((s) => s - 1));
        useCommand('wizard.next', () => setStep((s) => s + 1));
        return <Text>{`wizard step ${step}`}</Text>;
      },
    });
    app = renderShell(
      { screens: [clustersScreen(['production']), wizard] },
      { columns: 120, rows: 30 },
    );
    await app.waitFor((f) => f.includes('production'));
    await app.press('nav.open');
    const frame = await app.waitFor((f) => f.includes('wizard step 2'));
    const footer = lines(frame).at(-1)!;
    expect(footer.match(/esc /g)).toHaveLength(1);
    expect(footer.match(/enter /g)).toHaveLength(1);
    expect(footer).toBe(' ? help  : command  / filter  enter next  esc back  q quit');
    // and esc means the screen's back: the step before, not leaving the screen
    await app.press('wizard.back');
    await app.waitFor((f) => f.includes('wizard step 1'));
  });

  it('says the terminal is too small below 80x24 and comes back, state intact, when it grows', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 100, rows: 30 });
    await app.waitFor((f) => f.includes('cluster-0000'));
    await app.press('nav.down', { times: 2 });
    await app.resize(79, 24);
    await app.waitFor((f) => f.includes('terminal too small (need 80x24, have 79x24)'));
    expect(lines(app.frame()).length).toBeLessThanOrEqual(23);
    // keys are held while the app is hidden
    await app.press('nav.open');
    await app.resize(100, 30);
    const frame = await app.waitFor((f) => f.includes('cluster-0002'));
    expect(frame).toMatch(/› cluster-0002/);
    expect(frame).not.toContain('services of');
  });

  it('keeps even the too-small message within rows - 1', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 30, rows: 3 });
    const frame = await app.waitFor((f) => f.includes('terminal too small'));
    expect(lines(frame).length).toBeLessThanOrEqual(2);
  });

  it('quits with q even when too small', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 40, rows: 10 });
    await app.waitFor((f) => f.includes('terminal too small'));
    await app.press('global.quit');
    await app.waitUntilExit();
    expect(app.exited).toBe(true);
  });

  it('reflows on resize', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 80, rows: 24 });
    await app.waitFor((f) => f.includes('cluster-0000'));
    expect(widest(app.frame())).toBe(80);
    await app.resize(140, 40);
    const frame = await app.waitFor((f) => widest(f) === 140);
    expect(lines(frame).length).toBe(39);
    await app.resize(90, 26);
    await app.waitFor((f) => widest(f) === 90 && lines(f).length === 25);
  });

  it('clears the flash after 6 s of the app timer', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 100, rows: 30 });
    await app.press('nav.open');
    await app.waitFor((f) => f.includes('services of'));
    await app.press('service.rollback');
    await app.waitFor((f) => lines(f).at(-1)!.includes('ℹ rolling back'));
    await app.advance(5_999);
    expect(lines(app.frame()).at(-1)).toContain('rolling back');
    await app.advance(1);
    await app.waitFor((f) => !f.includes('rolling back'));
  });
});

describe('a screen that throws', () => {
  it('shows the error in its panel and keeps the app alive', async () => {
    const { defineScreen } = await import('./screens');
    const { clustersScreen } = await import('../../test/helpers/placeholder-screens');
    const broken = defineScreen({
      kind: 'services',
      component: function Broken(): never {
        throw new Error('cannot read property status');
      },
    });
    const original = console.error;
    console.error = () => undefined;
    try {
      app = renderShell(
        { screens: [clustersScreen(['production']), broken] },
        { columns: 100, rows: 30 },
      );
      await app.waitFor((f) => f.includes('production'));
      await app.press('nav.open');
      await app.waitFor((f) => f.includes('this screen failed: cannot read property status'));
      await app.press('global.back');
      await app.waitFor((f) => f.includes('› production'));
    } finally {
      console.error = original;
    }
  });
});
