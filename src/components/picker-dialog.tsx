import { Box, Text } from 'ink';
import { Panel } from './panel';
import { Styled } from './styled';
import { TextInput } from './text-input';

export interface PickerDialogProps {
  title: string;
  filter: string;
  cursor: number;
  /** The items that match the filter, in order. */
  items: readonly string[];
  selected: number;
  offset: number;
  /** Marked with `•`: the profile or region in use. */
  current?: string | undefined;
  loading?: boolean;
  width: number;
  height: number;
}

export function PickerDialog(props: PickerDialogProps) {
  const { title, filter, cursor, items, selected, offset, current, width, height } = props;
  const rows = pickerRows(height);
  const shown = items.slice(offset, offset + rows);
  return (
    <Panel title={title} width={width} height={height} focused>
      <Box flexDirection="column" paddingX={1}>
        <TextInput value={filter} cursor={cursor} width={width - 4} prompt="filter: " />
        {props.loading ? <Styled token="ui.dim">loading…</Styled> : null}
        {!props.loading && items.length === 0 ? (
          <Styled token="ui.dim">nothing matches</Styled>
        ) : null}
        {shown.map((item, i) => {
          const isSelected = offset + i === selected;
          const mark = item === current ? '•' : ' ';
          return (
            <Text key={item} wrap="truncate-end">
              {isSelected ? (
                <Styled token="ui.selection">{`› ${mark} ${item}`}</Styled>
              ) : (
                `  ${mark} ${item}`
              )}
            </Text>
          );
        })}
      </Box>
    </Panel>
  );
}

/** List rows inside a picker of `height` lines (border and filter line excluded). */
export function pickerRows(height: number): number {
  return Math.max(1, height - 3);
}
