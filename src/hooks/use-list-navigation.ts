/**
 * Selection for a windowed list, wired to the navigation commands (j/k, arrows, g/G, pages).
 * Pass the result's `selected` and `offset` to <Table>.
 */
import { useCallback, useState } from 'react';
import { useCommand } from '../keys/use-command';
import { clampWindow, moveWindow, type ListMove, type ListWindow } from './list-window';

export interface ListNavigation extends ListWindow {
  select(index: number): void;
}

export interface ListNavigationOptions {
  count: number;
  /** Rows visible at once (the table's data rows). */
  visible: number;
  /** Bind the keys only while true (e.g. the focused panel of two). */
  isActive?: boolean;
  initial?: number;
}

export function useListNavigation({
  count,
  visible,
  isActive = true,
  initial = 0,
}: ListNavigationOptions): ListNavigation {
  const [raw, setRaw] = useState<ListWindow>({ selected: initial, offset: 0 });
  // the list may shrink (a filter) or the window may shrink (a resize) between moves
  const state = clampWindow(raw, count, visible);
  const move = useCallback(
    (m: ListMove) =>
      setRaw((prev) => moveWindow(clampWindow(prev, count, visible), m, count, visible)),
    [count, visible],
  );
  const opts = { isActive };
  useCommand('nav.down', () => move({ type: 'down' }), opts);
  useCommand('nav.up', () => move({ type: 'up' }), opts);
  useCommand('nav.top', () => move({ type: 'top' }), opts);
  useCommand('nav.bottom', () => move({ type: 'bottom' }), opts);
  useCommand('nav.page-down', () => move({ type: 'page-down' }), opts);
  useCommand('nav.page-up', () => move({ type: 'page-up' }), opts);
  const select = useCallback((index: number) => move({ type: 'select', index }), [move]);
  return { selected: state.selected, offset: state.offset, select };
}
