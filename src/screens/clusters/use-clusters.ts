/**
 * The Clusters screen's data: the account's clusters (polled while the screen is in view),
 * as rows, narrowed by the `/` filter. Names go to the palette's completion.
 */
import { useEffect, useMemo } from 'react';
import { clusterRows, type ClusterRow } from '../../present/cluster-rows';
import { matchesFilter } from '../../state/stores/service-list';
import { ClustersStore } from '../../state/stores/clusters';
import type { PollSnapshot } from '../../state/poller';
import type { Cluster } from '../../aws';
import {
  useOwnedStore,
  usePollWhileActive,
  useReportRefresh,
  useStore,
} from '../../tui/screen-kit';
import type { BrowseSession } from '../../tui/session';

export interface ClustersView {
  snapshot: PollSnapshot<Cluster[]>;
  /** After the filter. */
  rows: ClusterRow[];
  total: number;
}

export function useClusters(
  session: BrowseSession,
  filter: string,
  isActive: boolean,
): ClustersView {
  const store = useOwnedStore(() => new ClustersStore(session.hub));
  usePollWhileActive(store, isActive);
  const snapshot = useStore(store);
  useReportRefresh(session, snapshot.intervalMs, isActive);

  const all = useMemo(() => clusterRows(snapshot.data ?? []), [snapshot.data]);
  useEffect(() => {
    session.names.setClusters(all.map((r) => r.name));
  }, [session, all]);
  const rows = useMemo(
    () => (filter ? all.filter((r) => matchesFilter(r.name, filter)) : all),
    [all, filter],
  );
  return { snapshot, rows, total: all.length };
}
