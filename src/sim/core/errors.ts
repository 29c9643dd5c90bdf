/**
 * An error the simulator answers with, shaped per protocol by the HTTP layer.
 * `code` is the AWS error code exactly as AWS puts it on the wire (ELBv2 uses short codes
 * such as `TargetGroupNotFound`; ECS and CodeDeploy use the exception name).
 */
export class SimError extends Error {
  readonly code: string;
  readonly status: number;
  /** awsQuery `<Type>`: Sender for client faults, Receiver for server faults. */
  readonly faultType: 'Sender' | 'Receiver';
  /** Extra members that AWS puts in the error body (e.g. ConflictException.resourceIds). */
  readonly fields: Record<string, unknown>;

  constructor(
    code: string,
    message: string,
    opts: {
      status?: number;
      faultType?: 'Sender' | 'Receiver';
      fields?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = opts.status ?? 400;
    this.faultType = opts.faultType ?? (this.status >= 500 ? 'Receiver' : 'Sender');
    this.fields = opts.fields ?? {};
  }
}

/** Shorthand for the most common client error of every AWS API. */
export function invalidParameter(message: string, code = 'InvalidParameterException'): SimError {
  return new SimError(code, message);
}
