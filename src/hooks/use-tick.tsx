/**
 * One shared animation timer for every spinner on screen (Ink's useAnimation idea): a
 * hundred in-progress rows cost one interval, not a hundred, and it stops when none is shown.
 */
import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useAppTimer, type AppTimer } from './app-timer';

export const TICK_MS = 100;

interface Ticker {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => number;
}

export function createTicker(timer: AppTimer, intervalMs = TICK_MS): Ticker {
  const listeners = new Set<() => void>();
  let tick = 0;
  let stop: (() => void) | undefined;
  return {
    subscribe(listener) {
      listeners.add(listener);
      stop ??= timer.every(intervalMs, () => {
        tick += 1;
        for (const l of [...listeners]) l();
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stop?.();
          stop = undefined;
        }
      };
    },
    getSnapshot: () => tick,
  };
}

const TickerContext = createContext<Ticker | undefined>(undefined);

export function TickerProvider({ children }: { children: ReactNode }) {
  const timer = useAppTimer();
  const [ticker] = useState(() => createTicker(timer));
  return <TickerContext.Provider value={ticker}>{children}</TickerContext.Provider>;
}

const still: Ticker = { subscribe: () => () => undefined, getSnapshot: () => 0 };

/**
 * Spinners inside stand still while `paused`: a screen kept mounted under the top one (or under
 * a dialog) is not shown, and each tick would redraw the whole frame for nothing (bench: a
 * covered "loading" spinner cost 10 full renders a second on an idle Services screen). The
 * element type never changes, so pausing does not remount anything.
 */
export function PauseTicks({ paused, children }: { paused: boolean; children: ReactNode }) {
  const ticker = useContext(TickerContext) ?? still;
  return (
    <TickerContext.Provider value={paused ? still : ticker}>{children}</TickerContext.Provider>
  );
}

/** The shared tick count (0 when there is no TickerProvider: nothing animates). */
export function useTick(): number {
  const ticker = useContext(TickerContext) ?? still;
  return useSyncExternalStore(ticker.subscribe, ticker.getSnapshot);
}
