import type { Service } from '../../../aws';
import type { ServiceDetailStore } from '../../../state/stores/service-detail';
import type { BrowseSession } from '../../../tui/session';

/** What every tab of the Service detail screen gets: the stores, the service, its area. */
export interface TabProps {
  session: BrowseSession;
  detail: ServiceDetailStore;
  service: Service;
  width: number;
  height: number;
  /** The screen is in view and this tab is open: it may take the navigation keys. */
  isActive: boolean;
}
