import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CandidateLine } from '../../src/cli/json-schema';
import type { RunningSimulator } from '../../src/sim';
import { startTestSim } from '../helpers/sim';
import { advanceOnPoll, cliEnv, killChildren, runCli } from './cli-process';
import { buildCliWorld, FAST } from './fixture';

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

const api = ['--service', 'api', '--output', 'json'];
const startDeploy = async (image = ':v2') => {
  const run = await runCli(
    ['deploy', ...FAST, ...api, '--image', image, '--yes', '--no-wait'],
    cliEnv(sim),
  );
  expect(run.code).toBe(0);
  return run.result!.deploymentId!;
};

describe('rollback', () => {
  it('in flight: stops the rollout and returns to the last completed deployment, exit 3', async () => {
    const id = await startDeploy();
    stopAdvancing = advanceOnPoll(sim, 5_000);
    const run = await runCli(['rollback', ...FAST, ...api, '--yes'], cliEnv(sim));
    expect(run.code).toBe(3);
    expect(run.result).toMatchObject({
      command: 'rollback',
      outcome: 'ROLLED_BACK',
      trigger: 'operator',
      deploymentId: id,
    });
    expect(sim.calls.count('ecs', 'StopServiceDeployment')).toBe(1);
    const status = await runCli(['status', ...FAST, ...api], cliEnv(sim));
    expect(status.json.find((l) => l.type === 'service')).toMatchObject({ revision: 'api:1' });
  });

  it('in flight refuses --to (exit 2): the rollout has its own rollback', async () => {
    await startDeploy();
    const run = await runCli(['rollback', ...FAST, ...api, '--yes', '--to', 'api:1'], cliEnv(sim));
    expect(run.code).toBe(2);
    expect(run.result?.reason).toMatch(/is in progress: rollback stops it/);
  });

  it('after a rollout: --to latest-good deploys the last good revision from history, exit 0', async () => {
    stopAdvancing = advanceOnPoll(sim, 5_000);
    expect(
      (await runCli(['deploy', ...FAST, ...api, '--image', ':v2', '--yes'], cliEnv(sim))).code,
    ).toBe(0);
    const listed = await runCli(['rollback', ...FAST, ...api, '--list'], cliEnv(sim));
    expect(listed.code).toBe(0);
    const candidates = listed.json.filter(
      (l): l is CandidateLine => l.type === 'rollback-candidate',
    );
    expect(candidates.map((c) => [c.revision, c.current])).toEqual([
      ['api:2', true],
      ['api:1', false],
    ]);

    const run = await runCli(
      ['rollback', ...FAST, ...api, '--yes', '--to', 'latest-good'],
      cliEnv(sim),
    );
    expect(run.code).toBe(0);
    expect(run.result).toMatchObject({
      command: 'rollback',
      outcome: 'SUCCEEDED',
      revision: 'api:1',
    });
    expect(
      run.json.some(
        (l) => l.type === 'message' && l.code === 'ECSR_CLI_I1009' && l.text.includes('api:1'),
      ),
    ).toBe(true);
  });

  it('with nothing in flight and no --to: exit 2 naming the candidates, nothing sent', async () => {
    const run = await runCli(['rollback', ...FAST, ...api, '--yes'], cliEnv(sim));
    expect(run.code).toBe(2);
    expect(run.result?.reason).toMatch(/nothing in progress to roll back/);
    expect(run.result?.hint).toMatch(/--to latest-good/);
    expect(sim.calls.count('ecs', 'UpdateService')).toBe(0);
  });

  it('--to a revision that never completed: exit 2', async () => {
    const run = await runCli(['rollback', ...FAST, ...api, '--yes', '--to', 'api:7'], cliEnv(sim));
    expect(run.code).toBe(2);
    expect(run.result?.reason).toMatch(/"api:7" is not among this service's completed deployments/);
  });
});

describe('abort and promote', () => {
  it('abort stops the rollout without rollback: exit 6', async () => {
    const id = await startDeploy();
    stopAdvancing = advanceOnPoll(sim, 5_000);
    const run = await runCli(['abort', ...FAST, ...api, '--yes'], cliEnv(sim));
    expect(run.code).toBe(6);
    expect(run.result).toMatchObject({ command: 'abort', outcome: 'STOPPED', deploymentId: id });
  });

  it('abort --no-wait: exit 0 once ECS accepted the stop', async () => {
    await startDeploy();
    const run = await runCli(['abort', ...FAST, ...api, '--yes', '--no-wait'], cliEnv(sim));
    expect(run.code).toBe(0);
    expect(run.result?.reason).toMatch(/abort requested/);
  });

  it('promote on a rolling update is exit 2 with the reason', async () => {
    await startDeploy();
    const run = await runCli(['promote', ...FAST, ...api, '--yes'], cliEnv(sim));
    expect(run.code).toBe(2);
    expect(run.result?.reason).toMatch(/a rolling update has no promote step/);
  });

  it('with nothing in progress: exit 2, and where to look', async () => {
    const run = await runCli(['promote', ...FAST, ...api, '--yes', '--full'], cliEnv(sim));
    expect(run.code).toBe(2);
    expect(run.result?.reason).toBe('nothing to promote fully: no rollout in progress on prod/api');
    expect(run.stderr).toMatch(/ecs-rollout watch --cluster prod --service api/);
  });
});
