/**
 * Key handling for a one-line text field. Keys the field does not use (enter, esc, tab,
 * up/down) fall through to the commands of the same layer, so a dialog binds `dialog.confirm`
 * and `dialog.cancel` as usual.
 *
 * The text and the cursor are one piece of state here: keys that come faster than frames (a
 * paste, `tmux send-keys`, a fast typist) each apply to the text the key before left, never to
 * the text of the last render, so none is lost. The caller's `value` mirrors it: `onChange`
 * hears each change from the key handler itself, so the field and what it drives (the `/`
 * filter's rows) change in one commit — one frame per key, not the field's frame first and the
 * filtered one a throttle interval later. A value the caller sets on its own (clear, a
 * completion) replaces the text, the cursor at the end as in a shell.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { useRawInput } from '../keys/use-command';
import { editText, textEditFor, type TextField } from './text-edit';

export type TextInputState = TextField;

const atEnd = (value: string): TextField => ({ value, cursor: [...value].length });

export function useTextInput(
  value: string,
  onChange: (value: string) => void,
  options: { isActive?: boolean } = {},
): TextInputState {
  const [field, setField] = useState<TextField>(() => atEnd(value));
  // the caller's value at the last render: a change to it that is not this field's own echo
  // is the caller's doing
  const [seen, setSeen] = useState(value);
  let shown = field;
  if (value !== seen) {
    setSeen(value);
    if (value !== field.value) {
      shown = atEnd(value);
      setField(shown);
    }
  }

  const onChangeRef = useRef(onChange);
  useLayoutEffect(() => {
    onChangeRef.current = onChange;
  });
  // the text as the keys so far left it, ahead of the render that will show it
  const latest = useRef(shown);
  latest.current = shown;

  useRawInput(
    (input, spec) => {
      const edit = textEditFor(input, spec);
      if (!edit) return false;
      const before = latest.current;
      const next = editText(before, edit);
      latest.current = next;
      setField(next);
      if (next.value !== before.value) onChangeRef.current(next.value);
      return true;
    },
    { isActive: options.isActive ?? true },
  );
  return shown;
}
