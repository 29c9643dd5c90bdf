import { Box, Text } from 'ink';
import { Panel } from './panel';
import { Styled } from './styled';
import { TextInput } from './text-input';

export interface PickerDialogProps {
  title: string;
  filter: string;
  cursor: number;
  /** Keys go to the filter (after `/`); otherwise they move in the list. */
  filtering: boolean;
  /** What the keys do now, one line: `j/k move · / filter · enter pick · esc cancel`. */
  hint: string;
  /** The question's text, already wrapped to the dialog (see `wrapBody`). */
  body?: readonly string[];
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
  const { title, filter, cursor, filtering, items, selected, offset, current, width, height } =
    props;
  const showFilter = filterShown(filtering, filter);
  const body = props.body ?? [];
  const rows = pickerRows(height, showFilter, body.length);
  const shown = items.slice(offset, offset + rows);
  return (
    <Panel title={title} width={width} height={height} focused>
      <Box flexDirection="column" paddingX={1}>
        <Text wrap="truncate-end">
          <Styled token="ui.dim">{props.hint}</Styled>
        </Text>
        {body.map((line, i) => (
          <Text key={i} wrap="truncate-end">
            {line}
          </Text>
        ))}
        {showFilter ? (
          <TextInput
            value={filter}
            cursor={cursor}
            width={width - 4}
            prompt="filter: "
            focused={filtering}
          />
        ) : null}
        {props.loading ? <Styled token="ui.dim">loading…</Styled> : null}
        {!props.loading && items.length === 0 ? (
          <Styled token="ui.dim">{filter === '' ? 'nothing to pick' : 'nothing matches'}</Styled>
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

/** The filter line shows while it has the keys or holds text. */
export function filterShown(filtering: boolean, filter: string): boolean {
  return filtering || filter !== '';
}

/** Lines a picker needs around its list: the border, the hint, the body and the filter line. */
export function pickerChrome(showFilter: boolean, bodyLines = 0): number {
  return (showFilter ? 4 : 3) + bodyLines;
}

/** List rows inside a picker of `height` lines. */
export function pickerRows(height: number, showFilter: boolean, bodyLines = 0): number {
  return Math.max(1, height - pickerChrome(showFilter, bodyLines));
}
