import { UsageError } from './errors';
import { canPrompt } from './runtime';
import type { Session } from './session';

/**
 * Before a command that changes AWS reads anything: `--read-only` refuses it (exit 2: the
 * flags contradict each other, nothing was tried), and without `--yes` there must be a
 * terminal to ask at, or the command would hang in CI.
 */
export function guardMutation(session: Session, verb: string): void {
  if (session.opts.readOnly) {
    throw new UsageError(
      `--read-only refuses to ${verb}: it changes the service`,
      'leave out --read-only to make changes; plan, status and watch work read-only',
    );
  }
  if (!session.opts.yes && !canPrompt(session.rt)) {
    throw new UsageError(
      `refusing to ${verb} without --yes when not attached to a terminal`,
      `add --yes to go ahead (review first with: ecs-rollout plan ...)`,
    );
  }
}
