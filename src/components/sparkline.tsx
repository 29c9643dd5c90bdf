import { Text } from 'ink';
import type { ThemeToken } from '../theme/tokens';
import { Styled } from './styled';

const LEVELS = '▁▂▃▄▅▆▇█';

/** The last `width` values as block characters, scaled to the largest (or to `max`). */
export function sparkline(values: readonly number[], width: number, max?: number): string {
  const shown = values.slice(-width);
  const top = max ?? Math.max(0, ...shown);
  const chars = shown.map((v) => {
    if (!Number.isFinite(v) || top <= 0) return LEVELS[0]!;
    const level = Math.round((Math.min(v, top) / top) * (LEVELS.length - 1));
    return LEVELS[Math.max(0, level)]!;
  });
  return chars.join('').padStart(width, ' ');
}

export function Sparkline({
  values,
  width = 20,
  max,
  token = 'status.info',
}: {
  values: readonly number[];
  width?: number;
  max?: number;
  token?: ThemeToken;
}) {
  return (
    <Text wrap="truncate-end">
      <Styled token={token}>{sparkline(values, width, max)}</Styled>
    </Text>
  );
}
