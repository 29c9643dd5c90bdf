/**
 * Render the app, or one piece of it, into a sized fake terminal and drive it like a person:
 * press keys by command id, type text, resize, move the app's clock, wait for a frame.
 *
 *   const app = renderShell({ screens: [clustersScreen] }, { columns: 120, rows: 32 });
 *   await app.press('global.help');
 *   await app.waitFor((f) => f.includes('show every key'));
 */
import { render, type Instance } from 'ink';
import { stripVTControlCharacters } from 'node:util';
import { useMemo, type ReactElement, type ReactNode } from 'react';
import { App, type AppProps } from '../../src/app/app';
import { DialogManager } from '../../src/app/dialog-manager';
import { disabledMessage } from '../../src/app/flash';
import { FlashProvider, useFlash } from '../../src/app/flash-context';
import type { ScreenDescriptor } from '../../src/app/router';
import { RouterProvider, useRouter } from '../../src/app/router-context';
import { TimerProvider } from '../../src/hooks/app-timer';
import { TickerProvider } from '../../src/hooks/use-tick';
import type { CommandState } from '../../src/keys/binding-types';
import { bindingFor, type CommandId } from '../../src/keys/bindings';
import { KeyDispatcher } from '../../src/keys/dispatcher';
import { keySequence } from '../../src/keys/key-spec';
import { ThemeProvider } from '../../src/theme/theme-context';
import { defaultTheme } from '../../src/theme/tokens';
import { FakeStderr, FakeStdin, FakeStdout } from './fake-terminal';
import { createManualTimer, type ManualTimer } from './manual-timer';

// captured before any test installs fake timers, so waiting keeps working under vi.useFakeTimers
const realSetTimeout = globalThis.setTimeout;
const realSetImmediate = globalThis.setImmediate;

export interface RenderOptions {
  columns?: number;
  rows?: number;
  timer?: ManualTimer;
}

export interface WaitOptions {
  /** Give up after this long (a safety net for a broken test, not a timing assertion). */
  timeout?: number;
}

export interface RenderedApp {
  stdout: FakeStdout;
  stdin: FakeStdin;
  stderr: FakeStderr;
  timer: ManualTimer;
  /** The last frame, ANSI stripped. */
  frame(): string;
  /** Every frame so far, ANSI stripped. */
  frames(): string[];
  /** Presses the first key bound to `id` (or its `key`-th), `times` times. */
  press(id: CommandId, options?: { key?: number; times?: number }): Promise<void>;
  /** Types text into whatever has the keys (one key per character, as a person would). */
  type(text: string): Promise<void>;
  /** Writes raw bytes to stdin. */
  write(data: string): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  /** Moves the app's clock (flash expiry, spinners) and lets the app render. */
  advance(ms: number): Promise<void>;
  /** Polls frames until `predicate` returns true or stops throwing; returns that frame. */
  waitFor(predicate: (frame: string) => boolean | void, options?: WaitOptions): Promise<string>;
  rerender(element: ReactElement): void;
  unmount(): void;
  /** Resolves when the app exits (q, Ctrl-C); `exited` says whether it has. */
  waitUntilExit(): Promise<unknown>;
  readonly exited: boolean;
}

/** Lets Ink's input parser, React's effects and the render after them run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await new Promise<void>((r) => realSetImmediate(r));
}

export function renderApp(element: ReactElement, options: RenderOptions = {}): RenderedApp {
  const stdout = new FakeStdout(options.columns ?? 100, options.rows ?? 30);
  const stdin = new FakeStdin();
  const stderr = new FakeStderr();
  const timer = options.timer ?? createManualTimer();
  // debug mode writes each frame whole, so the last write is exactly what is on screen
  const instance: Instance = render(element, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  let exited = false;
  const exitPromise = instance.waitUntilExit().finally(() => {
    exited = true;
  });
  // a test that never waits for exit must not see an unhandled rejection from it
  exitPromise.catch(() => undefined);

  const frames = () => stdout.writes.map((w) => stripVTControlCharacters(w));
  const frame = () => frames().at(-1) ?? '';

  const app: RenderedApp = {
    stdout,
    stdin,
    stderr,
    timer,
    frame,
    frames,
    async press(id, { key = 0, times = 1 } = {}) {
      const spec = bindingFor(id).keys[key];
      if (spec === undefined) throw new Error(`${id} has no key number ${key}`);
      for (let i = 0; i < times; i += 1) {
        stdin.write(keySequence(spec));
        await settle();
      }
    },
    async type(text) {
      for (const ch of text) {
        stdin.write(ch);
        await settle();
      }
    },
    async write(data) {
      stdin.write(data);
      await settle();
    },
    async resize(columns, rows) {
      stdout.resize(columns, rows);
      await settle();
    },
    async advance(ms) {
      timer.advance(ms);
      await settle();
    },
    async waitFor(predicate, { timeout = 3000 } = {}) {
      const started = Date.now();
      let lastError: unknown;
      for (;;) {
        const current = frame();
        try {
          if (predicate(current) !== false) return current;
          lastError = undefined;
        } catch (error) {
          lastError = error;
        }
        if (Date.now() - started > timeout) {
          const why = lastError instanceof Error ? `\n${lastError.message}` : '';
          throw new Error(`waitFor gave up; last frame:\n${current}${why}`);
        }
        await new Promise<void>((r) => realSetTimeout(r, 5));
      }
    },
    rerender: (el) => instance.rerender(el),
    unmount: () => instance.unmount(),
    waitUntilExit: () => exitPromise,
    get exited() {
      return exited;
    },
  };
  return app;
}

export const TEST_CONTEXT: AppProps['context'] = {
  profile: 'test',
  region: 'eu-west-1',
  account: '123456789012',
  readOnly: false,
  simulated: true,
};

/** The whole shell with test defaults; `app` overrides any App prop. */
export function renderShell(app: Partial<AppProps> = {}, options: RenderOptions = {}): RenderedApp {
  const timer = options.timer ?? createManualTimer();
  return renderApp(
    <App context={TEST_CONTEXT} screens={[]} {...app} timer={app.timer ?? timer} />,
    { ...options, timer },
  );
}

export interface ProviderOptions {
  readOnly?: boolean;
  initialStack?: readonly ScreenDescriptor[];
  state?: Partial<CommandState>;
}

/** The shell's providers without the frame, for testing one component or hook. */
export function TestProviders({
  timer,
  options = {},
  children,
}: {
  timer: ManualTimer;
  options?: ProviderOptions;
  children: ReactNode;
}) {
  return (
    <ThemeProvider theme={defaultTheme}>
      <TimerProvider timer={timer}>
        <TickerProvider>
          <FlashProvider>
            <RouterProvider {...(options.initialStack ? { initial: options.initialStack } : {})}>
              <KeysForTest options={options}>{children}</KeysForTest>
            </RouterProvider>
          </FlashProvider>
        </TickerProvider>
      </TimerProvider>
    </ThemeProvider>
  );
}

function KeysForTest({ options, children }: { options: ProviderOptions; children: ReactNode }) {
  const router = useRouter();
  const flash = useFlash();
  const kind = router.top.screen.kind;
  const state = useMemo<CommandState>(
    () => ({
      readOnly: options.readOnly ?? false,
      simulated: false,
      screen: kind,
      filterable: true,
      canSwitchProfile: false,
      canSwitchRegion: false,
      ...options.state,
    }),
    [options, kind],
  );
  return (
    <KeyDispatcher
      readOnly={state.readOnly}
      state={state}
      onDisabled={(binding, reason) => flash.warn(disabledMessage(binding, reason))}
    >
      <DialogManager entryId={router.top.id}>{children}</DialogManager>
    </KeyDispatcher>
  );
}

/** Renders `element` inside TestProviders. */
export function renderWithProviders(
  element: ReactElement,
  options: RenderOptions & { providers?: ProviderOptions } = {},
): RenderedApp {
  const timer = options.timer ?? createManualTimer();
  return renderApp(
    <TestProviders timer={timer} options={options.providers ?? {}}>
      {element}
    </TestProviders>,
    { ...options, timer },
  );
}
