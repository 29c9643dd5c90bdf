import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClosableAwsGateway } from '../../src/aws';
import { auditLogPath, readAuditTail, type AuditEntry } from '../../src/audit/audit-log';
import { installAuditLog, type AuditRecorder } from '../../src/audit/audit-recorder';
import { applyPlan, planDeploy } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import { buildDeployWorld } from '../../src/screens/shared/testing/deploy-world';
import { simGateway } from '../helpers/gateway';
import { startTestSim } from '../helpers/sim';
import { advanceOnPoll, cliEnv, killChildren, runCli, startCli } from '../cli/cli-process';
import { leaks, plantSecrets } from './secrets-world';

// The append-only local audit log: every mutating call that reaches AWS, whoever made it (the
// gateway's call recorder sees them all), with the STS principal, what, when and how it ended;
// never an environment or secret value. `ecs-rollout audit` and `:audit` (audit-screen) read it.

type Sim = Awaited<ReturnType<typeof startTestSim>>;
let sim: Sim | undefined;
let gw: ClosableAwsGateway | undefined;
let recorder: AuditRecorder | undefined;
afterEach(async () => {
  recorder?.dispose();
  gw?.close();
  killChildren();
  await sim?.close();
  sim = gw = recorder = undefined;
});

const tempLog = () => join(mkdtempSync(join(tmpdir(), 'ecs-rollout-audit-')), 'audit.log');
const entries = (path: string): AuditEntry[] => readAuditTail(path, 1000).entries;

async function deployWorld(opts: { readOnly?: boolean } = {}) {
  sim = await startTestSim();
  buildDeployWorld(sim.world);
  plantSecrets(sim.world);
  gw = await simGateway(sim, opts);
  return { sim, gw };
}

async function deploy(s: Sim, g: ClosableAwsGateway) {
  const now = () => new Date(s.world.now);
  const plan = await planDeploy(
    g,
    {
      cluster: 'prod',
      service: 'api',
      strategy: 'rolling',
      target: { kind: 'image', images: [{ ref: ':v1.3.0' }], pinDigest: true },
      settings: {},
    },
    { now },
  );
  return applyPlan(g, plan, new RecordingIoHost(), { now, confirmed: true });
}

describe('audit log path', () => {
  it('ECS_ROLLOUT_AUDIT_LOG, else $XDG_STATE_HOME/ecs-rollout, else ~/.local/state/ecs-rollout', () => {
    expect(auditLogPath({ ECS_ROLLOUT_AUDIT_LOG: '/tmp/a.log', XDG_STATE_HOME: '/x' })).toBe(
      '/tmp/a.log',
    );
    expect(auditLogPath({ XDG_STATE_HOME: '/x' }, '/home/me')).toBe('/x/ecs-rollout/audit.log');
    expect(auditLogPath({}, '/home/me')).toBe('/home/me/.local/state/ecs-rollout/audit.log');
  });
});

describe('every mutating call is recorded, with who, what, when and outcome', () => {
  it('a deploy: the revision registered and the update, by the STS principal, no secret values', async () => {
    const { sim, gw } = await deployWorld();
    const path = tempLog();
    writeFileSync(path, '{"v":1,"time":"2026-01-01T00:00:00.000Z","action":"earlier"}\n', {
      mode: 0o600,
    });
    recorder = installAuditLog(gw, { via: 'test', path, onExit: false });
    await deploy(sim, gw);
    await recorder.flush();
    const text = readFileSync(path, 'utf8');
    // appended: what was there stays first
    expect(text.startsWith('{"v":1,"time":"2026-01-01T00:00:00.000Z","action":"earlier"}\n')).toBe(
      true,
    );
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const [, register, update] = entries(path);
    expect(register).toMatchObject({
      action: 'ecs:RegisterTaskDefinition',
      outcome: 'ok',
      who: sim.world.principal,
      account: sim.world.accountId,
      region: 'us-east-1',
      endpoint: sim.endpoint,
      simulated: true,
      via: 'test',
      details: {
        family: 'api',
        images: expect.stringContaining('api@sha256:'),
        taskDefinition: expect.stringMatching(/task-definition\/api:4$/),
      },
    });
    expect(update).toMatchObject({
      action: 'ecs:UpdateService',
      resource: 'service "api" in cluster "prod"',
      outcome: 'ok',
      details: { cluster: 'prod', service: 'api', taskDefinition: expect.stringMatching(/api:4$/) },
    });
    expect(Date.parse(update!.time)).not.toBeNaN();
    expect(leaks(text)).toEqual([]);
  });

  it('a refused call is "failed" with its kind and code; a lost reply is "unknown"', async () => {
    const { sim, gw } = await deployWorld();
    const path = tempLog();
    recorder = installAuditLog(gw, { via: 'test', path, onExit: false });
    sim.faults.add({ kind: 'access-denied', service: 'ecs', operation: 'UpdateService' });
    await expect(
      gw.ecs.updateService({ cluster: 'prod', service: 'api', desiredCount: 5 }),
    ).rejects.toThrow(/not allowed/);
    sim.faults.clear();
    sim.faults.add({ kind: 'lost-reply', service: 'ecs', operation: 'RegisterTaskDefinition' });
    const td = await gw.ecs.describeTaskDefinition('api');
    await expect(gw.ecs.registerTaskDefinition(td.document, {})).rejects.toThrow(
      /may have reached AWS/,
    );
    await recorder.flush();
    expect(entries(path).map((e) => [e.action, e.outcome, e.error])).toEqual([
      ['ecs:UpdateService', 'failed', 'access-denied AccessDeniedException'],
      ['ecs:RegisterTaskDefinition', 'unknown', 'network ECONNRESET'],
    ]);
    expect(leaks(readFileSync(path, 'utf8'))).toEqual([]);
  });

  it('read-only: nothing is sent, so nothing is recorded', async () => {
    const { gw } = await deployWorld({ readOnly: true });
    const path = tempLog();
    recorder = installAuditLog(gw, { via: 'test', path, onExit: false });
    await expect(
      gw.ecs.updateService({ cluster: 'prod', service: 'api', desiredCount: 5 }),
    ).rejects.toThrow(/read-only/);
    await recorder.flush();
    expect(readAuditTail(path, 10)).toEqual({ entries: [], unreadable: 0, exists: false });
  });

  it('an unwritable log is said once and the call still succeeds', async () => {
    const { gw } = await deployWorld();
    const said: string[] = [];
    // a folder that cannot exist: its parent is a file
    const file = tempLog();
    writeFileSync(file, '');
    recorder = installAuditLog(gw, {
      via: 'test',
      path: join(file, 'state', 'audit.log'),
      onError: (m) => said.push(m),
      onExit: false,
    });
    await gw.ecs.updateService({ cluster: 'prod', service: 'api', desiredCount: 4 });
    await gw.ecs.updateService({ cluster: 'prod', service: 'api', desiredCount: 4 });
    await recorder.flush();
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^could not write the audit log at .* set ECS_ROLLOUT_AUDIT_LOG/);
  });
});

describe('ecs-rollout audit (the built binary)', () => {
  it('a CLI deploy is recorded; `audit` shows it as text and as JSON lines', async () => {
    sim = await startTestSim();
    buildDeployWorld(sim.world);
    plantSecrets(sim.world);
    const path = tempLog();
    const env = cliEnv(sim, { ECS_ROLLOUT_AUDIT_LOG: path });
    const stop = advanceOnPoll(sim, 5_000);
    const deployRun = await runCli(
      [
        'deploy',
        '--cluster',
        'prod',
        '--service',
        'api',
        '--image',
        ':v1.3.0',
        '--yes',
        '--poll-interval',
        '20ms',
      ],
      env,
    );
    stop();
    expect(deployRun.code).toBe(0);
    const text = await runCli(['audit', '--tail', '2'], env);
    expect(text.code).toBe(0);
    expect(text.stdout[0]).toBe(`audit log ${path}: last 2 entries`);
    expect(text.stdout[1]).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ {2}done {5}ecs:RegisterTaskDefinition {2}task definition "api" {2}family=api · images=.* · taskDefinition=api:4 {2}by user\/.+ {2}cli deploy \[SIMULATED\]$/,
    );
    expect(text.stdout[2]).toContain('ecs:UpdateService  service "api" in cluster "prod"');
    // not the headless commands' NDJSON schema: one audit entry per line
    const json = startCli(['audit', '--output', 'json'], env);
    await json.done();
    const lines = json.lines.filter((l) => l !== '').map((l) => JSON.parse(l) as AuditEntry);
    expect(lines.map((l) => l.action)).toEqual(['ecs:RegisterTaskDefinition', 'ecs:UpdateService']);
    expect(lines[0]).toMatchObject({ via: 'cli deploy', endpoint: sim.endpoint, simulated: true });
    expect(leaks(readFileSync(path, 'utf8'))).toEqual([]);

    const none = await runCli(['audit'], { ...env, ECS_ROLLOUT_AUDIT_LOG: `${path}.none` });
    expect(none.stdout[0]).toContain('no entries yet');
    const bad = await runCli(['audit', '--tail', '0'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--tail must be a whole number');
  }, 60_000);
});
