import { Option, type Command } from 'commander';
import { addConfirmServiceFlag, addWaitFlags } from '../deploy-flags';
import { addGlobalOptions, EXIT_CODE_HELP, withDefault } from '../global-options';
import type { CliRuntime } from '../runtime';
import { runHeadless } from '../session';
import { actOnRollout } from './act';

export function registerPromote(
  program: Command,
  rt: CliRuntime,
  setExit: (code: number) => void,
): Command {
  const cmd = program
    .command('promote')
    .description(
      'continue a paused rollout to its next step (or all the way with --full), then wait',
    )
    .addHelpText('after', EXIT_CODE_HELP);
  addGlobalOptions(cmd);
  cmd.addOption(
    new Option(
      '--full',
      withDefault(
        'as far as AWS allows without waiting for a person: an ALB canary goes to 100 % and promotes; CodeDeploy reroutes and then ends the termination wait; ECS-native continues every PAUSE hook as it comes (traffic steps and bakes still run)',
        'off',
      ),
    ),
  );
  addWaitFlags(cmd, true);
  addConfirmServiceFlag(cmd);
  cmd.action(() =>
    runHeadless('promote', cmd, rt, setExit, (s) => {
      const full = cmd.opts<{ full?: boolean }>().full === true;
      return actOnRollout(s, cmd, {
        command: 'promote',
        action: full ? 'promoteFull' : 'promote',
        verb: full ? 'promote fully' : 'promote',
      });
    }),
  );
  return cmd;
}

export function registerAbort(
  program: Command,
  rt: CliRuntime,
  setExit: (code: number) => void,
): Command {
  const cmd = program
    .command('abort')
    .description(
      'stop the rollout in progress without rolling back (where the strategy allows it), then wait',
    )
    .addHelpText('after', EXIT_CODE_HELP);
  addGlobalOptions(cmd);
  addWaitFlags(cmd, true);
  addConfirmServiceFlag(cmd);
  cmd.action(() =>
    runHeadless('abort', cmd, rt, setExit, (s) =>
      actOnRollout(s, cmd, { command: 'abort', action: 'abort', verb: 'abort' }),
    ),
  );
  return cmd;
}
