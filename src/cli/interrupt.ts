import type { CliRuntime, CliSignal } from './runtime';

/**
 * Ctrl-C, SIGTERM and SIGHUP (a closed terminal, a CI runner going away) while a command runs.
 * The first one stops waiting (the signal aborts reads) and lets the command say what still
 * runs on AWS; a second one leaves at once after `onSecond` (or, when no step set one, the
 * run's fallback) has printed the result. Deployments run server-side: neither stops them.
 */
export class Interrupts {
  private readonly controller = new AbortController();
  private received: CliSignal | undefined;
  private secondHandler: ((signal: CliSignal) => void) | undefined;
  private fallbackHandler: ((signal: CliSignal) => void) | undefined;
  private firstHandler: ((signal: CliSignal) => void) | undefined;
  private readonly detach: () => void;

  constructor(private readonly rt: CliRuntime) {
    this.detach = rt.onInterrupt((signal) => this.handle(signal));
  }

  /** Aborted at the first signal. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get which(): CliSignal | undefined {
    return this.received;
  }

  /** What to say at the first signal while a change is being sent (it finishes first). */
  onFirst(handler: ((signal: CliSignal) => void) | undefined): void {
    this.firstHandler = handler;
  }

  /** What to print before leaving on the second signal (the last known state). */
  onSecond(handler: ((signal: CliSignal) => void) | undefined): void {
    this.secondHandler = handler;
  }

  /** What to print on the second signal when no command step said what (the run's result). */
  onSecondFallback(handler: (signal: CliSignal) => void): void {
    this.fallbackHandler = handler;
  }

  dispose(): void {
    this.detach();
  }

  private handle(signal: CliSignal): void {
    if (this.received) {
      // a closed output is not a person insisting: only a real second signal leaves at once
      if (signal === 'SIGPIPE') return;
      try {
        (this.secondHandler ?? this.fallbackHandler)?.(signal);
      } finally {
        this.rt.exitNow(130);
      }
    }
    this.received = signal;
    this.firstHandler?.(signal);
    this.controller.abort(new Error(`interrupted by ${signal}`));
  }
}
