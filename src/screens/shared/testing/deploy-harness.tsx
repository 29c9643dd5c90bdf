/**
 * Test-only: the whole TUI screen set (browsing plus deploy, monitor and rollback) in the shell
 * on a simulator, the same way the browsing harness builds it: SDK gateway on the loopback
 * port, a poll hub on the app's manual timer, the world's own clock for `now`.
 */
import { renderShell, TEST_CONTEXT } from '../../../../test/helpers/render-app';
import { PollHub } from '../../../state/poll-hub';
import {
  createManualTimer,
  onCleanup,
  patientWaits,
  simGateway,
  timeSourceOf,
  type Browse,
  type BrowseOptions,
  type TestSim,
} from '../../../tui/testing/browse-harness';
import { browseScreens } from '../../../tui/screens';
import { createBrowseSession } from '../../../tui/session';

export async function deployApp(sim: TestSim, options: BrowseOptions = {}): Promise<Browse> {
  const readOnly = options.readOnly ?? false;
  const gateway = await simGateway(sim, { readOnly, ...options.gateway });
  const timer = createManualTimer(sim.clock.now());
  const hub = new PollHub({ gateway, time: timeSourceOf(timer) });
  onCleanup(() => hub.dispose());
  const session = createBrowseSession({ hub, now: () => sim.clock.now(), readOnly });
  const app = renderShell(
    {
      screens: browseScreens(session),
      context: { ...TEST_CONTEXT, region: 'us-east-1', readOnly },
      names: { clusters: session.names.clusters, services: session.names.services },
      ...(options.initialStack ? { initialStack: options.initialStack } : {}),
    },
    { columns: options.columns ?? 120, rows: options.rows ?? 40, timer },
  );
  onCleanup(() => app.unmount());
  patientWaits(app);
  return {
    sim,
    gateway,
    hub,
    session,
    timer,
    app,
    calls: (service, operation) => gateway.calls.count(service, operation),
  };
}
