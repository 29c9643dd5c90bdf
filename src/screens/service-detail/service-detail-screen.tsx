/**
 * Screen 3: one service. A header with its summary, then tabs (tab / shift+tab): Deployments,
 * Tasks, Events, Traffic, Task definition. Only the service and the open tab poll.
 */
import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { ServiceTab } from '../../app/router';
import { defineScreen, type ScreenProps, type ScreenRegistration } from '../../app/screens';
import { EmptyState } from '../../components/empty-state';
import { Tabs } from '../../components/tabs';
import { LoadError, Loading, StatusLine, useStore } from '../../tui/screen-kit';
import type { BrowseSession } from '../../tui/session';
import { serviceActionKeys, useServiceActions } from '../services/service-actions';
import { DetailHeader, HEADER_ROWS } from './detail-header';
import { DeploymentsTab } from './tabs/deployments-tab';
import { EventsTab } from './tabs/events-tab';
import type { TabProps } from './tabs/tab-props';
import { TaskDefinitionTab } from './tabs/task-definition-tab';
import { TasksTab } from './tabs/tasks-tab';
import { TrafficTab } from './tabs/traffic-tab';
import { DETAIL_TABS, useServiceDetail } from './use-service-detail';

type Props = ScreenProps<{ kind: 'service'; cluster: string; service: string; tab?: ServiceTab }>;

const TAB_VIEWS: Record<ServiceTab, (props: TabProps) => ReactNode> = {
  deployments: DeploymentsTab,
  tasks: TasksTab,
  events: EventsTab,
  traffic: TrafficTab,
  taskdef: TaskDefinitionTab,
};

export function serviceDetailScreen(session: BrowseSession): ScreenRegistration<'service'> {
  return defineScreen({
    kind: 'service',
    keys: [
      'nav.next-tab',
      'nav.prev-tab',
      'service.toggle-stopped',
      'service.diff',
      'service.reveal',
      ...serviceActionKeys(session),
    ],
    component: function ServiceDetailScreen(props: Props) {
      return <ServiceDetail session={session} {...props} />;
    },
  });
}

function ServiceDetail({ session, screen, size, isActive }: Props & { session: BrowseSession }) {
  const { detail, service, tab } = useServiceDetail(session, screen, isActive);
  const definitions = useStore(detail.taskDefinitions);
  const data = service.data ?? undefined;
  useServiceActions(screen.cluster, data ? screen.service : undefined, data);

  if (service.status === 'loading') return <Loading what={`service ${screen.service}`} />;
  if (service.status === 'error') return <LoadError error={service.error} />;
  if (!data) {
    return (
      <EmptyState
        message={`service ${screen.service} not found in cluster ${screen.cluster}`}
        hint="esc goes back; :svc NAME opens another"
      />
    );
  }
  const bodyHeight = Math.max(1, size.rows - HEADER_ROWS - 2);
  const View = TAB_VIEWS[tab];
  return (
    <Box flexDirection="column" width={size.columns} height={size.rows}>
      <DetailHeader
        service={data}
        taskDefinition={definitions.current}
        now={session.now()}
        width={size.columns}
      />
      <StatusLine
        width={size.columns}
        left=""
        error={service.error}
        throttled={service.throttled}
      />
      <Tabs tabs={DETAIL_TABS} active={tab} />
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        <View
          session={session}
          detail={detail}
          service={data}
          width={size.columns}
          height={bodyHeight}
          isActive={isActive}
        />
      </Box>
    </Box>
  );
}
