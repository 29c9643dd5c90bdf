/**
 * A terminal for tests: a stdout with a size that can change (ink-testing-library's is fixed
 * at 100 columns and has no rows) and a raw-mode stdin that Ink reads like a TTY.
 */
import { EventEmitter } from 'node:events';

export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  columns: number;
  rows: number;
  /** Every write, in order (escape codes included). */
  readonly writes: string[] = [];

  constructor(columns = 100, rows = 30) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    this.writes.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const callback = rest.find((r): r is () => void => typeof r === 'function');
    callback?.();
    return true;
  };

  /** Changes the size and tells Ink, as a SIGWINCH would. */
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }

  /** Everything written, as one string. */
  output(): string {
    return this.writes.join('');
  }

  hasColors(): boolean {
    return false;
  }
}

export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  isRaw = false;
  private chunks: string[] = [];

  write(data: string): void {
    this.chunks.push(data);
    this.emit('readable');
    this.emit('data', data);
  }

  read = (): string | null => this.chunks.shift() ?? null;

  setRawMode(mode: boolean): this {
    this.isRaw = mode;
    return this;
  }

  setEncoding(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  resume(): this {
    return this;
  }

  pause(): this {
    return this;
  }
}

export class FakeStderr extends EventEmitter {
  readonly writes: string[] = [];
  write = (chunk: string | Uint8Array): boolean => {
    this.writes.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  output(): string {
    return this.writes.join('');
  }
}
