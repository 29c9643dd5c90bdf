import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProgressLine, ResultLine } from '../../src/cli/json-schema';
import type { RunningSimulator } from '../../src/sim';
import { startTestSim } from '../helpers/sim';
import {
  advanceOnPoll,
  cliEnv,
  finished,
  killChildren,
  parseLine,
  runCli,
  startCli,
} from './cli-process';
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

const deployArgs = (image: string, ...extra: string[]) => [
  'deploy',
  ...FAST,
  '--service',
  'api',
  '--image',
  image,
  '--yes',
  '--output',
  'json',
  ...extra,
];

describe('deploy --wait against the simulator', () => {
  it('succeeds: exit 0, NDJSON that follows the schema, a result naming the new revision', async () => {
    stopAdvancing = advanceOnPoll(sim, 5_000);
    const run = await runCli(deployArgs(':v2'), cliEnv(sim));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const types = new Set(run.json.map((l) => l.type));
    expect([...types]).toEqual(
      expect.arrayContaining(['message', 'plan', 'progress', 'event', 'result']),
    );
    expect(run.json.at(-1)?.type).toBe('result');
    const result = run.result!;
    expect(result).toMatchObject({
      command: 'deploy',
      outcome: 'SUCCEEDED',
      exitCode: 0,
      cluster: 'prod',
      service: 'api',
      strategy: 'rolling',
      revision: 'api:2',
    });
    expect(result.deploymentId).toMatch(/^ecs-svc\//);
    expect(result.durationMs).toBeGreaterThan(0);
    const started = run.json.find((l) => l.type === 'message' && l.code === 'ECSR_DEPLOY_I2003');
    expect(started && 'data' in started ? started.data?.['deploymentId'] : undefined).toBe(
      result.deploymentId,
    );
    expect(sim.calls.count('ecs', 'UpdateService')).toBe(1);
    // the service really runs the new revision, as status reads it back
    const status = await runCli(
      ['status', ...FAST, '--service', 'api', '--output', 'json'],
      cliEnv(sim),
    );
    expect(status.json.find((l) => l.type === 'service')).toMatchObject({
      revision: 'api:2',
      rolloutState: 'completed',
    });
  });

  it('rolls back a crashing image through the circuit breaker: exit 3, never 0', async () => {
    stopAdvancing = advanceOnPoll(sim, 5_000);
    const run = await runCli(deployArgs(':v2-crash'), cliEnv(sim));
    expect(run.code).toBe(3);
    expect(run.result).toMatchObject({
      outcome: 'ROLLED_BACK',
      exitCode: 3,
      trigger: 'circuit-breaker',
    });
    const progress = run.json.filter((l): l is ProgressLine => l.type === 'progress');
    expect(progress.some((p) => (p.circuitBreaker?.failures ?? 0) > 0)).toBe(true);
    expect(run.json.some((l) => l.type === 'event' && /rolling back/.test(l.message))).toBe(true);
  });

  it('times out with exit 4 and says what keeps running (no clock moves, so it never finishes)', async () => {
    const run = await runCli(deployArgs(':v2', '--timeout', '1s'), cliEnv(sim));
    expect(run.code).toBe(4);
    const result = run.result!;
    expect(result).toMatchObject({ outcome: 'TIMED_OUT', exitCode: 4, trigger: 'timeout' });
    expect(result.running?.deploymentId).toBe(result.deploymentId);
    expect(result.next?.join('\n')).toContain('ecs-rollout watch');
    expect(result.next?.join('\n')).toContain('ecs-rollout rollback');
  });

  it('on SIGTERM mid-wait exits 130 and names the deployment still running on AWS', async () => {
    const args = deployArgs(':v2');
    const run = startCli(args, cliEnv(sim));
    await run.waitForLine((l) => l.includes('"type":"progress"'));
    run.child.kill('SIGTERM');
    const { code } = await run.done();
    const out = finished(run, code, true);
    expect(out.code).toBe(130);
    const result = out.result as ResultLine;
    expect(result.outcome).toBe('INTERRUPTED');
    expect(result.reason).toMatch(/keeps running on AWS/);
    const started = out.json.find((l) => l.type === 'message' && l.code === 'ECSR_DEPLOY_I2003');
    const id = started && 'data' in started ? started.data?.['deploymentId'] : undefined;
    expect(result.running?.deploymentId).toBe(id);
    expect(result.running?.state).toBe('IN_PROGRESS');
    // the deployment was not stopped
    expect(sim.calls.count('ecs', 'StopServiceDeployment')).toBe(0);
  });

  it('a second Ctrl-C leaves at once, with the last known state, while the final read hangs', async () => {
    const run = startCli(deployArgs(':v2'), cliEnv(sim));
    await run.waitForLine((l) => l.includes('"type":"progress"'));
    const hangs = () => sim.calls.all().filter((c) => c.errorCode === 'hang').length;
    sim.faults.add({ kind: 'hang', service: 'ecs', operation: 'DescribeServices' });
    await vi.waitFor(() => expect(hangs()).toBe(1), { timeout: 10_000 });
    run.child.kill('SIGINT');
    // the first Ctrl-C stopped the wait; its one last read of the rollout hangs too
    await vi.waitFor(() => expect(hangs()).toBe(2), { timeout: 10_000 });
    run.child.kill('SIGINT');
    const { code } = await run.done();
    const out = finished(run, code, true);
    expect(out.code).toBe(130);
    expect(out.result).toMatchObject({ outcome: 'INTERRUPTED', exitCode: 130 });
    expect(out.result?.running?.deploymentId).toMatch(/^ecs-svc\//);
  });

  it('says the same in text on SIGINT: what runs, how to watch it and roll it back', async () => {
    const run = startCli(
      ['deploy', ...FAST, '--service', 'api', '--image', ':v2', '--yes'],
      cliEnv(sim),
    );
    await run.waitForLine((l) => l.includes('IN_PROGRESS'));
    run.child.kill('SIGINT');
    const { code } = await run.done();
    expect(code).toBe(130);
    const text = run.lines.join('\n');
    expect(text).toMatch(/result: INTERRUPTED \(exit 130\)/);
    expect(text).toMatch(/still running on AWS: deployment ecs-svc\/\S+ .*it was not stopped/);
    expect(text).toContain('ecs-rollout watch --cluster prod --service api');
    expect(text).toContain('ecs-rollout rollback --cluster prod --service api --yes');
  });

  it('exits 7 when UpdateService is denied, and says the service is unchanged', async () => {
    sim.faults.add({ kind: 'access-denied', service: 'ecs', operation: 'UpdateService' });
    const run = await runCli(deployArgs(':v2'), cliEnv(sim));
    expect(run.code).toBe(7);
    expect(run.result).toMatchObject({ outcome: 'ACCESS_DENIED', exitCode: 7 });
    expect(run.stderr).toMatch(/UpdateService/);
  });

  it('--no-wait returns 0 once started, and the result says it is still in progress', async () => {
    const run = await runCli(deployArgs(':v2', '--no-wait'), cliEnv(sim));
    expect(run.code).toBe(0);
    expect(run.result).toMatchObject({ outcome: 'IN_PROGRESS', exitCode: 0 });
    expect(run.result?.reason).toMatch(/started, not succeeded/);
    expect(run.json.some((l) => l.type === 'progress')).toBe(false);
  });
});

describe('text output', () => {
  it('prints lines, not a screen: no escape sequences, a result line at the end', async () => {
    stopAdvancing = advanceOnPoll(sim, 5_000);
    const run = await runCli(
      ['deploy', ...FAST, '--service', 'api', '--image', ':v2', '--yes'],
      cliEnv(sim),
    );
    expect(run.code).toBe(0);
    const text = run.stdout.join('\n');
    expect(text).not.toContain('\u001b[');
    expect(run.stdout.filter(Boolean).at(-2)).toMatch(
      /^result: SUCCEEDED \(exit 0\) · deployment ecs-svc\//,
    );
    expect(text).toMatch(/IN_PROGRESS · api:2 · PRIMARY api:2 \d\/2 running/);
    expect(() => parseLine(run.stdout[0]!)).toThrow();
  });
});
