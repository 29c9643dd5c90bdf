import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { Socket } from 'node:net';
import { SimError } from '../core/errors';
import { InputError } from '../core/input';
import type { HandlerTable, RequestContext, SimServiceName } from '../core/types';
import type { FaultInjector } from '../faults';
import { jsonErrorBody, toAwsJson } from '../protocols/json';
import { parseQueryBody, queryErrorXml, querySuccessXml } from '../protocols/query';
import type { World } from '../world/world';
import type { CallLog } from './call-log';
import { setClockHeaders } from './clock-headers';
import type { RateLimiter } from './rate-limits';
import {
  SERVICE_WIRES,
  serviceBySigningName,
  serviceByTarget,
  serviceByVersion,
  type ServiceWire,
} from './services';

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host);
}

export interface HttpServerDeps {
  world: World;
  handlers: Readonly<Record<SimServiceName, HandlerTable>>;
  faults: FaultInjector;
  calls: CallLog;
  /** AWS's request rate limits; absent means unlimited. */
  rateLimits?: RateLimiter | undefined;
  /** Called with one line per unexpected handler crash (the server keeps serving). */
  onInternalError?: (error: unknown, service: string, operation: string) => void;
}

interface Routed {
  wire: ServiceWire;
  operation: string;
  protocol: 'json' | 'query';
  input: Record<string, unknown>;
}

/** Where a request goes: X-Amz-Target for awsJson, Action/Version in the form for awsQuery. */
function route(req: IncomingMessage, body: string): Routed | SimError {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string' && target.includes('.')) {
    const [prefix, operation] = target.split('.', 2) as [string, string];
    const wire = serviceByTarget(prefix);
    if (!wire)
      return new SimError(
        'UnknownOperationException',
        `ecs-rollout sim does not serve the API ${prefix}`,
      );
    let input: unknown = {};
    if (body.trim() !== '') {
      try {
        input = JSON.parse(body);
      } catch {
        return new SimError('SerializationException', 'the request body is not valid JSON');
      }
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return new SimError('SerializationException', 'the request body must be a JSON object');
    }
    return { wire, operation, protocol: 'json', input: input as Record<string, unknown> };
  }
  const { action, version, params } = parseQueryBody(body);
  if (action) {
    const wire = serviceByVersion(version) ?? serviceFromScope(req);
    if (!wire)
      return new SimError(
        'InvalidAction',
        `ecs-rollout sim does not serve API version "${version}"`,
      );
    return { wire, operation: action, protocol: 'query', input: params };
  }
  return new SimError(
    'UnknownOperationException',
    'the request names no operation (no X-Amz-Target header and no Action)',
  );
}

function credentialScope(req: IncomingMessage): {
  accessKeyId: string;
  region?: string;
  service?: string;
} {
  const auth = req.headers.authorization ?? '';
  const m = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
  if (!m) return { accessKeyId: '' };
  return { accessKeyId: m[1]!, region: m[2]!, service: m[3]! };
}

function serviceFromScope(req: IncomingMessage): ServiceWire | undefined {
  const scope = credentialScope(req);
  return scope.service ? serviceBySigningName(scope.service) : undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(
          new SimError('RequestEntityTooLarge', 'the request body is too large', { status: 413 }),
        );
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      // the SDK gzips large bodies (e.g. CloudWatch PutMetricData over 10 KB)
      if (req.headers['content-encoding'] === 'gzip') {
        try {
          resolve(gunzipSync(raw).toString('utf8'));
        } catch {
          reject(
            new SimError(
              'SerializationException',
              'the gzip request body could not be decompressed',
            ),
          );
        }
        return;
      }
      resolve(raw.toString('utf8'));
    });
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  requestId: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': contentType,
    'x-amzn-requestid': requestId,
    'content-length': Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}

function sendError(
  res: ServerResponse,
  wire: ServiceWire | undefined,
  protocol: 'json' | 'query',
  err: SimError,
  requestId: string,
): void {
  if (protocol === 'query') {
    const xmlns = wire?.xmlns ?? 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';
    send(
      res,
      err.status,
      'text/xml',
      queryErrorXml(
        xmlns,
        { code: err.code, message: err.message, faultType: err.faultType },
        requestId,
      ),
      requestId,
    );
    return;
  }
  const contentType =
    wire?.protocol === 'json1.0' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
  const headers: Record<string, string> = { 'x-amzn-errortype': err.code };
  // CloudWatch speaks JSON but is "awsQueryCompatible": the SDK reads the query code from this header
  if (wire?.name === 'cloudwatch') headers['x-amzn-query-error'] = `${err.code};${err.faultType}`;
  send(
    res,
    err.status,
    contentType,
    jsonErrorBody(err.code, err.message, err.fields),
    requestId,
    headers,
  );
}

function faultError(kind: string, wire: ServiceWire, operation: string): SimError | undefined {
  switch (kind) {
    case 'throttle':
      return new SimError(wire.codes.throttle, 'Rate exceeded');
    case 'http500':
      return new SimError(
        wire.codes.server,
        'We encountered an internal error. Please try again.',
        { status: 500 },
      );
    case 'http503':
      return new SimError(
        wire.codes.unavailable,
        'Service is unavailable. Please try again later.',
        { status: 503 },
      );
    case 'access-denied':
      return new SimError(
        wire.codes.accessDenied,
        `User: arn:aws:iam::123456789012:user/demo-operator is not authorized to perform: ${wire.signingName}:${operation} because no identity-based policy allows the ${wire.signingName}:${operation} action`,
      );
    case 'expired-token':
      return new SimError(
        wire.codes.expiredToken,
        'The security token included in the request is expired',
        { status: 400 },
      );
    default:
      return undefined;
  }
}

/** The one HTTP server for every simulated service. It never crashes on a bad request. */
export function createSimHttpServer(deps: HttpServerDeps): {
  server: Server;
  sockets: Set<Socket>;
} {
  const sockets = new Set<Socket>();
  let requestSeq = 0;
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      deps.onInternalError?.(error, '?', '?');
      if (!res.headersSent) {
        const err = new SimError('InternalFailure', 'the simulator failed to handle the request', {
          status: 500,
        });
        sendError(res, undefined, 'json', err, 'error');
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const world = deps.world;
    setClockHeaders(res, world.clock);
    const requestId = `${(++requestSeq).toString(16).padStart(8, '0')}-sim0-4000-8000-${world.rng.hex(12)}`;
    let body: string;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof SimError) sendError(res, undefined, 'json', error, requestId);
      return;
    }
    if (req.method !== 'POST') {
      sendError(
        res,
        undefined,
        'json',
        new SimError(
          'UnknownOperationException',
          `${req.method} is not supported; AWS APIs here take POST /`,
          { status: 405 },
        ),
        requestId,
      );
      return;
    }
    const routed = route(req, body);
    const protocolGuess: 'json' | 'query' = req.headers['x-amz-target'] ? 'json' : 'query';
    if (routed instanceof SimError) {
      sendError(res, undefined, protocolGuess, routed, requestId);
      return;
    }
    const { wire, operation, protocol, input } = routed;
    const scope = credentialScope(req);
    world.catchUp();
    const at = world.now;
    const log = (status: number, errorCode?: string) =>
      deps.calls.record({
        service: wire.name,
        operation,
        status,
        ...(errorCode ? { errorCode } : {}),
        at,
      });

    if (deps.rateLimits && !deps.rateLimits.take(wire.name, operation, ctxRegion(scope, world))) {
      const err = new SimError(wire.codes.throttle, 'Rate exceeded');
      log(err.status, err.code);
      sendError(res, wire, protocol, err, requestId);
      return;
    }

    let lostReply = false;
    for (const fault of deps.faults.take(wire.name, operation, () => world.rng.next())) {
      if (fault.kind === 'latency')
        await new Promise((r) => setTimeout(r, fault.latencyMs ?? 2000));
      else if (fault.kind === 'hang') {
        log(0, 'hang');
        return; // the socket stays open until the client times out or the server closes
      } else if (fault.kind === 'reset') {
        log(0, 'reset');
        req.socket.destroy();
        return;
      } else if (fault.kind === 'lost-reply') lostReply = true;
      else if (fault.kind === 'malformed') {
        log(200, 'malformed');
        send(
          res,
          200,
          'application/x-amz-json-1.1',
          '{"services":[{"serviceName":"trunc',
          requestId,
        );
        return;
      } else {
        const err = faultError(fault.kind, wire, operation);
        if (err) {
          log(err.status, err.code);
          sendError(res, wire, protocol, err, requestId);
          return;
        }
      }
    }

    const handler = deps.handlers[wire.name][operation];
    if (!handler) {
      const err =
        protocol === 'query'
          ? new SimError(
              'InvalidAction',
              `ecs-rollout sim does not implement ${wire.label} ${operation}`,
            )
          : new SimError(
              'UnknownOperationException',
              `ecs-rollout sim does not implement ${wire.label} ${operation}`,
            );
      log(err.status, err.code);
      sendError(res, wire, protocol, err, requestId);
      return;
    }
    const ctx: RequestContext = {
      world,
      service: wire.name,
      operation,
      region: ctxRegion(scope, world),
      accountId: world.accountId,
      accessKeyId: scope.accessKeyId,
      requestId,
      now: world.now,
    };
    let result: unknown;
    try {
      result = await handler(input, ctx);
    } catch (error) {
      const err =
        error instanceof SimError
          ? error
          : error instanceof InputError
            ? new SimError(wire.codes.validation, error.message)
            : internal(error, wire, operation, deps);
      log(err.status, err.code);
      sendError(res, wire, protocol, err, requestId);
      return;
    }
    log(200);
    if (lostReply) {
      req.socket.destroy();
      return;
    }
    if (protocol === 'query') {
      send(
        res,
        200,
        'text/xml',
        querySuccessXml(operation, wire.xmlns ?? '', result, requestId),
        requestId,
      );
    } else {
      const contentType =
        wire.protocol === 'json1.0' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
      send(res, 200, contentType, toAwsJson(result), requestId);
    }
  }

  return { server, sockets };
}

function ctxRegion(scope: { region?: string }, world: World): string {
  return scope.region ?? world.defaultRegion;
}

function internal(
  error: unknown,
  wire: ServiceWire,
  operation: string,
  deps: HttpServerDeps,
): SimError {
  deps.onInternalError?.(error, wire.name, operation);
  return new SimError(wire.codes.server, `internal simulator error in ${wire.label} ${operation}`, {
    status: 500,
  });
}

export { SERVICE_WIRES };
