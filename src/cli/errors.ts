import { AwsError, BugError, ExpectedError, UserAbort } from '../errors';
import { EXIT_CODES } from '../deploy/outcome';

/** Bad flags or input, found before anything changed: exit 2 with a reason and a hint. */
export class UsageError extends ExpectedError {
  constructor(message: string, hint?: string) {
    super(message, hint);
    this.name = 'UsageError';
  }
}

/** What a command was doing when an error surfaced: input problems before any change are exit 2. */
export type Phase = 'input' | 'change';

/** How the result line names a run that ended by an error rather than a rollout outcome. */
export type ErrorOutcome = 'USAGE_ERROR' | 'ACCESS_DENIED' | 'ERROR' | 'CANCELLED';

export interface ClassifiedError {
  exitCode: number;
  outcome: ErrorOutcome;
  message: string;
  hint?: string;
  /** Stack for bugs only: they are ours to fix, the person should be able to report them. */
  stack?: string;
}

const ACCESS_KINDS = new Set(['access-denied', 'credentials-missing', 'credentials-expired']);
const INPUT_KINDS = new Set(['not-found', 'invalid-input']);

/**
 * Exit code and outcome for an error. Access and credential problems are 7 wherever they
 * happen (the engine may wrap an AwsError; its `cause` is followed). Other AWS errors are 1
 * (the call failed) unless they are plainly about the input (not found, invalid) before any
 * change. Our own expected errors are 2 before a change and 1 after.
 */
export function classifyError(error: unknown, phase: Phase): ClassifiedError {
  const base = describe(error);
  const aws = findAwsError(error);
  if (aws && ACCESS_KINDS.has(aws.kind)) {
    const hint = base.hint ?? (aws.hint ? headlessHint(aws.hint) : undefined);
    return {
      exitCode: EXIT_CODES.ACCESS_DENIED,
      outcome: 'ACCESS_DENIED',
      message: base.message,
      ...(hint ? { hint } : {}),
    };
  }
  // the person said no at the prompt: nothing changed, and it is their stop, not a failure
  if (error instanceof UserAbort)
    return { exitCode: EXIT_CODES.STOPPED, outcome: 'CANCELLED', ...base };
  if (error instanceof UsageError)
    return { exitCode: EXIT_CODES.USAGE, outcome: 'USAGE_ERROR', ...base };
  if (error instanceof AwsError) {
    const input = phase === 'input' && INPUT_KINDS.has(error.kind);
    return {
      exitCode: input ? EXIT_CODES.USAGE : EXIT_CODES.FAILED,
      outcome: input ? 'USAGE_ERROR' : 'ERROR',
      ...base,
    };
  }
  if (error instanceof ExpectedError) {
    const input = phase === 'input';
    return {
      exitCode: input ? EXIT_CODES.USAGE : EXIT_CODES.FAILED,
      outcome: input ? 'USAGE_ERROR' : 'ERROR',
      ...base,
    };
  }
  const stack = error instanceof Error ? error.stack : undefined;
  return {
    exitCode: EXIT_CODES.FAILED,
    outcome: 'ERROR',
    message: `${error instanceof BugError ? 'bug' : 'unexpected error'}: ${base.message}`,
    hint: 'this is a bug in ecs-rollout; please report it with the output above',
    ...(stack ? { stack } : {}),
  };
}

function describe(error: unknown): { message: string; hint?: string } {
  if (error instanceof ExpectedError) {
    const hint = error.hint ? headlessHint(error.hint) : undefined;
    return { message: error.message, ...(hint ? { hint } : {}) };
  }
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}

/**
 * A hint as the headless commands can follow it. The AWS layer's hints are written for the app
 * too, where `--demo` opens the built-in simulator; no headless command takes `--demo`.
 */
export function headlessHint(hint: string): string {
  if (!hint.includes('--demo')) return hint;
  const kept = hint.replace(/,? or try --demo\b.*$/, '');
  // `a, run: b` reads as a list once its last item is gone: `a or run: b`
  return kept.replace(/, (run: [^,]*)$/, ' or $1');
}

function findAwsError(error: unknown): AwsError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof AwsError) return current;
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}
