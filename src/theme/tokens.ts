/**
 * Semantic colour tokens. Components ask for a meaning (`status.error`, `ui.selection`), never
 * for a colour, so the no-colour theme and any later theme change in one place.
 */

/** The subset of Ink's Text props a token may set. */
export interface TextStyle {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

export interface Theme {
  name: 'default' | 'no-color';
  status: { ok: TextStyle; warn: TextStyle; error: TextStyle; info: TextStyle };
  rollout: {
    inProgress: TextStyle;
    failed: TextStyle;
    rolledBack: TextStyle;
    succeeded: TextStyle;
    paused: TextStyle;
  };
  ui: {
    focus: TextStyle;
    dim: TextStyle;
    border: TextStyle;
    selection: TextStyle;
    badge: TextStyle;
    title: TextStyle;
    key: TextStyle;
    danger: TextStyle;
  };
}

type Group = Exclude<keyof Theme, 'name'>;
/** A token path such as `status.ok` or `ui.selection`. */
export type ThemeToken = {
  [G in Group]: `${G}.${Extract<keyof Theme[G], string>}`;
}[Group];

export const defaultTheme: Theme = {
  name: 'default',
  status: {
    ok: { color: 'green' },
    warn: { color: 'yellow' },
    error: { color: 'red', bold: true },
    info: { color: 'cyan' },
  },
  rollout: {
    inProgress: { color: 'cyan' },
    failed: { color: 'red', bold: true },
    rolledBack: { color: 'magenta' },
    succeeded: { color: 'green' },
    paused: { color: 'yellow' },
  },
  ui: {
    focus: { color: 'cyan', bold: true },
    dim: { dimColor: true },
    border: { color: 'gray' },
    selection: { backgroundColor: 'blue', color: 'white' },
    badge: { color: 'black', backgroundColor: 'yellow', bold: true },
    title: { bold: true },
    key: { color: 'cyan', bold: true },
    danger: { color: 'red', bold: true },
  },
};

/**
 * NO_COLOR asks for no colour, not for no emphasis: bold, dim and inverse stay so that the
 * selection and the focused element are still visible.
 */
export const noColorTheme: Theme = {
  name: 'no-color',
  status: { ok: {}, warn: { bold: true }, error: { bold: true }, info: {} },
  rollout: {
    inProgress: {},
    failed: { bold: true },
    rolledBack: { bold: true },
    succeeded: {},
    paused: { bold: true },
  },
  ui: {
    focus: { bold: true },
    dim: { dimColor: true },
    border: {},
    selection: { inverse: true },
    badge: { inverse: true },
    title: { bold: true },
    key: { bold: true },
    danger: { bold: true, underline: true },
  },
};

export function tokenStyle(theme: Theme, token: ThemeToken): TextStyle {
  const [group, name] = token.split('.') as [Group, string];
  const styles = theme[group] as Record<string, TextStyle>;
  return styles[name] ?? {};
}

interface ColorProbe {
  isTTY?: boolean;
  hasColors?: (count?: number) => boolean;
}

/** `NO_COLOR` (any non-empty value, per no-color.org) or a stdout without colour picks no-colour. */
export function pickTheme(env: NodeJS.ProcessEnv, stdout: ColorProbe): Theme {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return noColorTheme;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return defaultTheme;
  if (!stdout.isTTY) return noColorTheme;
  if (typeof stdout.hasColors === 'function' && !stdout.hasColors()) return noColorTheme;
  return defaultTheme;
}
