import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResultLine } from '../../src/cli/json-schema';
import { isMutatingOperation } from '../../src/aws';
import { buildDeployWorld } from '../../src/screens/shared/testing/deploy-world';
import type { RunningSimulator } from '../../src/sim';
import { buildRepository, ecrImageUri } from '../../src/sim/services/ecr/builder';
import { advanceOnPoll, cliEnv, finished, killChildren, startCli } from '../cli/cli-process';
import { canaryWorld, type CanaryWorld } from '../deploy/alb-canary-world';
import { buildCodeDeployWorld } from '../helpers/codedeploy-world';
import { startTestSim } from '../helpers/sim';
import { nativeService } from '../sim/native-helpers';

// The built CLI as CI runs it (stdout a pipe), signalled at each phase of each strategy:
// before the first write, between the register and the update, mid canary step, during a
// rollback. It never stops the rollout, exits 130, and says what runs on AWS and how to
// watch, resume or roll it back; a second signal during a write says it may or may not have
// reached AWS.

let sim: RunningSimulator | undefined;
let world: CanaryWorld | undefined;
let stopAdvancing: (() => void) | undefined;
afterEach(async () => {
  stopAdvancing?.();
  stopAdvancing = undefined;
  killChildren();
  await sim?.close();
  await world?.close();
  sim = world = undefined;
});

interface Strategy {
  name: string;
  service: string;
  deploy: string[];
  /** The write after the register. */
  update: { service: 'ecs' | 'codedeploy'; operation: string };
  start: () => Promise<RunningSimulator>;
}

const STRATEGIES: Strategy[] = [
  {
    name: 'rolling',
    service: 'api',
    deploy: ['--image', ':v1.3.0'],
    update: { service: 'ecs', operation: 'UpdateService' },
    start: async () => {
      const s = (sim = await startTestSim());
      buildDeployWorld(s.world);
      return s;
    },
  },
  {
    name: 'ECS-native canary',
    service: 'web',
    deploy: ['--image', ':v2', '--pause-stages', 'PRE_PRODUCTION_TRAFFIC_SHIFT'],
    update: { service: 'ecs', operation: 'UpdateService' },
    start: async () => {
      const s = (sim = await startTestSim());
      buildRepository(s.world, 'us-east-1', 'web', { images: [{ tag: 'v1' }, { tag: 'v2' }] });
      nativeService(s, {
        image: ecrImageUri(s.world, 'us-east-1', 'web', 'v1'),
        config: {
          strategy: 'CANARY',
          bakeTimeInMinutes: 2,
          canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
        },
      });
      return s;
    },
  },
  {
    name: 'CodeDeploy',
    service: 'web',
    deploy: ['--image', ':v2'],
    update: { service: 'codedeploy', operation: 'CreateDeployment' },
    start: async () => {
      const s = (sim = await startTestSim());
      buildCodeDeployWorld(s.world, {
        blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 600 },
      });
      return s;
    },
  },
  {
    name: 'ALB canary',
    service: 'orders',
    deploy: [
      '--strategy',
      'alb-canary',
      '--image',
      ':v2',
      '--steps',
      '10,50,100',
      '--bake-minutes',
      '1',
      '--no-error-gate',
    ],
    update: { service: 'ecs', operation: 'UpdateService' },
    start: async () => (world = await canaryWorld()).sim,
  },
];

const common = (service: string) => [
  '--cluster',
  'prod',
  '--service',
  service,
  '--poll-interval',
  '20ms',
  '--output',
  'json',
];
const deployArgs = (s: Strategy) => ['deploy', ...common(s.service), ...s.deploy, '--yes'];
const mutations = (s: RunningSimulator) =>
  s.calls.all().filter((c) => isMutatingOperation(c.operation));

async function end(run: ReturnType<typeof startCli>) {
  const { code } = await run.done();
  return finished(run, code, true);
}

describe.each(STRATEGIES)('$name', (strategy) => {
  it('SIGINT before the first write: exit 130, "before anything was changed", nothing sent', async () => {
    const s = await strategy.start();
    s.faults.add({ kind: 'hang', service: 'ecr', operation: 'DescribeImages' });
    const run = startCli(deployArgs(strategy), cliEnv(s));
    await vi.waitFor(() => expect(s.calls.count('ecr', 'DescribeImages')).toBe(1), {
      timeout: 15_000,
    });
    run.child.kill('SIGINT');
    const out = await end(run);
    expect(out.code).toBe(130);
    expect(out.result).toMatchObject({
      outcome: 'INTERRUPTED',
      reason: 'interrupted (SIGINT) before anything was changed',
    });
    expect(mutations(s)).toEqual([]);
  });

  it('SIGTERM between the register and the update: the update completes, exit 130 names what runs', async () => {
    const s = await strategy.start();
    stopAdvancing = advanceOnPoll(s, 2_000);
    s.faults.add({ kind: 'latency', latencyMs: 1_500, ...strategy.update, times: 1 });
    const run = startCli(deployArgs(strategy), cliEnv(s));
    await vi.waitFor(() => expect(s.calls.count('ecs', 'RegisterTaskDefinition')).toBe(1), {
      timeout: 15_000,
    });
    run.child.kill('SIGTERM');
    const out = await end(run);
    expect(out.code).toBe(130);
    const result = out.result as ResultLine;
    expect(result.outcome).toBe('INTERRUPTED');
    expect(result.reason).toMatch(/keeps running on AWS/);
    expect(result.running?.deploymentId).toBeTruthy();
    expect(result.next?.join('\n')).toContain(`ecs-rollout watch --cluster prod --service`);
    // interrupting never stops or rolls back the rollout
    const stops = mutations(s).filter((c) => /^(Stop|Continue)/.test(c.operation));
    expect(stops).toEqual([]);
  });

  it('a second SIGTERM while the write hangs: leaves at once, saying it may or may not have reached AWS', async () => {
    const s = await strategy.start();
    s.faults.add({ kind: 'hang', ...strategy.update });
    const run = startCli(deployArgs(strategy), cliEnv(s));
    const hung = () => s.calls.all().filter((c) => c.errorCode === 'hang').length;
    await vi.waitFor(() => expect(hung()).toBe(1), { timeout: 15_000 });
    run.child.kill('SIGTERM');
    // signals are not queued: the second is sent once the first has been taken
    await vi.waitFor(() => expect(run.stderr()).toContain('a second signal leaves at once'), {
      timeout: 10_000,
    });
    run.child.kill('SIGTERM');
    const out = await end(run);
    expect(out.code).toBe(130);
    expect(out.stderr).toContain(
      `interrupted while changing ${strategy.service}; the change may or may not have reached AWS. Check with: ecs-rollout status --cluster prod --service ${strategy.service}`,
    );
  });
});

describe('mid canary step and during a rollback', () => {
  it('ALB canary: SIGINT at 10 % leaves the weights held; `watch` from a new process resumes from the rule tags to SUCCEEDED', async () => {
    const alb = STRATEGIES[3]!;
    const s = await alb.start();
    stopAdvancing = advanceOnPoll(s, 5_000);
    const run = startCli(deployArgs(alb), cliEnv(s));
    await run.waitForLine((l) => /"label":"10%"/.test(l) || /canary 10%/.test(l));
    run.child.kill('SIGINT');
    const out = await end(run);
    expect(out.code).toBe(130);
    expect(out.result?.reason).toMatch(/client follows it: run ecs-rollout watch/);
    const watch = startCli(['watch', ...common('orders')], cliEnv(s));
    const resumed = await end(watch);
    expect(resumed.code).toBe(0);
    expect(resumed.result).toMatchObject({ outcome: 'SUCCEEDED', strategy: 'alb-canary' });
  }, 120_000);

  it.each([0, 1, 2])(
    'SIGHUP while `rollback --wait` follows the roll back: exit 130, what runs (%i)',
    async (i) => {
      const strategy = STRATEGIES[i]!;
      const s = await strategy.start();
      stopAdvancing = advanceOnPoll(s, 2_000);
      // in flight when the rollback starts: a rolling update is left running, the others paused
      const until = i === 0 ? ['--no-wait'] : ['--wait-until', 'paused'];
      const started = await end(startCli([...deployArgs(strategy), ...until], cliEnv(s)));
      expect([0, 5]).toContain(started.code);
      const run = startCli(['rollback', ...common(strategy.service), '--yes'], cliEnv(s));
      await run.waitForLine((l) => l.includes('"type":"progress"'));
      run.child.kill('SIGHUP');
      const out = await end(run);
      expect(out.code).toBe(130);
      expect(out.result).toMatchObject({ outcome: 'INTERRUPTED', command: 'rollback' });
      expect(out.result?.reason).toMatch(
        /stopped waiting \(SIGHUP\); the rollout keeps running on AWS/,
      );
    },
    60_000,
  );
});
