/**
 * Glue every browsing screen uses: read a store through useSyncExternalStore, poll only while
 * the screen is in view, report the poll interval to the context bar, and draw the loading /
 * error / stale states the same way everywhere.
 */
import { Box, Text } from 'ink';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { ErrorPanel } from '../components/error-panel';
import { Spinner } from '../components/spinner';
import { Styled } from '../components/styled';
import { truncate } from '../components/text-fit';
import { describeError } from '../errors';
import type { BrowseSession } from './session';

export interface ExternalStore<S> {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => S;
}

export function useStore<S>(store: ExternalStore<S>): S {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

export interface Pausable {
  start(): void;
  stop(): void;
}

/** Polls while the screen is on top and uncovered; pauses (keeping its data) otherwise. */
export function usePollWhileActive(store: Pausable, isActive: boolean): void {
  useEffect(() => {
    if (!isActive) return undefined;
    store.start();
    return () => store.stop();
  }, [store, isActive]);
}

/** Makes a store once per screen instance and disposes of it when the screen goes away. */
export function useOwnedStore<T extends { dispose(): void }>(make: () => T): T {
  const [store] = useState(make);
  useEffect(() => () => store.dispose(), [store]);
  return store;
}

/** Tells the context bar how often the screen in view refreshes (`⟳ 15s`). */
export function useReportRefresh(
  session: BrowseSession,
  intervalMs: number | undefined,
  isActive: boolean,
): void {
  const [owner] = useState(() => ({}));
  useEffect(() => {
    if (!isActive) return undefined;
    session.refresh.report(owner, intervalMs);
    return undefined;
  }, [session, owner, intervalMs, isActive]);
  useEffect(() => () => session.refresh.clear(owner), [session, owner]);
}

/** `⠋ loading services of production…` */
export function Loading({ what }: { what: string }) {
  return (
    <Box paddingX={1}>
      <Text wrap="truncate-end">
        <Spinner /> {`loading ${what}…`}
      </Text>
    </Box>
  );
}

/** A panel whose first load failed: what happened and what to do. */
export function LoadError({ error }: { error: Error | undefined }) {
  const { message, hint } = describeError(error ?? new Error('unknown error'));
  return <ErrorPanel message={message} {...(hint ? { hint } : {})} />;
}

/**
 * One line at the top of a list: what is shown on the left, and on the right why the data may
 * be old (the last refresh failed, or AWS is throttling us). The last good data stays below.
 */
export function StatusLine({
  width,
  left,
  error,
  throttled,
}: {
  width: number;
  left: string;
  /** The last refresh failed (the rows below are from an earlier one). */
  error?: Error | undefined;
  throttled?: boolean;
}) {
  const note = staleNote(error, throttled === true);
  const noteWidth = note ? Math.min(note.length, Math.max(0, width - 20)) : 0;
  return (
    <Box width={width} height={1}>
      <Box flexGrow={1} flexShrink={1} overflow="hidden" paddingLeft={1}>
        <Styled token="ui.dim" wrap="truncate-end">
          {left}
        </Styled>
      </Box>
      {note ? (
        <Box flexShrink={0} width={noteWidth}>
          <Styled token={throttled ? 'status.warn' : 'status.error'} wrap="truncate-end">
            {truncate(note, noteWidth)}
          </Styled>
        </Box>
      ) : null}
    </Box>
  );
}

/** Why the rows may be out of date, or undefined when they are fresh. */
export function staleNote(error: Error | undefined, throttled: boolean): string | undefined {
  if (throttled) return 'throttled by AWS: refreshing less often ';
  if (!error) return undefined;
  const { message, hint } = describeError(error);
  return `last refresh failed: ${message}${hint ? ` (${hint})` : ''} `;
}

/** `1 service`, `3 services`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
