/** Simulated time in epoch milliseconds. */
export interface SimClock {
  now(): number;
  readonly kind: 'manual' | 'scaled';
}

/** Time moves only when a test calls `advance`; the world catches up on every advance. */
export class ManualClock implements SimClock {
  readonly kind = 'manual';
  private current: number;
  private readonly listeners = new Set<(now: number) => void>();

  constructor(startMs = Date.UTC(2026, 10, 26, 9, 0, 0)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  /** Moves time forward and lets the world run every event due by then. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance needs a non-negative number of ms, got ${ms}`);
    this.current += ms;
    for (const fn of this.listeners) fn(this.current);
  }

  onAdvance(fn: (now: number) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}

/** Real time times `speed`, for `ecs-rollout sim` and `--demo`. */
export class ScaledClock implements SimClock {
  readonly kind = 'scaled';
  private readonly realStart = Date.now();

  constructor(
    readonly speed = 1,
    private readonly simStart = Date.now(),
  ) {
    if (!(speed > 0)) throw new RangeError(`speed must be above 0, got ${speed}`);
  }

  now(): number {
    return Math.floor(this.simStart + (Date.now() - this.realStart) * this.speed);
  }
}
