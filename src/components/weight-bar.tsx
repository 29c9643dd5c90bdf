import { Text } from 'ink';
import { Styled } from './styled';

/** Cells filled for a 0-100 weight in a bar `width` wide. */
export function weightCells(weight: number, width: number): number {
  const clamped = Math.min(100, Math.max(0, weight));
  return Math.round((clamped / 100) * width);
}

/**
 * The weight this client set against the weight read back from the listener. They differ
 * while a change propagates, or when someone else changed the rule: then it is a warning.
 */
export function WeightBar({
  set,
  readBack,
  width = 20,
}: {
  set: number;
  readBack?: number;
  width?: number;
}) {
  const actual = readBack ?? set;
  const filled = weightCells(actual, width);
  const mismatch = readBack !== undefined && readBack !== set;
  return (
    <Text wrap="truncate-end">
      <Styled token={mismatch ? 'status.warn' : 'status.info'}>{'█'.repeat(filled)}</Styled>
      <Styled token="ui.dim">{'░'.repeat(Math.max(0, width - filled))}</Styled>
      {` ${actual}%`}
      {mismatch ? <Styled token="status.warn">{` (set ${set}%)`}</Styled> : null}
    </Text>
  );
}
