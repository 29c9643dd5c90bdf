import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAuditEntries, type AuditEntry } from '../../src/audit/audit-log';
import { runCli, startCli } from './cli-process';

// `ecs-rollout audit` reads a local file: its JSON is the entries as stored (never a result
// line, also on errors), it takes no AWS flags, and its help names every exit code.

const dir = () => mkdtempSync(join(tmpdir(), 'ecs-rollout-audit-cmd-'));
const env = (log: string) => ({ ...process.env, ECS_ROLLOUT_AUDIT_LOG: log });

const entry: AuditEntry = {
  v: 1,
  time: '2026-11-26T09:00:01.000Z',
  who: 'arn:aws:sts::123456789012:assumed-role/deployer/ci',
  region: 'us-east-1',
  via: 'cli deploy',
  action: 'ecs:UpdateService',
  resource: 'service "api" in cluster "prod"',
  outcome: 'ok',
  pid: 42,
};

describe('ecs-rollout audit', () => {
  it('--output json: the entries as stored, one per line', async () => {
    const log = join(dir(), 'audit.log');
    appendAuditEntries(log, [entry, { ...entry, outcome: 'unknown' }]);
    // not the headless NDJSON schema (runCli would check that): read the lines as they are
    const run = startCli(['audit', '--output', 'json'], env(log));
    expect((await run.done()).code).toBe(0);
    expect(run.lines.filter(Boolean).map((l) => JSON.parse(l) as unknown)).toEqual([
      entry,
      { ...entry, outcome: 'unknown' },
    ]);
  });

  it('--output json with a usage error: no result line, the error on stderr, exit 2', async () => {
    const run = await runCli(['audit', '--output', 'json', '--tail', '0'], env(join(dir(), 'x')));
    expect(run.code).toBe(2);
    expect(run.stdout.filter(Boolean)).toEqual([]);
    expect(run.stderr).toContain('--tail must be a whole number');
  });

  it('a log that cannot be read: exit 1, as --help says', async () => {
    const run = await runCli(['audit', '--output', 'json'], env(dir()));
    expect(run.code).toBe(1);
    expect(run.stdout.filter(Boolean)).toEqual([]);
    expect(run.stderr).toMatch(/^ecs-rollout audit: cannot read .*EISDIR/);
    const help = await runCli(['audit', '--help'], process.env);
    expect(help.stdout.join('\n')).toContain(
      'Exit codes: 0 read (or no log yet), 1 the log cannot be read, 2 bad usage',
    );
  });

  it.each([
    [['audit', '--cluster', 'prod']],
    [['--region', 'us-east-1', 'audit']],
    [['audit', '--endpoint-url', 'http://127.0.0.1:1', '--service', 'api']],
  ])('AWS flags are refused with exit 2 (%j)', async (args) => {
    const run = await runCli(args, env(join(dir(), 'audit.log')));
    expect(run.code).toBe(2);
    expect(run.stdout).toEqual([]);
    expect(run.stderr).toMatch(
      /^ecs-rollout audit: audit reads the local log and takes no AWS flags: leave out --/,
    );
  });

  it('--read-only is fine: reading a file changes nothing', async () => {
    const run = await runCli(['--read-only', 'audit'], env(join(dir(), 'audit.log')));
    expect(run.code).toBe(0);
    expect(run.stdout[0]).toContain('no entries yet');
  });
});
