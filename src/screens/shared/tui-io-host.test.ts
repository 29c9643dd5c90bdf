import { describe, expect, it } from 'vitest';
import type { ConfirmRequest as DialogRequest } from '../../app/dialog-state';
import { confirmVerb, createTuiIoHost } from './tui-io-host';

describe('the TUI IoHost', () => {
  it('asks with the shell confirm dialog: dangerous is high risk, a protected service its name', async () => {
    const asked: DialogRequest[] = [];
    const io = createTuiIoHost(
      { confirm: (r) => (asked.push(r), Promise.resolve(true)) },
      { info: () => undefined, warn: () => undefined, show: () => undefined },
    );
    expect(
      await io.confirm({
        title: 'Roll back api',
        lines: ['StopServiceDeployment x'],
        dangerous: true,
      }),
    ).toBe(true);
    await io.confirm({
      title: 'Deploy api (rolling update)',
      lines: [],
      dangerous: false,
      typeToConfirm: 'api',
    });
    expect(asked).toEqual([
      {
        title: 'Roll back api',
        body: ['StopServiceDeployment x'],
        danger: 'high',
        confirmLabel: 'roll back',
      },
      {
        title: 'Deploy api (rolling update)',
        body: [],
        danger: 'medium',
        confirmLabel: 'deploy',
        typeToConfirm: 'api',
      },
    ]);
  });

  it('says messages on the flash line by level, and hands every one to the listener', () => {
    const flashed: string[] = [];
    const heard: string[] = [];
    const io = createTuiIoHost(
      { confirm: () => Promise.resolve(false) },
      {
        info: (t) => flashed.push(`info ${t}`),
        warn: (t) => flashed.push(`warn ${t}`),
        show: (level, t) => flashed.push(`${level} ${t}`),
      },
      (m) => heard.push(m.code),
    );
    io.notify({ code: 'A', level: 'info', text: 'registered api:4' });
    io.notify({ code: 'B', level: 'warn', text: 'alarm in ALARM' });
    io.notify({ code: 'C', level: 'error', text: 'UpdateService failed' });
    io.notify({ code: 'D', level: 'debug', text: 'noise' });
    expect(flashed).toEqual([
      'info registered api:4',
      'warn alarm in ALARM',
      'error UpdateService failed',
    ]);
    expect(heard).toEqual(['A', 'B', 'C', 'D']);
    expect(confirmVerb('Abort api (no rollback)')).toBe('abort');
    expect(confirmVerb('Something else')).toBe('confirm');
  });
});
