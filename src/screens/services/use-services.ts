/**
 * The Services screen's data, windowed: the store lists every name but describes only the rows
 * on screen plus the selection, so the screen tells it which rows those are after each move.
 * The cursor is held by name, so it follows its service when rows re-sort.
 *
 * The filter is applied here, as the screen renders, not handed to the store through an effect:
 * a keystroke in the filter is then one render, not a render, an effect, a store update and a
 * second render.
 */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useRawInput } from '../../keys/use-command';
import { serviceRowCache, type ServiceRow } from '../../present/service-rows';
import { FilterMemo } from '../../state/stores/filter-memo';
import type { ServiceListEntry } from '../../state/stores/service-list';
import { ServicesStore, type ServicesSnapshot } from '../../state/stores/services';
import { useOwnedStore, usePollWhileActive, useReportRefresh } from '../../tui/screen-kit';
import type { BrowseSession } from '../../tui/session';
import { changesView, type DrawnView } from './drawn-view';
import { nextSort } from './sort';
import { useNamedSelection, type NamedSelection } from './use-named-selection';

export interface ServicesView {
  snapshot: ServicesSnapshot;
  /** The services the filter lets through, in the store's order. */
  entries: readonly ServiceListEntry[];
  nav: NamedSelection;
  /** Rows of the window only (what is drawn), from `nav.offset`. */
  windowRows: ServiceRow[];
  selected: ServiceListEntry | undefined;
  cycleSort: () => void;
}

export function useServices(
  session: BrowseSession,
  cluster: string,
  filter: string,
  isActive: boolean,
  visible: number,
): ServicesView {
  const store = useOwnedStore(() => new ServicesStore(session.hub, { cluster }));
  usePollWhileActive(store, isActive);
  const [memo] = useState(() => new FilterMemo<ServiceListEntry>((e) => e.name));
  // a store change is drawn only when it changes what is on screen (see drawn-view.ts); the
  // render after it, whatever causes it, reads the latest snapshot
  const drawn = useRef<DrawnView | undefined>(undefined);
  const subscribe = useCallback(
    (notify: () => void) =>
      store.subscribe(() => {
        const shows = changesView(drawn.current, store.getSnapshot(), (entries, f) =>
          memo.apply(entries, f),
        );
        if (shows) notify();
      }),
    [store, memo],
  );
  const snapshot = useSyncExternalStore(subscribe, store.getSnapshot);
  // every key, not only those that move the rows, holds back a pending describe: `/` is
  // followed by a filter, which replaces the rows (the key goes on to whatever handles it)
  useRawInput(
    () => {
      store.postpone();
      return false;
    },
    { isActive },
  );
  // the filter's own keys go to its text field; a change of the filter counts as one, told in
  // the commit that shows it (a passive effect may come after a describe that fell due)
  useLayoutEffect(() => store.postpone(), [store, filter]);
  useReportRefresh(session, describeInterval(snapshot), isActive);

  const entries = useMemo(
    () => memo.apply(snapshot.entries, filter),
    [memo, snapshot.entries, filter],
  );
  const names = useMemo(() => entries.map((e) => e.name), [entries]);
  const nav = useNamedSelection(names, visible);

  const window = useMemo(
    () => entries.slice(nav.offset, nav.offset + visible),
    [entries, nav.offset, visible],
  );
  const windowKey = window.map((e) => e.name).join('\n');
  useEffect(() => {
    store.setVisible(windowKey === '' ? [] : windowKey.split('\n'));
  }, [store, windowKey]);
  const selected = entries[nav.selected];
  useEffect(() => store.setSelected(selected?.name), [store, selected?.name]);

  useEffect(() => {
    if (filter === '') session.names.setServices(cluster, names);
  }, [session, cluster, names, filter]);

  useLayoutEffect(() => {
    drawn.current = { snapshot, filter, matching: entries.length, offset: nav.offset, window };
  });

  // ages move with the clock, so rows are looked at on every render; a row whose entry and age
  // are unchanged keeps its object, and the table does not redraw it
  const [rowOf] = useState(serviceRowCache);
  const now = session.now();
  const windowRows = window.map((e) => rowOf(e, now));
  return {
    snapshot,
    entries,
    nav,
    windowRows,
    selected,
    cycleSort: () => {
      const next = nextSort(snapshot.sort);
      store.setSort(next.key, next.descending);
    },
  };
}

/**
 * The describe interval (the store's defaults) is what the person sees refresh; the name list
 * is re-read only once a minute.
 */
function describeInterval(snapshot: ServicesSnapshot): number {
  return snapshot.active ? 5_000 : 15_000;
}
