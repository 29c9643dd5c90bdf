/**
 * Deployments: the service's history from service deployments (newest page), or, where AWS has
 * none, its CodeDeploy deployment group's history (CODE_DEPLOY) or the deployments the service
 * still reports (EXTERNAL, older accounts).
 */
import { Box } from 'ink';
import { EmptyState } from '../../../components/empty-state';
import { Table, type Column } from '../../../components/table';
import { useListNavigation } from '../../../hooks/use-list-navigation';
import { codeDeployDeploymentRows } from '../../../present/codedeploy-rows';
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

// CodeDeploy rows name each other (rollback of d-…, rolled back by d-…): show the ids
const CODEDEPLOY_COLUMNS: readonly Column<DeploymentRow>[] = [
  COLUMNS[0]!,
  { key: 'id', title: 'DEPLOYMENT', width: 11, cell: (r) => r.id },
  ...COLUMNS.slice(1),
];

export function DeploymentsTab(props: TabProps) {
  return props.service.deploymentController === 'CODE_DEPLOY' ? (
    <CodeDeployHistory {...props} />
  ) : (
    <EcsHistory {...props} />
  );
}

function EcsHistory({ session, detail, service, width, height, isActive }: TabProps) {
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
  const nav = useListNavigation({
    count: rows.length,
    visible: tableHeight(height) - 1,
    isActive,
  });

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
    <HistoryTable {...{ snapshot, rows, nav, width, height }} columns={COLUMNS} source={source} />
  );
}

function CodeDeployHistory({ session, detail, service, width, height, isActive }: TabProps) {
  const snapshot = useStore(detail.codeDeployHistory);
  const history = snapshot.data;
  const lookup = (arn: string) => session.hub.taskDefinitions.get(arn);
  const rows = history
    ? codeDeployDeploymentRows(history.deployments, history.revisions, session.now(), lookup)
    : [];
  const nav = useListNavigation({
    count: rows.length,
    visible: tableHeight(height) - 1,
    isActive,
  });

  if (snapshot.status === 'loading') return <Loading what="CodeDeploy deployment history" />;
  if (!history) return <LoadError error={snapshot.error} />;
  const group = `${history.application}/${history.deploymentGroup}`;
  if (rows.length === 0) {
    return <EmptyState message={`no CodeDeploy deployments of ${service.name} in ${group}`} />;
  }
  const source = `newest ${count(rows.length, 'CodeDeploy deployment')} · ${group}`;
  return (
    <HistoryTable
      {...{ snapshot, rows, nav, width, height }}
      columns={CODEDEPLOY_COLUMNS}
      source={source}
    />
  );
}

/** Where the history came from, then the rows, one per deployment, newest first. */
function HistoryTable(props: {
  snapshot: { error: Error | undefined; throttled: boolean };
  source: string;
  columns: readonly Column<DeploymentRow>[];
  rows: DeploymentRow[];
  nav: { selected: number; offset: number };
  width: number;
  height: number;
}) {
  const { snapshot, width } = props;
  return (
    <Box flexDirection="column">
      <StatusLine
        width={width}
        left={props.source}
        error={snapshot.error}
        throttled={snapshot.throttled}
      />
      <Table
        columns={props.columns}
        rows={props.rows}
        width={width}
        height={tableHeight(props.height)}
        selected={props.nav.selected}
        offset={props.nav.offset}
        rowKey={(r) => r.key}
        emptyText="no deployments"
      />
    </Box>
  );
}

/** The table takes the tab's height less the status line. */
function tableHeight(height: number): number {
  return Math.max(2, height - 1);
}
