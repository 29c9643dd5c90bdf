import { createGateway, type ClosableAwsGateway } from '../../src/aws';
import type { RunningSimulator } from '../../src/sim';
import { SIM_CREDENTIALS } from './sim';

/** The real SDK-backed gateway aimed at an in-process simulator. */
export function simGateway(
  sim: RunningSimulator,
  opts: { readOnly?: boolean; requestTimeoutMs?: number } = {},
): Promise<ClosableAwsGateway> {
  return createGateway({
    region: 'us-east-1',
    endpointUrl: sim.endpoint,
    credentials: SIM_CREDENTIALS,
    readOnly: opts.readOnly ?? false,
    maxAttempts: 1,
    ...(opts.requestTimeoutMs ? { requestTimeoutMs: opts.requestTimeoutMs } : {}),
  });
}
