/**
 * Deployments: the service's history from service deployments (newest page), or, where AWS has
 * none (CODE_DEPLOY, EXTERNAL, older accounts), the deployments the service still reports.
 */
import { Box } from 'ink';
import { EmptyState } from '../../../components/empty-state';
import { Table, type Column } from '../../../components/table';
import { useListNavigation } from '../../../hooks/use-list-navigation';
import {
  legacyDeploymentRows,
  serviceDeploymentRows,
  type DeploymentRow,
} from '../../../present/deployment-rows';
import { count, LoadError, Loading, StatusLine, useStore } from '../../../tui/screen-kit';
import type { TabProps } from './tab-props';

const COLUMNS: readonly Column<DeploymentRow>[] = [
  { key: 'started', title: 'STARTED', width: 7, align: 'right', cell: (r) => `${r.started} ago` },
  {
    key: 'status',
    title: 'STATUS',
    width: 18,
    cell: (r) => ({ text: r.status, token: r.statusToken }),
  },
  { key: 'by', title: 'STARTED BY', flex: 2, minWidth: 10, cell: (r) => r.startedBy },
  { key: 'duration', title: 'DURATION', width: 8, align: 'right', cell: (r) => r.duration },
  { key: 'revision', title: 'REVISION', flex: 1, minWidth: 8, cell: (r) => r.revision },
  { key: 'image', title: 'IMAGE', flex: 1, minWidth: 8, cell: (r) => r.image },
  { key: 'reason', title: 'REASON', flex: 2, minWidth: 12, cell: (r) => r.reason },
];

export function DeploymentsTab({ session, detail, service, width, height, isActive }: TabProps) {
  const snapshot = useStore(detail.history);
  const now = session.now();
  const lookup = (arn: string) => session.hub.taskDefinitions.get(arn);
  const history = snapshot.data;
  // no service deployments (or the API is not there): what DescribeServices still shows
  const legacy = snapshot.status === 'empty' || (snapshot.status === 'error' && !history);
  const rows = legacy
    ? legacyDeploymentRows(service.deployments, now, lookup)
    : history
      ? serviceDeploymentRows(history.deployments, history.revisions, now, lookup)
      : [];
  const tableHeight = Math.max(2, height - 1);
  const nav = useListNavigation({ count: rows.length, visible: tableHeight - 1, isActive });

  if (snapshot.status === 'loading') return <Loading what="deployment history" />;
  if (legacy && rows.length === 0) {
    return snapshot.error ? (
      <LoadError error={snapshot.error} />
    ) : (
      <EmptyState message={`no deployments recorded for ${service.name}`} />
    );
  }
  const source = legacy
    ? 'from the service (no service deployment history)'
    : `newest ${count(rows.length, 'service deployment')}`;
  return (
    <Box flexDirection="column">
      <StatusLine
        width={width}
        left={source}
        error={snapshot.error}
        throttled={snapshot.throttled}
      />
      <Table
        columns={COLUMNS}
        rows={rows}
        width={width}
        height={tableHeight}
        selected={nav.selected}
        offset={nav.offset}
        rowKey={(r) => r.key}
        emptyText="no deployments"
      />
    </Box>
  );
}
