import { afterEach, describe, expect, it } from 'vitest';
import { HEADLESS_COMMANDS, noTerminalReason } from '../../src/main/root-command';
import type { RunningSimulator } from '../../src/sim';
import { startTestSim } from '../helpers/sim';
import { cliEnv, killChildren, runCli } from './cli-process';

// The root command is the full-screen app: without a terminal (a CI job, a pipe) it refuses
// before touching the screen, says why and which commands scripts use, and exits 2.

let sim: RunningSimulator | undefined;
afterEach(async () => {
  killChildren();
  await sim?.close();
  sim = undefined;
});

describe('the full-screen app without a terminal', () => {
  it.each([
    ['CI=true, stdin and stdout not terminals', { CI: 'true' }, /stdin and stdout are not/],
    ['no CI, stdout a pipe', {}, /stdin and stdout are not a terminal/],
  ])('%s: exit 2, no escape codes, the reason and the commands', async (_name, extra, why) => {
    sim = await startTestSim();
    const run = await runCli(['--endpoint-url', sim.endpoint], cliEnv(sim, extra));
    expect(run.code).toBe(2);
    // nothing drawn: no alternate screen, no cursor codes
    expect(run.stdout.join('\n')).toBe('');
    const [first, second] = run.stderr.trimEnd().split('\n');
    expect(first).toMatch(
      /^ecs-rollout: the full-screen app needs a terminal on stdin and stdout: /,
    );
    expect(first).toMatch(why);
    expect(second).toBe(
      `  for scripts and CI use a command: ${HEADLESS_COMMANDS.join(', ')} (ecs-rollout COMMAND --help)`,
    );
    expect(run.stderr).not.toMatch(/Raw mode|\n\s+at /);
    // it read nothing from AWS either
    expect(sim.calls.all()).toEqual([]);
  });

  it('--demo refuses too, before starting its simulator', async () => {
    const run = await runCli(['--demo'], { ...process.env, CI: '' });
    expect(run.code).toBe(2);
    expect(run.stdout.join('')).toBe('');
    expect(run.stderr).toContain('the full-screen app needs a terminal');
  });

  it('names every command the program has', async () => {
    const help = await runCli(['--help'], { ...process.env, COLUMNS: '200' });
    const listed = help.stdout
      .map((l) => /^ {2}([a-z]+)\b/.exec(l)?.[1])
      .filter((n): n is string => n !== undefined && n !== 'help');
    expect([...HEADLESS_COMMANDS].sort()).toEqual(listed.sort());
  });

  it('CI set at a terminal is refused too (Ink draws only static output under CI)', () => {
    const tty = { stdinIsTTY: true, stdoutIsTTY: true };
    expect(noTerminalReason({ ...tty, env: {} })).toBeUndefined();
    expect(noTerminalReason({ ...tty, env: { CI: 'false' } })).toBeUndefined();
    expect(noTerminalReason({ ...tty, env: { CI: '0' } })).toBeUndefined();
    expect(noTerminalReason({ ...tty, env: { CI: 'true' } })).toMatch(/^CI is set/);
    expect(noTerminalReason({ ...tty, env: { CONTINUOUS_INTEGRATION: '1' } })).toMatch(
      /^CONTINUOUS_INTEGRATION is set/,
    );
    expect(noTerminalReason({ stdinIsTTY: true, stdoutIsTTY: false, env: {} })).toBe(
      'stdout is not a terminal',
    );
    expect(noTerminalReason({ stdinIsTTY: false, stdoutIsTTY: true, env: {} })).toBe(
      'stdin is not a terminal',
    );
  });
});
