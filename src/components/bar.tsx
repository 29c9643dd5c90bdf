import { Text } from 'ink';
import { Styled } from './styled';

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

/** `████▒▒··  4/6` desired/running/pending as a small bar plus the count. */
export function Bar({ width = 10, ...counts }: BarCounts & { width?: number }) {
  const label = `${counts.running}/${counts.desired}${counts.pending > 0 ? ` +${counts.pending}` : ''}`;
  const barWidth = Math.max(1, width - label.length - 1);
  const s = barSegments(counts, barWidth);
  const rest = Math.max(0, barWidth - s.running - s.pending - s.missing);
  return (
    <Text wrap="truncate-end">
      <Styled token="status.ok">{'█'.repeat(s.running)}</Styled>
      <Styled token="status.warn">{'▒'.repeat(s.pending)}</Styled>
      <Styled token="ui.dim">{'·'.repeat(s.missing) + ' '.repeat(rest)}</Styled> {label}
    </Text>
  );
}
