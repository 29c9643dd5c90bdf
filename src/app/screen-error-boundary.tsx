import { Component, type ReactNode } from 'react';
import { ErrorPanel } from '../components/error-panel';
import { describeError } from '../errors';

interface State {
  error: unknown;
}

/**
 * A screen that throws while drawing takes down only itself: the frame, the keys and the
 * other screens stay, and esc leads out. React needs a class for this.
 */
export class ScreenErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    const { message, hint } = describeError(this.state.error);
    return (
      <ErrorPanel
        message={`this screen failed: ${message}`}
        hint={hint ?? 'esc goes back; this is a bug in ecs-rollout, please report it'}
      />
    );
  }
}
