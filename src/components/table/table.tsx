/**
 * A windowed table: only the rows that fit are rendered, so 5,000 services cost what 20 do
 * (perf-reliability 3.4: 1000 rows 164 ms per frame, a 40-row window 3.5 ms).
 *
 * Ink regenerates the whole frame on every update and pays per <Text> it writes, so a row whose
 * cells are all text is drawn as one Text of styled spans (as few runs as draw the same, in
 * ASCII stand-ins where Ink's width measuring would be slow), and rows are memoised: a key
 * press that moves the cursor re-renders the two rows whose selection changed, not the window.
 */
import { Box, Text, Transform } from 'ink';
import { isValidElement, memo, useMemo, type ReactElement } from 'react';
import { useTheme } from '../../theme/theme-context';
import { tokenStyle, type Theme, type ThemeToken } from '../../theme/tokens';
import { clampWindow } from '../../hooks/list-window';
import { fitSpans, mergeRuns, spanNodes, type Span } from '../spans';
import { fit } from '../text-fit';
import { COLUMN_GAP, GUTTER, layoutColumns, type ColumnSpec, type LaidOutColumn } from './columns';
import { asciiStandIns } from './stand-ins';

/**
 * A cell: plain text, text in a token's style, styled spans (fitted to the column), or an
 * element drawn in a Box at the given width (the row then costs a Box per cell).
 */
export type Cell =
  string | { text: string; token?: ThemeToken } | { spans: readonly Span[] } | ReactElement;

export interface Column<Row> extends ColumnSpec {
  /** `width` is the column's laid-out width, for cells such as a bar that draw to a width. */
  cell: (row: Row, width: number) => Cell;
}

export interface TableProps<Row> {
  columns: readonly Column<Row>[];
  /** Rows keep their identity while their data is the same, so unchanged rows are not redrawn. */
  rows: readonly Row[];
  width: number;
  /** Lines the table may use, header included. */
  height: number;
  /** Index into `rows`; undefined for no selection. */
  selected?: number;
  /** First row shown (from useListNavigation); derived from `selected` when absent. */
  offset?: number;
  rowKey?: (row: Row, index: number) => string;
  /** Shown instead of rows when there are none. */
  emptyText?: string;
  /** Selection drawn dim when the table does not have the keys (another panel does). */
  focused?: boolean;
}

export function Table<Row>({
  columns,
  rows,
  width,
  height,
  selected,
  offset,
  rowKey,
  emptyText = 'nothing to show',
  focused = true,
}: TableProps<Row>) {
  const theme = useTheme();
  const visible = Math.max(0, height - 1);
  const laid = useMemo(() => layoutColumns(columns, width), [columns, width]);
  const window = clampWindow(
    { selected: selected ?? 0, offset: offset ?? Math.max(0, (selected ?? 0) - visible + 1) },
    rows.length,
    visible,
  );
  const slice = rows.slice(window.offset, window.offset + visible);
  const selection: ThemeToken = focused ? 'ui.selection' : 'ui.dim';

  // rows are cut to the width already: clipping only vertically spares Ink an ANSI slice per row
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <Box height={1}>
        <Text {...tokenStyle(theme, 'ui.title')} wrap="truncate-end">
          {' '.repeat(GUTTER)}
          {laid
            .map((l) => fit(l.column.title, l.width, l.column.align))
            .join(' '.repeat(COLUMN_GAP))}
        </Text>
      </Box>
      {rows.length === 0 ? (
        <Text {...tokenStyle(theme, 'ui.dim')}>{'  ' + emptyText}</Text>
      ) : (
        slice.map((row, i) => {
          const index = window.offset + i;
          return (
            <TableRow
              key={rowKey ? rowKey(row, index) : String(index)}
              row={row}
              laid={laid}
              width={width}
              selected={selected !== undefined && index === window.selected}
              selection={selection}
              theme={theme}
            />
          );
        })
      )}
    </Box>
  );
}

interface RowProps<Row> {
  row: Row;
  laid: readonly LaidOutColumn<Column<Row>>[];
  width: number;
  selected: boolean;
  selection: ThemeToken;
  theme: Theme;
}

interface LaidCell {
  cell: Cell;
  width: number;
  align: 'left' | 'right';
}

function TableRowImpl<Row>({ row, laid, width, selected, selection, theme }: RowProps<Row>) {
  const cells: LaidCell[] = laid.map((l) => ({
    cell: l.column.cell(row, l.width),
    width: l.width,
    align: l.column.align ?? 'left',
  }));
  const rowStyle = selected ? tokenStyle(theme, selection) : undefined;
  if (cells.some((c) => isValidElement(c.cell))) {
    return <BoxedRow cells={cells} width={width} selected={selected} selection={selection} />;
  }
  const spans: Span[] = [{ text: selected ? '› ' : '  ' }];
  let used = GUTTER;
  cells.forEach((c, i) => {
    spans.push(...cellSpans(c));
    used += c.width;
    if (i < cells.length - 1) {
      spans.push({ text: ' '.repeat(COLUMN_GAP) });
      used += COLUMN_GAP;
    }
  });
  // the selection's colours reach the table's edge even when the columns do not
  if (used < width) spans.push({ text: ' '.repeat(width - used) });
  const runs = mergeRuns(spans, theme);
  // a row that fits is one column per character, so Ink never needs to cut it (stand-ins.ts)
  const ascii = used <= width ? asciiStandIns(runs) : undefined;
  if (ascii) {
    return (
      <Transform transform={ascii.restore}>
        <Text {...rowStyle}>{spanNodes(ascii.spans, theme, rowStyle)}</Text>
      </Transform>
    );
  }
  return (
    <Text {...rowStyle} wrap="truncate-end">
      {spanNodes(runs, theme, rowStyle)}
    </Text>
  );
}

const TableRow = memo(TableRowImpl) as typeof TableRowImpl;

function cellSpans({ cell, width, align }: LaidCell): Span[] {
  if (typeof cell === 'string') return [{ text: fit(cell, width, align) }];
  if ('spans' in cell) return fitSpans(cell.spans, width, align);
  if ('text' in cell) {
    const text = fit(cell.text, width, align);
    return [cell.token ? { text, token: cell.token } : { text }];
  }
  return [];
}

/** A row with element cells: each cell in a Box of its width, clipped to it. */
function BoxedRow({
  cells,
  width,
  selected,
  selection,
}: {
  cells: LaidCell[];
  width: number;
  selected: boolean;
  selection: ThemeToken;
}) {
  const theme = useTheme();
  const rowStyle = selected ? tokenStyle(theme, selection) : {};
  return (
    <Box
      height={1}
      width={width}
      overflow="hidden"
      {...(selected && rowStyle.backgroundColor
        ? { backgroundColor: rowStyle.backgroundColor }
        : {})}
    >
      <Text {...rowStyle}>{selected ? '› ' : '  '}</Text>
      {cells.map((c, i) => {
        const gap = i < cells.length - 1 ? COLUMN_GAP : 0;
        if (isValidElement(c.cell)) {
          return (
            <Box key={i} width={c.width} marginRight={gap} overflow="hidden">
              {c.cell}
            </Box>
          );
        }
        return (
          <Box key={i} width={c.width + gap}>
            <Text {...rowStyle} wrap="truncate-end">
              {spanNodes([...cellSpans(c), { text: ' '.repeat(gap) }], theme, rowStyle)}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
