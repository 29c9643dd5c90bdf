/**
 * The cursor of the services list, held by service name rather than by index: rows re-sort as
 * descriptions arrive (sort by state) and new services appear, and the cursor must stay on the
 * service it is on — and a key pressed while the rows move must still move it from there.
 * Wired to the same navigation commands as useListNavigation.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { clampWindow, moveWindow, type ListMove, type ListWindow } from '../../hooks/list-window';
import { useCommand } from '../../keys/use-command';

export interface NamedSelection extends ListWindow {
  select(index: number): void;
}

interface Held {
  /** The service under the cursor. */
  name: string | undefined;
  /** Where it was: used when the name is gone (filtered away, deleted). */
  index: number;
  offset: number;
}

/** Where the held cursor is in `names` now. */
export function locate(held: Held, names: readonly string[], visible: number): ListWindow {
  const found = held.name === undefined ? -1 : names.indexOf(held.name);
  return clampWindow(
    { selected: found >= 0 ? found : held.index, offset: held.offset },
    names.length,
    visible,
  );
}

export function useNamedSelection(
  names: readonly string[],
  visible: number,
  isActive = true,
): NamedSelection {
  const [held, setHeld] = useState<Held>({ name: undefined, index: 0, offset: 0 });
  const window = locate(held, names, visible);
  // moves start from what is on screen now, even two keys within one render
  const latest = useRef({ names, window, visible });
  latest.current = { names, window, visible };

  const go = useCallback((move: ListMove) => {
    const now = latest.current;
    const next = moveWindow(now.window, move, now.names.length, now.visible);
    latest.current = { ...now, window: next };
    setHeld({ name: now.names[next.selected], index: next.selected, offset: next.offset });
  }, []);

  // the first rows arrive with the cursor on row 0: hold that service from then on
  const first = held.name === undefined ? names[window.selected] : undefined;
  useEffect(() => {
    if (first !== undefined) setHeld((h) => (h.name === undefined ? { ...h, name: first } : h));
  }, [first]);

  const opts = { isActive };
  useCommand('nav.down', () => go({ type: 'down' }), opts);
  useCommand('nav.up', () => go({ type: 'up' }), opts);
  useCommand('nav.top', () => go({ type: 'top' }), opts);
  useCommand('nav.bottom', () => go({ type: 'bottom' }), opts);
  useCommand('nav.page-down', () => go({ type: 'page-down' }), opts);
  useCommand('nav.page-up', () => go({ type: 'page-up' }), opts);
  const select = useCallback((index: number) => go({ type: 'select', index }), [go]);
  return { selected: window.selected, offset: window.offset, select };
}
