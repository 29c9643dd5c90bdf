/**
 * A discrete-event queue on simulated time. Engines schedule what happens when (a task
 * reaches RUNNING, a health check passes); `runUntil` fires events in time order, and in
 * insertion order for equal times, so the same seed and clock steps give the same world.
 */
export class Scheduler {
  private queue: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;
  private current: number;

  constructor(startMs: number) {
    this.current = startMs;
  }

  get now(): number {
    return this.current;
  }

  /** Runs `fn` at simulated time `at` (or at once on the next run when `at` is past). */
  at(at: number, fn: () => void): void {
    const item = { at: Math.max(at, this.current), seq: this.seq++, fn };
    // binary insert keeps the queue sorted by (at, seq)
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.queue[mid]!;
      if (m.at < item.at || (m.at === item.at && m.seq < item.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, item);
  }

  after(delayMs: number, fn: () => void): void {
    this.at(this.current + delayMs, fn);
  }

  /** Fires every event due at or before `t`, advancing `now` to each event's time. */
  runUntil(t: number): void {
    while (this.queue.length > 0 && this.queue[0]!.at <= t) {
      const item = this.queue.shift()!;
      this.current = item.at;
      item.fn();
    }
    if (t > this.current) this.current = t;
  }

  get pending(): number {
    return this.queue.length;
  }
}
