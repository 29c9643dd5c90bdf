import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanLine } from '../../src/cli/json-schema';
import type { RunningSimulator } from '../../src/sim';
import { startTestSim } from '../helpers/sim';
import { advanceOnPoll, cliEnv, killChildren, runCli } from './cli-process';
import { buildCliWorld, FAST } from './fixture';

let sim: RunningSimulator;
let dir: string;
let stopAdvancing: (() => void) | undefined;

beforeEach(async () => {
  sim = await startTestSim();
  buildCliWorld(sim);
  dir = mkdtempSync(join(tmpdir(), 'ecs-rollout-plan-'));
});

afterEach(async () => {
  stopAdvancing?.();
  stopAdvancing = undefined;
  killChildren();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const mutating = () =>
  ['RegisterTaskDefinition', 'UpdateService', 'StopServiceDeployment'].reduce(
    (n, op) => n + sim.calls.count('ecs', op),
    0,
  );

describe('plan', () => {
  it('prints the diff, checks, calls and the equivalent command, and changes nothing', async () => {
    const run = await runCli(
      ['plan', ...FAST, '--service', 'api', '--image', ':v2', '--output', 'json'],
      cliEnv(sim),
    );
    expect(run.code).toBe(0);
    const plan = run.json.find((l): l is PlanLine => l.type === 'plan')!;
    expect(plan).toMatchObject({
      cluster: 'prod',
      service: 'api',
      strategy: 'rolling',
      currentRevision: 'api:1',
      blockers: [],
    });
    expect(plan.nextRevision).toBe('api:<new revision>');
    expect(plan.diff.some((d) => d.marker === '~' && d.path === 'app.image')).toBe(true);
    expect(plan.calls.map((c) => c.operation)).toEqual(['RegisterTaskDefinition', 'UpdateService']);
    expect(plan.checks.find((c) => c.id === 'digest-pinned')?.status).toBe('pass');
    // the endpoint in use (here AWS_ENDPOINT_URL) is in the line: without it, it would reach AWS
    expect(plan.command).toBe(
      `ecs-rollout deploy --endpoint-url ${sim.endpoint} --cluster prod --service api --strategy rolling --image :v2 --min-healthy-percent 100 --max-percent 200 --circuit-breaker rollback --alarms none --wait --yes`,
    );
    expect(run.result).toMatchObject({ outcome: 'NONE', exitCode: 0 });
    expect(mutating()).toBe(0);
  });

  it('never prints environment values or secret sources', async () => {
    const run = await runCli(['plan', ...FAST, '--service', 'api', '--image', ':v2'], cliEnv(sim));
    expect(run.code).toBe(0);
    const families = sim.world.region('us-east-1').ecs.taskDefinitions;
    const secrets = [...families.values()].flatMap((family) =>
      family.revisions
        .flatMap((rec) => rec.containerDefinitions)
        .flatMap((c) => [
          ...(c.environment ?? []).map((e) => e.value),
          ...(c.secrets ?? []).map((x) => x.valueFrom),
        ]),
    );
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets.filter((v): v is string => !!v && v.length > 4))
      expect(run.stdout.join('\n')).not.toContain(secret);
  });

  it('exits 1 when a check fails (a tag that is not in ECR), and still changes nothing', async () => {
    const run = await runCli(
      ['plan', ...FAST, '--service', 'api', '--image', ':v9', '--output', 'json'],
      cliEnv(sim),
    );
    expect(run.code).toBe(1);
    expect(run.result).toMatchObject({ outcome: 'FAILED', exitCode: 1 });
    expect(run.result?.reason).toMatch(/image exists/);
    expect(mutating()).toBe(0);
  });

  it('is exit 2 for a service that does not exist', async () => {
    const run = await runCli(['plan', ...FAST, '--service', 'nope', '--image', ':v2'], cliEnv(sim));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/service "nope" not found in cluster "prod"/);
    expect(run.stderr).toMatch(/hint: /);
  });
});

describe('plan --out, then deploy --plan-file', () => {
  it('applies exactly the saved plan', async () => {
    const file = join(dir, 'plan.json');
    const planned = await runCli(
      ['plan', ...FAST, '--service', 'api', '--image', ':v2', '--out', file],
      cliEnv(sim),
    );
    expect(planned.code).toBe(0);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({
      version: 1,
      request: { cluster: 'prod', service: 'api', strategy: 'rolling' },
    });
    expect(mutating()).toBe(0);

    stopAdvancing = advanceOnPoll(sim, 5_000);
    const run = await runCli(
      ['deploy', '--plan-file', file, '--poll-interval', '20ms', '--yes', '--output', 'json'],
      cliEnv(sim),
    );
    expect(run.code).toBe(0);
    expect(run.result).toMatchObject({ outcome: 'SUCCEEDED', revision: 'api:2' });
    const plan = run.json.find((l): l is PlanLine => l.type === 'plan')!;
    expect(plan.fingerprint).toBe(saved.fingerprint);
  });

  it('refuses with exit 2 when the service changed since the plan was made', async () => {
    const file = join(dir, 'plan.json');
    expect(
      (
        await runCli(
          ['plan', ...FAST, '--service', 'api', '--image', ':v2', '--out', file],
          cliEnv(sim),
        )
      ).code,
    ).toBe(0);
    // someone else deploys in between
    const other = await runCli(
      ['deploy', ...FAST, '--service', 'api', '--image', ':v2', '--yes', '--no-wait'],
      cliEnv(sim),
    );
    expect(other.code).toBe(0);
    const updates = sim.calls.count('ecs', 'UpdateService');

    const run = await runCli(
      ['deploy', '--plan-file', file, '--yes', '--output', 'json'],
      cliEnv(sim),
    );
    expect(run.code).toBe(2);
    expect(run.result).toMatchObject({ outcome: 'USAGE_ERROR', exitCode: 2 });
    expect(run.result?.reason).toMatch(/changed since the plan was made/);
    expect(run.stderr).toMatch(/make a new plan/);
    expect(sim.calls.count('ecs', 'UpdateService')).toBe(updates);
  });

  it('refuses flags that would change a saved plan', async () => {
    const file = join(dir, 'plan.json');
    await runCli(
      ['plan', ...FAST, '--service', 'api', '--image', ':v2', '--out', file],
      cliEnv(sim),
    );
    const run = await runCli(
      ['deploy', '--plan-file', file, '--image', ':v9', '--yes'],
      cliEnv(sim),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/applies the saved plan exactly; leave out --image/);
  });

  it('refuses a file that is not a plan', async () => {
    const run = await runCli(
      ['deploy', '--plan-file', join(dir, 'missing.json'), '--yes'],
      cliEnv(sim),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read plan file/);
  });
});

describe('protected services', () => {
  it('need --confirm-service NAME when not at a terminal', async () => {
    const refused = await runCli(
      ['deploy', ...FAST, '--service', 'vault', '--image', ':v2', '--yes'],
      cliEnv(sim),
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/"vault" is protected/);
    expect(refused.stderr).toMatch(/--confirm-service vault/);
    expect(mutating()).toBe(0);

    const wrong = await runCli(
      [
        'deploy',
        ...FAST,
        '--service',
        'vault',
        '--image',
        ':v2',
        '--yes',
        '--confirm-service',
        'api',
      ],
      cliEnv(sim),
    );
    expect(wrong.code).toBe(2);

    const run = await runCli(
      [
        'deploy',
        ...FAST,
        '--service',
        'vault',
        '--image',
        ':v2',
        '--yes',
        '--confirm-service',
        'vault',
        '--no-wait',
      ],
      cliEnv(sim),
    );
    expect(run.code).toBe(0);
    expect(sim.calls.count('ecs', 'UpdateService')).toBe(1);
  });
});

/** Shell words of a printed command line (quoted only when needed), without `ecs-rollout`. */
function argsOf(line: string): string[] {
  const words = [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) =>
    m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!,
  );
  expect(words[0]).toBe('ecs-rollout');
  return words.slice(1);
}

describe('the command lines plan and deploy print run as printed', () => {
  it('a protected service: "apply with" confirms it by name, and runs', async () => {
    const planned = await runCli(
      ['plan', ...FAST, '--service', 'vault', '--image', ':v2', '--output', 'json'],
      cliEnv(sim),
    );
    expect(planned.code).toBe(0);
    const plan = planned.json.find((l): l is PlanLine => l.type === 'plan')!;
    expect(plan.protectedService).toBe(true);
    expect(plan.command).toMatch(/ --wait --confirm-service vault --yes$/);
    const apply = /apply with: (.*)$/.exec(planned.result!.reason)![1]!;
    expect(apply).toBe(plan.command);

    stopAdvancing = advanceOnPoll(sim, 5_000);
    const run = await runCli(
      [...argsOf(apply), '--poll-interval', '20ms', '--output', 'json'],
      cliEnv(sim),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.result).toMatchObject({ outcome: 'SUCCEEDED', service: 'vault' });
  });

  it('plan --out: "apply with" the plan file keeps the reach and the confirmation', async () => {
    const file = join(dir, 'vault.json');
    const planned = await runCli(
      [
        'plan',
        ...FAST,
        '--endpoint-url',
        sim.endpoint,
        '--region',
        'us-east-1',
        '--service',
        'vault',
        '--image',
        ':v2',
        '--out',
        file,
        '--output',
        'json',
      ],
      cliEnv(sim),
    );
    const apply = /apply with: (.*)$/.exec(planned.result!.reason)![1]!;
    expect(apply).toBe(
      `ecs-rollout deploy --region us-east-1 --endpoint-url ${sim.endpoint} --plan-file ${file} --confirm-service vault --yes`,
    );
    const plan = planned.json.find((l): l is PlanLine => l.type === 'plan')!;
    expect(plan.command).toMatch(
      new RegExp(
        `^ecs-rollout deploy --region us-east-1 --endpoint-url ${sim.endpoint} --cluster prod --service vault `,
      ),
    );
    const run = await runCli([...argsOf(apply), '--no-wait', '--output', 'json'], cliEnv(sim));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('deploy --wait-until and --no-wait say so in the plan line', async () => {
    const deploy = (...extra: string[]) =>
      runCli(
        ['deploy', ...FAST, '--service', 'api', '--yes', '--output', 'json', ...extra],
        cliEnv(sim),
      );
    const planOf = (run: Awaited<ReturnType<typeof runCli>>) =>
      run.json.find((l): l is PlanLine => l.type === 'plan')!.command;

    stopAdvancing = advanceOnPoll(sim, 5_000);
    const until = await deploy('--image', ':v2', '--wait-until', 'deployed');
    expect(until.code).toBe(0);
    expect(planOf(until)).toMatch(/ --wait --wait-until deployed --yes$/);
    stopAdvancing();
    stopAdvancing = undefined;

    const noWait = await deploy('--image', ':v1', '--no-wait');
    expect(noWait.code).toBe(0);
    expect(planOf(noWait)).toMatch(/ --image :v1 .* --no-wait --yes$/);
    expect(planOf(noWait)).not.toMatch(/ --wait /);
  });
});
