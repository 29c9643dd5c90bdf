/**
 * The Service detail screen's store and tab: one ServiceDetailStore per screen, polling only
 * while the screen is in view, and within it only the service plus the open tab.
 */
import { useEffect } from 'react';
import type { ServiceTab } from '../../app/router';
import type { TabItem } from '../../components/tabs';
import { useTabs } from '../../hooks/use-tabs';
import { ServiceDetailStore, type DetailTab } from '../../state/stores/service-detail';
import {
  useOwnedStore,
  usePollWhileActive,
  useReportRefresh,
  useStore,
} from '../../tui/screen-kit';
import type { BrowseSession } from '../../tui/session';

export const DETAIL_TABS: readonly (TabItem & { id: ServiceTab })[] = [
  { id: 'deployments', label: 'Deployments' },
  { id: 'tasks', label: 'Tasks' },
  { id: 'events', label: 'Events' },
  { id: 'traffic', label: 'Traffic' },
  { id: 'taskdef', label: 'Task definition' },
];

/** The router's tab names are short (`:svc api` deep links); the store's are its own. */
export function storeTab(tab: ServiceTab): DetailTab {
  return tab === 'taskdef' ? 'taskDefinition' : tab;
}

export function useServiceDetail(
  session: BrowseSession,
  screen: { cluster: string; service: string; tab?: ServiceTab | undefined },
  isActive: boolean,
) {
  const initial = screen.tab ?? 'deployments';
  const detail = useOwnedStore(
    () =>
      new ServiceDetailStore(session.hub, {
        cluster: screen.cluster,
        service: screen.service,
        tab: storeTab(initial),
      }),
  );
  const [tab, setTab] = useTabs(DETAIL_TABS, initial, { isActive });
  useEffect(() => detail.setTab(storeTab(tab)), [detail, tab]);
  usePollWhileActive(detail, isActive);
  const service = useStore(detail.service);
  useReportRefresh(session, service.intervalMs, isActive);
  return { detail, service, tab, setTab };
}
