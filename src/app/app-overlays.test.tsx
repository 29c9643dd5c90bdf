import { afterEach, describe, expect, it } from 'vitest';
import { placeholderScreens } from '../../test/helpers/placeholder-screens';
import { renderShell, TEST_CONTEXT, type RenderedApp } from '../../test/helpers/render-app';
import { allBindings } from '../keys/bindings';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

const lines = (frame: string) => frame.split('\n');
const crumbs = (frame: string) => lines(frame)[1] ?? '';
const footer = (frame: string) => lines(frame).at(-1) ?? '';

async function openServices(a: RenderedApp) {
  await a.waitFor((f) => f.includes('cluster-0000'));
  await a.press('nav.open');
  await a.waitFor((f) => f.includes('services of cluster-0000'));
}

describe('help overlay', () => {
  it('lists every binding, the current screen first', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 140, rows: 80 });
    await openServices(app);
    await app.press('global.help');
    const frame = await app.waitFor((f) => f.includes('show every key'));
    for (const b of allBindings()) expect(frame).toContain(b.description);
    const headings = lines(frame).filter((l) => /^│ \S/.test(l));
    expect(headings[1]).toContain('This screen (cluster-0000)');
    expect(headings[2]).toContain('Global');
    await app.press('global.help');
    await app.waitFor((f) => f.includes('services of cluster-0000'));
  });

  it('leaves out what read-only mode removed', async () => {
    app = renderShell(
      { screens: placeholderScreens(), context: { ...TEST_CONTEXT, readOnly: true } },
      { columns: 140, rows: 80 },
    );
    await app.press('global.help');
    const frame = await app.waitFor((f) => f.includes('show every key'));
    expect(frame).toContain('watch the rollout in progress');
    expect(frame).not.toContain('deploy a new image or revision');
    expect(frame).toContain('read-only: keys that change AWS are off');
  });

  it('scrolls when it does not fit', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 80, rows: 24 });
    await app.press('global.help');
    await app.waitFor((f) => f.includes('show every key'));
    expect(app.frame()).not.toContain('previous choice');
    await app.press('nav.bottom');
    await app.waitFor((f) => f.includes('previous choice'));
    await app.press('global.back');
    await app.waitFor((f) => f.includes('cluster-0000'));
  });
});

describe('command palette', () => {
  it(':svc NAME jumps to the service, parents on the stack', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 100, rows: 30 });
    await openServices(app);
    await app.press('global.command');
    await app.waitFor((f) => f.includes('svc [NAME | CLUSTER/NAME]'));
    await app.type('svc api');
    await app.press('dialog.confirm');
    await app.waitFor((f) => crumbs(f).includes('Clusters › cluster-0000 › api'));
    await app.press('global.back');
    await app.waitFor((f) => f.includes('services of cluster-0000'));
  });

  it('completes with tab and offers names from the container', async () => {
    app = renderShell(
      {
        screens: placeholderScreens(),
        names: { services: () => ['api', 'auth', 'billing'] },
      },
      { columns: 100, rows: 30 },
    );
    await openServices(app);
    await app.press('global.command');
    await app.type('sv');
    await app.press('dialog.complete');
    await app.waitFor((f) => f.includes(':svc ') && f.includes('svc billing'));
    await app.type('b');
    await app.press('dialog.complete');
    await app.press('dialog.confirm');
    await app.waitFor((f) => crumbs(f).includes('cluster-0000 › billing'));
  });

  it('flashes an unknown command and closes', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 100, rows: 30 });
    await app.press('global.command');
    await app.type('frob');
    await app.press('dialog.confirm');
    await app.waitFor((f) => footer(f).includes('unknown command :frob, try :help'));
    expect(app.frame()).toContain('cluster-0000');
  });

  it('types q as text, and :q quits', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 100, rows: 30 });
    await app.press('global.command');
    await app.press('global.quit');
    expect(app.exited).toBe(false);
    await app.press('dialog.confirm');
    await app.waitUntilExit();
    expect(app.exited).toBe(true);
  });

  it('closes on esc without running anything', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 100, rows: 30 });
    await app.press('global.command');
    await app.type('clusters');
    await app.press('dialog.cancel');
    await app.waitFor((f) => f.includes('cluster-0000') && !f.includes(':clusters'));
  });
});

describe('filter', () => {
  it('sends the text to the screen as it is typed; enter keeps it, esc clears it', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 100, rows: 30 });
    await app.waitFor((f) => f.includes('cluster-0000'));
    await app.press('global.filter');
    await app.type('0002');
    await app.waitFor((f) => f.includes('cluster-0002') && !f.includes('cluster-0001'));
    expect(crumbs(app.frame())).toContain('/0002');
    await app.press('dialog.confirm');
    await app.waitFor((f) => crumbs(f).includes('/0002 (esc clears)'));
    // keys reach the screen again
    await app.press('nav.open');
    await app.waitFor((f) => f.includes('services of cluster-0002'));
    // the filter belongs to the screen it was typed on
    expect(crumbs(app.frame())).not.toContain('/0002');
    await app.press('global.back');
    await app.waitFor((f) => crumbs(f).includes('/0002 (esc clears)'));
    await app.press('global.back');
    await app.waitFor((f) => f.includes('cluster-0001') && !crumbs(f).includes('/0002'));
  });

  it('esc while typing clears the filter; q is text, not quit', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 100, rows: 30 });
    await app.press('global.filter');
    await app.press('global.quit');
    await app.waitFor((f) => crumbs(f).includes('/q'));
    expect(app.exited).toBe(false);
    await app.press('dialog.cancel');
    await app.waitFor((f) => f.includes('cluster-0000') && !crumbs(f).includes('/q'));
  });

  it('is dimmed with a reason on a screen that has nothing to filter', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 100, rows: 30 });
    await openServices(app);
    await app.press('global.filter');
    // no room beside this screen's keys: the flash is on the panel's bottom edge
    const frame = await app.waitFor((f) =>
      (lines(f).at(-2) ?? '').includes('▲ filter: nothing to filter on this screen'),
    );
    expect(footer(frame)).toMatch(/\? help .*esc back {2}q quit$/);
  });
});
