/**
 * How a rollout ended (or where it stands). The product's promise is truthfulness:
 * SUCCEEDED only when the deployment we started completed on the revision we asked for;
 * a rollback is never success, whoever triggered it.
 */
export type OutcomeKind =
  'SUCCEEDED' | 'FAILED' | 'ROLLED_BACK' | 'TIMED_OUT' | 'PAUSED' | 'STOPPED' | 'IN_PROGRESS';

export interface Outcome {
  kind: OutcomeKind;
  /** One line saying why, in AWS's words where AWS gave them. */
  reason: string;
  /** What triggered a rollback or stop, when known. */
  trigger?:
    'circuit-breaker' | 'alarm' | 'hook' | 'health' | 'operator' | 'gate' | 'timeout' | 'unknown';
}

export const FINAL_OUTCOMES: ReadonlySet<OutcomeKind> = new Set([
  'SUCCEEDED',
  'FAILED',
  'ROLLED_BACK',
  'TIMED_OUT',
  'STOPPED',
]);

export function isFinal(kind: OutcomeKind): boolean {
  return FINAL_OUTCOMES.has(kind);
}

/** Exit codes of the headless CLI, one per outcome (product.md "Headless CLI"). */
export const EXIT_CODES = {
  SUCCEEDED: 0,
  FAILED: 1,
  USAGE: 2,
  ROLLED_BACK: 3,
  TIMED_OUT: 4,
  PAUSED: 5,
  STOPPED: 6,
  ACCESS_DENIED: 7,
  INTERRUPTED: 130,
} as const;

export function exitCodeFor(kind: OutcomeKind): number {
  switch (kind) {
    case 'SUCCEEDED':
      return EXIT_CODES.SUCCEEDED;
    case 'FAILED':
      return EXIT_CODES.FAILED;
    case 'ROLLED_BACK':
      return EXIT_CODES.ROLLED_BACK;
    case 'TIMED_OUT':
      return EXIT_CODES.TIMED_OUT;
    case 'PAUSED':
      return EXIT_CODES.PAUSED;
    case 'STOPPED':
      return EXIT_CODES.STOPPED;
    case 'IN_PROGRESS':
      // still running when the caller stopped waiting without a timeout: not a success
      return EXIT_CODES.TIMED_OUT;
  }
}
