import { Box, Text } from 'ink';
import { Styled } from './styled';
import { TextInput } from './text-input';

export interface PaletteEntry {
  text: string;
  description?: string;
}

/** The `:` palette as drawn (inside the main panel): the line typed and the completions. */
export function CommandPalette({
  value,
  cursor,
  candidates,
  selected,
  width,
  height,
}: {
  value: string;
  cursor: number;
  candidates: readonly PaletteEntry[];
  selected: number;
  width: number;
  height: number;
}) {
  const rows = Math.max(0, height - 1);
  const start = Math.max(0, Math.min(selected - rows + 1, candidates.length - rows));
  const shown = candidates.slice(start, start + rows);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" paddingX={1}>
      <TextInput value={value} cursor={cursor} width={width - 4} prompt=":" />
      {shown.map((c, i) => {
        const line = c.description ? `${c.text.padEnd(24)} ${c.description}` : c.text;
        return (
          <Text key={c.text} wrap="truncate-end">
            {start + i === selected ? (
              <Styled token="ui.selection">{`› ${line}`}</Styled>
            ) : (
              <Styled token="ui.dim">{`  ${line}`}</Styled>
            )}
          </Text>
        );
      })}
    </Box>
  );
}
