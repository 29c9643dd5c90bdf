import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readAuditTail } from '../../src/audit/audit-log';
import type { RunningSimulator } from '../../src/sim';
import { startTestSim } from '../helpers/sim';
import { cliEnv, finished, killChildren, startCli } from './cli-process';
import { buildCliWorld, FAST } from './fixture';

// A second signal while a write hangs leaves at once, and the run still ends with its result
// line (docs/cli-json.md: the last line of every run is a result); the write it left without
// an answer is in the audit log as "unknown".

let sim: RunningSimulator | undefined;
afterEach(async () => {
  killChildren();
  await sim?.close();
  sim = undefined;
});

const tempLog = () => join(mkdtempSync(join(tmpdir(), 'ecs-rollout-cli-audit-')), 'audit.log');

describe('a second signal during a write', () => {
  it.each(['json', 'text'] as const)(
    'ends with an INTERRUPTED result (exit 130) that says the change may or may not have happened (--output %s)',
    async (output) => {
      sim = await startTestSim();
      buildCliWorld(sim);
      sim.faults.add({ kind: 'hang', service: 'ecs', operation: 'UpdateService' });
      const log = tempLog();
      const run = startCli(
        ['deploy', ...FAST, '--service', 'api', '--image', ':v2', '--yes', '--output', output],
        cliEnv(sim, { ECS_ROLLOUT_AUDIT_LOG: log }),
      );
      const s = sim;
      await vi.waitFor(
        () => expect(s.calls.all().filter((c) => c.errorCode === 'hang')).toHaveLength(1),
        { timeout: 15_000 },
      );
      run.child.kill('SIGINT');
      // signals are not queued: the second is sent once the first has been taken
      await vi.waitFor(() => expect(run.stderr()).toContain('a second signal leaves at once'), {
        timeout: 10_000,
      });
      run.child.kill('SIGINT');
      const { code } = await run.done();
      const out = finished(run, code, output === 'json');
      expect(out.code).toBe(130);
      const check = 'ecs-rollout status --cluster prod --service api';
      if (output === 'json') {
        expect(out.json.at(-1)).toBe(out.result);
        expect(out.result).toMatchObject({
          command: 'deploy',
          cluster: 'prod',
          service: 'api',
          outcome: 'INTERRUPTED',
          exitCode: 130,
          hint: `check what runs with: ${check}`,
        });
        expect(out.result?.reason).toMatch(
          /^interrupted again \(SIGINT\) while changing api: the change being sent to AWS may or may not have happened$/,
        );
        expect(out.result?.next?.[0]).toBe(check);
      } else {
        const text = out.stdout.join('\n');
        expect(text).toContain('result: INTERRUPTED (exit 130)');
        expect(text).toContain('may or may not have happened');
        expect(text).toContain(`  ${check}`);
      }
      expect(out.stderr).not.toMatch(/\n\s+at /);

      // the hung UpdateService never answered: the audit log says its outcome is unknown
      const entries = readAuditTail(log, 100).entries;
      expect(entries.map((e) => [e.action, e.outcome])).toEqual([
        ['ecs:RegisterTaskDefinition', 'ok'],
        ['ecs:UpdateService', 'unknown'],
      ]);
      expect(entries[1]).toMatchObject({
        via: 'cli deploy',
        resource: 'service "api" in cluster "prod"',
        error: 'no-reply process-ended',
      });
    },
    30_000,
  );
});
