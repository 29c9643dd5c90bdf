/**
 * The deploy wizard, the rollout monitor and the rollback picker, ready for the container's
 * screen list: `screens={[...browseScreens, ...deployScreens(session)]}`. They share one kit
 * (the hand-off of a started rollout to the monitor, rollouts left running in the background).
 */
import type { AnyScreenRegistration } from '../../app/screens';
import { deployWizardScreen } from '../deploy-wizard/deploy-wizard-screen';
import { monitorScreen } from '../monitor/monitor-screen';
import { rollbackScreen } from '../rollback-picker/rollback-screen';
import { createDeployKit, type DeployKit, type DeploySession } from './deploy-kit';

export function deployScreens(
  session: DeploySession,
  /** Given by tests that hand a prepared controller to the monitor. */
  kit: DeployKit = createDeployKit(session),
): AnyScreenRegistration[] {
  return [deployWizardScreen(kit), monitorScreen(kit), rollbackScreen(kit)];
}
