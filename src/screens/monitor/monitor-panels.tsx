/** The monitor's panels, each drawn into exactly the rows the layout gave it. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { Bar } from '../../components/bar';
import { Sparkline } from '../../components/sparkline';
import { Styled } from '../../components/styled';
import { Table, type Column } from '../../components/table';
import { truncate } from '../../components/text-fit';
import type { RolloutDeploymentRow, RolloutView } from '../../deploy/types';
import { imageLabel } from '../../present/labels';
import { formatAge } from '../../present/time';
import type { ThemeToken } from '../../theme/tokens';
import type { PanelId } from './monitor-layout';
import { breakerLine, gateLine, hookLine, stageLine } from './monitor-text';
import { TrafficLines } from './traffic-lines';

const TITLES: Record<PanelId, string> = {
  deployments: 'Deployments',
  stages: 'Stages',
  traffic: 'Traffic',
  gates: 'Gates',
  metrics: 'Metrics',
  events: 'Events (newest first)',
  stopped: 'Stopped tasks by reason',
};

function Section({
  id,
  width,
  height,
  children,
}: {
  id: PanelId;
  width: number;
  height: number;
  children: ReactNode;
}) {
  const title = `── ${TITLES[id]} `;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Styled token="ui.title" wrap="truncate">
        {truncate(title + '─'.repeat(Math.max(0, width - title.length)), width)}
      </Styled>
      <Box flexDirection="column" width={width} height={Math.max(0, height - 1)} overflow="hidden">
        {children}
      </Box>
    </Box>
  );
}

function Line({
  text,
  token,
  width,
}: {
  text: string;
  token?: ThemeToken | undefined;
  width: number;
}) {
  const cut = truncate(text, width);
  return token ? (
    <Styled token={token} wrap="truncate-end">
      {cut}
    </Styled>
  ) : (
    <Text wrap="truncate-end">{cut}</Text>
  );
}

const DEPLOYMENT_COLUMNS: readonly Column<RolloutDeploymentRow>[] = [
  { key: 'role', title: 'ROLE', width: 8, cell: (r) => r.role },
  { key: 'revision', title: 'REVISION', width: 12, cell: (r) => r.revisionLabel },
  {
    key: 'tasks',
    title: 'RUNNING/DESIRED',
    width: 20,
    cell: (r, w) => <Bar desired={r.desired} running={r.running} pending={r.pending} width={w} />,
  },
  {
    key: 'failed',
    title: 'FAIL',
    width: 4,
    align: 'right',
    cell: (r) => (r.failed > 0 ? { text: String(r.failed), token: 'status.error' } : '0'),
  },
  { key: 'state', title: 'STATE', width: 11, cell: (r) => stateCell(r.rolloutState) },
  {
    key: 'image',
    title: 'IMAGE',
    minWidth: 8,
    cell: (r) =>
      r.image
        ? r.image
            .split(', ')
            .map((i) => imageLabel(i))
            .join(', ')
        : '—',
  },
];

function stateCell(state: string | undefined) {
  if (state === 'FAILED') return { text: state, token: 'rollout.failed' as const };
  if (state === 'IN_PROGRESS') return { text: state, token: 'rollout.inProgress' as const };
  if (state === 'COMPLETED') return { text: state, token: 'rollout.succeeded' as const };
  return state ?? '—';
}

export function MonitorPanel({
  id,
  view,
  width,
  height,
  now,
}: {
  id: PanelId;
  view: RolloutView;
  width: number;
  height: number;
  now: number;
}) {
  const rows = Math.max(0, height - 1);
  return (
    <Section id={id} width={width} height={height}>
      {panelBody(id, view, width, rows, now)}
    </Section>
  );
}

function panelBody(
  id: PanelId,
  view: RolloutView,
  width: number,
  rows: number,
  now: number,
): ReactNode {
  switch (id) {
    case 'deployments': {
      const breaker = view.circuitBreaker ? breakerLine(view.circuitBreaker) : undefined;
      const tableRows = Math.max(1, rows - (breaker ? 1 : 0));
      return (
        <>
          <Table
            columns={DEPLOYMENT_COLUMNS}
            rows={view.deployments}
            width={width}
            height={tableRows}
            rowKey={(r) => r.id}
            emptyText="no deployments reported"
          />
          {breaker && rows > 1 ? <Line {...breaker} width={width} /> : null}
        </>
      );
    }
    case 'stages': {
      // keep the current stage in view: start one before it
      const current = view.stages.findIndex((st) => st.state === 'current');
      const start = Math.max(
        0,
        Math.min(current - 1, view.stages.length + view.hooks.length - rows),
      );
      return [
        ...view.stages.map((st, i) => <Line key={`s${i}`} {...stageLine(st, now)} width={width} />),
        ...view.hooks.map((h, i) => (
          <Line key={`h${i}`} text={hookLine(h, now)} token="rollout.paused" width={width} />
        )),
      ].slice(Math.max(0, start), Math.max(0, start) + rows);
    }
    case 'traffic':
      return <TrafficLines rows={view.traffic} width={width} height={rows} />;
    case 'gates':
      return view.gates
        .slice(0, rows)
        .map((g, i) => <Line key={i} {...gateLine(g)} width={width} />);
    case 'metrics':
      return view.metrics
        .slice(0, rows)
        .map((m, i) => <MetricLine key={i} row={m} width={width} />);
    case 'events':
      if (view.events.length === 0)
        return <Line text="no events since the rollout started" token="ui.dim" width={width} />;
      return view.events
        .slice(0, rows)
        .map((e, i) => (
          <Line
            key={i}
            text={`${formatAge(now - e.at.getTime()).padStart(4)}  ${e.message}`}
            token={
              e.severity === 'error'
                ? 'status.error'
                : e.severity === 'warn'
                  ? 'status.warn'
                  : undefined
            }
            width={width}
          />
        ));
    case 'stopped':
      return view.stoppedTasks
        .slice(0, rows)
        .map((s, i) => (
          <Line
            key={i}
            text={`${String(s.count).padStart(3)}× ${s.reason}`}
            token="status.warn"
            width={width}
          />
        ));
  }
}

function MetricLine({ row, width }: { row: RolloutView['metrics'][number]; width: number }) {
  const spark = Math.max(6, Math.min(30, Math.floor((width - 30) / 2)));
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end">{truncate(row.label, 18).padEnd(19)}req </Text>
      <Sparkline values={row.requests} width={spark} />
      <Text> 5xx </Text>
      <Sparkline values={row.errors5xx} width={spark} token="status.error" />
    </Box>
  );
}
