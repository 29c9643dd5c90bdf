/**
 * A real terminal for end-to-end tests: a tmux server on a private socket (`tmux -L <unique>`,
 * so the person's own tmux is never touched), one session of a fixed size running a command,
 * keys in with send-keys, the screen out with capture-pane. When the command exits, the pane
 * prints `[exited N]` and stays open on a live process, so a test can check how the command
 * left the terminal (tmux's remain-on-exit would hide the cursor of the dead pane itself).
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TARGET = 'e2e';
const EXIT_MARK = '[exited ';
// captured before any test can install fake timers
const realSetTimeout = globalThis.setTimeout;

export function tmuxAvailable(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

export interface TmuxStartOptions {
  columns?: number;
  rows?: number;
  cwd?: string;
  /** Added to the environment the command runs with. */
  env?: Record<string, string>;
}

export interface WaitOptions {
  /** Give up after this long: a safety net for a broken test, not a timing assertion. */
  timeout?: number;
  /** Said in the error when it gives up. */
  what?: string;
}

export class TmuxSession {
  private killed = false;
  /** Where the server's socket file lives; tmux leaves it behind after kill-server. */
  private socketPath: string | undefined;

  private constructor(
    readonly socket: string,
    private readonly dir: string,
  ) {}

  /** Starts a private tmux server with one session running `command` (a shell command line). */
  static async start(command: string, options: TmuxStartOptions = {}): Promise<TmuxSession> {
    const socket = `ecs-rollout-e2e-${process.pid}-${randomBytes(4).toString('hex')}`;
    const dir = mkdtempSync(join(tmpdir(), 'ecs-rollout-tmux-'));
    const config = join(dir, 'tmux.conf');
    // no status line: the pane gets every row
    writeFileSync(config, 'set -g status off\nset -g history-limit 0\n');
    const session = new TmuxSession(socket, dir);
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
    // Ink prints only static output under CI; a nested $TMUX would confuse the new server
    delete env.CI;
    delete env.TMUX;
    await run(
      'tmux',
      [
        '-L',
        socket,
        '-f',
        config,
        'new-session',
        '-d',
        '-s',
        TARGET,
        '-x',
        String(options.columns ?? 120),
        '-y',
        String(options.rows ?? 40),
        ...(options.cwd ? ['-c', options.cwd] : []),
        `${command}; echo "${EXIT_MARK}$?]"; exec cat`,
      ],
      { env },
    );
    session.socketPath = (await session.display('#{socket_path}')) || undefined;
    return session;
  }

  async tmux(...args: string[]): Promise<string> {
    const { stdout } = await run('tmux', ['-L', this.socket, ...args]);
    return stdout;
  }

  /** Presses keys by tmux name (`Enter`, `Escape`, `Tab`, `C-r`, `q`), one send-keys each. */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.tmux('send-keys', '-t', TARGET, key);
  }

  /** Types text literally, as one burst (a paste, or a fast typist). */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', TARGET, '-l', text);
  }

  /** The visible screen, one line per row, without colours. */
  async capture(): Promise<string> {
    return this.tmux('capture-pane', '-p', '-t', TARGET);
  }

  /** A tmux format (`#{alternate_on}`, `#{cursor_flag}`, `#{pane_dead}`) for the pane. */
  async display(format: string): Promise<string> {
    return (await this.tmux('display-message', '-p', '-t', TARGET, format)).trim();
  }

  /** Polls the screen until `predicate` holds; returns that screen. */
  async waitFor(
    predicate: (screen: string) => boolean,
    { timeout = 20_000, what = 'the screen to match' }: WaitOptions = {},
  ): Promise<string> {
    const started = Date.now();
    for (;;) {
      const screen = await this.capture();
      if (predicate(screen)) return screen;
      if (Date.now() - started > timeout) {
        throw new Error(`gave up waiting for ${what}; the screen was:\n${screen}`);
      }
      await new Promise<void>((resolve) => realSetTimeout(resolve, 50));
    }
  }

  /** Waits for the command to end; resolves its exit status. */
  async waitForExit(options: WaitOptions = {}): Promise<number> {
    const screen = await this.waitFor((s) => s.includes(EXIT_MARK), {
      what: 'the command to exit',
      ...options,
    });
    const status = /\[exited (\d+)\]/.exec(screen)?.[1];
    return Number(status);
  }

  /** Polls a tmux format until it reads `expected`. */
  async waitForFormat(format: string, expected: string, options: WaitOptions = {}): Promise<void> {
    const started = Date.now();
    const timeout = options.timeout ?? 20_000;
    for (;;) {
      const value = await this.display(format);
      if (value === expected) return;
      if (Date.now() - started > timeout) {
        throw new Error(
          `gave up waiting for ${format} to be ${expected} (it is ${value}); the screen was:\n${await this.capture()}`,
        );
      }
      await new Promise<void>((resolve) => realSetTimeout(resolve, 50));
    }
  }

  /** Kills the server (and the command, if still running); safe to call twice. */
  async kill(): Promise<void> {
    if (this.killed) return;
    this.killed = true;
    await this.tmux('kill-server').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
    if (this.socketPath) rmSync(this.socketPath, { force: true });
  }
}
