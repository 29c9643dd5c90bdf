/** Column widths for a table of a given width, without React. */

export interface ColumnSpec {
  key: string;
  title: string;
  /** Fixed width in terminal columns. */
  width?: number;
  /** Share of the width left after fixed columns (default 1 when `width` is not set). */
  flex?: number;
  /** A flexible column narrower than this is dropped, rightmost first. */
  minWidth?: number;
  align?: 'left' | 'right';
}

export interface LaidOutColumn<C extends ColumnSpec> {
  column: C;
  width: number;
}

/** Columns between cells. */
export const COLUMN_GAP = 1;
/** The selection marker before the first cell. */
export const GUTTER = 2;

/**
 * Fixed columns keep their width; flexible ones share the rest by weight. When the table is
 * too narrow, columns are dropped from the right, never squeezed below their minimum.
 */
export function layoutColumns<C extends ColumnSpec>(
  columns: readonly C[],
  width: number,
): LaidOutColumn<C>[] {
  let shown = [...columns];
  while (shown.length > 0) {
    const gaps = (shown.length - 1) * COLUMN_GAP;
    const available = width - GUTTER - gaps;
    const fixed = shown.reduce((sum, c) => sum + (c.width ?? 0), 0);
    const flexCols = shown.filter((c) => c.width === undefined);
    const minFlex = flexCols.reduce((sum, c) => sum + (c.minWidth ?? 4), 0);
    if (fixed + minFlex <= available || shown.length === 1) {
      return distribute(shown, Math.max(0, available - fixed));
    }
    shown = shown.slice(0, -1);
  }
  return [];
}

function distribute<C extends ColumnSpec>(shown: readonly C[], spare: number): LaidOutColumn<C>[] {
  const flexCols = shown.filter((c) => c.width === undefined);
  const weight = flexCols.reduce((sum, c) => sum + (c.flex ?? 1), 0);
  let left = spare;
  let flexSeen = 0;
  return shown.map((column) => {
    if (column.width !== undefined) return { column, width: column.width };
    flexSeen += 1;
    // the last flexible column takes the rounding remainder so the row fills the width exactly
    const share =
      flexSeen === flexCols.length ? left : Math.floor((spare * (column.flex ?? 1)) / weight);
    left -= share;
    return { column, width: Math.max(0, share) };
  });
}

/** `21-40 of 5000`, for a panel title. */
export function windowLabel(offset: number, visible: number, total: number): string {
  if (total === 0) return '0 of 0';
  const last = Math.min(total, offset + visible);
  return `${offset + 1}-${last} of ${total}`;
}
