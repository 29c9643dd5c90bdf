/**
 * The frame every screen sits in:
 *
 *   context bar · breadcrumbs (+ filter) · main panel · footer hints + flash
 *
 * The frame is one row shorter than the terminal: when Ink's output is as tall as the
 * terminal it clears and repaints the whole screen on every frame (flicker).
 */
import { Box } from 'ink';
import type { ReactNode } from 'react';
import { ContextBar, type ContextInfo } from '../components/context-bar';
import { Breadcrumbs } from '../components/breadcrumbs';
import { Flash, type FlashLevel } from '../components/flash';
import { KeyHints, type KeyHint } from '../components/key-hints';
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
  children: ReactNode;
}

export function Layout(props: LayoutProps) {
  const { columns, rows, context, crumbs, title, filterSlot, footer, children } = props;
  const height = frameRows(rows);
  const panelRows = Math.max(0, height - CHROME_ROWS);
  return (
    <Box flexDirection="column" width={columns} height={height} overflow="hidden">
      <ContextBar info={context} width={columns} />
      <Breadcrumbs crumbs={crumbs} width={columns} right={filterSlot} />
      <Panel title={title} width={columns} height={panelRows}>
        {children}
      </Panel>
      {footer}
    </Box>
  );
}

/** Key hints on the left, the flash on the right; the flash wins the width it needs. */
export function FooterLine({
  columns,
  hints,
  flash,
}: {
  columns: number;
  hints: readonly KeyHint[];
  flash?: { level: FlashLevel; text: string } | undefined;
}) {
  // hints keep what is left; the least useful ones drop first
  const flashWidth = flash ? Math.min(textWidth(flash.text) + 3, Math.max(0, columns - 24)) : 0;
  return (
    <Box width={columns} height={1}>
      <Box flexGrow={1} flexShrink={1} overflow="hidden" paddingLeft={1}>
        <KeyHints hints={hints} width={Math.max(0, columns - flashWidth - 2)} />
      </Box>
      {flash ? (
        <Box flexShrink={0} width={flashWidth} justifyContent="flex-end">
          <Flash level={flash.level} text={flash.text} width={flashWidth} />
        </Box>
      ) : null}
    </Box>
  );
}
