import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import { buildCodeDeployWorld } from '../helpers/codedeploy-world';
import { startTestSim } from '../helpers/sim';
import { advanceOnPoll, cliEnv, killChildren, runCli } from './cli-process';

// CodeDeploy blue/green through the CLI: its Ready wait is a real pause awaiting action (exit 5),
// and `promote` reroutes production traffic. The controller reads CodeDeploy at most every 5 s
// of the CLI's (wall) clock, so the world moves in small steps on every service read and the
// Ready wait is long enough (10 h) that the pause is seen long before it would time out.

let sim: RunningSimulator;
let stopAdvancing: (() => void) | undefined;

beforeEach(async () => {
  sim = await startTestSim();
  buildCodeDeployWorld(sim.world, {
    blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 600, terminationWaitMinutes: 1 },
  });
});

afterEach(async () => {
  stopAdvancing?.();
  stopAdvancing = undefined;
  killChildren();
  await sim.close();
});

const web = [
  '--cluster',
  'prod',
  '--service',
  'web',
  '--poll-interval',
  '20ms',
  '--output',
  'json',
];

describe('CodeDeploy blue/green from the CLI', () => {
  it('pauses at Ready (exit 5 with --wait-until paused), then promote carries it to success (exit 0)', async () => {
    stopAdvancing = advanceOnPoll(sim, 2_000);
    // no --strategy: a CODE_DEPLOY service defaults to codedeploy
    const paused = await runCli(
      ['deploy', ...web, '--image', ':v2', '--yes', '--wait-until', 'paused'],
      cliEnv(sim),
    );
    expect(paused.stderr).toBe('');
    expect(paused.code).toBe(5);
    expect(paused.result).toMatchObject({ outcome: 'PAUSED', exitCode: 5, strategy: 'codedeploy' });
    expect(paused.result?.next?.some((c) => c.startsWith('ecs-rollout promote'))).toBe(true);
    const id = paused.result!.deploymentId!;

    const status = await runCli(['status', ...web], cliEnv(sim));
    expect(status.json.find((l) => l.type === 'service')).toMatchObject({
      controller: 'CODE_DEPLOY',
    });

    const promoted = await runCli(['promote', ...web, '--yes'], cliEnv(sim));
    expect(promoted.stderr).toBe('');
    expect(promoted.code).toBe(0);
    expect(promoted.result).toMatchObject({
      command: 'promote',
      outcome: 'SUCCEEDED',
      deploymentId: id,
    });
  });

  it('the Ready wait countdown does not print a progress line on every poll', async () => {
    stopAdvancing = advanceOnPoll(sim, 2_000);
    const deploy = ['deploy', ...web, '--image', ':v2', '--yes', '--wait-until', 'paused'];
    expect((await runCli(deploy, cliEnv(sim))).code).toBe(5);
    // each poll moves the world 2 s: the countdown's text changes on every one of them
    const run = await runCli(['watch', ...web, '--timeout', '2s'], cliEnv(sim));
    expect(run.code).toBe(5);
    const labels = run.json.flatMap((l) => (l.type === 'progress' ? [l.stateLabel] : []));
    expect(labels.length).toBeGreaterThan(0);
    expect(labels[0]).toMatch(/^READY · waiting for reroute \(p\) · \d+m \d\ds left$/);
    // at most one line per minute of the countdown
    const minutes = labels.map((l) => /(\d+)m \d\ds left$/.exec(l)?.[1]);
    expect(new Set(minutes).size).toBe(minutes.length);
  });

  it('a wait that ends while paused is exit 5, not a timeout', async () => {
    stopAdvancing = advanceOnPoll(sim, 2_000);
    const deploy = ['deploy', ...web, '--image', ':v2', '--yes', '--wait-until', 'paused'];
    expect((await runCli(deploy, cliEnv(sim))).code).toBe(5);
    // watch attaches to the paused deployment; its wait runs out while it waits for a person
    const run = await runCli(['watch', ...web, '--timeout', '1s'], cliEnv(sim));
    expect(run.code).toBe(5);
    expect(run.result).toMatchObject({ command: 'watch', outcome: 'PAUSED' });
    expect(run.result?.reason).toMatch(/paused awaiting action when the wait ended/);
    expect(run.json.some((l) => l.type === 'message' && l.code === 'ECSR_CLI_W1005')).toBe(true);
  });
});
