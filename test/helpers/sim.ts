import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import {
  ManualClock,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../src/sim';

const run = promisify(execFile);

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

/**
 * The AWS CLI binary for compatibility tests: Debian's /usr/bin/aws when present (what .ci/run
 * installs), else whatever `aws` is on PATH. Older CLIs ignore AWS_ENDPOINT_URL, so callers pass
 * `--endpoint-url` (awsCli does).
 */
export function awsCliPath(): string | undefined {
  if (existsSync('/usr/bin/aws')) return '/usr/bin/aws';
  const found = spawnSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Runs `aws <args> --endpoint-url <sim> --output json` and parses the JSON it prints. */
export async function awsCli(sim: RunningSimulator, ...args: string[]): Promise<unknown> {
  const bin = awsCliPath();
  if (!bin) throw new Error('the AWS CLI is not installed (apt-get install awscli)');
  const { stdout } = await run(bin, [...args, '--endpoint-url', sim.endpoint, '--output', 'json'], {
    env: simEnv(sim),
    timeout: 60_000,
  });
  return stdout.trim() === '' ? {} : JSON.parse(stdout);
}
