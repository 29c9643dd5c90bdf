import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useToken } from '../theme/theme-context';
import { truncate } from './text-fit';

/** `┌─ title ─────┐`: Ink's borders have no title, so the top edge is drawn by hand. */
export function topEdge(title: string, width: number): string {
  if (width < 2) return '';
  const inner = width - 2;
  const label = title ? truncate(` ${title} `, Math.max(0, inner - 1)) : '';
  return `┌${label ? '─' : ''}${label}${'─'.repeat(Math.max(0, inner - [...label].length - (label ? 1 : 0)))}┐`;
}

/**
 * A bordered box with a title. Children get exactly `width - 2` by `height - 2` cells and are
 * clipped to them, so a panel can never push the frame taller than planned.
 */
export function Panel({
  title,
  width,
  height,
  children,
  focused = false,
}: {
  title: string;
  width: number;
  height: number;
  children: ReactNode;
  focused?: boolean;
}) {
  const border = useToken(focused ? 'ui.focus' : 'ui.border');
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text {...border} wrap="truncate">
        {topEdge(title, width)}
      </Text>
      <Box
        borderStyle="single"
        borderTop={false}
        width={width}
        height={Math.max(0, height - 1)}
        {...(border.color ? { borderColor: border.color } : {})}
        borderDimColor={border.dimColor ?? false}
      >
        <Box
          flexDirection="column"
          width={Math.max(0, width - 2)}
          height={Math.max(0, height - 2)}
          overflow="hidden"
        >
          {children}
        </Box>
      </Box>
    </Box>
  );
}
