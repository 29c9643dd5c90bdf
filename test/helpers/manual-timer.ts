/** An AppTimer that moves only when a test says so: `advance(6000)` expires a flash. */
import type { AppTimer } from '../../src/hooks/app-timer';

interface Scheduled {
  at: number;
  seq: number;
  fn: () => void;
  every?: number;
}

export interface ManualTimer extends AppTimer {
  /** Moves time forward, running everything due, in time order. */
  advance(ms: number): void;
  /** Timers waiting to fire (a leak check: spinners stop their interval when unmounted). */
  pending(): number;
}

export function createManualTimer(start = 0): ManualTimer {
  let now = start;
  let seq = 0;
  const queue = new Set<Scheduled>();

  const add = (item: Scheduled) => {
    queue.add(item);
    return () => {
      queue.delete(item);
    };
  };

  return {
    now: () => now,
    after: (ms, fn) => add({ at: now + ms, seq: seq++, fn }),
    every: (ms, fn) => add({ at: now + ms, seq: seq++, fn, every: Math.max(1, ms) }),
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const next = [...queue]
          .filter((s) => s.at <= until)
          .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
        if (!next) break;
        now = next.at;
        if (next.every === undefined) queue.delete(next);
        else next.at += next.every;
        next.fn();
      }
      now = until;
    },
    pending: () => queue.size,
  };
}
