import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clustersScreen,
  monitorScreen,
  placeholderScreens,
  servicesScreen,
} from '../../test/helpers/placeholder-screens';
import { renderShell, type RenderedApp } from '../../test/helpers/render-app';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

const lines = (frame: string) => frame.split('\n');
const footer = (frame: string) => lines(frame).at(-1) ?? '';

async function openServices(a: RenderedApp, cluster = 'cluster-0000') {
  await a.waitFor((f) => f.includes(cluster));
  await a.press('nav.open');
  await a.waitFor((f) => f.includes(`services of ${cluster}`));
}

describe('confirm dialog', () => {
  it('shows what will happen and answers y, n and esc', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 100, rows: 30 });
    await openServices(app);
    await app.press('service.deploy');
    const frame = await app.waitFor((f) => f.includes('deploy api'));
    expect(frame).toContain('UpdateService api: taskDefinition api:8');
    expect(frame).toContain('high risk: affects live traffic');
    // the screen's keys are held while the dialog is open
    await app.press('service.rollback');
    expect(footer(app.frame())).not.toContain('rolling back');
    await app.press('dialog.confirm', { key: 1 });
    await app.waitFor((f) => f.includes('deploy: confirmed'));
    await app.press('service.deploy');
    await app.press('dialog.cancel', { key: 1 });
    await app.waitFor((f) => f.includes('deploy: cancelled'));
    await app.press('service.deploy');
    await app.press('dialog.confirm');
    await app.waitFor((f) => f.includes('deploy: confirmed'));
  });

  it('needs the service name typed for a protected service', async () => {
    app = renderShell(
      { screens: [clustersScreen(['protected']), servicesScreen] },
      { columns: 100, rows: 30 },
    );
    await openServices(app, 'protected');
    await app.press('service.deploy');
    await app.waitFor((f) => f.includes('type api to deploy'));
    await app.press('dialog.confirm');
    await app.waitFor((f) => footer(f).includes('confirm: type api first'));
    // n and y are letters of the name here, not answers
    await app.type('n');
    await app.waitFor((f) => f.includes('> n'));
    await app.press('dialog.confirm', { key: 1 });
    await app.write('\x7f');
    await app.write('\x7f');
    await app.type('api');
    await app.press('dialog.confirm');
    await app.waitFor((f) => f.includes('deploy: confirmed'));
  });
});

describe('picker', () => {
  const profiles = (onChange: (name: string) => void, list = ['dev', 'prod', 'staging']) => ({
    list: () => list,
    current: 'dev',
    onChange,
  });
  const selection = (frame: string) => /› [•\s] (\S+)/.exec(frame)?.[1];

  it('ctrl+p picks a profile from the list, filtered after /', async () => {
    const onChange = vi.fn();
    app = renderShell(
      { screens: placeholderScreens(), profiles: profiles(onChange) },
      { columns: 100, rows: 30 },
    );
    await openServices(app);
    await app.press('global.profile');
    const frame = await app.waitFor((f) => /› • dev/.test(f));
    expect(frame).toContain('j/k ↑/↓ move · / filter · enter pick · esc cancel');
    expect(frame).not.toContain('filter:');
    await app.press('dialog.filter');
    await app.waitFor((f) => f.includes('type to filter · ↑/↓ move · enter pick · esc clear'));
    // while filtering, j and k are letters like any other
    await app.type('st');
    await app.waitFor(
      (f) => f.includes('filter: st') && f.includes('staging') && !f.includes('prod'),
    );
    await app.press('dialog.confirm');
    await app.waitFor(() => expect(onChange).toHaveBeenCalledWith('staging'));
    // another profile: back to the top, the old screens showed the old account
    await app.waitFor((f) => f.includes('cluster-0000') && !f.includes('services of'));
  });

  it('j/k, arrows and ctrl+n/ctrl+p move; none of them types into the filter', async () => {
    const onChange = vi.fn();
    app = renderShell(
      { screens: placeholderScreens(), profiles: profiles(onChange) },
      { columns: 100, rows: 30 },
    );
    await app.press('global.profile');
    await app.waitFor((f) => selection(f) === 'dev');
    await app.press('nav.down');
    await app.waitFor((f) => selection(f) === 'prod');
    await app.press('nav.down');
    await app.waitFor((f) => selection(f) === 'staging');
    await app.press('nav.up');
    await app.waitFor((f) => selection(f) === 'prod');
    await app.press('dialog.up', { key: 1 }); // ctrl+p: up here, not the profile picker again
    await app.waitFor((f) => selection(f) === 'dev');
    await app.press('dialog.down', { key: 1 }); // ctrl+n
    await app.waitFor((f) => selection(f) === 'prod');
    expect(app.frame()).not.toContain('filter:');
    expect(app.frame()).not.toContain('nothing matches');
    await app.press('dialog.confirm');
    await app.waitFor(() => expect(onChange).toHaveBeenCalledWith('prod'));
  });

  it('a burst of keys in one read moves once per key', async () => {
    const onChange = vi.fn();
    const list = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => `profile-${x}`);
    app = renderShell(
      {
        screens: placeholderScreens(),
        profiles: { ...profiles(onChange, list), current: 'profile-a' },
      },
      { columns: 100, rows: 30 },
    );
    await app.press('global.profile');
    await app.waitFor((f) => selection(f) === 'profile-a');
    await app.write('\x1b[B\x1b[B\x1b[B');
    await app.waitFor((f) => selection(f) === 'profile-d');
    await app.write('kk');
    await app.waitFor((f) => selection(f) === 'profile-b');
    await app.write('\x0e\x0e\x0ej\r');
    await app.waitFor(() => expect(onChange).toHaveBeenCalledWith('profile-f'));
  });

  it('esc clears a filter first, then cancels', async () => {
    const onChange = vi.fn();
    app = renderShell(
      { screens: placeholderScreens(), profiles: profiles(onChange) },
      { columns: 100, rows: 30 },
    );
    await app.press('global.profile');
    await app.waitFor((f) => selection(f) === 'dev');
    await app.write('/zz');
    await app.waitFor((f) => f.includes('filter: zz') && f.includes('nothing matches'));
    await app.press('dialog.confirm');
    await app.waitFor((f) => footer(f).includes('confirm: nothing matches the filter'));
    await app.press('dialog.cancel');
    let frame = await app.waitFor((f) => !f.includes('filter:') && f.includes('staging'));
    expect(frame).toContain('j/k ↑/↓ move');
    await app.press('dialog.cancel');
    frame = await app.waitFor((f) => !f.includes('staging'));
    expect(frame).not.toContain('AWS profile');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('ctrl+r loads regions asynchronously and esc cancels', async () => {
    const onChange = vi.fn();
    let resolve: (list: string[]) => void = () => undefined;
    const list = () => new Promise<string[]>((r) => (resolve = r));
    app = renderShell(
      { screens: placeholderScreens(), regions: { list, current: 'eu-west-1', onChange } },
      { columns: 100, rows: 30 },
    );
    await app.press('global.region');
    await app.waitFor((f) => f.includes('loading…'));
    resolve(['eu-west-1', 'us-east-1', 'us-west-2']);
    await app.waitFor((f) => f.includes('us-west-2'));
    await app.press('dialog.down');
    await app.press('dialog.cancel');
    await app.waitFor((f) => !f.includes('us-west-2'));
    expect(onChange).not.toHaveBeenCalled();
  });

  it('says why ctrl+p does nothing when there is nothing to pick', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 100, rows: 30 });
    await app.press('global.profile');
    await app.waitFor((f) => footer(f).includes('profile: the simulator has one profile'));
  });
});

describe('leaving and quitting', () => {
  it('asks a leave guard before going back or quitting', async () => {
    let allow = false;
    const guard = vi.fn(() => Promise.resolve(allow));
    app = renderShell(
      { screens: [clustersScreen(['production']), servicesScreen, monitorScreen(guard)] },
      { columns: 100, rows: 30 },
    );
    await openServices(app, 'production');
    await app.press('nav.open');
    await app.waitFor((f) => f.includes('rollout monitor'));
    await app.press('global.back');
    await app.press('global.quit');
    await app.waitFor(() => expect(guard).toHaveBeenCalledTimes(2));
    expect(app.frame()).toContain('rollout monitor');
    expect(app.exited).toBe(false);
    allow = true;
    await app.press('global.back');
    await app.waitFor((f) => f.includes('services of production'));
  });

  it('dims a key the screen says cannot act, and flashes why', async () => {
    app = renderShell(
      {
        screens: [
          clustersScreen(['production']),
          servicesScreen,
          monitorScreen(() => Promise.resolve(true)),
        ],
      },
      { columns: 100, rows: 30 },
    );
    await openServices(app, 'production');
    await app.press('nav.open');
    await app.waitFor((f) => footer(f).includes('p promote'));
    await app.press('monitor.promote');
    await app.waitFor((f) => footer(f).includes('promote: not paused at a hook'));
  });

  it('Ctrl-C quits at once, even over a dialog', async () => {
    app = renderShell({ screens: placeholderScreens() }, { columns: 100, rows: 30 });
    await openServices(app);
    await app.press('service.deploy');
    await app.waitFor((f) => f.includes('deploy api'));
    await app.press('global.interrupt');
    await app.waitUntilExit();
    expect(app.exited).toBe(true);
  });

  it('q quits when nothing objects', async () => {
    const onQuit = vi.fn();
    app = renderShell({ screens: placeholderScreens(), onQuit }, { columns: 100, rows: 30 });
    await app.press('global.quit');
    await app.waitFor(() => expect(onQuit).toHaveBeenCalledOnce());
  });
});
