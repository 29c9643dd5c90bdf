import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { jsonLine, type JsonLine, type ResultLine } from '../../src/cli/json-schema';
import type { RunningSimulator } from '../../src/sim';
import { simEnv } from '../helpers/sim';

const BIN = fileURLToPath(new URL('../../bin/ecs-rollout.js', import.meta.url));
const children = new Set<ChildProcess>();

export interface CliRun {
  readonly child: ChildProcess;
  /** stdout lines so far. */
  readonly lines: string[];
  stderr(): string;
  /** Resolves with the first stdout line (already printed or still to come) that matches. */
  waitForLine(match: (line: string) => boolean): Promise<string>;
  /** Resolves once the process has exited and its output is read. */
  done(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the built binary (`npm test` builds first) as a child process. */
export function startCli(args: string[], env: NodeJS.ProcessEnv): CliRun {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: string[] = [];
  let stderr = '';
  let partial = '';
  const waiters: { match: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.match(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return {
    child,
    lines,
    stderr: () => stderr,
    waitForLine(match) {
      const found = lines.find(match);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void exited.then(() =>
          reject(
            new Error(
              `the CLI exited before printing the line; stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`,
            ),
          ),
        );
      });
    },
    done: () => exited,
  };
}

/** Kills whatever a test left running (afterEach). */
export function killChildren(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
}

export interface Finished {
  code: number | null;
  stdout: string[];
  stderr: string;
  /** Every stdout line parsed as NDJSON (throws on a line that is not). */
  json: JsonLine[];
  result: ResultLine | undefined;
}

/** Runs to the end; with `--output json` every stdout line must parse and match the schema. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<Finished> {
  const run = startCli(args, env);
  const { code } = await run.done();
  return finished(run, code, args.includes('json'));
}

export function finished(run: CliRun, code: number | null, json: boolean): Finished {
  const parsed = json ? run.lines.filter((l) => l !== '').map(parseLine) : [];
  const results = parsed.filter((l): l is ResultLine => l.type === 'result');
  return { code, stdout: run.lines, stderr: run.stderr(), json: parsed, result: results.at(-1) };
}

/** One NDJSON line checked against the documented schema. */
export function parseLine(line: string): JsonLine {
  const value: unknown = JSON.parse(line);
  const checked = jsonLine.safeParse(value);
  if (!checked.success)
    throw new Error(`line does not follow the schema: ${line}\n${checked.error.message}`);
  return checked.data;
}

export function cliEnv(sim: RunningSimulator, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...simEnv(sim), ...extra };
  delete env['CI'];
  return env;
}

/**
 * Moves the simulator's manual clock by `stepMs` each time the CLI reads the service
 * (DescribeServices): the world advances in step with the CLI's polling, so a rollout that
 * takes minutes of simulated time finishes in a few hundred fast polls, with no sleeps.
 */
export function advanceOnPoll(sim: RunningSimulator, stepMs: number): () => void {
  const calls = sim.calls;
  const original = calls.record.bind(calls);
  calls.record = (call) => {
    original(call);
    if (call.service === 'ecs' && call.operation === 'DescribeServices')
      setImmediate(() => sim.advance(stepMs));
  };
  return () => {
    calls.record = original;
  };
}
