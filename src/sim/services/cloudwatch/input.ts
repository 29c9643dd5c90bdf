import { SimError } from '../../core/errors';
import { asList } from '../../core/input';
import type { Dimension } from './state';

// Reading CloudWatch input that arrives either as awsJson 1.0 (numbers, booleans, epoch-second
// timestamps) or as awsQuery (everything a string, ISO timestamps). Errors use the query codes,
// which the SDK maps through the x-amzn-query-error header.

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function invalid(message: string): SimError {
  return new SimError('InvalidParameterValue', message);
}

export function missing(name: string): SimError {
  return new SimError('MissingParameter', `The parameter ${name} is required.`);
}

export function str(input: Obj, key: string, required: true): string;
export function str(input: Obj, key: string, required?: false): string | undefined;
export function str(input: Obj, key: string, required = false): string | undefined {
  const v = input[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw missing(key);
    return undefined;
  }
  if (typeof v !== 'string') throw invalid(`The value for parameter ${key} must be a string.`);
  return v;
}

export function num(input: Obj, key: string, required: true): number;
export function num(input: Obj, key: string, required?: false): number | undefined;
export function num(input: Obj, key: string, required = false): number | undefined {
  const v = input[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw missing(key);
    return undefined;
  }
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n))
    throw invalid(`The value ${JSON.stringify(v)} for parameter ${key} is not a number.`);
  return n;
}

export function bool(input: Obj, key: string): boolean | undefined {
  const v = input[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw invalid(`The value for parameter ${key} must be true or false.`);
}

export function strList(input: Obj, key: string): string[] {
  return asList<unknown>(input[key]).map((s) => (typeof s === 'string' ? s : String(s as number)));
}

/** JSON sends epoch seconds, query sends ISO-8601; both become epoch ms. */
export function timestamp(input: Obj, key: string, required: true): number;
export function timestamp(input: Obj, key: string, required?: false): number | undefined;
export function timestamp(input: Obj, key: string, required = false): number | undefined {
  const v = input[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw missing(key);
    return undefined;
  }
  const ms =
    typeof v === 'number'
      ? v * 1000
      : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)
        ? Number(v) * 1000
        : typeof v === 'string'
          ? Date.parse(v)
          : NaN;
  if (!Number.isFinite(ms))
    throw invalid(`The value ${JSON.stringify(v)} for parameter ${key} is not a valid timestamp.`);
  return ms;
}

export function dimensions(value: unknown, path: string): Dimension[] {
  const list = asList<unknown>(value);
  if (list.length > 30)
    throw invalid(`The collection ${path} must not have a size greater than 30.`);
  return list.map((d) => {
    const dim = isObj(d) ? d : {};
    const name = str(dim, 'Name');
    const v = str(dim, 'Value');
    if (!name || v === undefined) throw invalid(`Each of ${path} needs a Name and a Value.`);
    return { Name: name, Value: v };
  });
}

/** Opaque offset tokens for NextToken paging. */
export function readToken(token: string | undefined): number {
  if (!token) return 0;
  const m = /^o(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!m)
    throw new SimError(
      'InvalidNextToken',
      `NextToken '${token}' was not issued by this API; start again without it`,
    );
  return Number(m[1]);
}

export function makeToken(offset: number): string {
  return Buffer.from(`o${offset}`).toString('base64');
}
