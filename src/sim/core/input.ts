import { SimError } from './errors';

/**
 * A malformed member. The server turns it into the validation error of the service that was
 * called (ECS `InvalidParameterException`, ELBv2 `ValidationError`, ...).
 */
export class InputError extends Error {}

// Helpers to read untyped wire input defensively: a malformed request must become an
// AWS-shaped validation error, never a crash of the server.

/** awsQuery sends an empty list as `Name=`; JSON may omit it. Both read as []. */
export function asList<T = unknown>(value: unknown): T[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value as T[];
  return [value as T];
}

export function optString(input: Record<string, unknown>, key: string): string | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw validation(`${key} must be a string`);
  return v;
}

export function reqString(input: Record<string, unknown>, key: string, code?: string): string {
  const v = optString(input, key);
  if (v === undefined || v === '') {
    throw code ? new SimError(code, `${key} is required`) : validation(`${key} is required`);
  }
  return v;
}

/** Numbers arrive as numbers (JSON) or strings (query); both are accepted. */
export function optNumber(input: Record<string, unknown>, key: string): number | undefined {
  const v = input[key];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw validation(`${key} must be a number`);
  return n;
}

export function optBool(input: Record<string, unknown>, key: string): boolean | undefined {
  const v = input[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw validation(`${key} must be a boolean`);
}

export function validation(message: string): InputError {
  return new InputError(message);
}
