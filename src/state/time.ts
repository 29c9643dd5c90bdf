/**
 * The only clock the data layer reads. Pollers, the flash store and debounces take one of these
 * so tests drive time with a ManualTimer instead of sleeping on the wall clock.
 */
export interface TimeSource {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real time, for the app and the headless CLI. */
export const systemTime: TimeSource = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
