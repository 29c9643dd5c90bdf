/**
 * Key handling for a text field. The value is the caller's (controlled); the cursor is kept
 * here. Keys the field does not use (enter, esc, tab, up/down) fall through to the commands of
 * the same layer, so a dialog binds `dialog.confirm` and `dialog.cancel` as usual.
 */
import { useState } from 'react';
import { useRawInput } from '../keys/use-command';
import { editText, textEditFor } from './text-edit';

export interface TextInputState {
  value: string;
  cursor: number;
}

export function useTextInput(
  value: string,
  onChange: (value: string) => void,
  options: { isActive?: boolean } = {},
): TextInputState {
  const [last, setLast] = useState<TextInputState>(() => ({ value, cursor: [...value].length }));
  // after an outside change (clear, completion) the cursor goes to the end, as in a shell
  const cursor = last.value === value ? last.cursor : [...value].length;
  useRawInput(
    (input, spec) => {
      const edit = textEditFor(input, spec);
      if (!edit) return false;
      const next = editText({ value, cursor }, edit);
      setLast(next);
      if (next.value !== value) onChange(next.value);
      return true;
    },
    { isActive: options.isActive ?? true },
  );
  return { value, cursor };
}
