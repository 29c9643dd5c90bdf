/**
 * The one stdin subscriber. Keys go through the registry's layers (dialog > overlay > screen >
 * global); components register handlers for command ids with `useCommand` (use-command.ts).
 */
import { useInput } from 'ink';
import {
  createContext,
  useCallback,
  useContext,
  useLayoutEffect,
  useState,
  type ReactNode,
} from 'react';
import type { Binding } from './bindings';
import type { CommandState } from './binding-types';
import { useKeyHandoff } from './input-handoff';
import {
  createKeyRegistry,
  type DispatchResult,
  type KeyLayer,
  type KeyRegistry,
} from './registry';

interface DispatcherContextValue {
  registry: KeyRegistry;
  readOnly: boolean;
}

const DispatcherContext = createContext<DispatcherContextValue | undefined>(undefined);
const LayerContext = createContext<KeyLayer>('screen');
/** False for screens under the top of the stack: they stay mounted but hear no keys. */
const ActiveContext = createContext<boolean>(true);

export interface KeyDispatcherProps {
  readOnly: boolean;
  state: CommandState;
  /** Called when a key's command cannot act now; the app flashes the reason. */
  onDisabled?: (binding: Binding, reason: string) => void;
  /** Called before each key is handled, and after with what it did (the app's flash uses it). */
  onKeyStart?: () => void;
  onKeyDone?: (result: DispatchResult) => void;
  children: ReactNode;
}

export function KeyDispatcher(props: KeyDispatcherProps) {
  const { readOnly, state, onDisabled, children } = props;
  const onDisabledRef = useLatest(onDisabled);
  const onKeyStartRef = useLatest(props.onKeyStart);
  const onKeyDoneRef = useLatest(props.onKeyDone);
  // the registry lives as long as the provider; its options are read once, state kept in sync below
  const [registry] = useState(() =>
    createKeyRegistry({
      readOnly,
      state,
      onDisabled: (binding, reason) => onDisabledRef.current?.(binding, reason),
    }),
  );

  // in the commit that renders the new screen, as commands are (use-command.ts)
  useLayoutEffect(() => {
    registry.setState(state);
  }, [registry, state]);

  // keys arrive here one at a time, in order, each after the previous one rendered (input-handoff.ts)
  const onInput = useCallback(
    (input: string, spec: string | undefined) => {
      onKeyStartRef.current?.();
      const result = registry.dispatch(input, spec);
      onKeyDoneRef.current?.(result);
    },
    [registry, onKeyStartRef, onKeyDoneRef],
  );
  useInput(useKeyHandoff(onInput));

  const [value] = useState(() => ({ registry, readOnly }));
  return <DispatcherContext.Provider value={value}>{children}</DispatcherContext.Provider>;
}

/** Everything under it registers its keys in `layer`. */
export function KeyLayerScope({ layer, children }: { layer: KeyLayer; children: ReactNode }) {
  return <LayerContext.Provider value={layer}>{children}</LayerContext.Provider>;
}

/** Turns key handling off for a subtree (a screen below the top of the stack). */
export function KeyActiveScope({ active, children }: { active: boolean; children: ReactNode }) {
  const parent = useContext(ActiveContext);
  return <ActiveContext.Provider value={parent && active}>{children}</ActiveContext.Provider>;
}

export function useDispatcher(): DispatcherContextValue {
  const value = useContext(DispatcherContext);
  if (!value) throw new Error('useCommand needs a <KeyDispatcher> above it');
  return value;
}

export function useKeyLayer(): KeyLayer {
  return useContext(LayerContext);
}

export function useKeysActive(): boolean {
  return useContext(ActiveContext);
}

function useLatest<T>(value: T): { readonly current: T } {
  const [ref] = useState(() => ({ current: value }));
  ref.current = value;
  return ref;
}
