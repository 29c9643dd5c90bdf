import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import { startTestSim } from '../helpers/sim';
import { cliEnv, killChildren, runCli } from './cli-process';
import { buildCliWorld, FAST } from './fixture';

let sim: RunningSimulator;

beforeEach(async () => {
  sim = await startTestSim();
  buildCliWorld(sim);
});

afterEach(async () => {
  killChildren();
  await sim.close();
});

describe('bad usage is exit 2 with one reason and a hint, before any AWS call', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'an unknown flag',
      ['deploy', '--cluster', 'prod', '--service', 'api', '--imag', ':v2'],
      /unknown option '--imag'/,
    ],
    [
      'a missing --service',
      ['deploy', '--cluster', 'prod', '--image', ':v2', '--yes'],
      /deploy needs --service/,
    ],
    ['a missing --cluster', ['watch', '--service', 'api'], /watch needs --cluster/],
    [
      'a malformed --image',
      ['deploy', ...FAST, '--service', 'api', '--image', 'API:v2', '--yes'],
      /--image "API:v2": .*bad repository part "API"/,
    ],
    [
      'a malformed tag',
      ['plan', ...FAST, '--service', 'api', '--image', ':-bad'],
      /malformed tag "-bad"/,
    ],
    [
      'a bad --timeout',
      ['deploy', ...FAST, '--service', 'api', '--image', ':v2', '--yes', '--timeout', '10 minutes'],
      /--timeout "10 minutes" is not a duration/,
    ],
    [
      'no image and no task definition',
      ['deploy', ...FAST, '--service', 'api', '--yes'],
      /deploy needs --image or --task-definition/,
    ],
    [
      'both image and task definition',
      ['plan', ...FAST, '--service', 'api', '--image', ':v2', '--task-definition', 'api:1'],
      /not both/,
    ],
    [
      'an unknown strategy',
      ['plan', ...FAST, '--service', 'api', '--image', ':v2', '--strategy', 'bluegreen'],
      /argument 'bluegreen' is invalid/,
    ],
    [
      'a setting that is not a number',
      ['plan', ...FAST, '--service', 'api', '--image', ':v2', '--max-percent', 'lots'],
      /--max-percent must be a whole number, got "lots"/,
    ],
    [
      '--output xml',
      ['status', ...FAST, '--service', 'api', '--output', 'xml'],
      /argument 'xml' is invalid/,
    ],
    [
      '--poll-interval too fast for AWS',
      ['watch', '--cluster', 'prod', '--service', 'api', '--poll-interval', '10ms'],
      /too fast for AWS/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(`rejects ${what}`, async () => {
      const env = cliEnv(sim);
      // the poll-interval case is about real AWS: no endpoint
      if (what.includes('poll-interval')) delete env['AWS_ENDPOINT_URL'];
      const run = await runCli(args, env);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toMatch(/hint: |--help/);
      expect(sim.calls.all()).toHaveLength(0);
    });
  }

  it('rejects settings out of range with the schema reason (before any change)', async () => {
    const run = await runCli(
      ['plan', ...FAST, '--service', 'api', '--image', ':v2', '--max-percent', '250'],
      cliEnv(sim),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/maximum percent must be at most 200/);
  });

  it('ends a JSON run that failed to parse with a result line too', async () => {
    const run = await runCli(
      ['status', '--cluster', 'prod', '--bogus', '--output', 'json'],
      cliEnv(sim),
    );
    expect(run.code).toBe(2);
    expect(run.json).toHaveLength(1);
    expect(run.result).toMatchObject({ command: 'status', outcome: 'USAGE_ERROR', exitCode: 2 });
  });
});

describe('changes without --yes when not attached to a terminal', () => {
  const commands: [string, string[], string][] = [
    ['deploy', ['deploy', ...FAST, '--service', 'api', '--image', ':v2'], 'deploy'],
    ['promote', ['promote', ...FAST, '--service', 'api'], 'promote'],
    ['rollback', ['rollback', ...FAST, '--service', 'api', '--to', 'latest-good'], 'roll back'],
    ['abort', ['abort', ...FAST, '--service', 'api'], 'abort'],
  ];
  for (const [name, args, verb] of commands) {
    it(`${name}: refused with exit 2, never a hang, nothing sent`, async () => {
      const run = await runCli([...args, '--output', 'json'], cliEnv(sim));
      expect(run.code).toBe(2);
      expect(run.result?.reason).toBe(
        `refusing to ${verb} without --yes when not attached to a terminal`,
      );
      expect(run.stderr).toMatch(/add --yes/);
      expect(sim.calls.all()).toHaveLength(0);
    });
  }

  it('counts CI=true as no terminal, even with a terminal on stdin', async () => {
    const run = await runCli(['abort', ...FAST, '--service', 'api'], cliEnv(sim, { CI: 'true' }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/without --yes/);
  });
});

describe('--read-only', () => {
  it('refuses a change up front (exit 2), and still reads', async () => {
    const refused = await runCli(
      ['deploy', ...FAST, '--service', 'api', '--image', ':v2', '--yes', '--read-only'],
      cliEnv(sim),
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--read-only refuses to deploy/);
    expect(sim.calls.all()).toHaveLength(0);
    const status = await runCli(
      ['status', ...FAST, '--service', 'api', '--read-only'],
      cliEnv(sim),
    );
    expect(status.code).toBe(0);
    // read-only given before the command name counts too
    const before = await runCli(
      ['--read-only', 'abort', ...FAST, '--service', 'api', '--yes'],
      cliEnv(sim),
    );
    expect(before.code).toBe(2);
    expect(before.stderr).toMatch(/--read-only refuses to abort/);
  });
});
