import { Text } from 'ink';
import { useToken } from '../theme/theme-context';
import { Styled } from './styled';

/**
 * A one-line field as drawn: the keys are handled by useTextInput (hooks/), so this stays a
 * plain view. The cursor is an inverse cell; text scrolls so the cursor stays in view.
 */
export function TextInput({
  value,
  cursor,
  width,
  placeholder = '',
  prompt = '',
  focused = true,
}: {
  value: string;
  cursor: number;
  width: number;
  placeholder?: string;
  prompt?: string;
  focused?: boolean;
}) {
  const focus = useToken('ui.focus');
  const chars = [...value];
  const room = Math.max(1, width - [...prompt].length - 1);
  const start = Math.max(0, cursor - room + 1);
  const before = chars.slice(start, cursor).join('');
  const at = chars[cursor] ?? ' ';
  const after = chars.slice(cursor + 1, start + room).join('');
  return (
    <Text wrap="truncate-end">
      {prompt ? <Text {...focus}>{prompt}</Text> : null}
      {value === '' && !focused ? (
        <Styled token="ui.dim">{placeholder}</Styled>
      ) : (
        <>
          {before}
          {focused ? <Text inverse>{at}</Text> : at}
          {after}
          {value === '' && placeholder ? <Styled token="ui.dim">{placeholder}</Styled> : null}
        </>
      )}
    </Text>
  );
}
