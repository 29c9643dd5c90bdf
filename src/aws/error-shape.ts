import { NETWORK_CODES, TIMEOUT_CODES } from './error-codes';

/** Reading SDK and Node errors by shape, without importing the SDK. */

export interface ErrorShape {
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

export function shape(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? error : {};
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Node network errors hide their code on the error, an AggregateError member, or a cause. */
export function nodeCode(error: unknown, depth = 0): string | undefined {
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

/** The message AWS sent, first letter lowercased so it reads inside our sentence. */
export function awsMessage(error: unknown): string {
  // the SDK appends advice about `$response` on a second line; it means nothing to a person
  const text = (str(shape(error).message) ?? '').split('\n')[0]!.trim();
  return text.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase()).replace(/\.$/, '');
}
