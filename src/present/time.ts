/**
 * Ages and durations. Every function takes `now` (epoch ms) from the caller: formatters never
 * read the clock, so the same input always renders the same text.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One unit, rounded down: `45s`, `3m`, `2h`, `5d`. Negative spans (clock skew) read `0s`. */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms) || ms < MINUTE) return `${Math.max(0, Math.floor(ms / SECOND) || 0)}s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)}h`;
  return `${Math.floor(ms / DAY)}d`;
}

/** Age of a timestamp, or the placeholder when there is none. */
export function ageSince(at: Date | number | undefined, now: number, none = '—'): string {
  if (at === undefined) return none;
  return formatAge(now - (typeof at === 'number' ? at : at.getTime()));
}

/** Two units where it helps: `45s`, `3m05s`, `2h05m`, `5d03h`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0s';
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)}s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m${pad(Math.floor((ms % MINUTE) / SECOND))}s`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)}h${pad(Math.floor((ms % HOUR) / MINUTE))}m`;
  return `${Math.floor(ms / DAY)}d${pad(Math.floor((ms % DAY) / HOUR))}h`;
}

/** From start to end, or to `now` while it is still running. */
export function durationBetween(
  start: Date | undefined,
  end: Date | undefined,
  now: number,
  none = '—',
): string {
  if (!start) return none;
  return formatDuration((end ? end.getTime() : now) - start.getTime());
}

/** Wall-clock time of day, `HH:MM:SS`, in the given zone (default: the machine's). */
export function clockTime(at: Date, timeZone?: string): string {
  return at.toLocaleTimeString('en-GB', {
    hour12: false,
    ...(timeZone ? { timeZone } : {}),
  });
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
