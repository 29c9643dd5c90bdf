import { InvalidArgumentError, Option, type Command } from 'commander';
import { auditLogPath, readAuditTail } from '../../audit/audit-log';
import { auditLine } from '../../audit/audit-text';
import type { CliRuntime } from '../runtime';

const DEFAULT_TAIL = 20;

/**
 * `ecs-rollout audit`: the last entries of the local audit log (every change ecs-rollout made
 * on AWS from this machine: who, what, when, how it ended). Reads a file, calls no AWS.
 */
export function registerAudit(
  program: Command,
  rt: CliRuntime,
  setExit: (code: number) => void,
): Command {
  const cmd = program
    .command('audit')
    .description(
      'show the local audit log: every change ecs-rollout made on AWS (who, what, when, outcome)',
    )
    .addHelpText(
      'after',
      '\nThe log: ECS_ROLLOUT_AUDIT_LOG, else $XDG_STATE_HOME/ecs-rollout/audit.log, else ~/.local/state/ecs-rollout/audit.log (JSON lines, appended).\n--output json prints the entries as stored, one per line (no result line).\nExit codes: 0 read (or no log yet), 1 the log cannot be read, 2 bad usage',
    )
    .addOption(
      new Option('--tail <n>', 'how many of the newest entries')
        .argParser(tailCount)
        .default(DEFAULT_TAIL),
    )
    .addOption(
      new Option('--output <format>', 'text, or json (one entry per line)')
        .choices(['text', 'json'])
        .default('text'),
    );
  cmd.action((opts: { tail: number; output: 'text' | 'json' }) => {
    const aws = awsFlagsGiven(cmd.parent);
    if (aws.length > 0) {
      rt.err(
        `ecs-rollout audit: audit reads the local log and takes no AWS flags: leave out ${aws.join(', ')}`,
      );
      setExit(2);
      return;
    }
    const path = auditLogPath(rt.env);
    let tail;
    try {
      tail = readAuditTail(path, opts.tail);
    } catch (error) {
      rt.err(`ecs-rollout audit: cannot read ${path}: ${(error as Error).message}`);
      setExit(1);
      return;
    }
    if (opts.output === 'json') {
      for (const entry of tail.entries) rt.out(JSON.stringify(entry));
    } else {
      rt.out(
        tail.exists
          ? `audit log ${path}: last ${tail.entries.length} ${tail.entries.length === 1 ? 'entry' : 'entries'}`
          : `audit log ${path}: no entries yet (ecs-rollout has changed nothing from here)`,
      );
      for (const entry of tail.entries) rt.out(auditLine(entry));
    }
    if (tail.unreadable > 0)
      rt.err(`ecs-rollout audit: skipped ${tail.unreadable} unreadable line(s) in ${path}`);
    setExit(0);
  });
  return cmd;
}

// The program's own flags reach AWS (or the demo); commander would take them after `audit` too.
// --read-only is harmless here: reading a file changes nothing.
const AWS_FLAGS = ['demo', 'demoSpeed', 'profile', 'region', 'endpointUrl', 'cluster', 'service'];

function awsFlagsGiven(program: Command | null): string[] {
  if (!program) return [];
  return program.options
    .filter((o) => AWS_FLAGS.includes(o.attributeName()))
    .filter((o) => program.getOptionValueSource(o.attributeName()) === 'cli')
    .map((o) => o.long ?? o.flags);
}

function tailCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new InvalidArgumentError(
      `--tail must be a whole number from 1 to 100000, got "${value}"`,
    );
  return n;
}
