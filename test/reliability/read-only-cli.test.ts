import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isMutatingOperation } from '../../src/aws';
import type { PlanLine } from '../../src/cli/json-schema';
import type { RunningSimulator } from '../../src/sim';
import { buildRepository, ecrImageUri } from '../../src/sim/services/ecr/builder';
import { elbState } from '../../src/sim/services/elbv2/model';
import { resolveRule } from '../../src/sim/services/elbv2/weights';
import { startWorld } from '../../src/tui/testing/browse-harness';
import { advanceOnPoll, cliEnv, killChildren, runCli, type Finished } from '../cli/cli-process';
import { buildCliWorld, FAST } from '../cli/fixture';
import { canaryWorld, type CanaryWorld } from '../deploy/alb-canary-world';
import { buildCodeDeployWorld } from '../helpers/codedeploy-world';
import { nativeService, REGION } from '../sim/native-helpers';

// Issue 10: `--read-only` makes zero mutating calls on every command. Rollouts of every kind are
// started first (not read-only: rolling in flight, an ECS-native canary paused at a hook, a
// CodeDeploy blue/green waiting at Ready, a client-driven ALB canary at a manual step); then the
// simulator's call log is cleared and every command runs with --read-only, given before and
// after the command name. Changes are refused with exit 2 and the reason, before any call;
// reads work; the log holds not one mutating operation at the end.

let stopAdvancing: (() => void) | undefined;
let canary: CanaryWorld | undefined;
afterEach(async () => {
  stopAdvancing?.();
  stopAdvancing = undefined;
  killChildren();
  await canary?.close();
  canary = undefined;
});

type Where = 'before' | 'after';
const VERBS = { deploy: 'deploy', promote: 'promote', rollback: 'roll back', abort: 'abort' };

/** Runs the binary with --read-only placed before or after the command name. */
function readOnly(sim: RunningSimulator, env = cliEnv(sim)) {
  const run = (where: Where, command: string, ...args: string[]): Promise<Finished> =>
    runCli(
      where === 'before' ? ['--read-only', command, ...args] : [command, ...args, '--read-only'],
      env,
    );
  /** A change: exit 2 saying why, in text (before) and JSON (after), and nothing sent. */
  const refused = async (command: keyof typeof VERBS, ...args: string[]) => {
    for (const where of ['before', 'after'] as const) {
      const json = where === 'after' ? ['--output', 'json'] : [];
      const sent = sim.calls.all().length;
      const done = await run(where, command, ...args, ...json);
      const said = `${command} ${args.join(' ')} (${where})\n${done.stdout.join('\n')}\n${done.stderr}`;
      const verb = args.includes('--full') ? 'promote fully' : VERBS[command];
      const reason = `--read-only refuses to ${verb}`;
      expect(done.code, said).toBe(2);
      expect(done.stderr, said).toContain(`${reason}: it changes the service`);
      expect(done.stderr, said).toMatch(/hint: leave out --read-only to make changes/);
      if (json.length)
        expect(done.result, said).toMatchObject({
          command,
          outcome: 'USAGE_ERROR',
          exitCode: 2,
          reason: expect.stringContaining(reason) as string,
        });
      expect(sim.calls.all().length, `${said}\nsent a call`).toBe(sent);
    }
  };
  /** A read: the exit it would have anyway, and no error about read-only. */
  const reads = async (code: number, where: Where, command: string, ...args: string[]) => {
    const done = await run(where, command, ...args);
    const said = `${command} ${args.join(' ')} (${where})\n${done.stdout.join('\n')}\n${done.stderr}`;
    expect(done.code, said).toBe(code);
    expect(done.stderr, said).not.toMatch(/read-only/);
    return done;
  };
  return { refused, reads };
}

const out = (done: Finished) => done.stdout.join('\n');

/** Every mutating call the simulator served, as `service:Operation`. */
const mutating = (sim: RunningSimulator) =>
  sim.calls
    .all()
    .filter((c) => isMutatingOperation(c.operation))
    .map((c) => `${c.service}:${c.operation}`);

describe('--read-only on every CLI command', () => {
  it('rolling, ECS-native canary, CodeDeploy: changes refused, reads work, no mutating call', async () => {
    const sim = await startWorld();
    buildCliWorld(sim);
    buildCodeDeployWorld(sim.world, {
      blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 600 },
    });
    buildRepository(sim.world, REGION, 'edge', { images: [{ tag: 'v1' }, { tag: 'v2' }] });
    nativeService(sim, {
      name: 'edge',
      image: ecrImageUri(sim.world, REGION, 'edge', 'v1'),
      config: {
        strategy: 'CANARY',
        bakeTimeInMinutes: 2,
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
      },
    });
    const svc = (name: string) => [...FAST, '--service', name];
    const [api, vault, edge, web] = [svc('api'), svc('vault'), svc('edge'), svc('web')];
    const env = cliEnv(sim);

    // rollouts in flight, started by a client that may change things
    const pausedAt = ['--yes', '--wait-until', 'paused'];
    stopAdvancing = advanceOnPoll(sim, 2_000);
    const pause = ['--pause-stages', 'PRE_PRODUCTION_TRAFFIC_SHIFT'];
    expect(
      (await runCli(['deploy', ...edge, '--image', ':v2', ...pause, ...pausedAt], env)).code,
    ).toBe(5);
    expect((await runCli(['deploy', ...web, '--image', ':v2', ...pausedAt], env)).code).toBe(5);
    stopAdvancing();
    expect(
      (await runCli(['deploy', ...api, '--image', ':v2', '--yes', '--no-wait'], env)).code,
    ).toBe(0);
    sim.calls.clear();

    const { refused, reads } = readOnly(sim, env);
    // deploy with every strategy the world has a service for
    await refused('deploy', ...api, '--image', ':v2', '--strategy', 'rolling', '--yes');
    await refused('deploy', ...vault, '--image', ':v2', '--confirm-service', 'vault', '--yes');
    for (const strategy of ['blue-green', 'linear', 'canary'])
      await refused('deploy', ...edge, '--image', ':v2', '--strategy', strategy, '--yes');
    await refused('deploy', ...web, '--image', ':v2', '--strategy', 'codedeploy', '--yes');
    // without --yes the read-only reason still comes first; --no-wait changes nothing about it
    await refused('deploy', ...vault, '--image', ':v2');
    await refused('deploy', ...vault, '--task-definition', 'vault:1', '--yes', '--no-wait');
    // a saved plan: making it is a read (a local file), applying it is a change
    const planFile = join(mkdtempSync(join(tmpdir(), 'ecs-rollout-ro-')), 'plan.json');
    const planned = await reads(
      0,
      'after',
      'plan',
      ...vault,
      '--image',
      ':v2',
      '--out',
      planFile,
      '--output',
      'json',
    );
    expect(planned.json.find((l): l is PlanLine => l.type === 'plan')).toMatchObject({
      service: 'vault',
      blockers: [],
    });
    expect(JSON.parse(readFileSync(planFile, 'utf8'))).toMatchObject({ version: 1 });
    await refused('deploy', '--plan-file', planFile, '--yes');
    // promote, rollback and abort on each rollout in flight, and when nothing is in flight
    for (const where of [api, edge, web]) {
      await refused('promote', ...where, '--yes');
      await refused('rollback', ...where, '--yes');
      await refused('abort', ...where, '--yes');
    }
    await refused('promote', ...edge, '--full', '--yes', '--no-wait');
    await refused(
      'rollback',
      ...vault,
      '--to',
      'latest-good',
      '--confirm-service',
      'vault',
      '--yes',
    );
    await refused('abort', ...vault, '--yes');

    // reads: plan, status, watch, rollback --list, audit
    const plan = await reads(0, 'before', 'plan', ...vault, '--image', ':v2');
    expect(out(plan)).toMatch(/^plan: prod\/vault with rolling: vault:1 → vault:<new revision>/m);
    // a plan next to a rollout in flight fails its check (exit 1), as it would without the flag
    const blocked = await reads(
      1,
      'after',
      'plan',
      ...edge,
      '--image',
      ':v1',
      '--strategy',
      'canary',
    );
    expect(out(blocked)).toMatch(/FAIL nothing else in progress/);
    const status = await reads(0, 'before', 'status', ...api);
    expect(out(status)).toMatch(/^api\s+2\s+.*in progress/m);
    const all = await reads(0, 'after', 'status', ...FAST, '--all', '--output', 'json');
    expect(all.result?.reason).toBe('4 services in prod, 3 with a rollout in progress');
    const listed = await reads(0, 'before', 'rollback', ...api, '--list');
    expect(out(listed)).toContain('1 completed revision; nothing was changed');
    await reads(0, 'after', 'rollback', ...web, '--list', '--output', 'json');
    stopAdvancing = advanceOnPoll(sim, 2_000);
    const paused = await reads(5, 'before', 'watch', ...edge, '--wait-until', 'paused');
    expect(out(paused)).toMatch(/paused at PRE_PRODUCTION_TRAFFIC_SHIFT/);
    const ready = await reads(5, 'after', 'watch', ...web, '--timeout', '1s', '--output', 'json');
    expect(ready.result).toMatchObject({ command: 'watch', outcome: 'PAUSED' });
    stopAdvancing();
    stopAdvancing = advanceOnPoll(sim, 5_000);
    const followed = await reads(0, 'after', 'watch', ...api, '--output', 'json');
    expect(followed.result).toMatchObject({ outcome: 'SUCCEEDED', revision: 'api:2' });
    // nothing in progress any more: watch says how the last deployment ended
    const ended = await reads(0, 'before', 'watch', ...api);
    expect(out(ended)).toContain('no rollout in progress on prod/api');
    for (const where of ['before', 'after'] as const) await reads(0, where, 'audit');

    // the paused rollouts are where they were: nobody continued or stopped them
    const still = await reads(0, 'before', 'status', ...FAST, '--all', '--output', 'json');
    expect(still.result?.reason).toBe('4 services in prod, 2 with a rollout in progress');
    expect(sim.calls.all().length).toBeGreaterThan(100);
    expect(mutating(sim)).toEqual([]);
  }, 60_000);

  it('the client-driven ALB canary: read-only watch follows it without moving it', async () => {
    canary = await canaryWorld();
    const { sim, ruleArn } = canary;
    const orders = [...FAST, '--service', 'orders'];
    const env = cliEnv(sim);
    const start = [
      'deploy',
      ...orders,
      '--strategy',
      'alb-canary',
      '--image',
      ':v2',
      '--steps',
      '50,100',
      '--bake-minutes',
      '0',
      '--no-error-gate',
      '--advance',
      'manual',
      '--yes',
    ];
    stopAdvancing = advanceOnPoll(sim, 5_000);
    expect((await runCli([...start, '--wait-until', 'paused'], env)).code).toBe(5);
    // the rule as the simulator holds it: forward weights and the plan in its tags
    const rule = () => {
      const state = elbState(sim.world, REGION);
      const tags = [...(state.tags.get(ruleArn)?.entries() ?? [])];
      return JSON.stringify({ rule: resolveRule(state, ruleArn), tags });
    };
    sim.calls.clear();

    const { refused, reads } = readOnly(sim, env);
    await refused('deploy', ...orders, '--strategy', 'alb-canary', '--image', ':v2', '--yes');
    for (const command of ['promote', 'rollback', 'abort'] as const)
      await refused(command, ...orders, '--yes');
    await refused('promote', ...orders, '--full', '--yes');

    const before = rule();
    const watched = await reads(
      5,
      'after',
      'watch',
      ...orders,
      '--timeout',
      '2s',
      '--output',
      'json',
    );
    expect(watched.result).toMatchObject({ outcome: 'PAUSED' });
    expect(out(watched)).toContain('read-only: this client shows the plan but does not advance it');
    await reads(5, 'before', 'watch', ...orders, '--wait-until', 'paused');
    await reads(0, 'before', 'status', ...orders);
    await reads(0, 'after', 'rollback', ...orders, '--list');
    expect(rule()).toBe(before);
    expect(before).toContain('ecs-rollout:canary');
    expect(sim.calls.count('elbv2', 'DescribeRules')).toBeGreaterThan(2);
    expect(mutating(sim)).toEqual([]);
  }, 60_000);
});
