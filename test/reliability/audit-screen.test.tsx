import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAuditEntries, readAuditTail, type AuditEntry } from '../../src/audit/audit-log';
import { buildDeployWorld } from '../../src/screens/shared/testing/deploy-world';
import { answerDialog, keysLive } from '../../src/screens/shared/testing/follow';
import { simGateway, startWorld } from '../../src/tui/testing/browse-harness';
import { leaks, plantSecrets } from './secrets-world';
import { startTui } from './tui-harness';

// `:audit` in the TUI: the newest entries of the local audit log, including a change the TUI
// itself just made (its gateway records every write), newest first; works with --read-only.

let path: string;
beforeEach(() => {
  path = join(mkdtempSync(join(tmpdir(), 'ecs-rollout-audit-')), 'audit.log');
  process.env.ECS_ROLLOUT_AUDIT_LOG = path;
});
afterEach(() => {
  delete process.env.ECS_ROLLOUT_AUDIT_LOG;
});

const earlier: AuditEntry = {
  v: 1,
  time: '2026-11-20T08:00:00.000Z',
  who: 'arn:aws:sts::123456789012:assumed-role/deployer/ci-run-17',
  region: 'us-east-1',
  via: 'cli deploy',
  action: 'ecs:UpdateService',
  resource: 'service "api" in cluster "prod"',
  details: { taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:3' },
  outcome: 'ok',
  pid: 1,
};

describe(':audit', () => {
  it('lists what this app changed (a roll back from the monitor) above earlier entries', async () => {
    const sim = await startWorld((w) => {
      buildDeployWorld(w);
      plantSecrets(w);
    });
    appendAuditEntries(path, [earlier]);
    const other = await simGateway(sim);
    await other.ecs.updateService({ cluster: 'prod', service: 'api', taskDefinition: 'api:2' });
    // wide enough for the BY column in full
    const { app, palette } = startTui(
      sim,
      { cluster: 'prod', service: 'api' },
      { columns: 200, rows: 40 },
    );
    await app.waitFor((f) => f.includes('[Deployments]'));
    await keysLive(app, 'w watch');
    await app.press('service.watch');
    await app.waitFor((f) => f.includes('rollout of api') && f.includes('PRIMARY'));
    await keysLive(app, 'R rollback');
    await app.press('monitor.rollback');
    await answerDialog(app, 'dialog.confirm');
    await app.waitFor((f) => /rollback requested/i.test(f));

    await palette('audit');
    const frame = await app.waitFor((f) => f.includes('ecs:StopServiceDeployment'));
    const lines = frame.split('\n');
    const mine = lines.findIndex((l) => l.includes('ecs:StopServiceDeployment'));
    const before = lines.findIndex((l) => l.includes('2026-11-20 08:00:00Z'));
    expect(mine).toBeGreaterThan(0);
    expect(before).toBeGreaterThan(mine);
    expect(lines[mine]).toMatch(/done\s+ecs:StopServiceDeployment\s+service deployment/);
    expect(lines[mine]).toMatch(/cluster=prod · service=api/);
    expect(lines[mine]).toMatch(/user\/demo-op/);
    // a change made on the simulator says so; the earlier one (real AWS) does not
    expect(lines[mine]).toMatch(/\(tui, simulated\)/);
    expect(lines[before]).not.toContain('simulated');
    expect(frame).toContain(`newest 2 changes · ${path}`);
    expect(leaks(app.frames().join('\n'))).toEqual([]);
    const written = readAuditTail(path, 10).entries;
    expect(written.at(-1)).toMatchObject({
      action: 'ecs:StopServiceDeployment',
      via: 'tui',
      details: { stopType: 'ROLLBACK' },
    });
    // esc goes back to where it was opened from
    await app.press('global.back');
    await app.waitFor((f) => f.includes('rollout of api'));
  });

  it('works with --read-only and says when nothing was recorded yet', async () => {
    const sim = await startWorld(buildDeployWorld);
    const { app, palette } = startTui(sim, { readOnly: true });
    await app.waitFor((f) => f.includes('1 cluster'));
    await palette('audit');
    const frame = await app.waitFor((f) => f.includes('no changes recorded yet'));
    expect(frame).toContain(`every change ecs-rollout makes on AWS is written to ${path}`);
    expect(frame.split('\n')[1]).toContain('audit log');
  });
});
