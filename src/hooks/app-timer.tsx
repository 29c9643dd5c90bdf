/**
 * The app's clock. Flash expiry and spinners go through it (never through global timers), so
 * tests drive time with a manual timer and never sleep.
 */
import { createContext, useContext, type ReactNode } from 'react';

export interface AppTimer {
  now(): number;
  /** Runs `fn` once after `ms`; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
  /** Runs `fn` every `ms`; returns a cancel function. */
  every(ms: number, fn: () => void): () => void;
}

export const systemTimer: AppTimer = {
  now: () => Date.now(),
  after(ms, fn) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
  every(ms, fn) {
    const handle = setInterval(fn, ms);
    return () => clearInterval(handle);
  },
};

const TimerContext = createContext<AppTimer>(systemTimer);

export function TimerProvider({ timer, children }: { timer: AppTimer; children: ReactNode }) {
  return <TimerContext.Provider value={timer}>{children}</TimerContext.Provider>;
}

export function useAppTimer(): AppTimer {
  return useContext(TimerContext);
}
