import { useTick } from '../hooks/use-tick';
import type { ThemeToken } from '../theme/tokens';
import { Styled } from './styled';

export const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;

/** One character that turns on the app's shared tick (no timer of its own). */
export function Spinner({ token = 'rollout.inProgress' }: { token?: ThemeToken }) {
  const tick = useTick();
  return <Styled token={token}>{SPINNER_FRAMES[tick % SPINNER_FRAMES.length]}</Styled>;
}
