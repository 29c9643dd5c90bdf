/** Events: the service's event stream (from the service poll itself), newest first. */
import { Box } from 'ink';
import { EmptyState } from '../../../components/empty-state';
import { Table, type Column } from '../../../components/table';
import { useListNavigation } from '../../../hooks/use-list-navigation';
import { eventRows, type EventRow } from '../../../present/event-rows';
import { count, StatusLine } from '../../../tui/screen-kit';
import type { TabProps } from './tab-props';

const COLUMNS: readonly Column<EventRow>[] = [
  { key: 'age', title: 'AGE', width: 5, align: 'right', cell: (r) => r.age },
  { key: 'time', title: 'TIME', width: 8, cell: (r) => r.time },
  {
    key: 'message',
    title: 'MESSAGE',
    cell: (r) => (r.token ? { text: r.message, token: r.token } : r.message),
  },
];

export function EventsTab({ session, service, width, height, isActive }: TabProps) {
  const rows = eventRows(service.events, session.now());
  const failures = rows.filter((r) => r.highlight).length;
  const tableHeight = Math.max(2, height - 1);
  const nav = useListNavigation({ count: rows.length, visible: tableHeight - 1, isActive });
  if (rows.length === 0) return <EmptyState message={`no events for ${service.name} yet`} />;
  return (
    <Box flexDirection="column">
      <StatusLine
        width={width}
        left={`${count(rows.length, 'event')}, newest first${failures ? ` · ${count(failures, 'failure')} highlighted` : ''}`}
      />
      <Table
        columns={COLUMNS}
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
