import type {
  BuildMiddleware,
  DeserializeMiddleware,
  FinalizeRequestMiddleware,
  HandlerExecutionContext,
  InitializeMiddleware,
  MetadataBearer,
  MiddlewareStack,
} from '@smithy/types';
import type { CallRecorder } from '../call-counter';
import { callDetails } from '../call-details';
import { classifyAwsError, readOnlyError, toAwsError, type AwsServiceId } from '../errors';
import { isMutatingOperation } from '../read-only';
import { mainResource, resourceRefs } from '../resources';
import { mayHaveArrived, NO_BLIND_RETRY, UncertainWrite, uncertainError } from '../write-safety';
import type { ServerClock } from '../server-clock';

/** What the guard needs to know about the client it sits on. */
export interface GuardConfig {
  service: AwsServiceId;
  region: string;
  profile: string | undefined;
  readOnly: boolean;
  calls: CallRecorder;
  requestTimeoutMs: number;
  endpointOverridden: boolean;
  /** Follows the simulator's clock from its reply headers. */
  clock: ServerClock;
}

const ENDPOINT = Symbol('ecs-rollout.endpoint');
type GuardContext = HandlerExecutionContext & { [ENDPOINT]?: string };

/** `ListServicesCommand` -> `ListServices`. */
function operationOf(context: HandlerExecutionContext): string {
  return (context.commandName ?? 'Unknown').replace(/Command$/, '');
}

/**
 * The outermost step of every call: refuses mutating calls in read-only mode (nothing is
 * serialized or sent), counts and times the call, and turns whatever the SDK threw into an
 * `AwsError`. Being middleware on the client, it also covers calls made by SDK paginators and
 * waiters, which a wrapper around our own methods would miss.
 */
function guardMiddleware(config: GuardConfig): InitializeMiddleware<object, MetadataBearer> {
  return (next, context: GuardContext) => async (args) => {
    const operation = operationOf(context);
    const mutating = isMutatingOperation(operation);
    const base = { service: config.service, operation, mutating };
    const errorContext = {
      service: config.service,
      operation,
      input: args.input,
      region: config.region,
      ...(config.profile ? { profile: config.profile } : {}),
      requestTimeoutMs: config.requestTimeoutMs,
      endpointOverridden: config.endpointOverridden,
    };
    if (mutating && config.readOnly) {
      config.calls.record({ ...base, outcome: 'refused', errorKind: 'read-only', durationMs: 0 });
      throw readOnlyError(errorContext);
    }
    const resource = mutating ? mainResource(resourceRefs(args.input, operation)) : undefined;
    const named = (output: unknown) => {
      const details = callDetails(operation, args.input, output);
      return { ...(resource ? { resource } : {}), ...(details ? { details } : {}) };
    };
    const started = performance.now();
    const ended = mutating
      ? config.calls.writeStarted({ ...base, ...named(undefined) })
      : undefined;
    try {
      const result = await next(args);
      const attempts = (result.output as Partial<MetadataBearer>).$metadata?.attempts;
      config.calls.record({
        ...base,
        outcome: 'ok',
        durationMs: performance.now() - started,
        ...(attempts ? { attempts } : {}),
        ...named(result.output),
      });
      return result;
    } catch (error) {
      const endpoint = context[ENDPOINT];
      const uncertain = error instanceof UncertainWrite;
      const original = uncertain ? error.original : error;
      const plain = toAwsError(original, { ...errorContext, ...(endpoint ? { endpoint } : {}) });
      const mapped = uncertain ? uncertainError(plain) : plain;
      const attempts = (original as Partial<MetadataBearer> | undefined)?.$metadata?.attempts;
      config.calls.record({
        ...base,
        outcome: 'error',
        errorKind: classifyAwsError(mapped).kind,
        errorCode: mapped.code,
        durationMs: performance.now() - started,
        ...(attempts ? { attempts } : {}),
        ...(uncertain ? { uncertain: true } : {}),
        ...named(undefined),
      });
      throw mapped;
    } finally {
      ended?.();
    }
  };
}

/**
 * Runs inside the SDK's retry loop, once per attempt: when an attempt of a write in
 * NO_BLIND_RETRY may have reached AWS, the SDK must not send it again on its own (there is no
 * client token to make that safe); the error ends the call and the caller reads AWS instead.
 */
function noBlindRetryMiddleware(): FinalizeRequestMiddleware<object, MetadataBearer> {
  return (next, context) => async (args) => {
    try {
      return await next(args);
    } catch (error) {
      if (NO_BLIND_RETRY.has(operationOf(context)) && mayHaveArrived(error))
        throw new UncertainWrite(error);
      throw error;
    }
  };
}

/** Remembers where the request goes, so a network error can name the endpoint. */
function endpointMiddleware(): BuildMiddleware<object, MetadataBearer> {
  return (next, context: GuardContext) => (args) => {
    const request = args.request as
      { protocol?: string; hostname?: string; port?: number; path?: string } | undefined;
    if (request?.hostname) {
      const port = request.port ? `:${request.port}` : '';
      context[ENDPOINT] = `${request.protocol ?? 'https:'}//${request.hostname}${port}`;
    }
    return next(args);
  };
}

/** Hands every reply's headers to the server clock (the simulator's time, when it is one). */
function clockMiddleware(clock: ServerClock): DeserializeMiddleware<object, MetadataBearer> {
  return (next) => async (args) => {
    const result = await next(args);
    const headers = (result.response as { headers?: Record<string, string> } | undefined)?.headers;
    if (headers) clock.observe(headers);
    return result;
  };
}

/** Installs the guard on a client. Every client the factory makes gets it. */
export function installGuard(
  client: { middlewareStack: MiddlewareStack<object, MetadataBearer> },
  config: GuardConfig,
): void {
  client.middlewareStack.add(guardMiddleware(config), {
    step: 'initialize',
    priority: 'high',
    name: 'ecsRolloutGuard',
    override: true,
  });
  client.middlewareStack.add(clockMiddleware(config.clock), {
    step: 'deserialize',
    priority: 'low',
    name: 'ecsRolloutServerClock',
    override: true,
  });
  client.middlewareStack.addRelativeTo(noBlindRetryMiddleware(), {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: 'ecsRolloutNoBlindRetry',
    override: true,
  });
  client.middlewareStack.add(endpointMiddleware(), {
    step: 'build',
    priority: 'low',
    name: 'ecsRolloutEndpoint',
    override: true,
  });
}
