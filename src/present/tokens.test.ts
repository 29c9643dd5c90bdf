import { describe, expect, it } from 'vitest';
import { defaultTheme, tokenStyle, type ThemeToken } from '../theme/tokens';
import { TOKENS, type Token } from './tokens';

// compile-time: every token a formatter hands out is one the theme knows
const asThemeToken = (token: Token): ThemeToken => token;

describe('formatter tokens', () => {
  it('each has a style in the default theme', () => {
    for (const token of TOKENS) {
      expect(Object.keys(tokenStyle(defaultTheme, asThemeToken(token))), token).not.toHaveLength(0);
    }
  });
});
