import type { AwsErrorKind } from '../errors';
import { NOT_FOUND_CODES, isQuotaCode } from './error-codes';
import { awsMessage, shape, str } from './error-shape';
import type { ErrorContext } from './errors';
import { describeResource, type ResourceRefs } from './resources';

/** The words of each error kind: a lowercase message naming the call and resource, and a hint. */

export interface Explained {
  message: string;
  hint?: string;
  resource?: string;
}

export function explain(
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
        message: `${action}${on} conflicts with the current state (${code}): ${aws}`,
        hint: conflictHint(code),
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

/** Busy (something else is running) and finished (nothing left to do) call for different moves. */
function conflictHint(code: string): string {
  if (/InProgress|LimitExceeded|InUse/.test(code))
    return 'another deployment or update is running: wait for it to finish (or stop it), then try again';
  if (
    /AlreadyCompleted|NotInReadyState|NotStarted|AlreadyStarted|InvalidDeploymentStatus/.test(code)
  )
    return 'the deployment has moved on: refresh to see where it is now';
  return 'refresh to see the current state; if a deployment or update is running, wait for it to finish';
}
