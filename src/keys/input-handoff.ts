/**
 * Between Ink's `useInput` and the dispatchers: one terminal, one stream of keys, each handled
 * in the order it arrived and against the state the key before it left.
 *
 * Order. Ink hands a run of plain characters that came in one read as one `input` (a paste,
 * `tmux send-keys`, a fast typist), and a read may hold a run and an escape sequence. Each key
 * must meet what the key before did: `:v1.3.0` then enter sets the image and then goes to the
 * next step; enter then `75` goes to the next step and types there. Handlers read state from
 * the last render, and React renders an update in a later task, so a key is handled only once
 * the render of the key before it has committed (its new step, focus, registrations); keys
 * that come meanwhile wait in one queue per terminal, the newest at the end, whether they came
 * in the same read or a later one. The dispatcher that took a key tells when its render has
 * committed (a state update made with the key's, seen in a layout effect). Nothing else paces
 * the keys: a run plays as fast as the app renders. (It used to play a split run on a 15 ms
 * timer while single keys skipped the queue: an enter sent after a paste ran before the
 * paste's tail, and the tail landed in the next step's first field.)
 *
 * Handoff. Ink subscribes `useInput` handlers in a passive effect, so for a moment after one
 * dispatcher replaces another (connecting → the app → no credentials) the old handler still
 * hears the keys and the new one does not yet, while the new dispatcher's commands are already
 * live (they register in layout effects). The old handler hands such a key to the new
 * dispatcher instead of dispatching it to commands that are gone.
 */
import { useStdin, type Key } from 'ink';
import { useEffect, useLayoutEffect, useState } from 'react';
import { keySpecOf, splitKeyRun } from './key-spec';

/** One key: what Ink reports as its input, and its name in the key table (none for a paste). */
export interface KeyPress {
  input: string;
  spec: string | undefined;
}

type Deliver = (input: string, spec: string | undefined) => void;
type InkHandler = (input: string, key: Key) => void;

interface Taker {
  deliver: Deliver;
  /** Asks for a render of the dispatcher, batched with the key's own updates. */
  markTurn: () => void;
}

interface Terminal {
  /** Dispatchers mounted now (layout effects), newest last: the newest takes the keys. */
  mounted: Taker[];
  /** Dispatchers whose Ink handler is subscribed (passive effects), newest last. */
  hearing: Taker[];
  /** Keys read but not handled yet, oldest first. */
  waiting: KeyPress[];
  /** The dispatcher handling a key whose render has not committed yet. */
  holder: Taker | undefined;
}

const terminals = new WeakMap<object, Terminal>();

function terminalOf(stdin: object): Terminal {
  let terminal = terminals.get(stdin);
  if (!terminal) {
    terminal = { mounted: [], hearing: [], waiting: [], holder: undefined };
    terminals.set(stdin, terminal);
  }
  return terminal;
}

function remove(list: Taker[], taker: Taker): void {
  const at = list.indexOf(taker);
  if (at >= 0) list.splice(at, 1);
}

/** The keys in one input from Ink: a run of characters is split, anything else is one key. */
function keysOf(input: string, key: Key): KeyPress[] {
  const spec = keySpecOf(input, key);
  if (spec !== undefined) return [{ input, spec }];
  return splitKeyRun(input) ?? [{ input, spec: undefined }];
}

/** Hands out waiting keys, one at a time: the next once the last one's render committed. */
function pump(terminal: Terminal): void {
  while (!terminal.holder) {
    const press = terminal.waiting.shift();
    if (!press) return;
    const taker = terminal.mounted.at(-1);
    if (!taker) {
      // the app is gone: the keys have nowhere to go
      terminal.waiting.length = 0;
      return;
    }
    terminal.holder = taker;
    taker.markTurn();
    taker.deliver(press.input, press.spec);
  }
}

function release(terminal: Terminal, taker: Taker): void {
  if (terminal.holder !== taker) return;
  terminal.holder = undefined;
  // after the commit, outside React's work: the next key's updates render as any key's do
  if (terminal.waiting.length > 0) queueMicrotask(() => pump(terminal));
}

/**
 * Wraps a dispatcher's key handler for Ink's `useInput`: of the handlers subscribed on this
 * stdin only the newest acts; keys go to the newest mounted dispatcher, one at a time, in
 * arrival order, each after the render of the one before.
 */
export function useKeyHandoff(deliver: Deliver): InkHandler {
  const { stdin } = useStdin();
  const [turns, setTurns] = useState(0);
  const [self] = useState<Taker>(() => ({
    deliver,
    markTurn: () => setTurns((t) => t + 1),
  }));
  self.deliver = deliver;
  const terminal = terminalOf(stdin);

  useLayoutEffect(() => {
    terminal.mounted.push(self);
    return () => {
      remove(terminal.mounted, self);
      release(terminal, self);
    };
  }, [terminal, self]);
  useEffect(() => {
    terminal.hearing.push(self);
    return () => remove(terminal.hearing, self);
  }, [terminal, self]);
  // the commit that carries the key's updates (the children's layout effects ran before this)
  useLayoutEffect(() => {
    if (turns > 0) release(terminal, self);
  }, [terminal, self, turns]);

  const [handler] = useState(() => {
    const handle: InkHandler = (input, key) => {
      if (terminal.hearing.at(-1) !== self) return;
      terminal.waiting.push(...keysOf(input, key));
      pump(terminal);
    };
    return handle;
  });
  return handler;
}
