import { Text } from 'ink';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  renderApp,
  renderWithProviders,
  TestProviders,
  type RenderedApp,
} from '../../test/helpers/render-app';
import { createManualTimer } from '../../test/helpers/manual-timer';
import { useFlashMessage } from '../app/flash-context';
import { useAppTimer } from '../hooks/app-timer';
import { allBindings, type CommandId } from './bindings';
import { CO_ACTIVE_GROUPS, type BindingGroup } from './binding-types';
import { KeyDispatcher, KeyLayerScope } from './dispatcher';
import { useCommand, useFooterHints } from './use-command';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

function Recorder({
  id,
  onRun,
  reason,
}: {
  id: CommandId;
  onRun: (id: CommandId) => void;
  reason?: string;
}) {
  useCommand(id, () => onRun(id), { disabledReason: reason });
  return null;
}

function Groups({ groups }: { groups: readonly BindingGroup[] }) {
  const [ran, setRan] = useState<string[]>([]);
  const record = (id: CommandId) => setRan((r) => [...r, id]);
  return (
    <>
      {allBindings()
        .filter((b) => groups.includes(b.group))
        .map((b) => (
          <Recorder key={b.id} id={b.id} onRun={record} />
        ))}
      <Text>ran:{ran.join(',')}</Text>
    </>
  );
}

function Mover() {
  const [row, setRow] = useState(0);
  const [opened, setOpened] = useState<number[]>([]);
  useCommand('nav.down', () => setRow((r) => r + 1));
  // reads the row from this render's closure: right only if the move rendered first
  useCommand('nav.open', () => setOpened((o) => [...o, row]));
  return <Text>opened:{opened.join(',')}</Text>;
}

describe('key dispatcher', () => {
  it('plays keys that arrive in one read one by one, each on the state the last one left', async () => {
    app = renderWithProviders(<Mover />);
    // what a fast typist, a paste or `tmux send-keys j j Enter` delivers: one chunk
    await app.write('jj\r');
    await app.waitFor((f) => f.includes('opened:2'));
    await app.write('j\rj\r');
    await app.waitFor((f) => f.includes('opened:2,3,4'));
  });

  it('never lets a later key overtake keys still waiting, whatever the reads', async () => {
    app = renderWithProviders(<Mover />);
    // a paste, then enter in a read of its own before the app had a turn
    app.stdin.write('jjj');
    app.stdin.write('\r');
    await app.waitFor((f) => f.includes('opened:3'));
    // a run and escape sequences in one read (Ink passes them as three inputs)
    await app.write('j\x1b[B\x1b[Bj\r');
    await app.waitFor((f) => f.includes('opened:3,7'));
    // enter first, then more keys in the same read
    await app.write('\rj\r');
    const frame = await app.waitFor((f) => f.includes('opened:3,7,7,8'));
    expect(frame).not.toContain('opened:3,7,8');
  });

  it('routes the key after one that opens a dialog to the dialog', async () => {
    function Opener() {
      const [open, setOpen] = useState(false);
      const [ran, setRan] = useState<string[]>([]);
      useCommand('nav.open', () => setOpen(true));
      useCommand('nav.down', () => setRan((r) => [...r, 'screen down']));
      return (
        <>
          {open ? (
            <KeyLayerScope layer="dialog">
              <Recorder id="dialog.confirm" onRun={() => setRan((r) => [...r, 'confirm'])} />
              <Recorder id="nav.down" onRun={() => setRan((r) => [...r, 'dialog down'])} />
            </KeyLayerScope>
          ) : null}
          <Text>ran:{ran.join(',')}</Text>
        </>
      );
    }
    app = renderWithProviders(<Opener />);
    await app.write('j\rj\r');
    await app.waitFor((f) => f.includes('ran:screen down,dialog down,confirm'));
  });

  it('plays a long run at the pace of renders, with no timer between keys', async () => {
    app = renderWithProviders(<Mover />);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval'] });
    try {
      app.stdin.write(`${'j'.repeat(200)}\r`);
      // the clock never moves: only renders pace the keys
      await app.waitFor((f) => f.includes('opened:200'));
    } finally {
      vi.useRealTimers();
    }
  });

  it.each(CO_ACTIVE_GROUPS.map((g) => [g.join('+'), g] as const))(
    'sends every key of %s to its command',
    async (_name, groups) => {
      app = renderWithProviders(<Groups groups={groups} />, {
        providers: { state: { canSwitchProfile: true, canSwitchRegion: true } },
      });
      const expected: string[] = [];
      for (const b of allBindings().filter((x) => groups.includes(x.group))) {
        for (let key = 0; key < b.keys.length; key += 1) {
          await app.press(b.id, { key });
          expected.push(b.id);
        }
      }
      await app.waitFor((f) => f.replace(/\n/g, '').includes(`ran:${expected.join(',')}`));
    },
  );

  it('gives a key to the dialog layer, not the screen below', async () => {
    function Both() {
      const [ran, setRan] = useState('nothing');
      useCommand('nav.open', () => setRan('screen'));
      return (
        <>
          <KeyLayerScope layer="dialog">
            <Recorder id="dialog.confirm" onRun={() => setRan('dialog')} />
          </KeyLayerScope>
          <Text>ran:{ran}</Text>
        </>
      );
    }
    app = renderWithProviders(<Both />);
    await app.press('nav.open');
    await app.waitFor((f) => f.includes('ran:dialog'));
  });

  it('flashes the reason when a disabled key is pressed, and dims its hint', async () => {
    function Disabled() {
      const [ran, setRan] = useState(false);
      useCommand('monitor.promote', () => setRan(true), { disabledReason: 'not paused at a hook' });
      const flash = useFlashMessage();
      const hints = useFooterHints();
      return (
        <Text>
          ran:{String(ran)} flash:{flash?.text ?? ''} dimmed:
          {hints
            .filter((h) => h.disabledReason)
            .map((h) => h.id)
            .join(',')}
        </Text>
      );
    }
    app = renderWithProviders(<Disabled />);
    await app.waitFor((f) => f.includes('dimmed:monitor.promote'));
    await app.press('monitor.promote');
    await app.waitFor((f) => f.includes('flash:promote: not paused at a hook'));
    expect(app.frame()).toContain('ran:false');
  });

  it('registers nothing mutating in read-only mode', async () => {
    function Keys() {
      const hints = useFooterHints();
      useCommand('service.deploy', () => undefined);
      useCommand('service.rollback', () => undefined);
      useCommand('service.watch', () => undefined);
      return <Text>hints:{hints.map((h) => h.id).join(',')}</Text>;
    }
    app = renderWithProviders(<Keys />, { providers: { readOnly: true } });
    await app.waitFor((f) => f.includes('hints:service.watch'));
    expect(app.frame()).not.toContain('service.deploy');
  });

  it('stops hearing keys when isActive turns false', async () => {
    function Toggle() {
      const [active, setActive] = useState(true);
      const [count, setCount] = useState(0);
      useCommand('nav.down', () => setCount((c) => c + 1), { isActive: active });
      useCommand('nav.open', () => setActive(false));
      return <Text>count:{count}</Text>;
    }
    app = renderWithProviders(<Toggle />);
    await app.press('nav.down');
    await app.waitFor((f) => f.includes('count:1'));
    await app.press('nav.open');
    await app.press('nav.down', { times: 2 });
    expect(app.frame()).toContain('count:1');
  });
});

/**
 * Presses a key from a layout effect, once `when` turns true. A key read from stdin right after
 * a frame is drawn can come before React runs that commit's passive effects (for an update of
 * default priority they run in a later task); placed after the component under test, this is
 * that moment made exact: the frame is committed, passive effects have not run.
 */
function PressOnCommit({ when, press }: { when: boolean; press: () => void }) {
  const pressed = useRef(false);
  useLayoutEffect(() => {
    if (!when || pressed.current) return;
    pressed.current = true;
    press();
  }, [when, press]);
  return null;
}

/** Data that arrives after 1 s of the app clock. */
function useArrival(): string | undefined {
  const timer = useAppTimer();
  const [data, setData] = useState<string | undefined>();
  useEffect(() => timer.after(1000, () => setData('plan-1')), [timer]);
  return data;
}

describe('key registration lands in the commit that renders it', () => {
  const keys = { write: (_data: string) => undefined as void };

  it('a key pressed right after the data that enables it renders runs the command', async () => {
    function Subject({ data }: { data: string | undefined }) {
      const [ran, setRan] = useState('');
      useCommand('monitor.promote', () => setRan(`promoted ${data}`), {
        disabledReason: data === undefined ? 'no plan yet' : undefined,
      });
      const flash = useFlashMessage();
      return <Text>{`ran:${ran} flash:${flash?.text ?? ''}`}</Text>;
    }
    function Screen() {
      const data = useArrival();
      return (
        <>
          <Subject data={data} />
          <PressOnCommit when={data !== undefined} press={() => keys.write('p')} />
        </>
      );
    }
    app = renderWithProviders(<Screen />);
    keys.write = (data) => app?.stdin.write(data);
    await app.advance(1000);
    const frame = await app.waitFor((f) => f.includes('ran:promoted') || f.includes('flash:p'));
    expect(frame).toContain('ran:promoted plan-1');
  });

  it('a dialog that opens with the data gets the very next key, not the screen below', async () => {
    function Screen() {
      const data = useArrival();
      const [ran, setRan] = useState('nothing');
      useCommand('nav.open', () => setRan('screen'));
      return (
        <>
          {data !== undefined ? (
            <KeyLayerScope layer="dialog">
              <Recorder id="dialog.confirm" onRun={() => setRan('dialog')} />
            </KeyLayerScope>
          ) : null}
          <PressOnCommit when={data !== undefined} press={() => keys.write('\r')} />
          <Text>ran:{ran}</Text>
        </>
      );
    }
    app = renderWithProviders(<Screen />);
    keys.write = (data) => app?.stdin.write(data);
    await app.advance(1000);
    const frame = await app.waitFor((f) => !f.includes('ran:nothing'));
    expect(frame).toContain('ran:dialog');
  });
});

describe('one dispatcher replacing another (connecting, then the app)', () => {
  it('hands a key that comes before Ink hears the new one to the new one', async () => {
    const state = {
      readOnly: false,
      simulated: false,
      screen: 'x',
      filterable: false,
      canSwitchProfile: false,
      canSwitchRegion: false,
    };
    const keys = { write: (_data: string) => undefined as void };
    function Phase({ name, onRun }: { name: string; onRun: (what: string) => void }) {
      useCommand('global.quit', () => onRun(`quit ${name}`));
      return null;
    }
    function Root() {
      const data = useArrival();
      const [ran, setRan] = useState('nothing');
      const phase = data === undefined ? 'connecting' : 'connected';
      return (
        <>
          <KeyDispatcher key={phase} readOnly={false} state={state}>
            <Phase name={phase} onRun={setRan} />
          </KeyDispatcher>
          <PressOnCommit when={data !== undefined} press={() => keys.write('q')} />
          <Text>ran:{ran}</Text>
        </>
      );
    }
    const timer = createManualTimer();
    app = renderApp(
      <TestProviders timer={timer}>
        <Root />
      </TestProviders>,
      { timer },
    );
    keys.write = (data) => app?.stdin.write(data);
    await app.advance(1000);
    const frame = await app.waitFor((f) => !f.includes('ran:nothing'));
    expect(frame).toContain('ran:quit connected');
  });
});
