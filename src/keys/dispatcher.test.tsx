import { Text } from 'ink';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders, type RenderedApp } from '../../test/helpers/render-app';
import { useFlashMessage } from '../app/flash-context';
import { allBindings, type CommandId } from './bindings';
import { CO_ACTIVE_GROUPS, type BindingGroup } from './binding-types';
import { KeyLayerScope } from './dispatcher';
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
