/** Editing a one-line text field, without React: insert, backspace, cursor moves. */

export interface TextField {
  value: string;
  /** Cursor position in code points, 0..length. */
  cursor: number;
}

export type TextEdit =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'set'; value: string };

export function editText(field: TextField, edit: TextEdit): TextField {
  const chars = [...field.value];
  const cursor = Math.min(Math.max(0, field.cursor), chars.length);
  switch (edit.type) {
    case 'insert': {
      // a paste may carry newlines or control bytes; a one-line field keeps the printable part
      const text = [...edit.text.replace(/[\r\n\t]+/g, ' ')].filter(
        (c) => c >= ' ' && c !== '\x7f',
      );
      chars.splice(cursor, 0, ...text);
      return { value: chars.join(''), cursor: cursor + text.length };
    }
    case 'backspace':
      if (cursor === 0) return field;
      chars.splice(cursor - 1, 1);
      return { value: chars.join(''), cursor: cursor - 1 };
    case 'left':
      return { value: field.value, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { value: field.value, cursor: Math.min(chars.length, cursor + 1) };
    case 'home':
      return { value: field.value, cursor: 0 };
    case 'end':
      return { value: field.value, cursor: chars.length };
    case 'set':
      return { value: edit.value, cursor: [...edit.value].length };
  }
}

/** The edit a key means to a text field, or undefined when the field leaves the key alone. */
export function textEditFor(input: string, spec: string | undefined): TextEdit | undefined {
  switch (spec) {
    case 'backspace':
      return { type: 'backspace' };
    case 'left':
      return { type: 'left' };
    case 'right':
      return { type: 'right' };
    case 'home':
    case 'ctrl+a':
      return { type: 'home' };
    case 'end':
    case 'ctrl+e':
      return { type: 'end' };
    case 'space':
      return { type: 'insert', text: ' ' };
    case undefined:
    default:
      break;
  }
  if (spec !== undefined && spec.length > 1) return undefined;
  if (input === '' || input.startsWith('\x1b')) return undefined;
  return { type: 'insert', text: input };
}
