import { Text } from 'ink';
import { useTheme } from '../theme/theme-context';
import { spanNodes, type Span } from './spans';

export interface BarCounts {
  desired: number;
  running: number;
  pending: number;
}

export interface BarSegments {
  running: number;
  pending: number;
  missing: number;
  /** Running beyond desired (a rollout overlaps old and new tasks). */
  extra: number;
}

/**
 * Cells of each kind for a bar `width` wide: running, pending, then what is missing to reach
 * desired. Any non-zero count gets at least one cell so a single pending task is visible.
 */
export function barSegments({ desired, running, pending }: BarCounts, width: number): BarSegments {
  const total = Math.max(desired, running + pending, 1);
  const cells = (n: number) => (n <= 0 ? 0 : Math.max(1, Math.round((n / total) * width)));
  let r = cells(running);
  let p = cells(pending);
  // rounding up small counts may overshoot the width; take it back from the larger part
  while (r + p > width) {
    if (r >= p && r > 0) r -= 1;
    else p -= 1;
  }
  const missing = Math.max(0, Math.min(width - r - p, cells(desired - running - pending)));
  return { running: r, pending: p, missing, extra: Math.max(0, running + pending - desired) };
}

/** `████▒▒··  4/6` desired/running/pending as a small bar plus the count, as spans. */
export function barSpans({ width = 10, ...counts }: BarCounts & { width?: number }): Span[] {
  const label = `${counts.running}/${counts.desired}${counts.pending > 0 ? ` +${counts.pending}` : ''}`;
  const barWidth = Math.max(1, width - label.length - 1);
  const s = barSegments(counts, barWidth);
  const rest = Math.max(0, barWidth - s.running - s.pending - s.missing);
  return [
    { text: '█'.repeat(s.running), token: 'status.ok' },
    { text: '▒'.repeat(s.pending), token: 'status.warn' },
    { text: '·'.repeat(s.missing) + ' '.repeat(rest), token: 'ui.dim' },
    { text: ` ${label}` },
  ];
}

/** The bar on its own line or in a Box (tables put its spans straight into their row). */
export function Bar(props: BarCounts & { width?: number }) {
  const theme = useTheme();
  return <Text wrap="truncate-end">{spanNodes(barSpans(props), theme)}</Text>;
}
