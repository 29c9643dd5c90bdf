import { isAwsError } from '../errors';
import type { CallCost } from './budget';
import { Observable } from './observable';
import type { TimeSource } from './time';

export type PollStatus = 'loading' | 'ready' | 'empty' | 'error';

/**
 * What a screen renders. `status` says what to draw: `loading` (no data yet), `ready` / `empty`
 * (data, possibly stale), `error` (no data at all and the last fetch failed). When a fetch
 * fails after an earlier success, the data stays, `stale` turns true and `error` says why.
 */
export interface PollSnapshot<T> {
  readonly status: PollStatus;
  readonly data: T | undefined;
  readonly error: Error | undefined;
  /** When the data on screen was fetched (time source ms). */
  readonly fetchedAt: number | undefined;
  /** The last fetch failed; `data` is from an earlier one. */
  readonly stale: boolean;
  /** Backing off after AWS throttled us. */
  readonly throttled: boolean;
  /** A fetch is running now. */
  readonly fetching: boolean;
  /** When the next scheduled fetch starts; undefined while fetching or stopped. */
  readonly nextPollAt: number | undefined;
  /** The interval in force: base, times back-off and budget stretch. */
  readonly intervalMs: number;
}

export interface PollerOptions<T> {
  /** For messages and the hub's report. */
  name: string;
  fetch: (signal: AbortSignal) => Promise<T>;
  /** Time between the end of one fetch and the start of the next. Infinity: only on refresh(). */
  intervalMs: number;
  time: TimeSource;
  /** Default: undefined, null and empty arrays are empty. */
  isEmpty?: (data: T) => boolean;
  /** Calls one fetch makes per bucket, for the hub's budget. May change between fetches. */
  cost?: () => CallCost;
  /** Back-off ceiling. Default 60 s (or the base interval when that is longer). */
  maxBackoffMs?: number;
  /** Clean polls after which the back-off halves. Default 3. */
  decayAfter?: number;
  /** Called when the interval in force or running state changes (the hub rebalances). */
  onTimingChange?: () => void;
}

const DEFAULT_MAX_BACKOFF_MS = 60_000;

/**
 * Fetches something on an interval for a live panel. Never overlaps itself: ticks are scheduled
 * from the end of the previous fetch, and a refresh() during a fetch is folded into one more
 * fetch right after it (so new inputs are seen) instead of a second concurrent call.
 */
export class Poller<T> extends Observable<PollSnapshot<T>> {
  readonly name: string;
  private readonly options: PollerOptions<T>;
  private baseIntervalMs: number;
  private backoffFactor = 1;
  private cleanPolls = 0;
  private stretch = 1;
  private running = false;
  private timer: unknown;
  private controller: AbortController | undefined;
  private inflight: Promise<void> | undefined;
  private rerun = false;
  private lastEndAt: number | undefined;

  constructor(options: PollerOptions<T>) {
    super({
      status: 'loading',
      data: undefined,
      error: undefined,
      fetchedAt: undefined,
      stale: false,
      throttled: false,
      fetching: false,
      nextPollAt: undefined,
      intervalMs: options.intervalMs,
    });
    checkInterval(options.intervalMs, options.name);
    this.name = options.name;
    this.options = options;
    this.baseIntervalMs = options.intervalMs;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Base interval with the throttling back-off applied (what the budget plans with). */
  get backoffIntervalMs(): number {
    const cap = Math.max(this.baseIntervalMs, this.options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS);
    return Math.min(this.baseIntervalMs * this.backoffFactor, cap);
  }

  get effectiveIntervalMs(): number {
    return this.backoffIntervalMs * this.stretch;
  }

  cost(): CallCost {
    return this.options.cost?.() ?? {};
  }

  /** Starts polling with a fetch now. Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.options.onTimingChange?.();
    if (!this.inflight) void this.execute();
  }

  /** Stops polling and aborts the fetch in flight; the data stays. start() resumes. */
  stop(): void {
    if (!this.running && !this.inflight) return;
    this.running = false;
    this.rerun = false;
    this.clearTimer();
    this.controller?.abort();
    this.controller = undefined;
    this.inflight = undefined;
    this.update({ fetching: false, nextPollAt: undefined });
    this.options.onTimingChange?.();
  }

  /** Fetches now (or right after the fetch in flight); resolves when that fetch is done. */
  refresh(): Promise<void> {
    if (this.inflight) {
      this.rerun = true;
      return this.inflight.then(() => this.inflight);
    }
    return this.execute();
  }

  /** Resolves when no fetch is running (at once when idle), including a queued follow-up. */
  async whenIdle(): Promise<void> {
    while (this.inflight) await this.inflight;
  }

  /**
   * Forgets the data (the question changed: RUNNING -> STOPPED) and, when running, fetches the
   * new answer at once; a stopped poller fetches it on start().
   */
  reset(): Promise<void> {
    this.controller?.abort();
    this.controller = undefined;
    this.inflight = undefined;
    this.rerun = false;
    this.clearTimer();
    this.update({
      status: 'loading',
      data: undefined,
      error: undefined,
      fetchedAt: undefined,
      stale: false,
      fetching: false,
      nextPollAt: undefined,
    });
    return this.running ? this.execute() : Promise.resolve();
  }

  /** Changes the base interval (e.g. 2 s while a rollout runs, 15 s idle). */
  setInterval(ms: number): void {
    checkInterval(ms, this.name);
    if (ms === this.baseIntervalMs) return;
    this.baseIntervalMs = ms;
    this.timingChanged();
  }

  /** Set by the hub to keep the client inside its call budget. */
  setStretch(factor: number): void {
    const next = Math.max(1, factor);
    if (Math.abs(next - this.stretch) < 1e-9) return;
    this.stretch = next;
    this.reschedule();
    this.update({ intervalMs: this.effectiveIntervalMs });
  }

  private timingChanged(): void {
    this.reschedule();
    this.update({ intervalMs: this.effectiveIntervalMs, throttled: this.backoffFactor > 1 });
    this.options.onTimingChange?.();
  }

  private execute(): Promise<void> {
    this.clearTimer();
    const controller = new AbortController();
    this.controller = controller;
    this.update({ fetching: true, nextPollAt: undefined });
    const run = this.fetchOnce(controller).finally(() => {
      if (this.controller !== controller) return; // stopped or reset meanwhile
      this.controller = undefined;
      this.inflight = undefined;
      this.lastEndAt = this.options.time.now();
      if (this.rerun) {
        this.rerun = false;
        void this.execute();
      } else {
        this.schedule();
      }
    });
    this.inflight = run;
    return run;
  }

  private async fetchOnce(controller: AbortController): Promise<void> {
    try {
      const data = await this.options.fetch(controller.signal);
      if (controller.signal.aborted) return;
      this.succeeded(data);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.failed(error);
    }
  }

  private succeeded(data: T): void {
    if (this.backoffFactor > 1 && ++this.cleanPolls >= (this.options.decayAfter ?? 3)) {
      this.backoffFactor = Math.max(1, this.backoffFactor / 2);
      this.cleanPolls = 0;
      this.timingChanged();
    }
    const empty = (this.options.isEmpty ?? defaultIsEmpty)(data);
    this.update({
      status: empty ? 'empty' : 'ready',
      data,
      error: undefined,
      fetchedAt: this.options.time.now(),
      stale: false,
      fetching: false,
    });
  }

  private failed(error: unknown): void {
    this.cleanPolls = 0;
    if (isAwsError(error, 'throttled')) {
      const maxFactor = Math.max(
        1,
        (this.options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS) / this.baseIntervalMs,
      );
      const next = Math.min(this.backoffFactor * 2, maxFactor);
      if (next !== this.backoffFactor) {
        this.backoffFactor = next;
        this.timingChanged();
      }
    }
    const hasData = this.snapshot.data !== undefined;
    this.update({
      status: hasData ? this.snapshot.status : 'error',
      error: error instanceof Error ? error : new Error(String(error)),
      stale: hasData,
      fetching: false,
    });
  }

  private schedule(): void {
    this.clearTimer();
    const interval = this.effectiveIntervalMs;
    if (!this.running || !Number.isFinite(interval)) {
      this.update({ nextPollAt: undefined });
      return;
    }
    const now = this.options.time.now();
    const at = Math.max(now, (this.lastEndAt ?? now) + interval);
    this.timer = this.options.time.setTimeout(() => this.tick(), at - now);
    this.update({ nextPollAt: at });
  }

  /** After an interval change: move a pending tick, never start a second fetch. */
  private reschedule(): void {
    if (this.timer !== undefined) this.schedule();
  }

  private tick(): void {
    this.timer = undefined;
    // a tick that finds a fetch running is dropped; the fetch schedules the next one itself
    if (!this.running || this.inflight) return;
    void this.execute();
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    this.options.time.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function defaultIsEmpty(data: unknown): boolean {
  return data === undefined || data === null || (Array.isArray(data) && data.length === 0);
}

function checkInterval(ms: number, name: string): void {
  if (!(ms > 0)) {
    throw new RangeError(`poll interval for ${name} must be above 0 ms (or Infinity), got ${ms}`);
  }
}
