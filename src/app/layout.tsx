/**
 * The frame every screen sits in:
 *
 *   context bar · breadcrumbs (+ filter) · main panel · footer hints + flash
 *
 * The flash shares the footer row only when every key hint fits beside it; otherwise it is
 * drawn in the main panel's bottom edge, right above the keys, so it never hides them and
 * costs no row (80x24 has none to spare).
 *
 * The frame is one row shorter than the terminal: when Ink's output is as tall as the
 * terminal it clears and repaints the whole screen on every frame (flicker).
 */
import { Box } from 'ink';
import type { ReactNode } from 'react';
import { ContextBar, type ContextInfo } from '../components/context-bar';
import { Breadcrumbs } from '../components/breadcrumbs';
import { Flash, FlashEdge, type FlashLevel } from '../components/flash';
import { hintsWidth, KeyHints, type KeyHint } from '../components/key-hints';
import { Panel } from '../components/panel';
import { textWidth } from '../components/text-fit';
import type { AreaSize } from './screens';

/** Context bar, breadcrumbs, footer. */
const CHROME_ROWS = 3;
/** Kept free at the bottom so the frame is never as tall as the terminal. */
const SPARE_ROWS = 1;

/** The frame's height for a terminal of `rows`. */
export function frameRows(rows: number): number {
  return Math.max(0, rows - SPARE_ROWS);
}

/** What a screen gets inside the main panel's border. */
export function mainAreaSize(columns: number, rows: number): AreaSize {
  return {
    columns: Math.max(0, columns - 2),
    rows: Math.max(0, frameRows(rows) - CHROME_ROWS - 2),
  };
}

export interface LayoutProps {
  columns: number;
  rows: number;
  context: ContextInfo;
  crumbs: readonly string[];
  title: string;
  /** The filter editor or badge, drawn at the right of the breadcrumbs. */
  filterSlot?: ReactNode;
  /** The last line: a <FooterLine>, kept as its own component so hints re-render alone. */
  footer: ReactNode;
  /** The main panel's bottom edge: a <FlashEdge>, on its own for the same reason. */
  panelBottom?: ReactNode;
  children: ReactNode;
}

export function Layout(props: LayoutProps) {
  const { columns, rows, context, crumbs, title, filterSlot, footer, panelBottom, children } =
    props;
  const height = frameRows(rows);
  const panelRows = Math.max(0, height - CHROME_ROWS);
  return (
    <Box flexDirection="column" width={columns} height={height} overflow="hidden">
      <ContextBar info={context} width={columns} />
      <Breadcrumbs crumbs={crumbs} width={columns} right={filterSlot} />
      <Panel title={title} width={columns} height={panelRows} bottom={panelBottom}>
        {children}
      </Panel>
      {footer}
    </Box>
  );
}

type FooterFlash = { level: FlashLevel; text: string } | undefined;

const FLASH_GAP = 2;

/** The flash as drawn: its icon, a space, the text. */
const flashWidth = (flash: NonNullable<FooterFlash>) => textWidth(flash.text) + 2;

/** Whether the flash fits on the footer row with every key hint beside it (padding included). */
export function flashOnFooter(columns: number, hints: readonly KeyHint[], flash: FooterFlash) {
  if (!flash) return false;
  return 1 + hintsWidth(hints) + FLASH_GAP + flashWidth(flash) <= columns;
}

/** Key hints on the left, the flash on the right when both fit (else see <PanelFlashEdge>). */
export function FooterLine({
  columns,
  hints,
  flash,
}: {
  columns: number;
  hints: readonly KeyHint[];
  flash?: FooterFlash;
}) {
  const shown = flashOnFooter(columns, hints, flash) ? flash : undefined;
  const flashCells = shown ? flashWidth(shown) + FLASH_GAP : 0;
  return (
    <Box width={columns} height={1}>
      <Box flexGrow={1} flexShrink={1} overflow="hidden" paddingLeft={1}>
        <KeyHints hints={hints} width={Math.max(0, columns - flashCells - 1)} />
      </Box>
      {shown ? (
        <Box flexShrink={0} width={flashCells} justifyContent="flex-end">
          <Flash level={shown.level} text={shown.text} width={flashCells - FLASH_GAP} />
        </Box>
      ) : null}
    </Box>
  );
}

/** The main panel's bottom edge: the flash when the footer row has no room for it. */
export function PanelFlashEdge({
  columns,
  hints,
  flash,
}: {
  columns: number;
  hints: readonly KeyHint[];
  flash?: FooterFlash;
}) {
  const onEdge = flash && !flashOnFooter(columns, hints, flash) ? flash : undefined;
  return <FlashEdge flash={onEdge} width={columns} />;
}
