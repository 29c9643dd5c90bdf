import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/app';
import { LEAVE_ALT_SCREEN, runFullScreen, SHOW_CURSOR } from '../../src/app/full-screen';
import { inFlight } from '../../src/app/in-flight';
import { createGateway, type ClosableAwsGateway } from '../../src/aws';
import { attachAlbCanary } from '../../src/deploy/alb-canary/attach';
import { applyPlan, planDeploy } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import type { DeployRequest } from '../../src/deploy/plan/types';
import type { RolloutController, RolloutView } from '../../src/deploy/types';
import { bindingFor } from '../../src/keys/bindings';
import { keySequence } from '../../src/keys/key-spec';
import { buildDeployWorld } from '../../src/screens/shared/testing/deploy-world';
import { buildRepository, ecrImageUri } from '../../src/sim/services/ecr/builder';
import {
  canaryWorld,
  driveUntil,
  MIN,
  simNow,
  startCanary,
  type CanaryWorld,
} from '../deploy/alb-canary-world';
import { buildCodeDeployWorld } from '../helpers/codedeploy-world';
import { FakeStderr, FakeStdin, FakeStdout } from '../helpers/fake-terminal';
import { createManualTimer } from '../helpers/manual-timer';
import { placeholderScreens } from '../helpers/placeholder-screens';
import { TEST_CONTEXT } from '../helpers/render-app';
import { SIM_CREDENTIALS, startTestSim } from '../helpers/sim';
import { nativeService } from '../sim/native-helpers';

// The full-screen runner of the TUI, ended by Ctrl-C (a key), SIGTERM or SIGHUP at each phase
// of each strategy: the terminal is restored, then what the session changed on AWS is printed
// with how to watch, resume or roll it back. The rollouts are driven by the engine on a gateway
// the in-flight registry tracks, as the app's connection is (src/tui/connect.ts).

type Sim = Awaited<ReturnType<typeof startTestSim>>;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  inFlight.clear();
});

class FakeProcess extends EventEmitter {
  exit = vi.fn();
}
const RESTORE = SHOW_CURSOR + LEAVE_ALT_SCREEN;

/** The app full screen on a fake terminal; `end` ends it as a person or the system would. */
function fullScreen() {
  const t = {
    stdout: new FakeStdout(100, 30),
    stdin: new FakeStdin(),
    stderr: new FakeStderr(),
    process: new FakeProcess(),
  };
  const running = runFullScreen(
    <App context={TEST_CONTEXT} screens={placeholderScreens()} timer={createManualTimer()} />,
    {
      stdout: t.stdout as unknown as NodeJS.WriteStream,
      stdin: t.stdin as unknown as NodeJS.ReadStream,
      stderr: t.stderr as unknown as NodeJS.WriteStream,
      process: t.process,
      patchConsole: false,
      afterRestore: () => inFlight.summary(),
    },
  );
  return {
    async end(how: 'ctrl-c' | 'SIGTERM' | 'SIGHUP'): Promise<string> {
      if (how === 'ctrl-c') t.stdin.write(keySequence(bindingFor('global.interrupt').keys[0]!));
      else t.process.emit(how);
      await running;
      const out = t.stdout.output();
      // restored first, then the summary on the normal screen
      expect(out.endsWith(RESTORE)).toBe(true);
      if (how !== 'ctrl-c')
        expect(t.process.exit).toHaveBeenCalledWith(how === 'SIGTERM' ? 143 : 129);
      return t.stderr.output();
    },
  };
}

async function tracked(sim: Sim, requestTimeoutMs = 10_000): Promise<ClosableAwsGateway> {
  const gw = await createGateway({
    region: 'us-east-1',
    endpointUrl: sim.endpoint,
    credentials: SIM_CREDENTIALS,
    maxAttempts: 1,
    requestTimeoutMs,
  });
  cleanups.push(inFlight.track(gw, { flags: ' --region us-east-1' }), () => gw.close());
  return gw;
}

async function simWith(build: (sim: Sim) => void): Promise<Sim> {
  const sim = await startTestSim();
  build(sim);
  cleanups.push(() => sim.close());
  return sim;
}

const request = (
  service: string,
  strategy: DeployRequest['strategy'],
  ref: string,
  settings = {},
) =>
  ({
    cluster: 'prod',
    service,
    strategy,
    target: { kind: 'image', images: [{ ref }], pinDigest: true },
    settings,
  }) as DeployRequest;

async function pollUntil(sim: Sim, c: RolloutController, done: (v: RolloutView) => boolean) {
  for (let i = 0; i < 600; i++) {
    const v = await c.poll();
    if (done(v)) return v;
    sim.advance(5_000);
  }
  throw new Error('never reached');
}

interface StrategyCase {
  strategy: DeployRequest['strategy'];
  service: string;
  image: string;
  settings?: Record<string, unknown>;
  world: (sim: Sim) => void;
  /** The write after the register. */
  update: { service: 'ecs' | 'codedeploy'; operation: string; said: RegExp };
  /** How it rolls back in flight, once started. */
  rollback: RegExp;
}

const CASES: StrategyCase[] = [
  {
    strategy: 'rolling',
    service: 'api',
    image: ':v1.3.0',
    world: (sim) => buildDeployWorld(sim.world),
    update: {
      service: 'ecs',
      operation: 'UpdateService',
      said: /NO ANSWER: ecs:UpdateService on service "api" in cluster "prod" was sent and the app ended before AWS replied: it may or may not have happened\n {4}check: ecs-rollout status --cluster prod --service api --region us-east-1/,
    },
    rollback: /prod\/api: UpdateService → api:4; StopServiceDeployment ROLLBACK/,
  },
  {
    strategy: 'canary',
    service: 'web',
    image: ':v2',
    settings: { pauseStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] },
    world: (sim) => {
      buildRepository(sim.world, 'us-east-1', 'web', { images: [{ tag: 'v1' }, { tag: 'v2' }] });
      nativeService(sim, {
        image: ecrImageUri(sim.world, 'us-east-1', 'web', 'v1'),
        config: {
          strategy: 'CANARY',
          bakeTimeInMinutes: 2,
          canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
        },
      });
    },
    update: {
      service: 'ecs',
      operation: 'UpdateService',
      said: /NO ANSWER: ecs:UpdateService on service "web" in cluster "prod"/,
    },
    rollback: /prod\/web: UpdateService → web:2; (Stop|Continue)ServiceDeployment ROLLBACK/,
  },
  {
    strategy: 'codedeploy',
    service: 'web',
    image: ':v2',
    world: (sim) =>
      buildCodeDeployWorld(sim.world, {
        blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 30 },
      }),
    update: {
      service: 'codedeploy',
      operation: 'CreateDeployment',
      said: /NO ANSWER: codedeploy:CreateDeployment on deployment group "web-prod" in application "web" was sent/,
    },
    rollback:
      /CodeDeploy web\/web-prod: CreateDeployment → web:2 deployment d-\w+\n[\s\S]*CodeDeploy deployment d-\w+: StopDeployment deployment d-\w+/,
  },
];

describe('ended before the first write: nothing to say, terminal restored', () => {
  it('Ctrl-C while planning prints nothing after the restore', async () => {
    const sim = await simWith((s) => buildDeployWorld(s.world));
    const gw = await tracked(sim);
    const screen = fullScreen();
    await planDeploy(gw, request('api', 'rolling', ':v1.3.0'));
    expect(await screen.end('ctrl-c')).toBe('');
  });
});

describe.each(CASES)('$strategy', (c) => {
  it('SIGTERM between register and update: the revision registered, the write unanswered, how to check', async () => {
    const sim = await simWith(c.world);
    const gw = await tracked(sim, 2_000);
    const now = () => new Date(sim.world.now);
    const plan = await planDeploy(gw, request(c.service, c.strategy, c.image, c.settings), { now });
    sim.faults.add({ kind: 'hang', service: c.update.service, operation: c.update.operation });
    const screen = fullScreen();
    const applying = applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true }).catch(
      (e: unknown) => e,
    );
    await vi.waitFor(() => expect(gw.calls.pendingWrites?.()).toHaveLength(1), {
      timeout: 10_000,
    });
    const said = await screen.end('SIGTERM');
    expect(said).toMatch(
      /^ecs-rollout: this session changed AWS; deployments it started run on without this app:\n/,
    );
    expect(said).toMatch(
      new RegExp(`task definition family ${c.service}: RegisterTaskDefinition → ${c.service}:\\d+`),
    );
    expect(said).toMatch(c.update.said);
    expect(said).toContain('every change is in the audit log: ecs-rollout audit');
    await applying;
  });

  it('Ctrl-C during a rollback: the deploy and the rollback, with watch and rollback commands', async () => {
    const sim = await simWith(c.world);
    const gw = await tracked(sim);
    const now = () => new Date(sim.world.now);
    const plan = await planDeploy(gw, request(c.service, c.strategy, c.image, c.settings), { now });
    const ctrl = await applyPlan(gw, plan, new RecordingIoHost(), { now, confirmed: true });
    await pollUntil(sim, ctrl, (v) => v.actions.rollback.available);
    const screen = fullScreen();
    expect(await ctrl.act('rollback', new RecordingIoHost())).toMatchObject({ ok: true });
    const said = await screen.end('ctrl-c');
    expect(said).toMatch(c.rollback);
    if (c.strategy !== 'codedeploy') {
      expect(said).toContain(
        `watch or resume: ecs-rollout watch --cluster prod --service ${c.service} --region us-east-1`,
      );
      expect(said).toContain(
        `roll back:       ecs-rollout rollback --cluster prod --service ${c.service} --region us-east-1`,
      );
    }
  });
});

describe('ALB canary', () => {
  let world: CanaryWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('SIGHUP mid step: it says the canary holds until a client drives it; a new client resumes from the rule tags', async () => {
    const w = (world = await canaryWorld());
    cleanups.push(inFlight.track(w.gw, { flags: ' --region us-east-1' }));
    const { controller } = await startCanary(w, { bakeMinutes: 5 });
    const before = await driveUntil(w, controller, (v) => v.step?.label === '25%', 30 * MIN);
    const screen = fullScreen();
    const said = await screen.end('SIGHUP');
    expect(said).toMatch(
      /prod\/orders: .*canary plan running at weights 90\/10; ModifyRule weights orders-tg=75,orders-canary-tg=25; canary plan at weights 75\/25\n/,
    );
    expect(said).toContain(
      'an ALB canary holds its weights until a client drives it again; watch resumes it from the rule tags',
    );
    expect(said).toContain(
      'watch or resume: ecs-rollout watch --cluster prod --service orders --region us-east-1',
    );
    // nobody drives it for a while; a brand-new client picks it up where the tags say
    w.sim.advance(10 * MIN);
    const other = await createGateway({
      region: 'us-east-1',
      endpointUrl: w.sim.endpoint,
      credentials: SIM_CREDENTIALS,
      maxAttempts: 1,
    });
    cleanups.push(() => other.close());
    const resumed = (await attachAlbCanary(other, 'prod', 'orders', { now: simNow(w) }))!;
    const view = await resumed.poll();
    expect(view.rolloutId).toBe(before.rolloutId);
    expect(view.step?.label).toBe('50%');
  }, 60_000);

  it('SIGTERM between the register and the canary service update: the update is unanswered', async () => {
    const w = (world = await canaryWorld());
    cleanups.push(inFlight.track(w.gw, { flags: ' --region us-east-1' }));
    w.sim.faults.add({ kind: 'hang', service: 'ecs', operation: 'UpdateService' });
    const screen = fullScreen();
    const starting = startCanary(w).catch((e: unknown) => e);
    await vi.waitFor(() => expect(w.gw.calls.pendingWrites?.()).toHaveLength(1), {
      timeout: 10_000,
    });
    const said = await screen.end('SIGTERM');
    expect(said).toMatch(/task definition family orders: RegisterTaskDefinition → orders:2/);
    expect(said).toMatch(
      /NO ANSWER: ecs:UpdateService on service "orders-canary" in cluster "prod" was sent/,
    );
    w.sim.faults.clear();
    w.gw.close();
    await starting;
  }, 60_000);

  it('Ctrl-C during its rollback: weights back to stable and how to follow it', async () => {
    const w = (world = await canaryWorld());
    cleanups.push(inFlight.track(w.gw, { flags: ' --region us-east-1' }));
    const { controller } = await startCanary(w, { bakeMinutes: 5 });
    await driveUntil(w, controller, (v) => v.step?.label === '10%', 30 * MIN);
    const screen = fullScreen();
    expect(await controller.act('rollback', new RecordingIoHost())).toMatchObject({ ok: true });
    const said = await screen.end('ctrl-c');
    expect(said).toMatch(/prod\/orders: .*ModifyRule weights orders-tg=100,orders-canary-tg=0/);
    expect(said).toContain('roll back:       ecs-rollout rollback --cluster prod --service orders');
  }, 60_000);
});
