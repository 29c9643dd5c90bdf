import { describeError } from '../errors';
import { Observable } from './observable';
import { systemTime, type TimeSource } from './time';

export type FlashLevel = 'info' | 'warn' | 'error';

export interface FlashMessage {
  /** Changes with every message, so the same text twice still re-renders. */
  readonly id: number;
  readonly level: FlashLevel;
  readonly text: string;
  readonly hint?: string;
  /** When it was shown (time source ms). */
  readonly at: number;
}

export interface FlashSnapshot {
  readonly current: FlashMessage | undefined;
}

const DEFAULT_TTL_MS = 6000;

/**
 * The one-line flash in the footer: the newest message wins and clears itself after 6 s.
 * Transient errors go here; panel errors are shown inline by their panel.
 */
export class FlashStore extends Observable<FlashSnapshot> {
  private nextId = 1;
  private timer: unknown;

  constructor(
    private readonly time: TimeSource = systemTime,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {
    super({ current: undefined });
  }

  info(text: string): void {
    this.show('info', text);
  }

  warn(text: string): void {
    this.show('warn', text);
  }

  /** An error or any thrown value, with the hint an ExpectedError carries. */
  error(error: unknown): void {
    if (typeof error === 'string') {
      this.show('error', error);
      return;
    }
    const { message, hint } = describeError(error);
    this.show('error', message, hint);
  }

  clear(): void {
    this.cancelTimer();
    this.update({ current: undefined });
  }

  dispose(): void {
    this.cancelTimer();
  }

  private show(level: FlashLevel, text: string, hint?: string): void {
    this.cancelTimer();
    const message: FlashMessage = {
      id: this.nextId++,
      level,
      text,
      ...(hint ? { hint } : {}),
      at: this.time.now(),
    };
    this.update({ current: message });
    this.timer = this.time.setTimeout(() => {
      this.timer = undefined;
      if (this.snapshot.current?.id === message.id) this.update({ current: undefined });
    }, this.ttlMs);
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.time.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
