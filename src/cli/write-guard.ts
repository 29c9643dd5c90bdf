import type { StrategyId } from '../deploy/types';
import type { CommandName } from './json-schema';
import { nextSteps, suggest } from './next-steps';
import type { Session } from './session';

/**
 * Runs a change that is not interruptible (a register, update or stop cut off half-way may or
 * may not have reached AWS). The first signal says at once that the change finishes first; a
 * second one leaves, and still ends the run with its result: INTERRUPTED, exit 130, saying
 * the change may or may not have happened and how to check.
 */
export async function whileChanging<T>(
  s: Session,
  command: CommandName,
  where: { cluster: string; service: string; strategy?: StrategyId },
  change: () => Promise<T>,
): Promise<T> {
  const check = suggest('status', s.opts, where.cluster, where.service);
  s.interrupts.onFirst((signal) =>
    s.rt.err(
      `ecs-rollout ${command}: ${signal === 'SIGPIPE' ? 'the output closed (SIGPIPE)' : signal}: finishing the change already being sent to AWS, then stopping; a second signal leaves at once`,
    ),
  );
  s.interrupts.onSecond((signal) => {
    // in text mode the result below says it on stdout; JSON keeps stdout for the result line
    if (s.opts.output === 'json')
      s.rt.err(
        `ecs-rollout ${command}: interrupted while changing ${where.service}; the change may or may not have reached AWS. Check with: ${check}`,
      );
    s.reporter.result({
      type: 'result',
      command,
      cluster: where.cluster,
      service: where.service,
      ...(where.strategy ? { strategy: where.strategy } : {}),
      outcome: 'INTERRUPTED',
      reason: `interrupted again (${signal}) while changing ${where.service}: the change being sent to AWS may or may not have happened`,
      hint: `check what runs with: ${check}`,
      exitCode: 130,
      next: [check, ...nextSteps(s.opts, where.cluster, where.service, false)],
    });
  });
  try {
    return await change();
  } finally {
    s.interrupts.onFirst(undefined);
    s.interrupts.onSecond(undefined);
  }
}
