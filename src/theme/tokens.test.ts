import { describe, expect, it } from 'vitest';
import { defaultTheme, noColorTheme, pickTheme, tokenStyle } from './tokens';

const tty = { isTTY: true, hasColors: () => true };

describe('theme', () => {
  it('honours NO_COLOR', () => {
    expect(pickTheme({ NO_COLOR: '1' }, tty)).toBe(noColorTheme);
    // an empty NO_COLOR does not count (no-color.org)
    expect(pickTheme({ NO_COLOR: '' }, tty)).toBe(defaultTheme);
  });

  it('uses no colour when stdout has none', () => {
    expect(pickTheme({}, { isTTY: false })).toBe(noColorTheme);
    expect(pickTheme({}, { isTTY: true, hasColors: () => false })).toBe(noColorTheme);
    expect(pickTheme({}, tty)).toBe(defaultTheme);
  });

  it('has no colour at all in the no-colour theme, but keeps the selection visible', () => {
    const groups = [noColorTheme.status, noColorTheme.rollout, noColorTheme.ui];
    for (const group of groups) {
      for (const style of Object.values(group)) {
        expect(style.color).toBeUndefined();
        expect(style.backgroundColor).toBeUndefined();
      }
    }
    expect(tokenStyle(noColorTheme, 'ui.selection')).toEqual({ inverse: true });
  });

  it('resolves token paths', () => {
    expect(tokenStyle(defaultTheme, 'status.error')).toEqual({ color: 'red', bold: true });
  });
});
