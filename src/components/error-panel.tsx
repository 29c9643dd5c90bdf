import { Box } from 'ink';
import { Styled } from './styled';

/** An error that belongs to a panel (its data failed to load): the message and what to do. */
export function ErrorPanel({ message, hint }: { message: string; hint?: string | undefined }) {
  return (
    <Box flexDirection="column" paddingX={1}>
      <Styled token="status.error" wrap="wrap">{`✕ ${message}`}</Styled>
      {hint ? <Styled token="ui.dim" wrap="wrap">{`  ${hint}`}</Styled> : null}
    </Box>
  );
}
