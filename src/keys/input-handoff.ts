/**
 * One terminal, one dispatcher taking its keys: the newest mounted. Ink subscribes `useInput`
 * handlers in a passive effect, so for a moment after one dispatcher replaces another
 * (connecting → the app → no credentials) the old handler still hears the keys and the new one
 * does not yet, while the new dispatcher's commands are already live (they register in layout
 * effects). The old handler hands such a key to the new dispatcher instead of dispatching it
 * to commands that are gone.
 */
import { useStdin, type Key } from 'ink';
import { useEffect, useLayoutEffect, useState } from 'react';

type Deliver = (input: string, key: Key) => void;

interface Taker {
  deliver: Deliver;
}

interface Terminal {
  /** Dispatchers mounted now (layout effects), newest last: the newest takes the keys. */
  mounted: Taker[];
  /** Dispatchers whose Ink handler is subscribed (passive effects), newest last. */
  hearing: Taker[];
}

const terminals = new WeakMap<object, Terminal>();

function terminalOf(stdin: object): Terminal {
  let terminal = terminals.get(stdin);
  if (!terminal) {
    terminal = { mounted: [], hearing: [] };
    terminals.set(stdin, terminal);
  }
  return terminal;
}

function remove(list: Taker[], taker: Taker): void {
  const at = list.indexOf(taker);
  if (at >= 0) list.splice(at, 1);
}

/**
 * Wraps a dispatcher's key handler for Ink's `useInput`: of the handlers subscribed on this
 * stdin only the newest acts, and it delivers to the newest mounted dispatcher.
 */
export function useKeyHandoff(deliver: Deliver): Deliver {
  const { stdin } = useStdin();
  const [self] = useState<Taker>(() => ({ deliver }));
  self.deliver = deliver;
  const terminal = terminalOf(stdin);

  useLayoutEffect(() => {
    terminal.mounted.push(self);
    return () => remove(terminal.mounted, self);
  }, [terminal, self]);
  useEffect(() => {
    terminal.hearing.push(self);
    return () => remove(terminal.hearing, self);
  }, [terminal, self]);

  const [handler] = useState(() => {
    const handle: Deliver = (input, key) => {
      if (terminal.hearing.at(-1) !== self) return;
      (terminal.mounted.at(-1) ?? self).deliver(input, key);
    };
    return handle;
  });
  return handler;
}
