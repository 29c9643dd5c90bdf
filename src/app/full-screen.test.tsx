import { Text } from 'ink';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeStderr, FakeStdin, FakeStdout } from '../../test/helpers/fake-terminal';
import { createManualTimer } from '../../test/helpers/manual-timer';
import { placeholderScreens } from '../../test/helpers/placeholder-screens';
import { TEST_CONTEXT } from '../../test/helpers/render-app';
import { keySequence } from '../keys/key-spec';
import { bindingFor } from '../keys/bindings';
import { App } from './app';
import {
  CLEAR_SCREEN,
  ENTER_ALT_SCREEN,
  enterFullScreen,
  HIDE_CURSOR,
  LEAVE_ALT_SCREEN,
  runFullScreen,
  SHOW_CURSOR,
} from './full-screen';

const ENTER = ENTER_ALT_SCREEN + HIDE_CURSOR + CLEAR_SCREEN;
const RESTORE = SHOW_CURSOR + LEAVE_ALT_SCREEN;

class FakeProcess extends EventEmitter {
  exit = vi.fn();
}

function terminal() {
  return {
    stdout: new FakeStdout(100, 30),
    stdin: new FakeStdin(),
    stderr: new FakeStderr(),
    process: new FakeProcess(),
  };
}

function start(t: ReturnType<typeof terminal>, element = app()) {
  return runFullScreen(element, {
    stdout: t.stdout as unknown as NodeJS.WriteStream,
    stdin: t.stdin as unknown as NodeJS.ReadStream,
    stderr: t.stderr as unknown as NodeJS.WriteStream,
    process: t.process,
    patchConsole: false,
  });
}

function app() {
  return <App context={TEST_CONTEXT} screens={placeholderScreens()} timer={createManualTimer()} />;
}

async function until(check: () => boolean) {
  for (let i = 0; i < 400 && !check(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

const key = (id: Parameters<typeof bindingFor>[0]) => keySequence(bindingFor(id).keys[0]!);

let running: Promise<void> | undefined;
afterEach(async () => {
  await running?.catch(() => undefined);
  running = undefined;
});

describe('full screen', () => {
  it('enters the alternate screen first and restores the terminal last on quit', async () => {
    const t = terminal();
    running = start(t);
    await until(() => t.stdout.output().includes('cluster-0000'));
    expect(t.stdout.writes[0]).toBe(ENTER);
    t.stdin.write(key('global.quit'));
    await running;
    const out = t.stdout.output();
    expect(out.endsWith(RESTORE)).toBe(true);
    expect(out.indexOf(RESTORE)).toBe(out.length - RESTORE.length);
    expect(t.process.listenerCount('SIGTERM')).toBe(0);
    expect(t.process.exit).not.toHaveBeenCalled();
  });

  it('treats Ctrl-C as a key that quits, and restores', async () => {
    const t = terminal();
    running = start(t);
    await until(() => t.stdout.output().includes('cluster-0000'));
    t.stdin.write(key('global.interrupt'));
    await running;
    expect(t.stdout.output().endsWith(RESTORE)).toBe(true);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ])('restores and exits %s with %i', async (signal, code) => {
    const t = terminal();
    running = start(t);
    await until(() => t.stdout.output().includes('cluster-0000'));
    t.process.emit(signal);
    expect(t.stdout.output().endsWith(RESTORE)).toBe(true);
    expect(t.process.exit).toHaveBeenCalledWith(code);
    await running;
  });

  it('restores before printing an uncaught exception, then exits 1', async () => {
    const t = terminal();
    running = start(t);
    await until(() => t.stdout.output().includes('cluster-0000'));
    t.process.emit('uncaughtException', new Error('kaboom'));
    expect(t.stdout.output().endsWith(RESTORE)).toBe(true);
    expect(t.stderr.output()).toContain('kaboom');
    expect(t.process.exit).toHaveBeenCalledWith(1);
    await running;
    // restoring twice would print a second leave sequence over the shell
    expect(t.stdout.output().split(RESTORE)).toHaveLength(2);
  });

  it('handles an unhandled rejection the same way', async () => {
    const t = terminal();
    running = start(t);
    await until(() => t.stdout.output().includes('cluster-0000'));
    t.process.emit('unhandledRejection', 'socket hang up');
    expect(t.stderr.output()).toContain('socket hang up');
    expect(t.process.exit).toHaveBeenCalledWith(1);
  });

  it('restores and rejects when a component throws while rendering', async () => {
    function Broken(): never {
      throw new Error('render failed');
    }
    const t = terminal();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(
      start(
        t,
        <>
          <Text>x</Text>
          <Broken />
        </>,
      ),
    ).rejects.toThrow('render failed');
    spy.mockRestore();
    expect(t.stdout.output().endsWith(RESTORE)).toBe(true);
  });

  it('restores only once', () => {
    const out = new FakeStdout();
    const session = enterFullScreen(out);
    session.restore();
    session.restore();
    expect(out.writes).toEqual([ENTER, RESTORE]);
    expect(session.restored).toBe(true);
  });
});
