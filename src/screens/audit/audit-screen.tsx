/**
 * `:audit`: the newest entries of the local audit log (every change ecs-rollout made on AWS from
 * this machine: when, how it ended, what, on what, by whom), newest first. Reads a local file;
 * calls no AWS, so it works in --read-only too.
 */
import { Box } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { defineScreen, type ScreenProps, type ScreenRegistration } from '../../app/screens';
import {
  auditLogPath,
  readAuditTail,
  type AuditEntry,
  type AuditTail,
} from '../../audit/audit-log';
import { auditDetails, auditLine, auditTime, shortPrincipal } from '../../audit/audit-text';
import { EmptyState } from '../../components/empty-state';
import { Table, windowLabel, type Column } from '../../components/table';
import { useListNavigation } from '../../hooks/use-list-navigation';
import type { ThemeToken } from '../../theme/tokens';
import { StatusLine } from '../../tui/screen-kit';

/** How many entries the screen reads: the newest ones; older ones stay in the file. */
const SHOWN = 200;

interface Row {
  key: string;
  entry: AuditEntry;
}

const OUTCOME: Record<AuditEntry['outcome'], { text: string; token: ThemeToken }> = {
  ok: { text: 'done', token: 'status.ok' },
  failed: { text: 'failed', token: 'status.error' },
  unknown: { text: 'unknown', token: 'status.warn' },
};

const COLUMNS: readonly Column<Row>[] = [
  { key: 'time', title: 'TIME (UTC)', width: 20, cell: (r) => auditTime(r.entry.time) },
  {
    key: 'outcome',
    title: 'OUTCOME',
    width: 8,
    cell: (r) => OUTCOME[r.entry.outcome] ?? r.entry.outcome,
  },
  { key: 'action', title: 'ACTION', width: 31, cell: (r) => r.entry.action },
  { key: 'what', title: 'ON', flex: 2, minWidth: 12, cell: (r) => r.entry.resource ?? '' },
  {
    key: 'details',
    title: 'DETAILS',
    flex: 3,
    minWidth: 12,
    cell: (r) => [auditDetails(r.entry), r.entry.error ?? ''].filter(Boolean).join(' · '),
  },
  {
    key: 'who',
    title: 'BY',
    flex: 2,
    minWidth: 12,
    // a --demo session's changes share the log with real ones: say which were simulated
    cell: (r) =>
      `${shortPrincipal(r.entry.who)} (${r.entry.via}${r.entry.simulated ? ', simulated' : ''})`,
  },
];

export function auditScreen(
  path: () => string = () => auditLogPath(),
): ScreenRegistration<'audit'> {
  return defineScreen({
    kind: 'audit',
    filterable: true,
    title: () => 'audit log',
    component: function AuditScreen(props: ScreenProps<{ kind: 'audit' }>) {
      return <AuditLog path={path()} {...props} />;
    },
  });
}

function read(path: string): AuditTail | Error {
  try {
    return readAuditTail(path, SHOWN);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function AuditLog({
  path,
  size,
  filter,
  isActive,
}: ScreenProps<{ kind: 'audit' }> & { path: string }) {
  const [tail, setTail] = useState(() => read(path));
  // back on top (after a deploy on another screen): read the file again
  useEffect(() => {
    if (isActive) setTail(read(path));
  }, [isActive, path]);
  const rows = useMemo<Row[]>(() => {
    if (tail instanceof Error) return [];
    const newestFirst = [...tail.entries].reverse();
    const matching = filter
      ? newestFirst.filter((e) => auditLine(e).toLowerCase().includes(filter.toLowerCase()))
      : newestFirst;
    return matching.map((entry, i) => ({ key: `${entry.time}-${i}`, entry }));
  }, [tail, filter]);
  const tableHeight = Math.max(1, size.rows - 1);
  const nav = useListNavigation({ count: rows.length, visible: tableHeight - 1, isActive });

  if (tail instanceof Error)
    return <EmptyState message={`cannot read the audit log ${path}`} hint={tail.message} />;
  if (tail.entries.length === 0) {
    return (
      <EmptyState
        message="no changes recorded yet"
        hint={`every change ecs-rollout makes on AWS is written to ${path}`}
      />
    );
  }
  const unreadable = tail.unreadable > 0 ? ` · ${tail.unreadable} unreadable lines skipped` : '';
  const left = `${rows.length} of the newest ${tail.entries.length} changes${filter ? ` matching /${filter}` : ''} · ${path}${unreadable} · ${windowLabel(nav.offset, tableHeight - 1, rows.length)}`;
  return (
    <Box flexDirection="column">
      <StatusLine width={size.columns} left={left} />
      <Table
        columns={COLUMNS}
        rows={rows}
        width={size.columns}
        height={tableHeight}
        selected={nav.selected}
        offset={nav.offset}
        rowKey={(r) => r.key}
        emptyText={`no change matches /${filter}`}
      />
    </Box>
  );
}
