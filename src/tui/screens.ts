/** The screens the TUI registers for one session (account + Region). */
import type { AnyScreenRegistration } from '../app/screens';
import { clustersScreen } from '../screens/clusters/clusters-screen';
import { serviceDetailScreen } from '../screens/service-detail/service-detail-screen';
import { servicesScreen } from '../screens/services/services-screen';
import type { BrowseSession } from './session';

export function browseScreens(session: BrowseSession): AnyScreenRegistration[] {
  return [clustersScreen(session), servicesScreen(session), serviceDetailScreen(session)];
}
