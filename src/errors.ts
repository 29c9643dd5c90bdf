/**
 * The one error taxonomy (architecture: "user abort, expected error with a hint, bug").
 * AWS error names are mapped into `AwsError` only inside src/aws.
 */

/** The person said no, or pressed Ctrl-C at a prompt. Shown as one soft line, if at all. */
export class UserAbort extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'UserAbort';
  }
}

/** Something the person can act on: bad input, missing credentials, AWS said no. */
export class ExpectedError extends Error {
  /** What to do about it, in one line. */
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'ExpectedError';
    this.hint = hint;
  }
}

/** An invariant broke: a bug in ecs-rollout, reported with its stack. */
export class BugError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BugError';
  }
}

/** What went wrong with an AWS call, independent of which SDK exception carried it. */
export type AwsErrorKind =
  | 'access-denied'
  | 'not-found'
  | 'throttled'
  | 'credentials-expired'
  | 'credentials-missing'
  | 'invalid-input'
  | 'conflict'
  | 'network'
  | 'timeout'
  | 'server'
  | 'read-only'
  | 'aborted'
  | 'unknown';

export interface AwsErrorDetails {
  kind: AwsErrorKind;
  /** The AWS error code as received (`ServiceNotFoundException`, `TargetGroupNotFound`, ...). */
  code: string;
  service: string;
  operation: string;
  /** The resource the call was about, when known (name or ARN). */
  resource?: string;
  hint?: string;
  /** Safe to try again later (throttling, network, server errors). */
  retryable: boolean;
  requestId?: string;
  /**
   * A write whose reply was lost (connection reset or timed out after sending): AWS may or may
   * not have acted on it. The caller reads AWS before writing again.
   */
  uncertain?: boolean;
}

export class AwsError extends ExpectedError {
  readonly kind: AwsErrorKind;
  readonly code: string;
  readonly service: string;
  readonly operation: string;
  readonly resource: string | undefined;
  readonly retryable: boolean;
  readonly requestId: string | undefined;
  readonly uncertain: boolean;

  constructor(message: string, details: AwsErrorDetails) {
    super(message, details.hint);
    this.name = 'AwsError';
    this.kind = details.kind;
    this.code = details.code;
    this.service = details.service;
    this.operation = details.operation;
    this.resource = details.resource;
    this.retryable = details.retryable;
    this.requestId = details.requestId;
    this.uncertain = details.uncertain === true;
  }
}

export function isAwsError(error: unknown, kind?: AwsErrorKind): error is AwsError {
  return error instanceof AwsError && (kind === undefined || error.kind === kind);
}

/** A write that may or may not have reached AWS (its reply was lost). */
export function isUncertainWrite(error: unknown): boolean {
  if (error instanceof AwsError) return error.uncertain;
  return error instanceof Error && error.cause !== undefined && isUncertainWrite(error.cause);
}

/** A message fit for a flash line or an error panel. */
export function describeError(error: unknown): { message: string; hint?: string } {
  if (error instanceof ExpectedError)
    return { message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}
