/**
 * The Services screen's data, windowed: the store lists every name but describes only the rows
 * on screen plus the selection, so the screen tells it which rows those are after each move.
 * The selection follows its service when rows re-sort as descriptions arrive.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useListNavigation, type ListNavigation } from '../../hooks/use-list-navigation';
import { serviceRows, type ServiceRow } from '../../present/service-rows';
import type { ServiceListEntry } from '../../state/stores/service-list';
import { ServicesStore, type ServicesSnapshot } from '../../state/stores/services';
import {
  useOwnedStore,
  usePollWhileActive,
  useReportRefresh,
  useStore,
} from '../../tui/screen-kit';
import type { BrowseSession } from '../../tui/session';
import { nextSort } from './sort';

export interface ServicesView {
  snapshot: ServicesSnapshot;
  nav: ListNavigation;
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
  const snapshot = useStore(store);
  useReportRefresh(session, describeInterval(snapshot), isActive);

  useEffect(() => store.setFilter(filter), [store, filter]);

  const { entries } = snapshot;
  const nav = useListNavigation({ count: entries.length, visible });
  useFollowSelection(entries, nav);

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
    if (snapshot.filter === '')
      session.names.setServices(
        cluster,
        entries.map((e) => e.name),
      );
  }, [session, cluster, entries, snapshot.filter]);

  // ages move with the clock, so the window's rows are rebuilt on every render (20-40 rows)
  const windowRows = serviceRows(window, session.now());
  return {
    snapshot,
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
 * Keeps the cursor on the same service when the rows move under it (a sort by status as rows
 * get described, a new service listed above it); when it is filtered away, the index stays.
 */
function useFollowSelection(entries: readonly ServiceListEntry[], nav: ListNavigation): void {
  const seen = useRef(entries);
  const name = useRef<string | undefined>(undefined);
  const selected = nav.selected;
  useEffect(() => {
    if (seen.current !== entries) {
      seen.current = entries;
      const at =
        name.current === undefined ? -1 : entries.findIndex((e) => e.name === name.current);
      if (at >= 0 && at !== selected) {
        nav.select(at);
        return;
      }
    }
    name.current = entries[selected]?.name;
  }, [entries, selected, nav]);
}

/**
 * The describe interval (the store's defaults) is what the person sees refresh; the name list
 * is re-read only once a minute.
 */
function describeInterval(snapshot: ServicesSnapshot): number {
  return snapshot.active ? 5_000 : 15_000;
}
