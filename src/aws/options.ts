import { ExpectedError } from '../errors';
import type { CallRecorder } from './call-counter';

/** Credentials handed in directly (the simulator's dummy keys, tests). Our type, not the SDK's. */
export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface GatewayOptions {
  /** Resolve it first with `resolveRegion` (flag, env, profile). */
  region: string;
  /** Shared config profile; the SDK's default chain is used for credentials either way. */
  profile?: string;
  /** `--endpoint-url`: every service goes there. AWS_ENDPOINT_URL(_<SERVICE>) also work without it. */
  endpointUrl?: string;
  /** Refuse every mutating call before it is sent. */
  readOnly?: boolean;
  /** Skip the credential chain (the simulator, tests). */
  credentials?: StaticCredentials | (() => Promise<StaticCredentials>);
  /** Per HTTP attempt; a hung connection fails after this. Default 10 000 ms. */
  requestTimeoutMs?: number;
  /** TCP connect timeout. Default 5 000 ms. */
  connectionTimeoutMs?: number;
  /** SDK attempts per call; left to the SDK (3, or AWS_MAX_ATTEMPTS) when absent. */
  maxAttempts?: number;
  /** Share one counter between gateways (e.g. across a region switch). */
  calls?: CallRecorder;
  /** How many batched describe calls run at once. Default 4. */
  describeConcurrency?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
export const DEFAULT_DESCRIBE_CONCURRENCY = 4;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Checks an `--endpoint-url`. Plain http is allowed to loopback only: a session token travels
 * in a header, and must not cross a network unencrypted.
 */
export function validateEndpointUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ExpectedError(
      `--endpoint-url "${value}" is not a URL`,
      'give a full URL such as http://127.0.0.1:4566 or https://ecs.eu-west-1.amazonaws.com',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ExpectedError(
      `--endpoint-url "${value}" must start with http:// or https://`,
      'for example http://127.0.0.1:4566',
    );
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new ExpectedError(
      `--endpoint-url "${value}" uses plain http to a host that is not this machine`,
      'use https:// for remote endpoints; plain http is only allowed to 127.0.0.1 or localhost',
    );
  }
  return value;
}
