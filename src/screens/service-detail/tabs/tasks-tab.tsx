/**
 * Tasks: running or stopped (x toggles). Stopped tasks come first as groups by stop code and
 * reason (why a rollout keeps failing is the biggest group), then one row each.
 */
import { Box, Text } from 'ink';
import { EmptyState } from '../../../components/empty-state';
import { Styled } from '../../../components/styled';
import { Table, type Column } from '../../../components/table';
import { useListNavigation } from '../../../hooks/use-list-navigation';
import { useCommand } from '../../../keys/use-command';
import {
  groupStoppedTasks,
  taskRows,
  type StoppedTaskGroup,
  type TaskRow,
} from '../../../present/task-rows';
import { count, LoadError, Loading, StatusLine, useStore } from '../../../tui/screen-kit';
import type { TabProps } from './tab-props';

const RUNNING: readonly Column<TaskRow>[] = [
  { key: 'id', title: 'TASK', width: 12, cell: (r) => r.id },
  {
    key: 'status',
    title: 'LAST STATUS',
    width: 14,
    cell: (r) => ({ text: r.lastStatus, token: r.statusToken }),
  },
  {
    key: 'health',
    title: 'HEALTH',
    width: 9,
    cell: (r) => ({ text: r.health, token: r.healthToken }),
  },
  { key: 'revision', title: 'REVISION', flex: 1, minWidth: 8, cell: (r) => r.revision },
  { key: 'az', title: 'ZONE', width: 11, cell: (r) => r.availabilityZone },
  { key: 'age', title: 'STARTED', width: 7, align: 'right', cell: (r) => r.age },
  { key: 'by', title: 'STARTED BY', flex: 1, minWidth: 10, cell: (r) => r.startedBy },
];

const STOPPED: readonly Column<TaskRow>[] = [
  { key: 'id', title: 'TASK', width: 12, cell: (r) => r.id },
  {
    key: 'status',
    title: 'LAST STATUS',
    width: 12,
    cell: (r) => ({ text: r.lastStatus, token: r.statusToken }),
  },
  { key: 'code', title: 'STOP CODE', width: 24, cell: (r) => r.stopCode },
  { key: 'reason', title: 'REASON', flex: 3, minWidth: 12, cell: (r) => r.stoppedReason },
  { key: 'containers', title: 'CONTAINERS', flex: 2, minWidth: 10, cell: (r) => r.containers },
  { key: 'revision', title: 'REVISION', flex: 1, minWidth: 8, cell: (r) => r.revision },
];

/** Stop-reason groups shown above the stopped tasks, at most this many lines. */
const MAX_GROUP_LINES = 4;

export function TasksTab({ session, detail, service, width, height, isActive }: TabProps) {
  const snapshot = useStore(detail.tasks);
  const stopped = snapshot.desiredStatus === 'STOPPED';
  useCommand(
    'service.toggle-stopped',
    () => detail.tasks.setDesiredStatus(stopped ? 'RUNNING' : 'STOPPED'),
    { isActive },
  );
  const now = session.now();
  const tasks = snapshot.data ?? [];
  const rows = taskRows(tasks, now);
  const groups = stopped ? groupStoppedTasks(tasks, now) : [];
  const groupLines = groups.length ? Math.min(groups.length, MAX_GROUP_LINES) + 1 : 0;
  const tableHeight = Math.max(2, height - 1 - groupLines);
  const nav = useListNavigation({ count: rows.length, visible: tableHeight - 1, isActive });

  const which = stopped ? 'stopped' : 'running';
  if (snapshot.status === 'loading') return <Loading what={`${which} tasks`} />;
  if (snapshot.status === 'error') return <LoadError error={snapshot.error} />;
  if (snapshot.status === 'empty') {
    return (
      <EmptyState
        message={`no ${which} tasks for ${service.name}`}
        hint={`x shows the ${stopped ? 'running' : 'stopped'} tasks`}
      />
    );
  }
  return (
    <Box flexDirection="column">
      <StatusLine
        width={width}
        left={`${count(rows.length, `${which} task`)} · x shows ${stopped ? 'running' : 'stopped'}`}
        error={snapshot.error}
        throttled={snapshot.throttled}
      />
      {groupLines > 0 ? <StopGroups groups={groups} width={width} /> : null}
      <Table
        columns={stopped ? STOPPED : RUNNING}
        rows={rows}
        width={width}
        height={tableHeight}
        selected={nav.selected}
        offset={nav.offset}
        rowKey={(r) => r.key}
      />
    </Box>
  );
}

/** `3×  EssentialContainerExited  Essential container in task exited · app exit 1 · 2m ago` */
function StopGroups({ groups, width }: { groups: readonly StoppedTaskGroup[]; width: number }) {
  const shown = groups.slice(0, MAX_GROUP_LINES);
  const more = groups.length - shown.length;
  return (
    <Box flexDirection="column" width={width} paddingX={1}>
      <Styled token="ui.title">
        {`stopped, by reason${more > 0 ? ` (${more} more groups)` : ''}`}
      </Styled>
      {shown.map((g) => (
        <Text key={g.key} wrap="truncate-end">
          <Styled token={g.token}>{`${String(g.count).padStart(3)}×  `}</Styled>
          {g.stopCode ? `${g.stopCode}  ` : ''}
          {g.reason}
          <Styled token="ui.dim">
            {`${g.containers ? ` · ${g.containers}` : ''} · last ${g.lastStopped} ago`}
          </Styled>
        </Text>
      ))}
    </Box>
  );
}
