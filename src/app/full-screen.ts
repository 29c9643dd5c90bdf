/**
 * Full screen without Ink's help (Ink 6 has no alternateScreen option): enter the alternate
 * screen, hide the cursor, and put the terminal back on every way out — quit, Ctrl-C (a key,
 * since exitOnCtrlC is off), SIGTERM, SIGHUP, SIGINT, a crash.
 */
import { render, type Instance } from 'ink';
import type { ReactElement } from 'react';
import { firstFrameProbe } from './bench-probe';

export const ENTER_ALT_SCREEN = '\x1b[?1049h';
export const LEAVE_ALT_SCREEN = '\x1b[?1049l';
export const HIDE_CURSOR = '\x1b[?25l';
export const SHOW_CURSOR = '\x1b[?25h';
export const CLEAR_SCREEN = '\x1b[2J\x1b[H';

/** Exit codes for the signals we handle: 128 + signal number, as shells report them. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface TerminalSession {
  /** Shows the cursor and leaves the alternate screen; safe to call any number of times. */
  restore(): void;
  readonly restored: boolean;
}

export function enterFullScreen(stdout: { write(chunk: string): unknown }): TerminalSession {
  stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR + CLEAR_SCREEN);
  let restored = false;
  return {
    restore() {
      if (restored) return;
      restored = true;
      stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
    },
    get restored() {
      return restored;
    },
  };
}

/** The parts of `process` used here, so tests can pass a plain EventEmitter. */
export interface ProcessLike {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  exit(code?: number): void;
}

export interface FullScreenOptions {
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  stderr?: NodeJS.WriteStream;
  process?: ProcessLike;
  /** Frames per second at most (Ink's throttle). */
  maxFps?: number;
  /**
   * Route console.* above the frame (default true). Only tests turn it off: vitest's console
   * cannot be patched.
   */
  patchConsole?: boolean;
  /**
   * Lines to print on the normal screen once it is restored, on every way out (what the session
   * left running on AWS); called once.
   */
  afterRestore?: () => readonly string[];
}

function describeFatal(error: unknown): string {
  if (error instanceof Error) return `${error.stack ?? `${error.name}: ${error.message}`}\n`;
  return `${String(error)}\n`;
}

/**
 * Renders `element` full screen and resolves once the app has exited and the terminal is
 * restored. Rejects (after restoring) when the app exits with an error.
 */
export async function runFullScreen(
  element: ReactElement,
  options: FullScreenOptions = {},
): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const stderr = options.stderr ?? process.stderr;
  const proc: ProcessLike = options.process ?? process;
  const session = enterFullScreen(stdout);
  let instance: Instance | undefined;

  /**
   * Ink writes a last frame when it unmounts; that must land on the alternate screen, before
   * we leave it, or it is printed over the person's shell.
   */
  let told = false;
  const teardown = () => {
    try {
      instance?.unmount();
    } catch {
      // already on the way out with a reason of our own; an unmount failure must not stop the restore
    }
    session.restore();
    if (told) return;
    told = true;
    try {
      const lines = options.afterRestore?.() ?? [];
      if (lines.length) stderr.write(`${lines.join('\n')}\n`);
    } catch {
      // a closed terminal (SIGHUP) cannot be written to; the audit log still has every change
    }
  };
  const onSignal = (signal: HandledSignal) => () => {
    teardown();
    proc.exit(SIGNAL_EXIT_CODES[signal]);
  };
  const onFatal = (error: unknown) => {
    teardown();
    stderr.write(`ecs-rollout crashed:\n${describeFatal(error)}`);
    proc.exit(1);
  };
  const listeners: [string, (...args: unknown[]) => void][] = [
    ['SIGTERM', onSignal('SIGTERM')],
    ['SIGHUP', onSignal('SIGHUP')],
    ['SIGINT', onSignal('SIGINT')],
    ['uncaughtException', onFatal],
    ['unhandledRejection', onFatal],
    // last resort: process.exit() from anywhere still restores the terminal
    ['exit', teardown],
  ];
  for (const [event, listener] of listeners) proc.on(event, listener);

  const onRender = firstFrameProbe();
  try {
    instance = render(element, {
      stdout,
      stdin,
      stderr,
      patchConsole: options.patchConsole ?? true,
      exitOnCtrlC: false,
      maxFps: options.maxFps ?? 30,
      ...(onRender ? { onRender } : {}),
    });
    await instance.waitUntilExit();
  } finally {
    teardown();
    for (const [event, listener] of listeners) proc.off(event, listener);
  }
}
