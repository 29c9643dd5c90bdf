import { AwsError } from '../errors';
import { nodeCode, shape, str } from './error-shape';

/**
 * Writes that AWS gives no client token for and that do harm when sent twice
 * (perf-reliability 4.3): a second RegisterTaskDefinition adds a duplicate revision, a second
 * CreateDeployment is refused with DeploymentLimitExceeded although the first one runs, a second
 * ContinueDeployment is refused as "not ready" although the first one rerouted. The SDK's
 * retries would resend them after a lost reply; for these, the caller reads AWS first instead.
 * Writes that are harmless to repeat (UpdateService to the same revision, ModifyRule with
 * absolute weights, Stop*) keep the SDK's retries.
 */
export const NO_BLIND_RETRY: ReadonlySet<string> = new Set([
  'RegisterTaskDefinition',
  'CreateDeployment',
  'ContinueDeployment',
]);

/**
 * One attempt of a write failed in a way that leaves it unknown whether AWS acted on it: the
 * connection broke or timed out after the request was sent. Deliberately not an `Error` with a
 * `cause` or a Node `code`, so the SDK's retry strategy classifies it as final.
 */
export class UncertainWrite extends Error {
  constructor(readonly original: unknown) {
    super('the reply to a write was lost');
    this.name = 'UncertainWrite';
  }
}

/**
 * True when the request may have reached AWS: a reset or broken connection, or a request
 * timeout. Not when the connection was never made (refused, DNS, connect timeout): then AWS
 * certainly did nothing and a retry is safe.
 */
export function mayHaveArrived(error: unknown): boolean {
  const e = shape(error);
  const code = nodeCode(error);
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT') return true;
  if (str(e.name) === 'TimeoutError') {
    return !/did not establish a connection/.test(str(e.message) ?? '');
  }
  return false;
}

/** The mapped error of an uncertain write, saying plainly that the change may have happened. */
export function uncertainError(mapped: AwsError): AwsError {
  return new AwsError(
    `${mapped.message}; the request may have reached AWS, so it was not sent again`,
    {
      kind: mapped.kind,
      code: mapped.code,
      service: mapped.service,
      operation: mapped.operation,
      retryable: mapped.retryable,
      uncertain: true,
      ...(mapped.resource ? { resource: mapped.resource } : {}),
      hint: 'check what AWS holds now before trying again (ecs-rollout status), so nothing is done twice',
      ...(mapped.requestId ? { requestId: mapped.requestId } : {}),
    },
  );
}
