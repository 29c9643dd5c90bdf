import type { TimeSource } from './time';

interface PendingTimer {
  id: number;
  at: number;
  fn: () => void;
}

/**
 * A TimeSource that moves only when a test says so. Timers fire in due order; a timer set while
 * advancing fires in the same advance when it falls due before the target time.
 */
export class ManualTimer implements TimeSource {
  private current: number;
  private nextId = 1;
  private readonly timers = new Map<number, PendingTimer>();

  constructor(startMs = Date.UTC(2026, 10, 26, 9, 0, 0)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    this.timers.set(id, { id, at: this.current + delay, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  /** Timers still waiting to fire. */
  pendingCount(): number {
    return this.timers.size;
  }

  /** When the next timer fires, if any. */
  nextDueAt(): number | undefined {
    return this.due(Infinity)?.at;
  }

  /** Moves time forward synchronously, firing every timer due on the way. */
  advance(ms: number): void {
    const target = this.checkedTarget(ms);
    for (let timer = this.due(target); timer; timer = this.due(target)) this.fire(timer);
    this.current = target;
  }

  /**
   * Like `advance`, but lets promises settle after every timer, so a fetch started by one timer
   * can finish (and schedule the next) before later timers fire.
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.checkedTarget(ms);
    await flushPromises();
    for (let timer = this.due(target); timer; timer = this.due(target)) {
      this.fire(timer);
      await flushPromises();
    }
    this.current = target;
    await flushPromises();
  }

  private checkedTarget(ms: number): number {
    if (!(ms >= 0)) throw new RangeError(`advance needs a non-negative number of ms, got ${ms}`);
    return this.current + ms;
  }

  private due(target: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.at > target) continue;
      if (!best || timer.at < best.at || (timer.at === best.at && timer.id < best.id)) best = timer;
    }
    return best;
  }

  private fire(timer: PendingTimer): void {
    this.timers.delete(timer.id);
    this.current = Math.max(this.current, timer.at);
    timer.fn();
  }
}

/** Lets every already-resolved promise chain run to completion (a macrotask turn or two). */
export async function flushPromises(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
