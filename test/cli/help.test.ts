import { describe, expect, it } from 'vitest';
import { runCli } from './cli-process';

const COMMANDS = ['deploy', 'plan', 'status', 'watch', 'promote', 'rollback', 'abort', 'audit'];
const GLOBAL = [
  '--profile',
  '--region',
  '--endpoint-url',
  '--cluster',
  '--service',
  '--read-only',
  '--output',
  '--yes',
  '--timeout',
  '--poll-interval',
];
const OWN: Record<string, string[]> = {
  deploy: [
    '--image',
    '--task-definition',
    '--strategy',
    '--pin-digest',
    '--wait',
    '--wait-until',
    '--plan-file',
    '--confirm-service',
    '--min-healthy-percent',
    '--max-percent',
    '--circuit-breaker',
    '--alarms',
    '--alarm-rollback',
  ],
  plan: [
    '--image',
    '--task-definition',
    '--strategy',
    '--pin-digest',
    '--out',
    '--min-healthy-percent',
    '--max-percent',
    '--circuit-breaker',
    '--alarms',
    '--alarm-rollback',
  ],
  status: ['--all'],
  watch: ['--wait-until'],
  promote: ['--full', '--wait', '--wait-until', '--confirm-service'],
  rollback: ['--to', '--list', '--wait', '--wait-until', '--confirm-service'],
  abort: ['--wait', '--wait-until', '--confirm-service'],
  audit: ['--tail', '--output'],
};
// audit reads a local file: it takes no AWS flags
const TAKES_GLOBAL = (command: string) => command !== 'audit';

/** Flag lines of commander's help: `  --name <arg>   description`, wrapped lines folded in. */
function flagEntries(help: string): Map<string, string> {
  const entries = new Map<string, string>();
  let current: string | undefined;
  for (const line of help.split('\n')) {
    const m = /^ {2}(?:-\w, )?(--[\w-]+)/.exec(line);
    if (m) {
      current = m[1]!;
      entries.set(current, line);
    } else if (current && /^ {3,}\S/.test(line))
      entries.set(current, `${entries.get(current)!} ${line.trim()}`);
    else current = undefined;
  }
  return entries;
}

describe('--help', () => {
  for (const command of COMMANDS) {
    it(`${command} lists every flag with its default`, async () => {
      const run = await runCli([command, '--help'], { ...process.env, COLUMNS: '200' });
      expect(run.code).toBe(0);
      const help = run.stdout.join('\n');
      const entries = flagEntries(help);
      for (const flag of [...(TAKES_GLOBAL(command) ? GLOBAL : []), ...OWN[command]!])
        expect(entries.has(flag), `${command} --help lists ${flag}`).toBe(true);
      for (const [flag, text] of entries) {
        if (flag === '--help') continue;
        // --no-x documents the off side of --x, whose line carries the default
        if (flag.startsWith('--no-') && entries.has(`--${flag.slice(5)}`)) continue;
        expect(text, `${command} ${flag}`).toMatch(/[(,] ?default: [^)]+\)/);
        expect(text.match(/default:/g), `${command} ${flag} states its default once`).toHaveLength(
          1,
        );
      }
      if (!['plan', 'status', 'audit'].includes(command))
        expect(help).toMatch(/130 +interrupted \(Ctrl-C, SIGTERM, SIGHUP\)/);
    });
  }
});

describe('a flag that means something else per strategy', () => {
  for (const command of ['deploy', 'plan']) {
    it(`${command} --help: --alarms says what it does for each strategy, and each default`, async () => {
      const run = await runCli([command, '--help'], { ...process.env, COLUMNS: '400' });
      const alarms = flagEntries(run.stdout.join('\n')).get('--alarms') ?? '';
      expect(alarms).toContain(
        '[rolling, blue-green, linear, canary] CloudWatch alarms that fail the deployment and roll it back',
      );
      expect(alarms).toContain('[alb-canary] gate: these CloudWatch alarms not in ALARM');
      expect(alarms).toContain(
        "(default: rolling, blue-green, linear, canary: the service's current alarms; alb-canary: none)",
      );
    });
  }
});
