/**
 * Key names as the binding table spells them, and the two translations the app needs:
 * Ink's (input, key) pair to a name (dispatch), and a name to the bytes a terminal sends
 * (tests press keys by command id, so they need the bytes).
 */
import type { Key } from 'ink';

const NAMED_SEQUENCES: Record<string, string> = {
  esc: '\x1b',
  enter: '\r',
  tab: '\t',
  'shift+tab': '\x1b[Z',
  space: ' ',
  backspace: '\x7f',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  home: '\x1b[H',
  end: '\x1b[F',
  pageup: '\x1b[5~',
  pagedown: '\x1b[6~',
};

const LABELS: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'pgup',
  pagedown: 'pgdn',
};

/** The table's name for a key press, or undefined for input that is not one key (a paste). */
export function keySpecOf(input: string, key: Key): string | undefined {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  // terminals send DEL (0x7f) for backspace and Ink reports it as `delete`
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  if (key.meta && input.length === 1) return `alt+${input}`;
  if (input.length === 1) return input;
  return undefined;
}

/** The bytes a terminal sends for a key name (`ctrl+p` -> 0x10). */
export function keySequence(spec: string): string {
  const named = NAMED_SEQUENCES[spec];
  if (named !== undefined) return named;
  const ctrl = /^ctrl\+([a-z])$/.exec(spec);
  if (ctrl?.[1]) return String.fromCharCode(ctrl[1].charCodeAt(0) - 96);
  if ([...spec].length === 1) return spec;
  throw new Error(`no terminal sequence for key "${spec}"`);
}

/** How a key is written in hints and help: `?`, `esc`, `ctrl+p`, `↓`. */
export function formatKey(spec: string): string {
  return LABELS[spec] ?? spec;
}

/** All keys of a binding for the help overlay: `j/↓`. */
export function formatKeys(specs: readonly string[]): string {
  return specs.map(formatKey).join('/');
}

/**
 * Ink hands a run of plain characters that arrived in one read as one `input` ("j\r" when
 * keys are typed fast, sent by tmux, or pasted). Splits such a run into single key presses,
 * each with its table name, so no key is lost. Returns undefined for input that is one key.
 */
export function splitKeyRun(input: string): { input: string; spec: string }[] | undefined {
  const chars = [...input];
  if (chars.length < 2 || input.includes('\x1b')) return undefined;
  return chars.map((c) => {
    if (c === '\r' || c === '\n') return { input: '', spec: 'enter' };
    if (c === '\t') return { input: '', spec: 'tab' };
    if (c === '\x7f' || c === '\b') return { input: '', spec: 'backspace' };
    if (c === ' ') return { input: ' ', spec: 'space' };
    const code = c.charCodeAt(0);
    if (code >= 1 && code <= 26) {
      const letter = String.fromCharCode(code + 96);
      return { input: letter, spec: `ctrl+${letter}` };
    }
    return { input: c, spec: c };
  });
}
