import type { RolloutController, RolloutView } from '../deploy/types';
import type { Body, CommandName, ResultLine } from './json-schema';
import { CLI_CODES } from './output/reporter';
import { suggest } from './next-steps';
import { waitResult } from './result';
import type { Session } from './session';
import { waitForRollout, type WaitEnd, type WaitUntil } from './wait';

// After the first Ctrl-C, one more read says exactly what runs now; it must not hold the exit.
const FINAL_READ_MS = 5_000;

/**
 * Waits on a rollout and turns how the wait ended into the command's result. On Ctrl-C, SIGTERM
 * or SIGHUP it reads the rollout once more (bounded) and reports what still runs on AWS and how
 * to watch or roll it back; a second signal reports the last known state and leaves at once.
 */
export async function follow(
  session: Session,
  controller: RolloutController,
  opts: {
    command: CommandName;
    cluster: string;
    service: string;
    until: WaitUntil;
    first?: RolloutView;
    /** The view an action was just taken on (its pause is not a new one). */
    actedOn?: RolloutView;
  },
): Promise<Body<ResultLine>> {
  const { reporter, interrupts } = session;
  const started = Date.now();
  let last = opts.first;
  const resultOf = (end: WaitEnd) =>
    waitResult(opts.command, end, {
      opts: session.opts,
      cluster: opts.cluster,
      service: opts.service,
      waitedMs: Date.now() - started,
      ...(interrupts.which ? { signal: interrupts.which } : {}),
      clientDriven: controller.clientDriven,
    });
  interrupts.onSecond(() => reporter.result(resultOf({ kind: 'interrupted', view: last })));

  reporter.message({
    type: 'message',
    code: CLI_CODES.waiting,
    level: 'info',
    text: `waiting until ${opts.until} (timeout ${Math.round(session.opts.timeoutMs / 1000)}s); Ctrl-C stops waiting, not the rollout`,
  });
  const end = await waitForRollout(
    controller,
    {
      until: opts.until,
      timeoutMs: session.opts.timeoutMs,
      pollMs: session.opts.pollMs,
      signal: interrupts.signal,
      pausedHint: `continue it with: ${suggest('promote', session.opts, opts.cluster, opts.service, ['--yes'])}`,
      ...(opts.actedOn ? { actedOn: opts.actedOn } : {}),
    },
    reporter,
    (view) => (last = view),
  );
  if (end.kind === 'interrupted')
    return resultOf({ kind: 'interrupted', view: await finalRead(controller, last) });
  return resultOf(end);
}

/** Reads the rollout once more after an interrupt; falls back to the last view. */
export async function finalRead(
  controller: RolloutController,
  last: RolloutView | undefined,
): Promise<RolloutView | undefined> {
  try {
    return await controller.poll(AbortSignal.timeout(FINAL_READ_MS));
  } catch {
    return last;
  }
}
