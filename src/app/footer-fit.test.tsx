/**
 * The footer at 80 columns: the keys that cannot act go first, then the least useful, and help,
 * back and quit always stay; a flash never takes the keys' place (it goes on the main panel's
 * bottom edge when the row has no room for both).
 */
import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { clustersScreen, servicesScreen } from '../../test/helpers/placeholder-screens';
import { renderShell, type RenderedApp } from '../../test/helpers/render-app';
import { useCommand } from '../keys/use-command';
import { useFlash } from './flash-context';
import { useRouter } from './router-context';
import { defineScreen } from './screens';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

const lines = (frame: string) => frame.split('\n');
const footer = (frame: string) => lines(frame).at(-1) ?? '';
const edge = (frame: string) => lines(frame).at(-2) ?? '';
const widest = (frame: string) => Math.max(...lines(frame).map((l) => [...l].length));

const ABORTED = 'deployment ecs-svc/1 stopped where it stood';
const STARTED = 'deployment ecs-svc/1350751909702255286 started: worker:6 rolls out';

/** A monitor with every key, three of them unable to act (a rolling update: nothing to promote). */
const busyMonitor = defineScreen({
  kind: 'monitor',
  keys: [
    'monitor.promote',
    'monitor.promote-all',
    'monitor.rollback',
    'monitor.abort',
    'monitor.pause',
  ],
  component: function Monitor() {
    const flash = useFlash();
    const router = useRouter();
    const noSteps = 'a rolling update has no steps to promote';
    useCommand('monitor.promote', () => undefined, { disabledReason: noSteps });
    useCommand('monitor.promote-all', () => undefined, { disabledReason: noSteps });
    useCommand('monitor.rollback', () => flash.info(STARTED));
    useCommand('monitor.abort', () => {
      flash.info(ABORTED);
      void Promise.resolve().then(() => router.back());
    });
    useCommand('monitor.pause', () => undefined, { disabledReason: 'nothing to pause' });
    return <Text>rollout monitor</Text>;
  },
});

function start(columns: number, rows: number): RenderedApp {
  return renderShell(
    {
      screens: [clustersScreen(['production']), servicesScreen, busyMonitor],
      initialStack: [
        { kind: 'clusters' },
        { kind: 'services', cluster: 'production' },
        { kind: 'monitor', cluster: 'production', service: 'api' },
      ],
    },
    { columns, rows },
  );
}

describe('the footer at 80x24', () => {
  it('drops the dimmed keys first and keeps help, back and quit', async () => {
    app = start(80, 24);
    const frame = await app.waitFor((f) => f.includes('rollout monitor') && /q quit/.test(f));
    // P promote all and space pause/resume (dimmed, rightmost first) made room
    expect(footer(frame)).toBe(
      ' ? help  : command  / filter  p promote  R rollback  a abort  esc back  q quit',
    );
    expect(widest(frame)).toBeLessThanOrEqual(80);
  });

  it('keeps its keys when a flash comes: the flash is on the line above', async () => {
    app = start(80, 24);
    const before = footer(await app.waitFor((f) => /q quit/.test(footer(f))));
    await app.press('monitor.rollback');
    const frame = await app.waitFor((f) => edge(f).includes('ℹ deployment ecs-svc/'));
    expect(footer(frame)).toBe(before);
    expect(edge(frame)).toMatch(new RegExp(`^└─ ℹ ${STARTED} ─+┘$`));
    expect([...edge(frame)]).toHaveLength(80);
    expect(lines(frame)).toHaveLength(23);
    // a disabled key's reason goes there too, and replaces the last flash
    await app.press('monitor.promote');
    const why = await app.waitFor((f) => edge(f).includes('▲ promote: a rolling update has no'));
    expect(why).not.toContain('ecs-svc/');
    expect(footer(why)).toBe(before);
    await app.advance(6_000);
    await app.waitFor((f) => /^└─+┘$/.test(edge(f)));
  });

  it('shares the footer row with a flash when everything fits (a wide terminal)', async () => {
    app = start(200, 40);
    await app.waitFor((f) => /q quit/.test(footer(f)));
    await app.press('monitor.rollback');
    const frame = await app.waitFor((f) => footer(f).includes(`ℹ ${STARTED}`));
    expect(footer(frame)).toMatch(/^ \? help .*esc back {2}q quit +ℹ deployment/);
    expect(edge(frame)).toMatch(/^└─+┘$/);
  });
});

describe('a stale flash', () => {
  it('is cleared when a key takes the person to another screen, and by the next action', async () => {
    app = start(80, 24);
    await app.waitFor((f) => /q quit/.test(footer(f)));
    await app.press('monitor.promote');
    await app.waitFor((f) => f.includes('promote: a rolling update has no'));
    await app.press('global.back');
    let frame = await app.waitFor((f) => f.includes('services of production'));
    expect(frame).not.toContain('promote: a rolling update');
    // the outcome of a key stays while the person moves; the next action replaces it
    await app.press('service.rollback');
    await app.waitFor((f) => f.includes('ℹ rolling back'));
    await app.press('nav.down');
    await app.press('service.deploy');
    frame = await app.waitFor((f) => f.includes('UpdateService api'));
    expect(frame).not.toContain('rolling back');
  });

  it('keeps the outcome of the key that changed the screen, said before the change', async () => {
    app = start(80, 24);
    await app.waitFor((f) => /q quit/.test(footer(f)));
    await app.press('monitor.promote');
    await app.waitFor((f) => f.includes('promote: a rolling update has no'));
    // `a` flashes what it did, then its screen goes (as a deploy flashes "started", then opens
    // the monitor once its calls return)
    await app.press('monitor.abort');
    const frame = await app.waitFor((f) => f.includes('services of production'));
    expect(frame).toContain(`ℹ ${ABORTED}`);
    expect(frame).not.toContain('promote: a rolling update');
  });
});
