/**
 * Screen tests of the browsing TUI against the real thing: the simulator on a loopback port
 * (manual clock), the SDK gateway aimed at it, a poll hub on the app's manual timer (so
 * `app.advance(ms)` moves polls, debounces and spinners together), and the shell rendered in a
 * sized fake terminal. Test-only: nothing in the app imports this file.
 */
import { afterEach } from 'vitest';
import { SIM_CREDENTIALS, startTestSim } from '../../../test/helpers/sim';
import { createManualTimer, type ManualTimer } from '../../../test/helpers/manual-timer';
import { renderShell, TEST_CONTEXT, type RenderedApp } from '../../../test/helpers/render-app';
import type { ScreenDescriptor } from '../../app/router';
import { createGateway, type ClosableAwsGateway, type GatewayOptions } from '../../aws';
import type { AppTimer } from '../../hooks/app-timer';
import type { World } from '../../sim';
import { PollHub } from '../../state/poll-hub';
import type { TimeSource } from '../../state/time';
import { clustersScreen } from '../../screens/clusters/clusters-screen';
import { serviceDetailScreen } from '../../screens/service-detail/service-detail-screen';
import { servicesScreen } from '../../screens/services/services-screen';
import { createBrowseSession, type BrowseSession } from '../session';

export type TestSim = Awaited<ReturnType<typeof startTestSim>>;

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs `fn` after the current test, last registered first. */
export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

/** The pollers' TimeSource on top of the app's timer: one clock for the whole app. */
export function timeSourceOf(timer: AppTimer): TimeSource {
  return {
    now: () => timer.now(),
    setTimeout: (fn, ms) => timer.after(ms, fn),
    clearTimeout: (handle) => {
      if (typeof handle === 'function') (handle as () => void)();
    },
  };
}

/** The simulator with a world built by `build`, closed after the test. */
export async function startWorld(build?: (world: World) => void): Promise<TestSim> {
  const sim = await startTestSim();
  onCleanup(() => sim.close());
  build?.(sim.world);
  return sim;
}

/** A gateway on the simulator's dummy keys, closed after the test. */
export async function simGateway(
  sim: TestSim,
  options: Partial<GatewayOptions> = {},
): Promise<ClosableAwsGateway> {
  const gateway = await createGateway({
    region: 'us-east-1',
    endpointUrl: sim.endpoint,
    credentials: SIM_CREDENTIALS,
    // one attempt per call: the pollers, not the SDK, ride out throttling
    maxAttempts: 1,
    ...options,
  });
  onCleanup(() => gateway.close());
  return gateway;
}

export interface BrowseOptions {
  readOnly?: boolean;
  columns?: number;
  rows?: number;
  initialStack?: readonly ScreenDescriptor[];
  gateway?: Partial<GatewayOptions>;
}

export interface Browse {
  sim: TestSim;
  gateway: ClosableAwsGateway;
  hub: PollHub;
  session: BrowseSession;
  timer: ManualTimer;
  app: RenderedApp;
  /** Calls the app made, `service:Operation` → count. */
  calls: (service: string, operation?: string) => number;
}

/** The browsing screens in the shell on `sim`, at 120x40 unless told otherwise. */
export async function browse(sim: TestSim, options: BrowseOptions = {}): Promise<Browse> {
  const readOnly = options.readOnly ?? false;
  const gateway = await simGateway(sim, { readOnly, ...options.gateway });
  const timer = createManualTimer(sim.clock.now());
  const hub = new PollHub({ gateway, time: timeSourceOf(timer) });
  onCleanup(() => hub.dispose());
  const session = createBrowseSession({ hub, now: () => sim.clock.now(), readOnly });
  const app = renderShell(
    {
      // the browsing screens only: deploy, rollback and the monitor show the shell's placeholder
      screens: [clustersScreen(session), servicesScreen(session), serviceDetailScreen(session)],
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

/**
 * Waits that allow for a loaded machine (test files run in parallel, and the first frame
 * waits for the SDK chunk): a safety net for broken tests, never a timing assertion.
 */
export function patientWaits(app: RenderedApp, timeout = 10_000): RenderedApp {
  const waitFor = app.waitFor.bind(app);
  app.waitFor = (predicate, options) => waitFor(predicate, { timeout, ...options });
  return app;
}

export { createManualTimer };
