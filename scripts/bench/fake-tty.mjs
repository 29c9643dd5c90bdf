// A sized fake terminal for the in-process probes: a stdout Ink treats as a TTY (so frames
// are drawn as on a terminal, including the clear-and-repaint when a frame reaches the
// terminal's height) and a raw-mode stdin that keys can be written into.
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { stripAnsi } from './stats.mjs';

export class FakeStdout extends EventEmitter {
  isTTY = true;
  bytes = 0;
  writes = 0;
  /** Frames written as clear-screen + repaint (what flickers on a real terminal). */
  clears = 0;
  lastFrame = '';
  lastWriteAt = 0;
  listeners = new Set();

  constructor(columns, rows) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  write = (chunk, ...rest) => {
    const s = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    this.bytes += Buffer.byteLength(s);
    this.writes++;
    if (s.includes('\x1b[2J')) this.clears++;
    const text = stripAnsi(s);
    if (text.trim() !== '') this.lastFrame = text;
    this.lastWriteAt = performance.now();
    for (const fn of [...this.listeners]) fn(this.lastWriteAt, text);
    rest.find((r) => typeof r === 'function')?.();
    return true;
  };

  /** Resolves with the time of the next write (undefined after `timeoutMs`). */
  nextWrite(timeoutMs = 1000) {
    return new Promise((resolve) => {
      const fn = (at) => {
        clearTimeout(timer);
        this.listeners.delete(fn);
        resolve(at);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(fn);
        resolve(undefined);
      }, timeoutMs);
      this.listeners.add(fn);
    });
  }

  /** Resolves when the frame on screen passes `test`. */
  until(test, timeoutMs = 30_000) {
    if (test(this.lastFrame)) return Promise.resolve(performance.now());
    return new Promise((resolve, reject) => {
      const fn = (at) => {
        if (!test(this.lastFrame)) return;
        clearTimeout(timer);
        this.listeners.delete(fn);
        resolve(at);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(fn);
        reject(new Error(`frame never matched; last frame:\n${this.lastFrame}`));
      }, timeoutMs);
      this.listeners.add(fn);
    });
  }

  hasColors() {
    return true;
  }
  getColorDepth() {
    return 8;
  }
}

export class FakeStdin extends EventEmitter {
  isTTY = true;
  isRaw = false;
  chunks = [];

  write(data) {
    this.chunks.push(data);
    this.emit('readable');
    this.emit('data', data);
  }
  read = () => this.chunks.shift() ?? null;
  setRawMode(mode) {
    this.isRaw = mode;
    return this;
  }
  setEncoding() {
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
  pause() {
    return this;
  }
  resume() {
    return this;
  }
}
