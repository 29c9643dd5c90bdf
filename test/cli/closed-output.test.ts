import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import { startTestSim } from '../helpers/sim';
import { advanceOnPoll, cliEnv, killChildren, startCli } from './cli-process';
import { buildCliWorld, FAST } from './fixture';

// stdout closing under the CLI (`| head -1`): no EPIPE stack trace; the run stops writing and
// exits 141 as a tool ended by SIGPIPE does. A deploy whose output closes keeps its normal
// behaviour on AWS (the change being sent is completed, the rollout runs on) and says on
// stderr what runs.

let sim: RunningSimulator | undefined;
let stopAdvancing: (() => void) | undefined;
afterEach(async () => {
  stopAdvancing?.();
  stopAdvancing = undefined;
  killChildren();
  await sim?.close();
  sim = undefined;
});

const STACK = /EPIPE|\n\s+at |Unhandled/;

describe('a closed stdout', () => {
  it.each([
    ['status --help', ['status', '--help']],
    ['rollback --list', ['rollback', ...FAST, '--service', 'api', '--list', '--output', 'json']],
    ['status --all', ['status', ...FAST, '--all', '--output', 'json']],
    ['status --all (text)', ['status', ...FAST, '--all']],
  ])('%s: no stack trace, nothing on stderr', async (_name, args) => {
    sim = await startTestSim();
    buildCliWorld(sim);
    const run = startCli(args, cliEnv(sim));
    // closed before the CLI has started: its first write finds no reader
    run.child.stdout!.destroy();
    const { code } = await run.done();
    expect(run.stderr()).toBe('');
    // these print everything at once at the end: the run's own exit code stands (141 only
    // when the closed output cut work short)
    expect([0, 141]).toContain(code);
  });

  it('watch: stops following at once, exit 141, nothing on stderr (it changed nothing)', async () => {
    sim = await startTestSim();
    buildCliWorld(sim);
    const started = startCli(
      ['deploy', ...FAST, '--service', 'api', '--image', ':v2', '--yes', '--no-wait'],
      cliEnv(sim),
    );
    expect((await started.done()).code).toBe(0);
    // the clock stands still: the rollout stays in progress and watch would wait forever
    const run = startCli(['watch', ...FAST, '--service', 'api', '--output', 'json'], cliEnv(sim));
    run.child.stdout!.destroy();
    const { code } = await run.done();
    expect(run.stderr()).toBe('');
    expect(code).toBe(141);
  });

  it('deploy: the change is completed on AWS, the rollout runs on, stderr says so; exit 141', async () => {
    sim = await startTestSim();
    buildCliWorld(sim);
    const s = sim;
    const run = startCli(
      ['deploy', ...FAST, '--service', 'api', '--image', ':v2', '--yes', '--output', 'json'],
      cliEnv(sim),
    );
    await vi.waitFor(() => expect(s.calls.count('ecs', 'RegisterTaskDefinition')).toBe(1), {
      timeout: 15_000,
    });
    run.child.stdout!.destroy();
    // the CLI notices on its next write: the rollout moves on, and it reports progress
    stopAdvancing = advanceOnPoll(s, 1_000);
    const { code } = await run.done();
    const stderr = run.stderr();
    expect(stderr).not.toMatch(STACK);
    expect(code).toBe(141);
    // the update was sent and answered: AWS is not left with a registered revision only
    expect(
      s.calls.all().filter((c) => c.operation === 'UpdateService' && !c.errorCode),
    ).toHaveLength(1);
    expect(stderr).toMatch(
      /ecs-rollout deploy: the output closed \(SIGPIPE\); stopped waiting \(SIGPIPE\); the rollout keeps running on AWS: deployment ecs-svc\/\S+ is /,
    );
    expect(stderr).toContain('  ecs-rollout watch --cluster prod --service api');
    expect(stderr).toContain('  ecs-rollout rollback --cluster prod --service api --yes');
    // nothing stopped or rolled the rollout back
    expect(s.calls.all().filter((c) => /^(Stop|Continue)/.test(c.operation))).toEqual([]);
  });
});
