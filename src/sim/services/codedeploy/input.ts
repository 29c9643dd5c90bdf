import { SimError } from '../../core/errors';
import { asList } from '../../core/input';
import { invalidNextToken } from './errors';

// Reading CodeDeploy (awsJson 1.1) input. Missing required members get CodeDeploy's own
// *RequiredException classes rather than a generic validation error.

export type Obj = Record<string, unknown>;

export const PAGE_SIZE = 100;

export function required(input: Obj, key: string, exception: string, what: string): string {
  const v = input[key];
  if (typeof v !== 'string' || v === '')
    throw new SimError(exception, `${what} must be specified.`);
  return v;
}

export function optional(input: Obj, key: string): string | undefined {
  const v = input[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string')
    throw new SimError('InvalidInputException', `${key} must be a string.`);
  return v;
}

export function names(input: Obj, key: string): string[] {
  return asList<unknown>(input[key]).map((v) => {
    if (typeof v !== 'string')
      throw new SimError('InvalidInputException', `${key} must hold strings.`);
    return v;
  });
}

/** nextToken paging: opaque offsets. */
export function pageOf<T>(items: readonly T[], token: unknown): { items: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined && token !== null && token !== '') {
    const m =
      typeof token === 'string'
        ? /^o(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'))
        : null;
    if (!m) throw invalidNextToken();
    start = Number(m[1]);
  }
  const end = start + PAGE_SIZE;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { nextToken: Buffer.from(`o${end}`).toString('base64') } : {}),
  };
}

export const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
