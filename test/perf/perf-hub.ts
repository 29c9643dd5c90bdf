import { afterEach } from 'vitest';
import { createGateway, type ClosableAwsGateway } from '../../src/aws';
import type { SimulatorOptions } from '../../src/sim';
import { ManualTimer } from '../../src/state/manual-timer';
import { PollHub } from '../../src/state/poll-hub';
import { SIM_CREDENTIALS, startTestSim } from '../helpers/sim';

type TestSim = Awaited<ReturnType<typeof startTestSim>>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export interface PerfHub {
  sim: TestSim;
  gateway: ClosableAwsGateway;
  /** The pollers' clock; the simulator's (which refills the rate limits) is `sim.clock`. */
  time: ManualTimer;
  hub: PollHub;
}

/**
 * The simulator (manual clock, any start options such as `rateLimits: 'aws'`), the SDK gateway
 * with one attempt per call (the poller, not the SDK, rides out throttling) and a PollHub on a
 * manual timer; all closed after the test.
 */
export async function startPerfHub(options: SimulatorOptions = {}): Promise<PerfHub> {
  const sim = await startTestSim(options);
  cleanups.push(() => sim.close());
  const gateway = await createGateway({
    region: 'us-east-1',
    endpointUrl: sim.endpoint,
    credentials: SIM_CREDENTIALS,
    readOnly: false,
    maxAttempts: 1,
  });
  cleanups.push(() => gateway.close());
  const time = new ManualTimer(sim.clock.now());
  const hub = new PollHub({ gateway, time });
  cleanups.push(() => hub.dispose());
  return { sim, gateway, time, hub };
}
