// What every bench row gets: the two simulators (in this process, AWS rate limits on), the
// bundled kit and probe paths, and clean environments for the binary and the AWS CLI.
import { fileURLToPath } from 'node:url';
import { buildKit } from './kit-build.mjs';

const CREDENTIALS = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'sim-secret' };

export async function createContext({ quick = false } = {}) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const paths = await buildKit();
  const kit = await import(paths.kit);
  // real time, as a person's terminal sees it; 5,000 services for the TUI rows
  const big = await kit.startSimulator({
    scenario: 'big',
    scenarioOptions: { services: 5000 },
    rateLimits: 'aws',
    port: 0,
  });
  // 1,000 services for the comparisons; 4x so a rollout ends in well under a minute
  const mid = await kit.startSimulator({
    scenario: 'big',
    scenarioOptions: { services: 1000 },
    rateLimits: 'aws',
    speed: 4,
    port: 0,
  });
  const memo = new Map();
  let unlimited;
  const env = () => {
    const e = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    // Ink draws only <Static> output when CI is set; the bench measures what a terminal sees
    delete e.CI;
    delete e.CONTINUOUS_INTEGRATION;
    return e;
  };
  return {
    root,
    kit,
    quick,
    credentials: CREDENTIALS,
    sims: { big, mid },
    /** The comparison world without rate limits, made on first use (for a ratio when a tool fails under them). */
    async unlimitedMid() {
      unlimited ??= await kit.startSimulator({
        scenario: 'big',
        scenarioOptions: { services: 1000 },
        speed: 4,
        port: 0,
      });
      return unlimited;
    },
    probe: paths.probe,
    env,
    awsEnv: () => ({
      ...env(),
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    }),
    /** How many runs: `full`, or `short` with --quick. */
    repeat: (full, short) => (quick ? short : full),
    /** One measurement shared by several rows. */
    once(key, fn) {
      if (!memo.has(key)) memo.set(key, fn());
      return memo.get(key);
    },
    async close() {
      await big.close();
      await mid.close();
      await unlimited?.close();
    },
  };
}
