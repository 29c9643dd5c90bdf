/**
 * The flash line's state (k9s model/flash.go): one message with a level, cleared after 6 s
 * of the app's timer, or replaced by the next one. A message belongs to the key it came after
 * (the key's own outcome may come later, when its calls return): it is cleared when a later
 * key acts or the screen changes (`keyPressed`, `clearOlder`), so a warning about the last key
 * does not stay beside the outcome of the next one, nor follow the person to another screen.
 */
import { describeError } from '../errors';
import type { AppTimer } from '../hooks/app-timer';
import type { Binding } from '../keys/bindings';

export type FlashLevel = 'info' | 'warn' | 'error';

export interface FlashMessage {
  level: FlashLevel;
  text: string;
  /** Increases with every message, so the same text flashed twice is still a change. */
  seq: number;
  /** The key it came after (see `keyPressed`). */
  key: number;
}

export const FLASH_CLEAR_MS = 6_000;

export interface FlashStore {
  show: (level: FlashLevel, text: string) => void;
  info: (text: string) => void;
  warn: (text: string) => void;
  /** An Error (or anything thrown) becomes its message plus its hint. */
  error: (error: unknown) => void;
  clear: () => void;
  /** A key is being handled: messages from now on are its outcome. */
  keyPressed: () => void;
  /** Clears the message if it came before the latest key (a stale outcome). */
  clearOlder: () => void;
  getSnapshot: () => FlashMessage | undefined;
  subscribe: (listener: () => void) => () => void;
  dispose: () => void;
}

export function createFlashStore(timer: AppTimer, clearAfterMs = FLASH_CLEAR_MS): FlashStore {
  let current: FlashMessage | undefined;
  let seq = 0;
  let key = 0;
  let cancelTimer: (() => void) | undefined;
  const listeners = new Set<() => void>();

  const set = (next: FlashMessage | undefined) => {
    cancelTimer?.();
    cancelTimer = undefined;
    current = next;
    if (next) cancelTimer = timer.after(clearAfterMs, () => set(undefined));
    for (const listener of [...listeners]) listener();
  };

  const store: FlashStore = {
    show: (level, text) => set({ level, text, seq: ++seq, key }),
    info: (text) => store.show('info', text),
    warn: (text) => store.show('warn', text),
    error: (error) => {
      if (typeof error === 'string') return store.show('error', error);
      const { message, hint } = describeError(error);
      store.show('error', hint ? `${message} (${hint})` : message);
    },
    clear: () => {
      if (current) set(undefined);
    },
    keyPressed: () => {
      key += 1;
    },
    clearOlder: () => {
      if (current && current.key < key) set(undefined);
    },
    getSnapshot: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      cancelTimer?.();
      listeners.clear();
    },
  };
  return store;
}

/** The flash for a key pressed while its command cannot act: `promote: not paused at a hook`. */
export function disabledMessage(binding: Binding, reason: string): string {
  return `${binding.label ?? binding.description}: ${reason}`;
}
