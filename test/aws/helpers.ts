import { afterEach } from 'vitest';
import { createGateway, type ClosableAwsGateway, type GatewayOptions } from '../../src/aws';
import type { RunningSimulator } from '../../src/sim';
import { SIM_CREDENTIALS, startTestSim } from '../helpers/sim';

type TestSim = Awaited<ReturnType<typeof startTestSim>>;

const open: { sim: RunningSimulator; gateways: ClosableAwsGateway[] }[] = [];

afterEach(async () => {
  for (const { sim, gateways } of open.splice(0)) {
    for (const gw of gateways) gw.close();
    await sim.close();
  }
});

/** A simulator on an ephemeral port and a real SDK-backed gateway aimed at it; closed after each test. */
export async function simAndGateway(options: Partial<GatewayOptions> = {}): Promise<{
  sim: TestSim;
  gw: ClosableAwsGateway;
  gateway: (o?: Partial<GatewayOptions>) => Promise<ClosableAwsGateway>;
}> {
  const sim = await startTestSim();
  const entry = { sim, gateways: [] as ClosableAwsGateway[] };
  open.push(entry);
  const gateway = async (o: Partial<GatewayOptions> = {}) => {
    const gw = await createGateway({
      region: 'us-east-1',
      endpointUrl: sim.endpoint,
      credentials: SIM_CREDENTIALS,
      ...o,
    });
    entry.gateways.push(gw);
    return gw;
  };
  return { sim, gw: await gateway(options), gateway };
}

/** The rejection of a promise, for asserting on error fields. */
export async function failure(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
