import { isAwsError } from '../errors';
import { isFinal } from '../deploy/outcome';
import { isSettled } from '../deploy/settled';
import type { RolloutController, RolloutView } from '../deploy/types';
import { CLI_CODES, type Reporter } from './output/reporter';
import { ProgressTracker } from './progress';

export type WaitUntil = 'stable' | 'deployed' | 'paused';

export interface WaitSettings {
  until: WaitUntil;
  timeoutMs: number;
  pollMs: number;
  /** Aborted by the first Ctrl-C, SIGTERM or SIGHUP (or a closed output). */
  signal: AbortSignal;
  /** Wall clock for the deadline (injectable for unit tests). */
  clock?: () => number;
  /** Said once when the rollout pauses and the wait goes on (how to promote it). */
  pausedHint?: string;
  /**
   * The view an action (promote, roll back, abort) was just taken on. AWS may still show that
   * pause on the next reads: it is not a new pause (no "paused" warning, and `--wait-until
   * paused` waits for the next one).
   */
  actedOn?: RolloutView;
}

export type WaitEnd =
  | { kind: 'done'; view: RolloutView }
  | { kind: 'timeout'; view: RolloutView | undefined }
  | { kind: 'interrupted'; view: RolloutView | undefined };

// Transient read failures while following a rollout: keep following, a little slower.
const RETRYABLE_KINDS = ['throttled', 'network', 'timeout', 'server'] as const;
const MAX_CONSECUTIVE_FAILURES = 5;

/**
 * Polls the rollout until it reaches what `until` asks for, the deadline passes, or the person
 * interrupts. Prints progress as it changes. Never stops the rollout itself.
 */
export async function waitForRollout(
  controller: RolloutController,
  settings: WaitSettings,
  reporter: Reporter,
  onView: (view: RolloutView) => void = () => {},
): Promise<WaitEnd> {
  const clock = settings.clock ?? Date.now;
  const deadline = clock() + settings.timeoutMs;
  const tracker = new ProgressTracker(reporter);
  let last: RolloutView | undefined;
  let failures = 0;
  let saidPaused = false;
  let handled = settings.actedOn?.state === 'PAUSED' ? pauseKey(settings.actedOn) : undefined;

  for (;;) {
    if (settings.signal.aborted) return { kind: 'interrupted', view: last };
    const remaining = deadline - clock();
    if (remaining <= 0) return { kind: 'timeout', view: last };
    const pollSignal = AbortSignal.any([settings.signal, AbortSignal.timeout(remaining)]);
    try {
      last = await controller.poll(pollSignal);
      failures = 0;
    } catch (error) {
      if (settings.signal.aborted) return { kind: 'interrupted', view: last };
      if (clock() >= deadline) return { kind: 'timeout', view: last };
      if (
        !RETRYABLE_KINDS.some((k) => isAwsError(error, k)) ||
        ++failures > MAX_CONSECUTIVE_FAILURES
      )
        throw error;
      reporter.message({
        type: 'message',
        code: CLI_CODES.pollRetry,
        level: 'warn',
        text: `reading the rollout failed (${error instanceof Error ? error.message : String(error)}); trying again`,
      });
    }
    if (last) {
      onView(last);
      tracker.report(last);
      // the pause an action was just taken on, still in AWS's answer: not a new pause
      const stale = handled !== undefined && last.state === 'PAUSED' && pauseKey(last) === handled;
      if (!stale) handled = undefined;
      if (!stale && reached(last, settings.until)) return { kind: 'done', view: last };
      if (last.state !== 'PAUSED') saidPaused = false;
      else if (!stale && !saidPaused) {
        saidPaused = true;
        reporter.message({
          type: 'message',
          code: CLI_CODES.paused,
          level: 'warn',
          text: `rollout paused awaiting action${last.outcome?.reason ? `: ${last.outcome.reason}` : ''}; still waiting${settings.pausedHint ? ` (${settings.pausedHint})` : ''}`,
        });
      }
    }
    // back off on repeated failures so a throttled account is not hammered
    const delay = Math.min(settings.pollMs * 2 ** failures, deadline - clock());
    if (delay > 0) await sleep(delay, settings.signal);
  }
}

/** Which pause this is: the rollout, its step, and the hooks awaiting action. */
export function pauseKey(view: RolloutView): string {
  const awaiting = view.hooks.filter((h) => h.status.startsWith('AWAITING')).map((h) => h.hookId);
  return JSON.stringify([view.rolloutId, view.step?.index, view.step?.label, awaiting]);
}

function reached(view: RolloutView, until: WaitUntil): boolean {
  if (until === 'paused' && view.state === 'PAUSED') return true;
  if (!isFinal(view.state)) return false;
  return until !== 'stable' || isSettled(view);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
