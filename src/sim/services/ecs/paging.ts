import { SimError } from '../../core/errors';
import { optNumber, optString } from '../../core/input';

/**
 * Offset paging behind an opaque `nextToken` (callers must not read it; AWS's are opaque
 * too). A token names the listing it belongs to, so one from another call is rejected.
 * ECR shares this with ECS: both answer bad values with InvalidParameterException.
 */
export interface PageOptions {
  /** What the token belongs to, e.g. `ListServices/default`. */
  listing: string;
  defaultSize: number;
  max: number;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

function invalid(message: string): SimError {
  return new SimError('InvalidParameterException', message);
}

export function encodeToken(listing: string, offset: number): string {
  return Buffer.from(JSON.stringify({ l: listing, o: offset }), 'utf8').toString('base64url');
}

function decodeToken(token: string, listing: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed === 'object' && parsed !== null) {
      const { l, o } = parsed as { l?: unknown; o?: unknown };
      if (l === listing && typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
    }
  } catch {
    // fall through to the AWS-shaped error below
  }
  throw invalid('Invalid nextToken. Pass the nextToken of the previous page of this same call.');
}

/** Reads `maxResults` (range-checked) and `nextToken` from the request and slices `items`. */
export function pageOf<T>(
  items: readonly T[],
  input: Record<string, unknown>,
  opts: PageOptions,
): Page<T> {
  const max = optNumber(input, 'maxResults');
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > opts.max)) {
    throw invalid(`maxResults must be between 1 and ${opts.max}, got ${max}.`);
  }
  const size = max ?? opts.defaultSize;
  const token = optString(input, 'nextToken');
  const start = token ? decodeToken(token, opts.listing) : 0;
  const slice = items.slice(start, start + size);
  const end = start + slice.length;
  return end < items.length
    ? { items: slice, nextToken: encodeToken(opts.listing, end) }
    : { items: slice };
}
