/**
 * The terminal size from Ink's stdout (not process.stdout, so a fake terminal in tests can
 * set it), re-read on every 'resize'. Ink 6 has no useWindowSize; this is the same idea.
 */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** What a stream without a size (a pipe) is taken to be. */
export const FALLBACK_SIZE: TerminalSize = { columns: 80, rows: 24 };

export function readSize(stdout: { columns?: number; rows?: number }): TerminalSize {
  return {
    columns: stdout.columns && stdout.columns > 0 ? stdout.columns : FALLBACK_SIZE.columns,
    rows: stdout.rows && stdout.rows > 0 ? stdout.rows : FALLBACK_SIZE.rows,
  };
}

export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => readSize(stdout));
  useEffect(() => {
    const onResize = () => {
      const next = readSize(stdout);
      setSize((prev) => (prev.columns === next.columns && prev.rows === next.rows ? prev : next));
    };
    // the size may have changed between the first render and this subscription
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
