import { Box, Text } from 'ink';
import { Styled } from './styled';

/** Nothing to show, said plainly, with what to do about it. */
export function EmptyState({ message, hint }: { message: string; hint?: string }) {
  return (
    <Box flexDirection="column" alignItems="center" justifyContent="center" flexGrow={1}>
      <Text wrap="truncate-end">{message}</Text>
      {hint ? (
        <Styled token="ui.dim" wrap="truncate-end">
          {hint}
        </Styled>
      ) : null}
    </Box>
  );
}
