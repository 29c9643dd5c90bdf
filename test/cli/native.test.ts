import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import { buildRepository, ecrImageUri } from '../../src/sim/services/ecr/builder';
import { startTestSim } from '../helpers/sim';
import { nativeService, REGION } from '../sim/native-helpers';
import { advanceOnPoll, cliEnv, killChildren, runCli } from './cli-process';

// ECS-native canary with a PAUSE hook before production traffic moves: the pause is a real
// "awaiting action" (exit 5), promote continues it, rollback takes it back (exit 3).

let sim: RunningSimulator;
let stopAdvancing: (() => void) | undefined;

beforeEach(async () => {
  sim = await startTestSim();
  buildRepository(sim.world, REGION, 'web', { images: [{ tag: 'v1' }, { tag: 'v2' }] });
  nativeService(sim as Parameters<typeof nativeService>[0], {
    image: ecrImageUri(sim.world, REGION, 'web', 'v1'),
    config: {
      strategy: 'CANARY',
      bakeTimeInMinutes: 2,
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
    },
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
const pausedDeploy = [
  'deploy',
  ...web,
  '--image',
  ':v2',
  '--pause-stages',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  '--yes',
  '--wait-until',
  'paused',
];

describe('ECS-native canary from the CLI', () => {
  it('pauses at the hook (exit 5), and promote carries it to success (exit 0)', async () => {
    stopAdvancing = advanceOnPoll(sim, 2_000);
    const paused = await runCli(pausedDeploy, cliEnv(sim));
    expect(paused.stderr).toBe('');
    expect(paused.code).toBe(5);
    expect(paused.result).toMatchObject({ outcome: 'PAUSED', strategy: 'canary', exitCode: 5 });
    // a canary pauses before each production step: the first promote stops at the next pause
    const first = await runCli(['promote', ...web, '--yes', '--wait-until', 'paused'], cliEnv(sim));
    expect(first.code).toBe(5);
    expect(first.result).toMatchObject({ command: 'promote', outcome: 'PAUSED' });
    // the next pause, not the one just continued (AWS may still show it on the first read)
    const hookOf = (reason: string | undefined) => /hook (\S+) awaits/.exec(reason ?? '')?.[1];
    expect(hookOf(first.result?.reason)).toBeTruthy();
    expect(hookOf(first.result?.reason)).not.toBe(hookOf(paused.result?.reason));
    const promoted = await runCli(['promote', ...web, '--yes'], cliEnv(sim));
    expect(promoted.stderr).toBe('');
    // no stale "paused awaiting action (continue it with: promote …)" right after promoting
    expect(
      promoted.json.filter((l) => l.type === 'message' && l.code === 'ECSR_CLI_W1005'),
    ).toEqual([]);
    expect(promoted.code).toBe(0);
    expect(promoted.result).toMatchObject({
      command: 'promote',
      outcome: 'SUCCEEDED',
      deploymentId: paused.result?.deploymentId,
    });
    expect(sim.calls.count('ecs', 'ContinueServiceDeployment')).toBe(2);
  });

  it('promote: AWS still showing the pause just continued is not reported as a new pause', async () => {
    stopAdvancing = advanceOnPoll(sim, 2_000);
    expect((await runCli(pausedDeploy, cliEnv(sim))).code).toBe(5);
    // the clock stands still: ECS has not acted on the CONTINUE yet, every read still shows it
    stopAdvancing();
    stopAdvancing = undefined;
    const run = await runCli(['promote', ...web, '--yes', '--timeout', '1s'], cliEnv(sim));
    expect(sim.calls.count('ecs', 'ContinueServiceDeployment')).toBe(1);
    expect(run.json.some((l) => l.type === 'message' && l.code === 'ECSR_CLI_I1007')).toBe(true);
    expect(run.json.filter((l) => l.type === 'message' && l.code === 'ECSR_CLI_W1005')).toEqual([]);
    expect(run.stdout.join('\n')).not.toContain('continue it with');
  });

  it('rollback at the pause returns to blue: exit 3', async () => {
    stopAdvancing = advanceOnPoll(sim, 2_000);
    expect((await runCli(pausedDeploy, cliEnv(sim))).code).toBe(5);
    const run = await runCli(['rollback', ...web, '--yes'], cliEnv(sim));
    expect(run.code).toBe(3);
    expect(run.result).toMatchObject({ command: 'rollback', outcome: 'ROLLED_BACK' });
  });
});
