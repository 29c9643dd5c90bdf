/**
 * The built binary in a real terminal (tmux, private socket) against the in-process simulator:
 * the TUI rolls back a rollout from the monitor (a change it made), then is ended by Ctrl-C,
 * SIGTERM or SIGHUP. The terminal is left as found (normal screen, cursor on), and what the
 * session changed on AWS is printed after it, with how to watch or roll it back; the audit log
 * has the change either way (a closed terminal shows nothing to anyone).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/aws';
import { readAuditTail } from '../../src/audit/audit-log';
import { buildDeployWorld } from '../../src/screens/shared/testing/deploy-world';
import { assertBuilt, binaryCommand, REPO_ROOT } from '../helpers/binary';
import { SIM_CREDENTIALS, simEnv, startTestSim } from '../helpers/sim';
import { tmuxAvailable, TmuxSession } from '../helpers/tmux';

const run = promisify(execFile);
const HAS_TMUX = tmuxAvailable();
const footer = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';

let term: TmuxSession | undefined;
let sim: Awaited<ReturnType<typeof startTestSim>> | undefined;
afterEach(async () => {
  await term?.kill();
  await sim?.close();
  term = sim = undefined;
});
beforeAll(() => {
  if (HAS_TMUX) assertBuilt();
});

/** The app on `prod/api` mid-rollout, after it asked ECS to roll that rollout back. */
async function rolledBackFromTheMonitor(): Promise<{ t: TmuxSession; log: string }> {
  sim = await startTestSim();
  buildDeployWorld(sim.world);
  const gw = await createGateway({
    region: 'us-east-1',
    endpointUrl: sim.endpoint,
    credentials: SIM_CREDENTIALS,
  });
  await gw.ecs.updateService({ cluster: 'prod', service: 'api', taskDefinition: 'api:2' });
  gw.close();
  const log = join(mkdtempSync(join(tmpdir(), 'ecs-rollout-audit-')), 'audit.log');
  const env = Object.fromEntries(
    Object.entries(simEnv(sim)).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const t = (term = await TmuxSession.start(
    binaryCommand(['--endpoint-url', sim.endpoint, '--cluster', 'prod', '--service', 'api']),
    { cwd: REPO_ROOT, columns: 120, rows: 36, env: { ...env, ECS_ROLLOUT_AUDIT_LOG: log } },
  ));
  await t.waitFor((s) => s.includes('[Deployments]') && footer(s).includes('w watch'), {
    timeout: 30_000,
    what: 'the service screen',
  });
  await t.press('w');
  // the footer lists R before the first read of the rollout too (dimmed, which a capture
  // does not show): wait for the read itself, the deployments table, so R acts
  await t.waitFor(
    (s) =>
      s.includes('rollout of api') && /PRIMARY +api:2/.test(s) && footer(s).includes('R rollback'),
    { what: 'the monitor with the rollout read' },
  );
  await t.press('R');
  await t.waitFor((s) => footer(s).includes('esc cancel'), { what: 'the confirmation' });
  await t.press('Enter');
  await t.waitFor((s) => /rollback requested/i.test(s), { what: 'the rollback to be sent' });
  return { t, log };
}

/** The node process the pane runs (the pane's shell is its parent). */
async function appPid(t: TmuxSession): Promise<string> {
  const shell = await t.display('#{pane_pid}');
  const { stdout } = await run('pgrep', ['-P', shell]);
  return stdout.trim().split('\n')[0]!;
}

describe.skipIf(!HAS_TMUX)('the TUI ended mid-change (tmux)', () => {
  it.each([
    ['Ctrl-C', 0],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s: terminal restored, then what runs on AWS and how to follow it',
    async (how, code) => {
      const { t, log } = await rolledBackFromTheMonitor();
      if (how === 'Ctrl-C') await t.press('C-c');
      else await run('kill', [`-${how.slice(3)}`, await appPid(t)]);
      expect(await t.waitForExit({ timeout: 20_000 })).toBe(code);
      expect(await t.display('#{alternate_on}')).toBe('0');
      expect(await t.display('#{cursor_flag}')).toBe('1');
      const screen = await t.capture();
      expect(screen).toContain(
        'ecs-rollout: this session changed AWS; deployments it started run on without this app:',
      );
      expect(screen).toMatch(/prod\/api: StopServiceDeployment ROLLBACK/);
      expect(screen).toMatch(/watch or resume: ecs-rollout watch --cluster prod --service api/);
      expect(screen).toMatch(/roll back: +ecs-rollout rollback --cluster prod --service api/);
      expect(readAuditTail(log, 10).entries.map((e) => [e.action, e.via, e.outcome])).toEqual([
        ['ecs:StopServiceDeployment', 'tui', 'ok'],
      ]);
    },
    90_000,
  );
});
