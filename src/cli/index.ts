import type { Command } from 'commander';
import { registerAbort, registerPromote } from './commands/promote-abort';
import { registerAudit } from './commands/audit';
import { registerDeploy } from './commands/deploy';
import { registerPlan } from './commands/plan';
import { registerRollback } from './commands/rollback';
import { registerStatus } from './commands/status';
import { registerWatch } from './commands/watch';
import { defaultRuntime, type CliRuntime } from './runtime';

export type { CliRuntime } from './runtime';

/**
 * The headless CLI for CI: deploy, plan, status, watch, promote, rollback and abort, driving
 * the same engine as the TUI. Exit codes are the outcome (product.md "Headless CLI").
 */
export function registerHeadlessCommands(
  program: Command,
  setExit: (code: number) => void,
  rt: CliRuntime = defaultRuntime(),
): void {
  const commands = [
    registerDeploy(program, rt, setExit),
    registerPlan(program, rt, setExit),
    registerStatus(program, rt, setExit),
    registerWatch(program, rt, setExit),
    registerPromote(program, rt, setExit),
    registerRollback(program, rt, setExit),
    registerAbort(program, rt, setExit),
    registerAudit(program, rt, setExit),
  ];
  for (const cmd of commands) {
    cmd.helpOption('-h, --help', 'show every flag with its default');
    // a parse error (unknown flag, bad choice) still ends a JSON run with a result line; audit's
    // JSON is the log's entries as stored, never a result (docs/cli-json.md)
    cmd.exitOverride((error) => {
      if (error.exitCode !== 0 && wantsJson(rt.argv) && cmd.name() !== 'audit') {
        rt.out(
          JSON.stringify({
            type: 'result',
            time: new Date().toISOString(),
            command: cmd.name(),
            outcome: 'USAGE_ERROR',
            reason: error.message.replace(/^error: /, ''),
            hint: `run ecs-rollout ${cmd.name()} --help for usage`,
            exitCode: 2,
          }),
        );
      }
      throw error;
    });
  }
}

function wantsJson(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--output=json' || (a === '--output' && argv[i + 1] === 'json'));
}
