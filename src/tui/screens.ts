/**
 * The screens the TUI registers for one session (account + Region): browsing, then deploy,
 * rollout monitor and rollback (which the service screens reach with d, w and R).
 */
import type { AnyScreenRegistration } from '../app/screens';
import { auditScreen } from '../screens/audit/audit-screen';
import { clustersScreen } from '../screens/clusters/clusters-screen';
import { deployScreens } from '../screens/shared/deploy-screens';
import { serviceDetailScreen } from '../screens/service-detail/service-detail-screen';
import { servicesScreen } from '../screens/services/services-screen';
import type { BrowseSession } from './session';

export function browseScreens(session: BrowseSession): AnyScreenRegistration[] {
  return [
    clustersScreen(session),
    servicesScreen(session),
    serviceDetailScreen(session),
    ...deployScreens(session),
    auditScreen(),
  ];
}
