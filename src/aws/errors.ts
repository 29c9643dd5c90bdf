import { AwsError, type AwsErrorKind } from '../errors';
import { TIMEOUT_CODES, kindForCode } from './error-codes';
import { explain } from './error-messages';
import { nodeCode, shape, str, type ErrorShape } from './error-shape';
import { mainResource, resourceRefs } from './resources';

/**
 * The one place SDK errors become `AwsError`s. Nothing here imports the SDK: errors are read
 * by shape (`name`, `$metadata`, `$fault`, Node's `code`), so this module loads before the SDK.
 */

export type AwsServiceId = 'ecs' | 'elbv2' | 'codedeploy' | 'ecr' | 'cloudwatch' | 'sts';

/** IAM action prefix per service, which is how people know the permissions. */
export const IAM_PREFIX: Readonly<Record<AwsServiceId, string>> = {
  ecs: 'ecs',
  elbv2: 'elasticloadbalancing',
  codedeploy: 'codedeploy',
  ecr: 'ecr',
  cloudwatch: 'cloudwatch',
  sts: 'sts',
};

export interface ErrorContext {
  service: AwsServiceId;
  operation: string;
  /** The command input; names in it end up in the message. */
  input?: unknown;
  region?: string;
  profile?: string;
  /** Where the request went (`https://ecs.us-east-1.amazonaws.com`). */
  endpoint?: string;
  /** True when the endpoint was overridden (--endpoint-url or AWS_ENDPOINT_URL*). */
  endpointOverridden?: boolean;
  requestTimeoutMs?: number;
}

export interface Classified {
  kind: AwsErrorKind;
  code: string;
  retryable: boolean;
}

const RETRYABLE: ReadonlySet<AwsErrorKind> = new Set(['throttled', 'network', 'timeout', 'server']);

/** What kind of failure this is, from the error alone. */
export function classifyAwsError(error: unknown): Classified {
  if (error instanceof AwsError)
    return { kind: error.kind, code: error.code, retryable: error.retryable };
  const e = shape(error);
  const name = str(e.name) ?? 'Error';
  const done = (kind: AwsErrorKind, code: string): Classified => ({
    kind,
    code,
    retryable: RETRYABLE.has(kind),
  });
  if (name === 'AbortError') return done('aborted', name);
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    return done(
      isSsoExpiry(str(e.message) ?? '') ? 'credentials-expired' : 'credentials-missing',
      name,
    );
  }
  // the SDK renames ECONNRESET/EPIPE to TimeoutError so it retries them; the code tells the truth
  const network = nodeCode(error);
  if (network && !TIMEOUT_CODES.has(network)) return done('network', network);
  if (name === 'TimeoutError' || network) return done('timeout', network ?? name);
  // a reply that arrived but could not be parsed (the SDK's deserializer failed)
  if (name === 'SyntaxError' || (e.$responseBodyText !== undefined && !e.$fault))
    return done('server', 'MalformedResponse');

  const status = e.$metadata?.httpStatusCode;
  for (const code of [name, str(e.Code)]) {
    if (!code) continue;
    const kind = kindForCode(code);
    if (kind === 'invalid-input' && code === 'ClientException' && isMissingTaskDefinition(e))
      return done('not-found', code);
    if (kind) return done(kind, code);
  }
  if (status === 429) return done('throttled', name);
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) return done('server', name);
  if (status === 403) return done('access-denied', name);
  return done('unknown', name);
}

function isMissingTaskDefinition(e: ErrorShape): boolean {
  return /unable to describe task definition|task ?definition not found/i.test(
    str(e.message) ?? '',
  );
}

function isSsoExpiry(message: string): boolean {
  return (
    (/sso/i.test(message) && /expired|invalid|refresh|aws sso login/i.test(message)) ||
    /token is expired/i.test(message)
  );
}

/** Maps any error thrown by an SDK call to an `AwsError` that says what happened and what to do. */
export function toAwsError(error: unknown, ctx: ErrorContext): AwsError {
  if (error instanceof AwsError) return error;
  const { kind, code, retryable } = classifyAwsError(error);
  const e = shape(error);
  const refs = resourceRefs(ctx.input, ctx.operation);
  const action = `${IAM_PREFIX[ctx.service]}:${ctx.operation}`;
  const what = mainResource(refs);
  const { message, hint, resource } = explain(kind, code, error, ctx, refs, action, what);
  const requestId = e.$metadata?.requestId;
  return new AwsError(message, {
    kind,
    code,
    service: ctx.service,
    operation: ctx.operation,
    retryable,
    ...((resource ?? what) ? { resource: resource ?? what } : {}),
    ...(hint ? { hint } : {}),
    ...(requestId ? { requestId } : {}),
  });
}

/** The error read-only mode throws instead of sending a mutating call. */
export function readOnlyError(ctx: ErrorContext): AwsError {
  const refs = resourceRefs(ctx.input, ctx.operation);
  const action = `${IAM_PREFIX[ctx.service]}:${ctx.operation}`;
  const what = mainResource(refs);
  const { message, hint } = explain(
    'read-only',
    'ReadOnlyMode',
    undefined,
    ctx,
    refs,
    action,
    what,
  );
  return new AwsError(message, {
    kind: 'read-only',
    code: 'ReadOnlyMode',
    service: ctx.service,
    operation: ctx.operation,
    retryable: false,
    ...(what ? { resource: what } : {}),
    ...(hint ? { hint } : {}),
  });
}

/** CodeDeploy has no deployment target until the deployment starts. */
export function isDeploymentNotStarted(error: unknown): boolean {
  return error instanceof AwsError && error.code === 'DeploymentNotStartedException';
}

/** ECR fails DescribeImages as a whole when one of the images does not exist. */
export function isImageNotFound(error: unknown): boolean {
  return error instanceof AwsError && error.code === 'ImageNotFoundException';
}

/** GetApplicationRevision: CodeDeploy has no revision with that sha256. */
export function isRevisionMissing(error: unknown): boolean {
  return error instanceof AwsError && error.code === 'RevisionDoesNotExistException';
}
