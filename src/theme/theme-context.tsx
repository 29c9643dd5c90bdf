import { createContext, useContext, type ReactNode } from 'react';
import { defaultTheme, tokenStyle, type TextStyle, type Theme, type ThemeToken } from './tokens';

const ThemeContext = createContext<Theme>(defaultTheme);

export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** The Text props for one token in the current theme. */
export function useToken(token: ThemeToken): TextStyle {
  return tokenStyle(useTheme(), token);
}
