/** Screen 1: the clusters of the account and Region. Enter opens a cluster's services. */
import { Box } from 'ink';
import { useRouter } from '../../app/router-context';
import { defineScreen, type ScreenProps, type ScreenRegistration } from '../../app/screens';
import { EmptyState } from '../../components/empty-state';
import { Table, windowLabel, type Column } from '../../components/table';
import { useListNavigation } from '../../hooks/use-list-navigation';
import { useCommand } from '../../keys/use-command';
import type { ClusterRow } from '../../present/cluster-rows';
import { count, LoadError, Loading, StatusLine } from '../../tui/screen-kit';
import type { BrowseSession } from '../../tui/session';
import { useClusters } from './use-clusters';

const COLUMNS: readonly Column<ClusterRow>[] = [
  { key: 'name', title: 'NAME', flex: 2, minWidth: 12, cell: (r) => r.name },
  {
    key: 'status',
    title: 'STATUS',
    width: 14,
    cell: (r) => ({ text: r.status, token: r.statusToken }),
  },
  { key: 'services', title: 'SERVICES', width: 8, align: 'right', cell: (r) => r.services },
  { key: 'running', title: 'RUNNING', width: 7, align: 'right', cell: (r) => String(r.running) },
  {
    key: 'pending',
    title: 'PENDING',
    width: 7,
    align: 'right',
    cell: (r) =>
      r.pending > 0 ? { text: String(r.pending), token: 'status.warn' } : String(r.pending),
  },
  {
    key: 'capacity',
    title: 'CAPACITY PROVIDERS',
    flex: 2,
    minWidth: 10,
    cell: (r) => r.capacityProviders,
  },
];

export function clustersScreen(session: BrowseSession): ScreenRegistration<'clusters'> {
  return defineScreen({
    kind: 'clusters',
    filterable: true,
    keys: ['nav.open'],
    component: function ClustersScreen(props: ScreenProps<{ kind: 'clusters' }>) {
      return <Clusters session={session} {...props} />;
    },
  });
}

function Clusters({
  session,
  size,
  filter,
  isActive,
}: ScreenProps<{ kind: 'clusters' }> & { session: BrowseSession }) {
  const router = useRouter();
  const { snapshot, rows, total } = useClusters(session, filter, isActive);
  const tableHeight = Math.max(1, size.rows - 1);
  const nav = useListNavigation({ count: rows.length, visible: tableHeight - 1 });
  const selected = rows[nav.selected];
  useCommand(
    'nav.open',
    () => {
      if (selected) router.push({ kind: 'services', cluster: selected.name });
    },
    { disabledReason: selected ? undefined : 'no cluster selected' },
  );

  if (snapshot.status === 'loading') return <Loading what="clusters" />;
  if (snapshot.status === 'error') return <LoadError error={snapshot.error} />;
  if (snapshot.status === 'empty') {
    return (
      <EmptyState
        message={`no clusters in ${session.gateway.context.region}`}
        hint="switch region with ctrl+r (or profile with ctrl+p)"
      />
    );
  }
  const shown = filter
    ? `${rows.length} of ${count(total, 'cluster')} match /${filter}`
    : count(total, 'cluster');
  return (
    <Box flexDirection="column">
      <StatusLine
        width={size.columns}
        left={`${shown} · ${windowLabel(nav.offset, tableHeight - 1, rows.length)}`}
        error={snapshot.error}
        throttled={snapshot.throttled}
      />
      <Table
        columns={COLUMNS}
        rows={rows}
        width={size.columns}
        height={tableHeight}
        selected={nav.selected}
        offset={nav.offset}
        rowKey={(r) => r.key}
        emptyText={`no cluster matches /${filter}`}
      />
    </Box>
  );
}
