import type { ServiceEvent } from '../aws/types';
import { ageSince, clockTime } from './time';
import type { Token } from './tokens';

export interface EventRow {
  key: string;
  age: string;
  /** `HH:MM:SS` in the zone asked for. */
  time: string;
  /** The message without the `(service name) ` prefix the screen already shows. */
  message: string;
  /** A failure worth the eye: circuit breaker, "unable to", failed, unhealthy, rolling back. */
  highlight: boolean;
  token: Token | undefined;
}

const FAILURE = /circuit breaker|unable to|failed|unhealthy|rolling back|error/i;
const SUCCESS = /deployment completed|has reached a steady state/i;

export interface EventRowOptions {
  /** IANA zone for `time`; default the machine's. */
  timeZone?: string;
  /** At most this many rows (AWS keeps 100). */
  limit?: number;
}

/** Events newest first (AWS mostly sends them so, but not always), failures highlighted. */
export function eventRows(
  events: readonly ServiceEvent[],
  now: number,
  options: EventRowOptions = {},
): EventRow[] {
  const sorted = [...events].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return sorted.slice(0, options.limit ?? sorted.length).map((event) => {
    const message = stripServicePrefix(event.message);
    const highlight = FAILURE.test(message);
    return {
      key: event.id,
      age: ageSince(event.createdAt, now),
      time: clockTime(event.createdAt, options.timeZone),
      message,
      highlight,
      token: highlight
        ? /rolling back/i.test(message)
          ? 'rollout.rolledBack'
          : 'status.error'
        : SUCCESS.test(message)
          ? 'status.ok'
          : undefined,
    };
  });
}

/** `(service api) has started 1 tasks` → `has started 1 tasks`; other prefixes stay. */
export function stripServicePrefix(message: string): string {
  return message.replace(/^\(service [^),]+\)\s*/, '');
}
