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

/** `└─ label ─────┘` around a label of `labelWidth` cells: the parts before and after it. */
export function bottomEdgeAround(labelWidth: number, width: number): [string, string] {
  if (width < 2) return ['', ''];
  const inner = width - 2;
  if (labelWidth <= 0) return [`└${'─'.repeat(inner)}`, '┘'];
  return ['└─ ', ` ${'─'.repeat(Math.max(0, inner - labelWidth - 3))}┘`];
}

/**
 * A bordered box with a title. Children get exactly `width - 2` by `height - 2` cells and are
 * clipped to them, so a panel can never push the frame taller than planned. `bottom`, when
 * given, draws the bottom edge itself (one row, `width` cells: see `bottomEdgeAround`).
 */
export function Panel({
  title,
  width,
  height,
  children,
  focused = false,
  bottom,
}: {
  title: string;
  width: number;
  height: number;
  children: ReactNode;
  focused?: boolean;
  bottom?: ReactNode;
}) {
  const border = useToken(focused ? 'ui.focus' : 'ui.border');
  const ownBottom = bottom !== undefined;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text {...border} wrap="truncate">
        {topEdge(title, width)}
      </Text>
      <Box
        borderStyle="single"
        borderTop={false}
        borderBottom={!ownBottom}
        width={width}
        height={Math.max(0, height - (ownBottom ? 2 : 1))}
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
      {ownBottom && height >= 2 ? (
        <Box width={width} height={1}>
          {bottom}
        </Box>
      ) : null}
    </Box>
  );
}
