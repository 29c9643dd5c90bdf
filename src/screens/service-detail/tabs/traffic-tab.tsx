/**
 * Traffic: the listener rules that forward to the service's target groups, with each group's
 * weight as a bar, and target health per group (counts by state and why targets are unhealthy).
 */
import { Box } from 'ink';
import { EmptyState } from '../../../components/empty-state';
import { Table, type Column } from '../../../components/table';
import { WeightBar } from '../../../components/weight-bar';
import {
  targetGroupRows,
  trafficRouteRows,
  type TargetGroupRow,
  type TrafficRouteRow,
  type WeightedTarget,
} from '../../../present/traffic-rows';
import { count, LoadError, Loading, StatusLine, useStore } from '../../../tui/screen-kit';
import type { TabProps } from './tab-props';

/** One line per weighted target of a route; the route's own cells only on its first line. */
interface RouteLine {
  key: string;
  route: TrafficRouteRow;
  target: WeightedTarget | undefined;
  first: boolean;
}

const ROUTE_COLUMNS: readonly Column<RouteLine>[] = [
  { key: 'listener', title: 'LISTENER', width: 10, cell: (l) => (l.first ? l.route.listener : '') },
  { key: 'rule', title: 'RULE', width: 12, cell: (l) => (l.first ? l.route.rule : '') },
  {
    key: 'conditions',
    title: 'CONDITIONS',
    flex: 1,
    minWidth: 8,
    cell: (l) => (l.first ? l.route.conditions : ''),
  },
  {
    key: 'group',
    title: 'TARGET GROUP',
    flex: 1,
    minWidth: 10,
    cell: (l) =>
      l.target
        ? { text: l.target.name, token: l.target.ours ? 'status.info' : 'ui.dim' }
        : { text: 'no forward action', token: 'ui.dim' },
  },
  {
    key: 'weight',
    title: 'WEIGHT',
    width: 28,
    cell: (l, width) =>
      l.target ? <WeightBar set={l.target.percent} width={Math.max(4, width - 8)} /> : '',
  },
];

const GROUP_COLUMNS: readonly Column<TargetGroupRow>[] = [
  { key: 'name', title: 'TARGET GROUP', flex: 1, minWidth: 10, cell: (r) => r.name },
  { key: 'endpoint', title: 'PORT', width: 10, cell: (r) => r.endpoint },
  {
    key: 'health',
    title: 'TARGET HEALTH',
    flex: 1,
    minWidth: 12,
    cell: (r) => ({ text: r.summary, token: r.token }),
  },
  { key: 'reasons', title: 'WHY UNHEALTHY', flex: 1, minWidth: 10, cell: (r) => r.reasons },
];

export function routeLines(routes: readonly TrafficRouteRow[]): RouteLine[] {
  return routes.flatMap((route): RouteLine[] =>
    route.targets.length === 0
      ? [{ key: route.key, route, target: undefined, first: true }]
      : route.targets.map((target, i) => ({
          key: `${route.key} ${target.targetGroupArn}`,
          route,
          target,
          first: i === 0,
        })),
  );
}

export function TrafficTab({ detail, service, width, height }: TabProps) {
  const snapshot = useStore(detail.traffic);
  if (service.loadBalancers.length === 0 && service.taskSets.length === 0) {
    return (
      <EmptyState
        message={`${service.name} is not behind a load balancer`}
        hint="its tasks take no traffic through ELB target groups"
      />
    );
  }
  if (snapshot.status === 'loading') return <Loading what="listeners and target groups" />;
  if (snapshot.status === 'error') return <LoadError error={snapshot.error} />;
  const data = snapshot.data;
  if (!data || snapshot.status === 'empty') {
    return <EmptyState message={`no target groups found for ${service.name}`} />;
  }
  const lines = routeLines(trafficRouteRows(data));
  const groups = targetGroupRows(data);
  const body = Math.max(4, height - 1);
  const routesHeight = Math.min(lines.length + 1, Math.max(2, Math.floor((body - 1) / 2)));
  const groupsHeight = Math.max(2, body - routesHeight - 1);
  return (
    <Box flexDirection="column">
      <StatusLine
        width={width}
        left={`${lines.length ? 'listener rules that forward to the service' : 'no listener rule forwards to these target groups'} · ${count(groups.length, 'target group')}`}
        error={snapshot.error}
        throttled={snapshot.throttled}
      />
      <Table
        columns={ROUTE_COLUMNS}
        rows={lines}
        width={width}
        height={routesHeight}
        rowKey={(l) => l.key}
        emptyText="no listener rule forwards here"
      />
      <Box height={1} />
      <Table
        columns={GROUP_COLUMNS}
        rows={groups}
        width={width}
        height={groupsHeight}
        rowKey={(r) => r.key}
      />
    </Box>
  );
}
