import { AwsError, type AwsErrorKind } from '../errors';
import {
  NETWORK_CODES,
  NOT_FOUND_CODES,
  TIMEOUT_CODES,
  isQuotaCode,
  kindForCode,
} from './error-codes';
import { describeResource, mainResource, resourceRefs, type ResourceRefs } from './resources';

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

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  errors?: unknown;
  cause?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  $response?: unknown;
  $responseBodyText?: unknown;
}

function shape(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? error : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Node network errors hide their code on the error, an AggregateError member, or a cause. */
function nodeCode(error: unknown, depth = 0): string | undefined {
  if (depth > 3) return undefined;
  const e = shape(error);
  const code = str(e.code);
  if (code && (NETWORK_CODES.has(code) || TIMEOUT_CODES.has(code))) return code;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const found = nodeCode(inner, depth + 1);
      if (found) return found;
    }
  }
  return e.cause ? nodeCode(e.cause, depth + 1) : undefined;
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

/** The message AWS sent, first letter lowercased so it reads inside our sentence. */
function awsMessage(error: unknown): string {
  // the SDK appends advice about `$response` on a second line; it means nothing to a person
  const text = (str(shape(error).message) ?? '').split('\n')[0]!.trim();
  return text.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase()).replace(/\.$/, '');
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

interface Explained {
  message: string;
  hint?: string;
  resource?: string;
}

function explain(
  kind: AwsErrorKind,
  code: string,
  error: unknown,
  ctx: ErrorContext,
  refs: ResourceRefs,
  action: string,
  what: string | undefined,
): Explained {
  const on = what ? ` on ${what}` : '';
  const aws = awsMessage(error);
  const region = ctx.region ? ` (region ${ctx.region})` : '';
  const profileFlag = ctx.profile ?? (process.env.AWS_PROFILE || 'default');
  switch (kind) {
    case 'not-found':
      return notFound(code, refs, action, aws, ctx.region);
    case 'access-denied':
      if (/Unrecognized|InvalidClientTokenId|Signature/.test(code)) {
        return {
          message: `aws did not accept the credentials for ${action} (${code})`,
          hint: 'check the access key and secret of the profile in use, or pick another with --profile NAME',
        };
      }
      return {
        message: `not allowed to call ${action}${on}`,
        hint: `grant ${action} to your IAM identity, or use a profile that has it (--profile NAME)`,
      };
    case 'throttled': {
      const attempts = shape(error).$metadata?.attempts;
      const tries = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
      return {
        message: `${action} was throttled by aws (${code})${tries}`,
        hint: 'too many calls for this account and region; ecs-rollout slows its polling, wait a moment and try again',
      };
    }
    case 'credentials-expired':
      return {
        message: `aws credentials have expired (${action})`,
        hint: `sign in again: aws sso login --profile ${profileFlag} (or refresh that profile's keys)`,
      };
    case 'credentials-missing':
      if (/profile .* (was )?not (be )?found|could not be found/i.test(aws)) {
        return {
          message: `aws profile "${profileFlag}" not found in the shared config or credentials file`,
          hint: 'check the name with: aws configure list-profiles, then pass --profile NAME',
        };
      }
      if (ctx.profile) {
        return {
          message: `no aws credentials found for profile "${ctx.profile}" (${action})`,
          hint: `check the name (aws configure list-profiles), run: aws sso login --profile ${ctx.profile}, or try --demo`,
        };
      }
      return {
        message: `no aws credentials found for ${action}`,
        hint: 'pass --profile NAME, run: aws sso login, or try --demo to use the built-in simulator',
      };
    case 'invalid-input':
      if (isQuotaCode(code)) {
        return {
          message: `${action}${on} hit an aws quota (${code}): ${aws}`,
          hint: 'this is a service quota, not throttling: remove unused resources or ask for a higher quota in Service Quotas',
        };
      }
      return {
        message: `${action}${on} was rejected (${code}): ${aws}`,
        hint: 'fix the value aws complains about and try again',
      };
    case 'conflict':
      return {
        message: `${action}${on} conflicts with a change in progress (${code}): ${aws}`,
        hint: 'wait for the running deployment or update to finish (or stop it), then try again',
      };
    case 'network': {
      const where = ctx.endpoint ?? `the ${ctx.service} endpoint${region}`;
      return {
        message: `could not reach ${where} for ${action} (${code})`,
        hint: ctx.endpointOverridden
          ? `is anything listening at ${where}? check --endpoint-url / AWS_ENDPOINT_URL`
          : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? `the host name did not resolve: check the region name and your DNS, proxy or VPN`
            : 'check your network connection, proxy or VPN, then try again',
      };
    }
    case 'timeout': {
      // the SDK's message names the limit that fired (request or connection timeout)
      const fired = /(\d+) ?ms/.exec(str(shape(error).message) ?? '')?.[1];
      const ms = fired !== undefined ? Number(fired) : ctx.requestTimeoutMs;
      const secs = ms !== undefined ? formatSeconds(ms) : undefined;
      const after = secs ? ` after ${secs}` : '';
      const where = ctx.endpoint ? ` waiting for ${ctx.endpoint}` : '';
      return {
        message: `${action} timed out${after}${where}`,
        hint: 'aws or the network is slow or unreachable; try again, and check your connection',
      };
    }
    case 'server':
      if (code === 'MalformedResponse') {
        return {
          message: `${action} returned a reply that could not be read (${aws || 'malformed response'})`,
          hint: ctx.endpointOverridden
            ? 'check that --endpoint-url points at an AWS-compatible endpoint; otherwise try again'
            : 'usually temporary: try again in a moment',
        };
      }
      return {
        message: `aws had an internal error on ${action} (${code})`,
        hint: 'usually temporary: try again in a moment',
      };
    case 'aborted':
      return { message: `${action} was cancelled` };
    case 'read-only':
      return {
        message: `refused ${action}${on}: ecs-rollout is in read-only mode`,
        hint: 'restart without --read-only to make changes',
      };
    case 'unknown':
      return {
        message: `${action}${on} failed (${code})${aws ? `: ${aws}` : ''}`,
        hint: 'try again; if it keeps failing, run with the same flags and report it with this message',
      };
  }
}

function notFound(
  code: string,
  refs: ResourceRefs,
  action: string,
  aws: string,
  region: string | undefined,
): Explained {
  const hint = region
    ? `check the name, and the region: looking in ${region} (change it with --region)`
    : 'check the name and the region (--region)';
  const kind =
    NOT_FOUND_CODES[code] ?? (code === 'ClientException' ? 'task definition' : undefined);
  if (!kind) {
    return {
      message: `${action}: not found (${code}): ${aws}`,
      hint,
    };
  }
  const resource = describeResource(kind, refs);
  const bare = `${kind} "${refs[kind] ?? '?'}"`;
  if (code === 'ServiceNotActiveException') {
    return {
      message: `${resource} is not active (it was deleted or is draining)`,
      hint: 'pick an active service; deleted services cannot be updated',
      resource,
    };
  }
  // `service "api" not found in cluster "production"` reads better than `... in cluster ... not found`
  const message =
    refs[kind] === undefined
      ? `${kind} not found for ${action}${aws ? `: ${aws}` : ''}`
      : resource.startsWith(bare) && resource !== bare
        ? `${bare} not found${resource.slice(bare.length)}`
        : `${resource} not found`;
  return { message, hint, resource };
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
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
