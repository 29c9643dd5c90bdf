import { Text } from 'ink';
import { useToken } from '../theme/theme-context';
import type { ThemeToken } from '../theme/tokens';
import { bottomEdgeAround } from './panel';
import { Styled } from './styled';
import { textWidth, truncate } from './text-fit';

export type FlashLevel = 'info' | 'warn' | 'error';

const LOOK: Record<FlashLevel, { icon: string; token: ThemeToken }> = {
  info: { icon: 'ℹ', token: 'status.info' },
  warn: { icon: '▲', token: 'status.warn' },
  error: { icon: '✕', token: 'status.error' },
};

/** The flash line: an icon for the level (readable without colour) and the message. */
export function Flash({ level, text, width }: { level: FlashLevel; text: string; width: number }) {
  const look = LOOK[level];
  return <Styled token={look.token}>{truncate(`${look.icon} ${text}`, width)}</Styled>;
}

/**
 * The main panel's bottom edge, carrying the flash when the footer row has no room for it
 * beside the keys: `└─ ℹ deployment started ───┘`. A plain edge without one.
 */
export function FlashEdge({
  flash,
  width,
}: {
  flash?: { level: FlashLevel; text: string } | undefined;
  width: number;
}) {
  const border = useToken('ui.border');
  const look = flash ? LOOK[flash.level] : undefined;
  // the edge keeps its corners and a dash each side of the label
  const label = flash && look ? truncate(`${look.icon} ${flash.text}`, Math.max(0, width - 6)) : '';
  const [before, after] = bottomEdgeAround(textWidth(label), width);
  return (
    <Text wrap="truncate">
      <Text {...border}>{before}</Text>
      {look ? <Styled token={look.token}>{label}</Styled> : null}
      <Text {...border}>{after}</Text>
    </Text>
  );
}
