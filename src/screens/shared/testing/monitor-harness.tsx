/**
 * Test-only: the rollout monitor in the shell, on a controller the test prepares (handed over as
 * the wizard does), with a manual clock at T0 + 30 s. Unmount with `unmountMonitors()`.
 */
import { createManualTimer } from '../../../../test/helpers/manual-timer';
import { renderShell, type RenderedApp } from '../../../../test/helpers/render-app';
import { fakeGateway } from '../../../../test/state/fake-gateway';
import type { ScreenDescriptor } from '../../../app/router';
import type { RolloutController } from '../../../deploy/types';
import { PollHub } from '../../../state/poll-hub';
import { timeSourceOf } from '../../../tui/testing/browse-harness';
import { createDeployKit } from '../deploy-kit';
import { deployScreens } from '../deploy-screens';
import { T0 } from './fake-rollout';

const apps: RenderedApp[] = [];

const STACK: ScreenDescriptor[] = [
  { kind: 'clusters' },
  { kind: 'monitor', cluster: 'prod', service: 'api' },
];

export function renderMonitor(controller: RolloutController, size = { columns: 120, rows: 40 }) {
  const timer = createManualTimer(T0 + 30_000);
  const gateway = fakeGateway({});
  const hub = new PollHub({ gateway, time: timeSourceOf(timer) });
  const session = { gateway, hub, now: () => timer.now(), readOnly: false };
  const kit = createDeployKit(session);
  kit.handoff.give('prod', 'api', controller);
  const app = renderShell(
    { screens: deployScreens(session, kit), initialStack: STACK },
    { ...size, timer },
  );
  apps.push(app);
  return { app, timer, hub };
}

export function unmountMonitors(): void {
  for (const app of apps.splice(0)) app.unmount();
}
