/**
 * Selection and scroll offset of a windowed list, without React. The window moves only when
 * the selection would leave it, like a terminal pager, so moving up from the bottom row moves
 * the cursor, not the page.
 */

export interface ListWindow {
  selected: number;
  offset: number;
}

export type ListMove =
  | { type: 'down' }
  | { type: 'up' }
  | { type: 'top' }
  | { type: 'bottom' }
  | { type: 'page-down' }
  | { type: 'page-up' }
  | { type: 'select'; index: number };

/** Keeps `selected` inside [0, count) and the window [offset, offset + visible) around it. */
export function clampWindow(state: ListWindow, count: number, visible: number): ListWindow {
  if (count <= 0) return { selected: 0, offset: 0 };
  const rows = Math.max(1, visible);
  const selected = Math.min(Math.max(0, state.selected), count - 1);
  let offset = Math.min(Math.max(0, state.offset), Math.max(0, count - rows));
  if (selected < offset) offset = selected;
  if (selected >= offset + rows) offset = selected - rows + 1;
  return selected === state.selected && offset === state.offset ? state : { selected, offset };
}

export function moveWindow(
  state: ListWindow,
  move: ListMove,
  count: number,
  visible: number,
): ListWindow {
  const page = Math.max(1, visible - 1);
  const next = (selected: number, offset = state.offset): ListWindow => ({ selected, offset });
  switch (move.type) {
    case 'down':
      return clampWindow(next(state.selected + 1), count, visible);
    case 'up':
      return clampWindow(next(state.selected - 1), count, visible);
    case 'top':
      return clampWindow(next(0, 0), count, visible);
    case 'bottom':
      return clampWindow(next(count - 1, count), count, visible);
    case 'page-down':
      return clampWindow(next(state.selected + page, state.offset + page), count, visible);
    case 'page-up':
      return clampWindow(next(state.selected - page, state.offset - page), count, visible);
    case 'select':
      return clampWindow(next(move.index), count, visible);
  }
}
