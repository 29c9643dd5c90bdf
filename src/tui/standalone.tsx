/**
 * A frame outside the App (connecting, no credentials): its own key dispatcher with just the
 * quit keys, and never as tall as the terminal (Ink would repaint everything on each frame).
 */
import { Box, useApp } from 'ink';
import { useMemo, type ReactNode } from 'react';
import { useTerminalSize } from '../hooks/use-terminal-size';
import type { CommandState } from '../keys/binding-types';
import { KeyDispatcher } from '../keys/dispatcher';
import { useCommand } from '../keys/use-command';

export function StandaloneFrame({
  name,
  simulated,
  onQuit,
  children,
}: {
  /** Stands in for the screen kind in the key state. */
  name: string;
  simulated: boolean;
  onQuit?: (() => void) | undefined;
  children: ReactNode;
}) {
  const { rows } = useTerminalSize();
  const state = useMemo<CommandState>(
    () => ({
      readOnly: false,
      simulated,
      screen: name,
      filterable: false,
      canSwitchProfile: false,
      canSwitchRegion: false,
    }),
    [name, simulated],
  );
  return (
    <KeyDispatcher readOnly={false} state={state}>
      <QuitKeys onQuit={onQuit} />
      <Box flexDirection="column" height={Math.max(1, rows - 1)} overflow="hidden">
        {children}
      </Box>
    </KeyDispatcher>
  );
}

function QuitKeys({ onQuit }: { onQuit?: (() => void) | undefined }) {
  const { exit } = useApp();
  const quit = onQuit ?? (() => exit());
  useCommand('global.quit', quit);
  useCommand('global.interrupt', quit);
  return null;
}
