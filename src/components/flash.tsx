import type { ThemeToken } from '../theme/tokens';
import { Styled } from './styled';
import { truncate } from './text-fit';

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
