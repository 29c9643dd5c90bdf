import {
  ManualClock,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../src/sim';

/** Dummy credentials and a region, as any SDK client against the simulator needs. */
export const SIM_CREDENTIALS = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'sim-secret' };

/** Starts an in-process simulator with a manual clock on an ephemeral loopback port. */
export async function startTestSim(
  opts: SimulatorOptions = {},
): Promise<RunningSimulator & { clock: ManualClock }> {
  const clock = new ManualClock();
  const sim = await startSimulator({ port: 0, clock, ...opts });
  return sim as RunningSimulator & { clock: ManualClock };
}

/** Options for an SDK v3 client aimed at the simulator. */
export function sdkConfig(sim: RunningSimulator, region = 'us-east-1') {
  return { endpoint: sim.endpoint, region, credentials: SIM_CREDENTIALS, maxAttempts: 1 };
}

/** Environment for running the AWS CLI (or our binary) against the simulator. */
export function simEnv(sim: RunningSimulator, region = 'us-east-1'): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ENDPOINT_URL: sim.endpoint,
    AWS_ACCESS_KEY_ID: SIM_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SIM_CREDENTIALS.secretAccessKey,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  };
}
