/**
 * The screen stack as React state, plus leave guards: a screen that drives something (the
 * ALB canary monitor) can ask before it is left.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useState,
  type ReactNode,
} from 'react';
import {
  initialRouterState,
  routerReducer,
  topOf,
  type ScreenDescriptor,
  type StackEntry,
} from './router';

/** Returns true when the screen may be left (`reason` says why it is being left). */
export type LeaveGuard = (reason: 'back' | 'quit' | 'jump') => boolean | Promise<boolean>;

/** Returns true when the app may quit. */
export type QuitGuard = () => boolean | Promise<boolean>;

export interface RouterApi {
  stack: readonly StackEntry[];
  top: StackEntry;
  push: (screen: ScreenDescriptor) => void;
  replace: (screen: ScreenDescriptor) => void;
  /** Leaves the top screen unless its guard says no. Resolves true when it left. */
  back: () => Promise<boolean>;
  /** Replaces the whole stack (palette jumps, profile or region switch), asking every guard. */
  reset: (stack: readonly ScreenDescriptor[]) => Promise<boolean>;
  /** Asks every guard, top first, then the quit guards, whether the app may quit. */
  mayQuit: () => Promise<boolean>;
  /**
   * Asks `guard` before the app quits (q, :q), whatever is on screen: for work that outlives
   * its screen (an ALB canary plan left running in the background). Returns the removal.
   */
  guardQuit: (guard: QuitGuard) => () => void;
}

const RouterContext = createContext<RouterApi | undefined>(undefined);
const GuardsContext = createContext<Map<number, LeaveGuard> | undefined>(undefined);
const EntryContext = createContext<number | undefined>(undefined);

export function RouterProvider({
  initial,
  children,
}: {
  initial?: readonly ScreenDescriptor[];
  children: ReactNode;
}) {
  const [state, dispatch] = useReducer(routerReducer, initial, initialRouterState);
  const [guards] = useState(() => new Map<number, LeaveGuard>());
  const [quitGuards] = useState(() => new Set<QuitGuard>());
  const guardQuit = useCallback(
    (guard: QuitGuard) => {
      quitGuards.add(guard);
      return () => {
        quitGuards.delete(guard);
      };
    },
    [quitGuards],
  );

  const askAll = useCallback(
    async (entries: readonly StackEntry[], reason: 'quit' | 'jump') => {
      for (const entry of [...entries].reverse()) {
        const guard = guards.get(entry.id);
        if (guard && !(await guard(reason))) return false;
      }
      return true;
    },
    [guards],
  );

  const api = useMemo<RouterApi>(() => {
    const top = topOf(state);
    return {
      stack: state.stack,
      top,
      push: (screen) => dispatch({ type: 'push', screen }),
      replace: (screen) => dispatch({ type: 'replace', screen }),
      async back() {
        if (state.stack.length <= 1) return false;
        const guard = guards.get(top.id);
        if (guard && !(await guard('back'))) return false;
        dispatch({ type: 'pop' });
        return true;
      },
      async reset(stack) {
        if (!(await askAll(state.stack, 'jump'))) return false;
        dispatch({ type: 'reset', stack });
        return true;
      },
      async mayQuit() {
        if (!(await askAll(state.stack, 'quit'))) return false;
        for (const guard of [...quitGuards]) if (!(await guard())) return false;
        return true;
      },
      guardQuit,
    };
  }, [state, guards, askAll, quitGuards, guardQuit]);

  return (
    <GuardsContext.Provider value={guards}>
      <RouterContext.Provider value={api}>{children}</RouterContext.Provider>
    </GuardsContext.Provider>
  );
}

export function useRouter(): RouterApi {
  const api = useContext(RouterContext);
  if (!api) throw new Error('useRouter needs a <RouterProvider> above it');
  return api;
}

/** Marks a subtree as belonging to one stack entry (the screen host does this). */
export function StackEntryScope({ id, children }: { id: number; children: ReactNode }) {
  return <EntryContext.Provider value={id}>{children}</EntryContext.Provider>;
}

/** Asks `guard` before this screen is left by esc, a jump, or quit (not by Ctrl-C). */
export function useLeaveGuard(guard: LeaveGuard | undefined): void {
  const guards = useContext(GuardsContext);
  const id = useContext(EntryContext);
  useEffect(() => {
    if (!guards || id === undefined || !guard) return undefined;
    guards.set(id, guard);
    return () => {
      if (guards.get(id) === guard) guards.delete(id);
    };
  }, [guards, id, guard]);
}
