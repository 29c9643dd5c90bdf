import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { World } from '../../src/sim';
import { buildRepository, ecrImageUri } from '../../src/sim/services/ecr/builder';
import { buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import { deployApp } from '../../src/screens/shared/testing/deploy-harness';
import { buildDeployWorld } from '../../src/screens/shared/testing/deploy-world';
import {
  answerDialog,
  flatten,
  followRollout,
  keysLive,
} from '../../src/screens/shared/testing/follow';
import { startWorld, type Browse, type TestSim } from '../../src/tui/testing/browse-harness';
import {
  advanceOnPoll,
  cliEnv,
  killChildren,
  runCli,
  startCli,
  type Finished,
} from '../cli/cli-process';
import { buildCliWorld, FAST } from '../cli/fixture';
import { buildCodeDeployWorld } from '../helpers/codedeploy-world';
import { nativeService, REGION } from '../sim/native-helpers';
import { leaks, MARK, plantSecrets } from './secrets-world';

// Issue 10: environment values, secret sources and registry credentials never appear in clear on
// screen, in logs, in JSON output or in error messages. Every task definition of the world
// carries marked values (plantSecrets); every output below is searched for the marker.

let stopAdvancing: (() => void) | undefined;
afterEach(() => {
  stopAdvancing?.();
  stopAdvancing = undefined;
  killChildren();
});

/** The marked values really are in the world, so a clean output means something. */
function plantedIn(world: World): number {
  const families = [...world.region(REGION).ecs.taskDefinitions.values()];
  const text = JSON.stringify(
    families.flatMap((f) => f.revisions.map((r) => r.containerDefinitions)),
  );
  return text.split(MARK).length - 1;
}

const cliEnvOf = (sim: TestSim, auditLog: string) =>
  cliEnv(sim, { ECS_ROLLOUT_AUDIT_LOG: auditLog });

async function cliWorld(build: (sim: TestSim) => void) {
  const sim = await startWorld();
  build(sim);
  plantSecrets(sim.world);
  expect(plantedIn(sim.world)).toBeGreaterThan(0);
  const auditLog = join(mkdtempSync(join(tmpdir(), 'ecs-rollout-secrets-')), 'audit.log');
  const env = cliEnvOf(sim, auditLog);
  /** Runs the binary and checks stdout and stderr for the marker; `code` is the expected exit. */
  const run = async (code: number, ...args: string[]): Promise<Finished> => {
    const done = await runCli(args, env);
    const output = `${done.stdout.join('\n')}\n${done.stderr}`;
    expect(leaks(output), args.join(' ')).toEqual([]);
    expect(done.code, `${args.join(' ')}\n${output}`).toBe(code);
    return done;
  };
  return { sim, run, auditLog };
}

/** The CLI fixture plus api:2, registered (and planted) apart from api:1. */
function withSecondRevision(sim: TestSim): void {
  buildCliWorld(sim);
  buildTaskDefinition(sim.world, REGION, {
    family: 'api',
    image: ecrImageUri(sim.world, REGION, 'api', 'v2'),
  });
}

const api = [...FAST, '--service', 'api'];
const JSON_OUT = ['--output', 'json'];
const API_2 = ['--task-definition', 'api:2'];
const text = (run: Finished) => `${run.stdout.join('\n')}\n${run.stderr}`;

describe('the CLI never prints a secret (text and --output json)', () => {
  it('rolling: plan, deploy to success and to a rollback, status, watch, rollback, abort, audit', async () => {
    const { sim, run, auditLog } = await cliWorld(withSecondRevision);
    for (const out of [[], JSON_OUT]) {
      await run(0, 'plan', ...api, '--image', ':v2', ...out);
      // plan and deploy say that environment values changed, never what they are
      const planned = await run(0, 'plan', ...api, ...API_2, ...out);
      expect(text(planned)).toContain('app env API_TOKEN changed');
      await run(0, 'status', ...api, ...out);
      await run(0, 'status', ...FAST, '--all', ...out);
    }
    stopAdvancing = advanceOnPoll(sim, 5_000);
    await run(0, 'deploy', ...api, '--image', ':v2', '--yes');
    const crashed = await run(3, 'deploy', ...api, '--image', ':v2-crash', '--yes');
    expect(text(crashed)).toMatch(/ROLLED BACK/);
    const revision = await run(0, 'deploy', ...api, ...API_2, '--yes', ...JSON_OUT);
    expect(revision.result).toMatchObject({ outcome: 'SUCCEEDED', revision: 'api:2' });
    expect(text(revision)).toContain('app env API_TOKEN changed');
    await run(3, 'deploy', ...api, '--image', ':v2-crash', '--yes', ...JSON_OUT);
    for (const out of [[], JSON_OUT]) {
      await run(3, 'watch', ...api, ...out);
      await run(0, 'rollback', ...api, '--list', ...out);
    }
    await run(0, 'rollback', ...api, '--to', 'latest-good', '--yes', ...JSON_OUT);

    // in flight: watch one to the end, roll one back, abort one
    const startOther = async () => {
      stopAdvancing?.();
      const status = await run(0, 'status', ...api, ...JSON_OUT);
      const current = status.json.find((l) => l.type === 'service');
      const target =
        current && 'revision' in current && current.revision === 'api:1' ? 'api:2' : 'api:1';
      const next = ['--task-definition', target, '--yes', '--no-wait'];
      await run(0, 'deploy', ...api, ...next, ...JSON_OUT);
      stopAdvancing = advanceOnPoll(sim, 5_000);
    };
    await startOther();
    await run(0, 'watch', ...api);
    for (const out of [[], JSON_OUT]) {
      await startOther();
      await run(3, 'rollback', ...api, '--yes', ...out);
    }
    // an aborted deployment stays on the service (both revisions run): abort comes last, and
    // the protected service takes the other format
    await startOther();
    await run(6, 'abort', ...api, '--yes', ...JSON_OUT);
    const vault = [...FAST, '--service', 'vault', '--confirm-service', 'vault', '--yes'];
    await run(0, 'deploy', ...vault, '--image', ':v2', '--no-wait');
    await run(6, 'abort', ...vault);
    await run(2, 'promote', ...api, '--yes', ...JSON_OUT);

    const audit = await run(0, 'audit', '--tail', '100');
    expect(text(audit)).toContain('ecs:RegisterTaskDefinition');
    expect(text(audit)).toContain('ecs:StopServiceDeployment');
    // not the NDJSON schema of the other commands: one audit entry per line
    const auditJson = startCli(['audit', '--tail', '100', ...JSON_OUT], cliEnvOf(sim, auditLog));
    expect(await auditJson.done()).toMatchObject({ code: 0 });
    expect(auditJson.lines.filter((l) => l.includes('"ecs:UpdateService"')).length).toBeGreaterThan(
      3,
    );
    expect(leaks(`${auditJson.lines.join('\n')}\n${auditJson.stderr()}`)).toEqual([]);
    expect(leaks(readFileSync(auditLog, 'utf8'))).toEqual([]);
  }, 60_000);

  it('ECS-native canary and CodeDeploy: deploy to a pause, status, watch, promote, rollback', async () => {
    const { sim, run } = await cliWorld((s) => {
      buildCodeDeployWorld(s.world, {
        blueGreen: { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 600 },
      });
      buildRepository(s.world, REGION, 'edge', { images: [{ tag: 'v1' }, { tag: 'v2' }] });
      nativeService(s, {
        name: 'edge',
        image: ecrImageUri(s.world, REGION, 'edge', 'v1'),
        config: {
          strategy: 'CANARY',
          bakeTimeInMinutes: 2,
          canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
        },
      });
    });
    const edge = [...FAST, '--service', 'edge'];
    const web = [...FAST, '--service', 'web'];
    const paused = ['--yes', '--wait-until', 'paused'];
    stopAdvancing = advanceOnPoll(sim, 2_000);
    const pause = ['--pause-stages', 'PRE_PRODUCTION_TRAFFIC_SHIFT'];
    await run(0, 'plan', ...edge, '--image', ':v2', ...pause, ...JSON_OUT);
    await run(5, 'deploy', ...edge, '--image', ':v2', ...pause, ...paused);
    await run(5, 'watch', ...edge, '--wait-until', 'paused', ...JSON_OUT);
    await run(5, 'promote', ...edge, ...paused, ...JSON_OUT);
    await run(3, 'rollback', ...edge, '--yes');
    await run(5, 'deploy', ...web, '--image', ':v2', ...paused, ...JSON_OUT);
    for (const out of [[], JSON_OUT]) await run(0, 'status', ...FAST, '--all', ...out);
    await run(5, 'watch', ...web, '--timeout', '1s');
    await run(0, 'promote', ...web, '--yes', '--no-wait');
    await run(0, 'rollback', ...web, '--yes', '--no-wait', ...JSON_OUT);
  }, 60_000);

  it('error paths: a refused register, an UpdateService that always fails, a lost reply', async () => {
    const { sim, run, auditLog } = await cliWorld(buildCliWorld);
    const deploy = (image: string) => ['deploy', ...api, '--image', image, '--yes'];
    sim.faults.add({ kind: 'access-denied', service: 'ecs', operation: 'RegisterTaskDefinition' });
    for (const out of [[], JSON_OUT]) {
      const refused = await run(7, ...deploy(':v2'), ...out);
      expect(text(refused)).toMatch(/not allowed to call ecs:RegisterTaskDefinition/);
    }
    sim.faults.clear();
    sim.faults.add({ kind: 'http500', service: 'ecs', operation: 'UpdateService' });
    for (const out of [[], JSON_OUT]) {
      const failed = await run(1, ...deploy(':v2'), ...out);
      expect(text(failed)).toMatch(/UpdateService failed: .*ServerException/);
    }
    sim.faults.clear();
    // the reply is lost: the CLI reads the family's newest revision back and compares its
    // document (environment included) with its own before it goes on
    sim.faults.add({ kind: 'lost-reply', service: 'ecs', operation: 'RegisterTaskDefinition' });
    const lost = await run(0, ...deploy(':v2-crash'), '--no-wait', ...JSON_OUT);
    expect(lost.result).toMatchObject({ outcome: 'IN_PROGRESS', revision: 'api:3' });
    const entries = readFileSync(auditLog, 'utf8');
    expect(entries).toContain('AccessDeniedException');
    expect(leaks(entries)).toEqual([]);
  });

  it('a saved plan (plan --out) holds no environment value or secret source', async () => {
    const { sim, run } = await cliWorld(withSecondRevision);
    const dir = mkdtempSync(join(tmpdir(), 'ecs-rollout-secrets-plan-'));
    const files = { image: join(dir, 'image.json'), revision: join(dir, 'revision.json') };
    await run(0, 'plan', ...api, '--image', ':v2', '--out', files.image);
    await run(0, 'plan', ...api, ...API_2, '--out', files.revision, ...JSON_OUT);
    for (const file of Object.values(files)) {
      const saved = readFileSync(file, 'utf8');
      expect(JSON.parse(saved)).toMatchObject({ version: 1, request: { service: 'api' } });
      expect(leaks(saved), file).toEqual([]);
    }
    expect(readFileSync(files.revision, 'utf8')).toContain('app env API_TOKEN changed');
    // applying one says nothing more; the other is then refused as made against an older service
    stopAdvancing = advanceOnPoll(sim, 5_000);
    const apply = ['deploy', '--plan-file', files.revision, '--yes', '--poll-interval', '20ms'];
    const applied = await run(0, ...apply, ...JSON_OUT);
    expect(applied.result).toMatchObject({ outcome: 'SUCCEEDED', revision: 'api:2' });
    const stale = await run(2, 'deploy', '--plan-file', files.image, '--yes');
    expect(text(stale)).toMatch(/changed since the plan was made/);
  });
});

describe('the TUI never draws a secret unless asked (every frame)', () => {
  const SERVICES = [{ kind: 'clusters' as const }, { kind: 'services' as const, cluster: 'prod' }];
  async function openTui() {
    const sim = await startWorld((w) => {
      buildDeployWorld(w);
      plantSecrets(w);
    });
    expect(plantedIn(sim.world)).toBeGreaterThan(0);
    const b = await deployApp(sim, { initialStack: SERVICES, rows: 60 });
    await b.app.waitFor((f) => /› api\s/.test(f));
    await b.app.press('nav.open');
    await b.app.waitFor((f) => f.includes('[Deployments]') && f.includes('service deployment'));
    return b;
  }
  const toTaskDefinition = async (b: Browse) => {
    for (const tab of ['[Tasks]', '[Events]', '[Traffic]', '[Task definition]']) {
      await b.app.press('nav.next-tab');
      await b.app.waitFor((f) => f.includes(tab));
    }
    return b.app.waitFor((f) => f.includes('API_TOKEN = ') && f.includes('VAULT_TOKEN from'));
  };

  it('service detail tabs, the revision diff, the rollback picker, the deploy wizard and the monitor', async () => {
    const b = await openTui();
    const { app } = b;
    const td = await toTaskDefinition(b);
    expect(td).toContain('API_TOKEN = ••••••');
    expect(td).toContain('VAULT_TOKEN from secretsmanager:••••••');
    // D: two revisions whose environment values differ
    await app.press('service.diff');
    await app.waitFor((f) => f.includes('diff: from which revision') && f.includes('api:1'));
    await app.press('dialog.filter');
    await app.type('api:1');
    await app.press('dialog.confirm');
    await app.waitFor((f) => f.includes('against which revision'));
    await app.press('dialog.filter');
    await app.type('api:3');
    await app.press('dialog.confirm');
    const diff = await app.waitFor((f) => f.includes('diff api:1 → api:3'));
    expect(diff).toContain('~ app env API_TOKEN changed');
    await app.press('global.back');
    await app.waitFor((f) => f.includes('API_TOKEN = ••••••'));

    // the rollback picker diffs a completed deployment against what runs now
    await app.press('service.rollback');
    const picker = await app.waitFor((f) => f.includes('(api:3 → api:2)'));
    expect(flatten(picker)).toContain('app env API_TOKEN changed');
    await keysLive(app, 'enter next');
    await app.press('global.back');
    await app.waitFor((f) => f.includes('[Task definition]'));

    // the wizard with an existing revision: the review's diff, then the deploy and the monitor
    await app.press('service.deploy');
    await app.waitFor((f) => f.includes('step 1 of 5') && f.includes('▸ ● Rolling update'));
    await keysLive(app, 'enter next');
    await app.press('wizard.next');
    await app.waitFor((f) => f.includes('step 2 of 5 · What to deploy'));
    await app.press('wizard.toggle');
    await app.waitFor((f) => f.includes('‹ an existing revision ›'));
    await app.press('nav.next-tab');
    await app.waitFor((f) => /api:1/.test(f) && f.includes('the service runs it now'));
    await app.press('nav.down');
    await app.press('wizard.next');
    await app.waitFor((f) => f.includes('step 3 of 5'));
    await app.press('wizard.next');
    const review = flatten(await app.waitFor((f) => f.includes('Equivalent headless command')));
    expect(review).toMatch(/api:3 → api:1/);
    expect(review).toContain('~ app env API_TOKEN changed');
    await app.press('wizard.next');
    await answerDialog(app, 'dialog.confirm');
    await app.waitFor((f) => f.includes('rollout of api') && f.includes('PRIMARY'));
    await followRollout(b, (f) => f.includes('SUCCEEDED'));
    expect(b.calls('ecs', 'UpdateService')).toBe(1);

    const frames = app.frames();
    expect(frames.length).toBeGreaterThan(20);
    expect(leaks(frames.join('\n'))).toEqual([]);
  });

  it('v reveals only the value asked for, and it is hidden again once left', async () => {
    const b = await openTui();
    const { app } = b;
    await toTaskDefinition(b);
    const cursorAt = (f: string) => f.split('\n').find((l) => l.startsWith('│›')) ?? '';
    for (let i = 0; i < 40 && !cursorAt(app.frame()).includes('API_TOKEN ='); i++) {
      await app.press('nav.down');
      await app.waitFor((f) => cursorAt(f) !== '');
    }
    expect(leaks(app.frames().join('\n'))).toEqual([]);
    const masked = (f: string) => f.match(/ = ••••••/g)?.length ?? 0;
    const before = masked(app.frame());
    expect(before).toBeGreaterThan(1);
    await app.press('service.reveal');
    const shown = await app.waitFor((f) => cursorAt(f).includes(`API_TOKEN = ${MARK}`));
    // the one environment value of the revision on screen; no secret source, no other value
    expect(leaks(shown)).toHaveLength(1);
    expect(cursorAt(shown)).toContain(`API_TOKEN = ${MARK}-env-api-3`);
    expect(shown).toContain('VAULT_TOKEN from secretsmanager:••••••');
    expect(masked(shown)).toBe(before - 1);

    // to another tab and back: masked again
    const left = app.frames().length;
    await app.press('nav.next-tab');
    await app.waitFor((f) => f.includes('[Deployments]'));
    await app.press('nav.prev-tab');
    await app.waitFor((f) => f.includes('[Task definition]') && f.includes('API_TOKEN = ••••••'));
    // out of the service and back in: masked again
    await app.press('global.back');
    await app.waitFor((f) => /› api\s/.test(f) && !f.includes('[Task definition]'));
    await app.press('nav.open');
    await app.waitFor((f) => f.includes('[Deployments]'));
    await toTaskDefinition(b);
    expect(app.frame()).toContain('API_TOKEN = ••••••');
    expect(leaks(app.frames().slice(left).join('\n'))).toEqual([]);
  });
});
