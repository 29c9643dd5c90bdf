/**
 * The Services screen's data, windowed: the store lists every name but describes only the rows
 * on screen plus the selection, so the screen tells it which rows those are after each move.
 * The cursor is held by name, so it follows its service when rows re-sort.
 */
import { useEffect, useMemo } from 'react';
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
import { useNamedSelection, type NamedSelection } from './use-named-selection';

export interface ServicesView {
  snapshot: ServicesSnapshot;
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
  const snapshot = useStore(store);
  useReportRefresh(session, describeInterval(snapshot), isActive);

  useEffect(() => store.setFilter(filter), [store, filter]);

  const { entries } = snapshot;
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
    if (snapshot.filter === '') session.names.setServices(cluster, names);
  }, [session, cluster, names, snapshot.filter]);

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
 * The describe interval (the store's defaults) is what the person sees refresh; the name list
 * is re-read only once a minute.
 */
function describeInterval(snapshot: ServicesSnapshot): number {
  return snapshot.active ? 5_000 : 15_000;
}
