/**
 * Screen 2: the services of a cluster, windowed so thousands of rows cost what twenty do.
 * Enter opens a service; d / R / w start a deploy, a rollback or the rollout monitor for the
 * selected one (absent with --read-only).
 */
import { Box } from 'ink';
import { useRouter } from '../../app/router-context';
import { defineScreen, type ScreenProps, type ScreenRegistration } from '../../app/screens';
import { EmptyState } from '../../components/empty-state';
import { Table, windowLabel } from '../../components/table';
import { useCommand } from '../../keys/use-command';
import { count, LoadError, Loading, StatusLine } from '../../tui/screen-kit';
import type { BrowseSession } from '../../tui/session';
import { serviceActionKeys, useServiceActions } from './service-actions';
import { SERVICE_COLUMNS } from './service-columns';
import { sortLabel } from './sort';
import { useServices } from './use-services';

type Props = ScreenProps<{ kind: 'services'; cluster: string }>;

export function servicesScreen(session: BrowseSession): ScreenRegistration<'services'> {
  return defineScreen({
    kind: 'services',
    filterable: true,
    keys: ['nav.open', 'service.sort', ...serviceActionKeys(session)],
    component: function ServicesScreen(props: Props) {
      return <Services session={session} {...props} />;
    },
  });
}

function Services({ session, screen, size, filter, isActive }: Props & { session: BrowseSession }) {
  const router = useRouter();
  const { cluster } = screen;
  const tableHeight = Math.max(2, size.rows - 1);
  const visible = tableHeight - 1;
  const { snapshot, entries, nav, windowRows, selected, cycleSort } = useServices(
    session,
    cluster,
    filter,
    isActive,
    visible,
  );
  const name = selected?.name;
  const noSelection = name === undefined ? 'no service selected' : undefined;
  useCommand(
    'nav.open',
    () => {
      if (name) router.push({ kind: 'service', cluster, service: name });
    },
    { disabledReason: noSelection },
  );
  useCommand('service.sort', cycleSort, {
    disabledReason: snapshot.total === 0 ? 'no services to sort' : undefined,
  });
  useServiceActions(cluster, name, selected?.service);

  if (snapshot.status === 'loading') return <Loading what={`services of ${cluster}`} />;
  if (snapshot.status === 'error') return <LoadError error={snapshot.error} />;
  if (snapshot.status === 'empty') {
    return (
      <EmptyState
        message={`no services in cluster ${cluster}`}
        hint="esc goes back to the clusters"
      />
    );
  }
  const matching = entries.length;
  const shown = filter
    ? `${matching} of ${count(snapshot.total, 'service')} match /${filter}`
    : count(snapshot.total, 'service');
  return (
    <Box flexDirection="column">
      <StatusLine
        width={size.columns}
        left={`${shown} · ${sortLabel(snapshot.sort)} · ${windowLabel(nav.offset, visible, matching)}`}
        error={snapshot.error}
        throttled={snapshot.throttled}
      />
      <Table
        columns={SERVICE_COLUMNS}
        rows={windowRows}
        width={size.columns}
        height={tableHeight}
        selected={nav.selected - nav.offset}
        offset={0}
        rowKey={(r) => r.key}
        emptyText={`no service matches /${filter}`}
      />
    </Box>
  );
}
