/** Small helpers for the mappers. */

/** Drops keys whose value is undefined, so domain objects compare and print cleanly. */
export function defined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}

/** Deep copy of plain JSON-like data without undefined members (Dates are kept as they are). */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Date) return new Date(value.getTime());
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = plain(v);
    return out;
  }
  return value;
}

/** `arn:...:task/cluster/0123abcd` -> `0123abcd`. */
export function lastSegment(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
