import { Box, Text } from 'ink';
import type { HelpLine } from '../keys/help-model';
import { Styled } from './styled';

/** The `?` overlay as drawn: a window of the help lines (scrolled by the dialog manager). */
export function HelpOverlay({
  lines,
  offset,
  height,
  readOnly,
}: {
  lines: readonly HelpLine[];
  offset: number;
  height: number;
  readOnly: boolean;
}) {
  const note = readOnly ? 'read-only: keys that change AWS are off' : 'keys marked ! ask first';
  const rows = Math.max(0, height - 1);
  const shown = lines.slice(offset, offset + rows);
  const more =
    lines.length > rows
      ? `  ${offset + 1}-${offset + shown.length} of ${lines.length}, j/k to scroll`
      : '';
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Styled token="ui.dim" wrap="truncate-end">{` ${note}${more}`}</Styled>
      {shown.map((line, i) => {
        if (line.kind === 'blank') return <Text key={i}> </Text>;
        if (line.kind === 'heading') {
          return (
            <Styled key={i} token="ui.title" wrap="truncate-end">
              {` ${line.text}`}
            </Styled>
          );
        }
        return (
          <Text key={i} wrap="truncate-end">
            {'   '}
            <Styled token="ui.key">{line.keys}</Styled>
            {'  '}
            {line.entry.dangerous ? <Styled token="ui.danger">! </Styled> : '  '}
            {line.entry.description}
          </Text>
        );
      })}
    </Box>
  );
}
