import { constraintError, validationError } from './errors';

// Readers for members of decoded awsQuery input, where every scalar arrives as a string.
// Violations become ValidationError with the AWS-style member path in the message.

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export function intMember(value: unknown, path: string, min: number, max: number): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  if (!/^-?\d+$/.test(text)) {
    throw constraintError(text, path, `Member must be an integer from ${min} to ${max}`);
  }
  const n = Number(text);
  if (n < min)
    throw constraintError(text, path, `Member must have value greater than or equal to ${min}`);
  if (n > max)
    throw constraintError(text, path, `Member must have value less than or equal to ${max}`);
  return n;
}

export function boolMember(value: unknown, path: string): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw constraintError(String(value), path, 'Member must be true or false');
}

export function requireMembers(config: Obj, names: readonly string[], path: string): void {
  for (const name of names) {
    if (typeof config[name] !== 'string' || config[name] === '') {
      throw validationError(`${path}.${lowerFirst(name)} is required`);
    }
  }
}

/** A scalar member as text; objects and absent members read as "". */
export function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}
