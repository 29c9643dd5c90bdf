import { Box, Text } from 'ink';
import type { ThemeToken } from '../theme/tokens';
import { Panel } from './panel';
import { Styled } from './styled';
import { wrapText } from './text-fit';
import { TextInput } from './text-input';

export type DangerLevel = 'low' | 'medium' | 'high';

const DANGER: Record<DangerLevel, { label: string; token: ThemeToken }> = {
  low: { label: 'low risk', token: 'status.info' },
  medium: { label: 'changes a running service', token: 'status.warn' },
  high: { label: 'high risk: affects live traffic', token: 'status.error' },
};

export interface ConfirmDialogProps {
  title: string;
  /** What will happen, one line each (calls, revisions, weights). */
  body: readonly string[];
  danger: DangerLevel;
  confirmLabel: string;
  /** For protected services: the name to type; confirm stays off until it matches. */
  typeToConfirm?: string | undefined;
  typed?: string;
  cursor?: number;
  width: number;
  height: number;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, body, danger, confirmLabel, typeToConfirm, width, height } = props;
  const look = DANGER[danger];
  const reserved = typeToConfirm === undefined ? 4 : 6;
  const room = Math.max(0, height - 2 - reserved);
  // what will happen is read in full: long lines wrap (keeping their indent) instead of being cut
  const lines = wrapBody(body, width);
  const shown = lines.length > room ? [...lines.slice(0, Math.max(0, room - 1)), '…'] : lines;
  const typed = props.typed ?? '';
  const matches = typeToConfirm !== undefined && typed === typeToConfirm;
  return (
    <Panel title={title} width={width} height={height} focused>
      <Box flexDirection="column" paddingX={1}>
        <Styled token={look.token} wrap="truncate-end">{`● ${look.label}`}</Styled>
        <Text> </Text>
        {shown.map((line, i) => (
          <Text key={i} wrap="truncate-end">
            {line}
          </Text>
        ))}
        <Text> </Text>
        {typeToConfirm === undefined ? (
          <Text wrap="truncate-end">
            <Styled token="ui.key">enter</Styled>/<Styled token="ui.key">y</Styled>
            {` ${confirmLabel}    `}
            <Styled token="ui.key">esc</Styled>/<Styled token="ui.key">n</Styled> cancel
          </Text>
        ) : (
          <>
            <Text wrap="truncate-end">
              {'type '}
              <Styled token="ui.focus">{typeToConfirm}</Styled>
              {` to ${confirmLabel}:`}
            </Text>
            <TextInput
              value={typed}
              cursor={props.cursor ?? [...typed].length}
              width={Math.max(1, width - 4)}
              prompt="> "
            />
            <Text wrap="truncate-end">
              {matches ? (
                <>
                  <Styled token="ui.key">enter</Styled>
                  {` ${confirmLabel}    `}
                </>
              ) : (
                <Styled token="ui.dim">{`enter ${confirmLabel} (type the name first)    `}</Styled>
              )}
              <Styled token="ui.key">esc</Styled> cancel
            </Text>
          </>
        )}
      </Box>
    </Panel>
  );
}

/** The body as it is drawn inside the panel (border and padding take 4 columns). */
export function wrapBody(body: readonly string[], width: number): string[] {
  return body.flatMap((line) => {
    const indent = line.length - line.trimStart().length;
    return wrapText(line.trimStart(), Math.max(1, width - 4), indent);
  });
}
