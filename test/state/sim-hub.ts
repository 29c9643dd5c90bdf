import { afterEach } from 'vitest';
import { createGateway, type ClosableAwsGateway, type GatewayOptions } from '../../src/aws';
import { ManualTimer } from '../../src/state/manual-timer';
import { PollHub } from '../../src/state/poll-hub';
import { SIM_CREDENTIALS, startTestSim } from '../helpers/sim';

type TestSim = Awaited<ReturnType<typeof startTestSim>>;

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export interface SimHub {
  sim: TestSim;
  gateway: ClosableAwsGateway;
  /** Drives the pollers; the simulator's own clock is `sim.clock`. */
  time: ManualTimer;
  hub: PollHub;
}

/**
 * The real thing end to end: the simulator on an ephemeral port (manual clock), the SDK-backed
 * gateway aimed at it, and a PollHub on a manual timer. Everything is closed after the test.
 */
export async function startSimHub(options: Partial<GatewayOptions> = {}): Promise<SimHub> {
  const sim = await startTestSim();
  cleanups.push(() => sim.close());
  const gateway = await createGateway({
    region: 'us-east-1',
    endpointUrl: sim.endpoint,
    credentials: SIM_CREDENTIALS,
    ...options,
  });
  cleanups.push(() => gateway.close());
  const time = new ManualTimer(sim.clock.now());
  const hub = new PollHub({ gateway, time });
  cleanups.push(() => hub.dispose());
  return { sim, gateway, time, hub };
}
