import { UsageError } from './errors';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * `90s`, `10m`, `1h30m`, `500ms`, or a bare number of seconds: CI files read better with units,
 * and a bare `600` means seconds as in the AWS CLI waiters.
 */
export function parseDuration(text: string, flag: string): number {
  const value = text.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return checked(Number(value) * 1000, text, flag);
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  const joined = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || joined !== value) {
    throw new UsageError(
      `${flag} "${text}" is not a duration`,
      `give a number with a unit, such as 90s, 10m or 1h30m`,
    );
  }
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]!]!, 0);
  return checked(ms, text, flag);
}

function checked(ms: number, text: string, flag: string): number {
  if (!Number.isFinite(ms) || ms <= 0)
    throw new UsageError(`${flag} "${text}" must be longer than 0`, 'for example 30m');
  return Math.round(ms);
}

/** `30m`, `90s`, `1h30m`, `250ms`: the inverse of parseDuration for help and messages. */
export function durationText(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].join('') || '0s';
}
