import { createInterface } from 'node:readline';
import { outputWatch } from './closed-output';

/**
 * What the headless CLI needs from the process, injected so nothing writes through `console`
 * and commands can be driven in-process by tests. `defaultRuntime()` binds it to the real one.
 */
export interface CliRuntime {
  /** One line to stdout (results, progress, JSON). */
  out: (line: string) => void;
  /** One line to stderr (errors, prompts, hints). */
  err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** The command line as given (to find --output json when flag parsing itself failed). */
  readonly argv: readonly string[];
  readonly stdoutIsTTY: boolean;
  readonly stdinIsTTY: boolean;
  /** Asks one question on the terminal (prompt on stderr, answer from stdin). */
  ask: (question: string) => Promise<string>;
  /**
   * Calls `handler` on SIGINT, SIGTERM and SIGHUP, and with SIGPIPE when stdout or stderr closes
   * (`| head`), until the returned function is called.
   */
  onInterrupt: (handler: (signal: CliSignal) => void) => () => void;
  /** Leaves at once (the second Ctrl-C). */
  exitNow: (code: number) => never;
}

/**
 * What stops a command's wait (the rollout itself keeps running on AWS). SIGPIPE stands for an
 * output that closed: Node reports it as EPIPE on the stream, not as a signal.
 */
export type CliSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'SIGPIPE';

export function defaultRuntime(): CliRuntime {
  return {
    // a closed stream (`| head`) is written to no more: the run ends quietly (closed-output.ts)
    out: (line) => {
      if (!outputWatch.stdoutClosed) process.stdout.write(`${line}\n`);
    },
    err: (line) => {
      if (!outputWatch.stderrClosed) process.stderr.write(`${line}\n`);
    },
    env: process.env,
    argv: process.argv,
    stdoutIsTTY: process.stdout.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    ask: (question) =>
      new Promise((resolve) => {
        const rl = createInterface({ input: process.stdin, output: process.stderr });
        // Ctrl-D or a closed stdin answers "no" instead of leaving the promise hanging
        let answered = false;
        rl.on('close', () => {
          if (!answered) resolve('');
        });
        rl.question(question, (answer) => {
          answered = true;
          rl.close();
          resolve(answer);
        });
      }),
    onInterrupt: (handler) => {
      const onInt = () => handler('SIGINT');
      const onTerm = () => handler('SIGTERM');
      // a closed terminal or a runner that goes away: say what runs (to a log, if stdout is one)
      const onHup = () => handler('SIGHUP');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      process.on('SIGHUP', onHup);
      const unwatch = outputWatch.onClosed(() => handler('SIGPIPE'));
      return () => {
        unwatch();
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        process.off('SIGHUP', onHup);
      };
    },
    exitNow: (code) => process.exit(code),
  };
}

/** Colour only for a person at a terminal: not under NO_COLOR, not in CI, not into a pipe. */
export function colourWanted(rt: Pick<CliRuntime, 'env' | 'stdoutIsTTY'>): boolean {
  if (!rt.stdoutIsTTY) return false;
  if (rt.env['NO_COLOR'] !== undefined && rt.env['NO_COLOR'] !== '') return false;
  if (rt.env['CI'] !== undefined && rt.env['CI'] !== '' && rt.env['CI'] !== 'false') return false;
  if (rt.env['FORCE_COLOR'] === '0') return false;
  return true;
}

/** Someone can answer a prompt: stdin is a terminal and this is not a CI job. */
export function canPrompt(rt: Pick<CliRuntime, 'env' | 'stdinIsTTY'>): boolean {
  const ci = rt.env['CI'];
  return rt.stdinIsTTY && (ci === undefined || ci === '' || ci === 'false');
}
