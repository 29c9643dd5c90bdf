import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceLine } from '../../src/cli/json-schema';
import type { RunningSimulator } from '../../src/sim';
import { buildService } from '../../src/sim/services/ecs/builder';
import { startTestSim } from '../helpers/sim';
import { advanceOnPoll, cliEnv, killChildren, runCli } from './cli-process';
import { buildCliWorld, FAST, REGION } from './fixture';

let sim: RunningSimulator;
let stopAdvancing: (() => void) | undefined;

beforeEach(async () => {
  sim = await startTestSim();
  buildCliWorld(sim);
});

afterEach(async () => {
  stopAdvancing?.();
  stopAdvancing = undefined;
  killChildren();
  await sim.close();
});

describe('status', () => {
  it('shows one service: counts, revision, image, rollout state', async () => {
    const run = await runCli(
      ['status', ...FAST, '--service', 'api', '--output', 'json'],
      cliEnv(sim),
    );
    expect(run.code).toBe(0);
    const row = run.json.find((l): l is ServiceLine => l.type === 'service')!;
    expect(row).toMatchObject({
      name: 'api',
      desired: 2,
      running: 2,
      pending: 0,
      revision: 'api:1',
      rolloutState: 'completed',
      controller: 'ROLLING',
    });
    expect(row.image).toMatch(/\/api@sha256:[0-9a-f]{64}$/);
    expect(row.inProgress).toBeUndefined();
  });

  it('--all pages ListServices and describes in tens, as a table', async () => {
    for (let i = 0; i < 105; i++)
      buildService(sim.world, REGION, {
        cluster: 'big',
        name: `svc-${String(i).padStart(3, '0')}`,
        image: 'nginx:1.27',
        desiredCount: 1,
      });
    const json = await runCli(
      ['status', '--cluster', 'big', '--all', '--output', 'json'],
      cliEnv(sim),
    );
    expect(json.code).toBe(0);
    const rows = json.json.filter((l) => l.type === 'service');
    expect(rows).toHaveLength(105);
    expect(sim.calls.count('ecs', 'ListServices')).toBe(2);
    expect(sim.calls.count('ecs', 'DescribeServices')).toBe(11);
    expect(json.result?.reason).toBe('105 services in big, 0 with a rollout in progress');

    // 105 revisions are more than the 50 the task-definition bucket holds: images left out, said
    expect(sim.calls.count('ecs', 'DescribeTaskDefinition')).toBe(0);
    expect(rows[0]).toMatchObject({ name: 'svc-000', image: '—' });
    expect(json.json.some((l) => l.type === 'message' && l.code === 'ECSR_CLI_W1010')).toBe(true);

    // --images reads them all: 50 at once, the rest paced (55 services keep the test short)
    for (let i = 0; i < 55; i++)
      buildService(sim.world, REGION, {
        cluster: 'wide',
        name: `w-${String(i).padStart(2, '0')}`,
        image: 'nginx:1.27',
        desiredCount: 1,
      });
    const text = await runCli(['status', '--cluster', 'wide', '--all', '--images'], cliEnv(sim));
    const table = text.stdout.filter((l) => !/\bwarn\b/.test(l));
    expect(table[0]).toMatch(/^SERVICE +DESIRED +RUNNING +PENDING +REVISION +IMAGE +ROLLOUT$/);
    expect(table[1]).toMatch(/^w-00 +1 +1 +0 +w-00:1 +nginx:1.27 +completed$/);
    expect(sim.calls.count('ecs', 'DescribeTaskDefinition')).toBe(55);
  });

  it('--all reads images of a cluster within the burst, and lists even when a lookup is throttled', async () => {
    for (let i = 0; i < 12; i++)
      buildService(sim.world, REGION, {
        cluster: 'mid',
        name: `m-${i}`,
        image: 'nginx:1.27',
        desiredCount: 1,
      });
    sim.faults.add({
      kind: 'throttle',
      service: 'ecs',
      operation: 'DescribeTaskDefinition',
      times: 3,
    });
    const run = await runCli(
      ['status', '--cluster', 'mid', '--all', '--output', 'json'],
      cliEnv(sim),
    );
    expect(run.code).toBe(0);
    const rows = run.json.filter((l) => l.type === 'service');
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => r.image === 'nginx:1.27').length).toBeGreaterThanOrEqual(11);
  });

  it('shows a rollout in progress with its deployment id', async () => {
    expect(
      (
        await runCli(
          ['deploy', ...FAST, '--service', 'api', '--image', ':v2', '--yes', '--no-wait'],
          cliEnv(sim),
        )
      ).code,
    ).toBe(0);
    const run = await runCli(
      ['status', ...FAST, '--service', 'api', '--output', 'json'],
      cliEnv(sim),
    );
    const row = run.json.find((l): l is ServiceLine => l.type === 'service')!;
    expect(row.inProgress).toMatch(/^ecs-svc\//);
    expect(row.rolloutState).toBe('in progress');
  });
});

describe('watch', () => {
  it('attaches to a rollout started elsewhere and exits 0 when it succeeds', async () => {
    const started = await runCli(
      [
        'deploy',
        ...FAST,
        '--service',
        'api',
        '--image',
        ':v2',
        '--yes',
        '--no-wait',
        '--output',
        'json',
      ],
      cliEnv(sim),
    );
    const id = started.result?.deploymentId;
    stopAdvancing = advanceOnPoll(sim, 5_000);
    const run = await runCli(
      ['watch', ...FAST, '--service', 'api', '--output', 'json'],
      cliEnv(sim),
    );
    expect(run.code).toBe(0);
    expect(run.result).toMatchObject({
      command: 'watch',
      outcome: 'SUCCEEDED',
      deploymentId: id,
      revision: 'api:2',
    });
    expect(run.json.some((l) => l.type === 'progress')).toBe(true);
  });

  it('exits 3 when the rollout it watches rolls back', async () => {
    await runCli(
      ['deploy', ...FAST, '--service', 'api', '--image', ':v2-crash', '--yes', '--no-wait'],
      cliEnv(sim),
    );
    stopAdvancing = advanceOnPoll(sim, 5_000);
    const run = await runCli(
      ['watch', ...FAST, '--service', 'api', '--output', 'json'],
      cliEnv(sim),
    );
    expect(run.code).toBe(3);
    expect(run.result).toMatchObject({ outcome: 'ROLLED_BACK', trigger: 'circuit-breaker' });
  });

  it('with nothing in progress reports how the last deployment ended, and exits by it', async () => {
    const quiet = await runCli(
      ['watch', ...FAST, '--service', 'api', '--output', 'json'],
      cliEnv(sim),
    );
    expect(quiet.code).toBe(0);
    expect(quiet.result).toMatchObject({ outcome: 'SUCCEEDED', revision: 'api:1' });
    expect(quiet.result?.reason).toMatch(
      /^nothing in progress; the last deployment ended succeeded/,
    );

    stopAdvancing = advanceOnPoll(sim, 5_000);
    expect(
      (
        await runCli(
          ['deploy', ...FAST, '--service', 'api', '--image', ':v2-crash', '--yes'],
          cliEnv(sim),
        )
      ).code,
    ).toBe(3);
    const after = await runCli(
      ['watch', ...FAST, '--service', 'api', '--output', 'json'],
      cliEnv(sim),
    );
    expect(after.code).toBe(3);
    expect(after.result).toMatchObject({ outcome: 'ROLLED_BACK', revision: 'api:2' });
  });
});
