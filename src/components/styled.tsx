import { Text } from 'ink';
import type { ReactNode } from 'react';
import { useToken } from '../theme/theme-context';
import type { ThemeToken } from '../theme/tokens';

/** Text in a semantic token's style: the only way components colour anything. */
export function Styled({
  token,
  children,
  wrap,
}: {
  token: ThemeToken;
  children: ReactNode;
  wrap?: 'wrap' | 'truncate-end' | 'truncate';
}) {
  const style = useToken(token);
  return (
    <Text {...style} {...(wrap ? { wrap } : {})}>
      {children}
    </Text>
  );
}
