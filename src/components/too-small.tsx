import { Box, Text } from 'ink';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export function isTooSmall(columns: number, rows: number): boolean {
  return columns < MIN_COLUMNS || rows < MIN_ROWS;
}

export function tooSmallMessage(columns: number, rows: number): string {
  return `terminal too small (need ${MIN_COLUMNS}x${MIN_ROWS}, have ${columns}x${rows})`;
}

/** Shown instead of the app below 80x24; it never draws more than `rows - 1` lines either. */
export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  const lines = [tooSmallMessage(columns, rows), 'enlarge the window, or press q to quit'];
  const shown = lines.slice(0, Math.max(0, rows - 1));
  return (
    <Box flexDirection="column" width={columns} height={Math.max(0, rows - 1)} overflow="hidden">
      {shown.map((line, i) => (
        <Text key={i} wrap="wrap">
          {line}
        </Text>
      ))}
    </Box>
  );
}
