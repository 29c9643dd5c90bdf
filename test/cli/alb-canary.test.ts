import { afterEach, describe, expect, it } from 'vitest';
import type { ProgressLine } from '../../src/cli/json-schema';
import { canaryWorld, type CanaryWorld } from '../deploy/alb-canary-world';
import { advanceOnPoll, cliEnv, killChildren, runCli } from './cli-process';

// The ALB weighted canary is driven by the client: the CLI's own polls walk the steps. Bake
// times are counted on the CLI's clock (wall time), so the test bakes 0 minutes and leaves the
// 5xx gate out; the world moves on every service read as in the other end-to-end tests.

let world: CanaryWorld | undefined;
let stopAdvancing: (() => void) | undefined;

afterEach(async () => {
  stopAdvancing?.();
  stopAdvancing = undefined;
  killChildren();
  await world?.close();
  world = undefined;
});

/** A two-step canary of orders with no bake, the base of every run here. */
const CANARY_DEPLOY = [
  'deploy',
  '--cluster',
  'prod',
  '--service',
  'orders',
  '--strategy',
  'alb-canary',
  '--image',
  ':v2',
  '--steps',
  '50,100',
  '--bake-minutes',
  '0',
];

describe('ALB canary from the CLI', () => {
  it('walks the steps while it waits and exits 0 once promoted', async () => {
    world = await canaryWorld();
    const { sim } = world;
    stopAdvancing = advanceOnPoll(sim, 5_000);
    const run = await runCli(
      [...CANARY_DEPLOY, '--no-error-gate', '--poll-interval', '20ms', '--yes', '--output', 'json'],
      cliEnv(sim),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.result).toMatchObject({ outcome: 'SUCCEEDED', strategy: 'alb-canary' });
    const weights = run.json
      .filter((l): l is ProgressLine => l.type === 'progress')
      .map((p) => p.traffic.find((t) => t.label.includes('canary'))?.weight);
    expect(weights).toContain(50);
  });

  it('with --advance manual returns at the first baked step for --wait-until paused: exit 5', async () => {
    world = await canaryWorld();
    const { sim } = world;
    stopAdvancing = advanceOnPoll(sim, 5_000);
    const run = await runCli(
      [
        ...CANARY_DEPLOY,
        '--advance',
        'manual',
        '--no-error-gate',
        '--wait-until',
        'paused',
        '--poll-interval',
        '20ms',
        '--yes',
        '--output',
        'json',
      ],
      cliEnv(sim),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(5);
    expect(run.result).toMatchObject({
      outcome: 'PAUSED',
      reason: expect.stringContaining('step 1 of 2 baked; press p to continue') as string,
    });
  });

  it('abort holds the plan (exit 6); rollback then finds the held plan and returns traffic to stable (exit 3)', async () => {
    world = await canaryWorld();
    const { sim } = world;
    stopAdvancing = advanceOnPoll(sim, 5_000);
    const where = ['--cluster', 'prod', '--service', 'orders', '--poll-interval', '20ms'];
    const paused = await runCli(
      [
        ...CANARY_DEPLOY,
        '--poll-interval',
        '20ms',
        '--advance',
        'manual',
        '--no-error-gate',
        '--wait-until',
        'paused',
        '--yes',
      ],
      cliEnv(sim),
    );
    expect(paused.code).toBe(5);
    const abort = await runCli(['abort', ...where, '--yes', '--output', 'json'], cliEnv(sim));
    expect(abort.code).toBe(6);
    expect(abort.result).toMatchObject({ outcome: 'STOPPED' });
    const rollback = await runCli(['rollback', ...where, '--yes', '--output', 'json'], cliEnv(sim));
    expect(rollback.stderr).toBe('');
    expect(rollback.code).toBe(3);
    expect(rollback.result).toMatchObject({ outcome: 'ROLLED_BACK' });
  });
});
