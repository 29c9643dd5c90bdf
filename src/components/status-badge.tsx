import type { ThemeToken } from '../theme/tokens';
import { Styled } from './styled';

/** `[READ-ONLY]`, `[SIMULATED]`, `[FAILED]`: brackets keep it readable without colour. */
export function StatusBadge({ label, token = 'ui.badge' }: { label: string; token?: ThemeToken }) {
  return <Styled token={token}>{`[${label}]`}</Styled>;
}
