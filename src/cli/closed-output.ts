/**
 * stdout or stderr closing under the process: `| head -1`, a log reader gone, a terminal shut.
 * Unix tools end on SIGPIPE there; Node ignores SIGPIPE and raises EPIPE on the stream
 * instead, which, unhandled, crashes with a stack trace. Here the closed stream is no longer
 * written to and the run ends quietly: a headless command stops as at a signal (a change being
 * sent to AWS finishes first, a rollout keeps running on AWS) and exits 141, as a tool ended by
 * SIGPIPE does; with no command listening the process exits 141 at once, unless its exit code
 * is already decided (the output was the last thing it did).
 */

/** 128 + SIGPIPE, what a shell reports for a tool ended by a closed pipe. */
export const OUTPUT_CLOSED_EXIT = 141;

interface Stream {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface OutputWatchOptions {
  stdout?: Stream;
  stderr?: Stream;
  /** True once the run's exit code is set: nothing is left to stop. */
  decided: () => boolean;
  exit?: (code: number) => void;
}

export class OutputWatch {
  stdoutClosed = false;
  stderrClosed = false;
  private readonly listeners = new Set<() => void>();
  private installed = false;
  private said = false;

  /** Watches both streams for the rest of the process (idempotent). */
  install(options: OutputWatchOptions): void {
    if (this.installed) return;
    this.installed = true;
    const exit = options.exit ?? ((code: number) => process.exit(code));
    const closed = (which: 'stdout' | 'stderr') => () => {
      // any error on an output stream (EPIPE, EIO from a vanished terminal) means nobody reads it
      if (which === 'stdout') this.stdoutClosed = true;
      else this.stderrClosed = true;
      if (this.said) return;
      this.said = true;
      if (this.listeners.size > 0) {
        for (const listener of [...this.listeners]) listener();
      } else if (!options.decided()) exit(OUTPUT_CLOSED_EXIT);
    };
    (options.stdout ?? process.stdout).on('error', closed('stdout'));
    (options.stderr ?? process.stderr).on('error', closed('stderr'));
  }

  /** Called once, when the first output stream closes. */
  onClosed(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get closed(): boolean {
    return this.stdoutClosed || this.stderrClosed;
  }
}

/** The process's one watch. */
export const outputWatch = new OutputWatch();
