import { Command, Option } from 'commander';
import type { TuiOptions } from '../tui/options';
import { VERSION } from '../version';
import { positiveNumber } from './arg-parsers';

/** Simulated seconds per real second in --demo: a rolling deploy finishes in well under a minute. */
const DEMO_SPEED = 6;
const SIM_CREDENTIALS = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'simulated-secret' };

interface RootOptions {
  demo?: boolean;
  demoSpeed: number;
  profile?: string;
  region?: string;
  endpointUrl?: string;
  cluster?: string;
  service?: string;
  readOnly?: boolean;
}

/**
 * The root command: the full-screen app. Everything heavy is imported when it runs, so the
 * first frame does not wait for the simulator, the headless CLI or the deploy engine.
 */
export function createRootCommand(
  setExit: (code: number) => void,
  err: (line: string) => void,
): Command {
  return new Command('ecs-rollout')
    .description(
      'Browse ECS clusters and services, deploy with the strategy that fits, watch rollouts live, ' +
        'and promote or roll back from the keyboard. Without a command it opens the full-screen app.',
    )
    .version(VERSION, '-V, --version')
    .option(
      '--demo',
      'open on the embedded AWS simulator with a rich demo world (no AWS account needed)',
    )
    .addOption(
      new Option('--demo-speed <x>', 'simulated seconds per real second in --demo')
        .argParser(positiveNumber('--demo-speed'))
        .default(DEMO_SPEED),
    )
    .option('--profile <name>', 'AWS profile from your shared config (SSO, roles, keys)')
    .option('--region <region>', "AWS region (default: AWS_REGION, then the profile's region)")
    .option(
      '--endpoint-url <url>',
      'send every AWS call to this endpoint (e.g. a running `ecs-rollout sim`)',
    )
    .option('--cluster <name>', 'open straight at this cluster')
    .option('--service <name>', 'open straight at this service (needs --cluster)')
    .option('--read-only', 'nothing can change: no mutating key, no mutating call')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .action(async (opts: RootOptions) => setExit(await runRoot(opts, err)));
}

/** The commands for scripts and CI, named when the app cannot open. */
export const HEADLESS_COMMANDS = [
  'deploy',
  'plan',
  'status',
  'watch',
  'promote',
  'rollback',
  'abort',
  'audit',
  'sim',
] as const;

/**
 * Why the full-screen app cannot run here, or undefined when it can: it reads keys from a
 * terminal on stdin and draws on one on stdout, and under CI Ink draws only static output.
 */
export function noTerminalReason(io: {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}): string | undefined {
  const notTty = [...(io.stdinIsTTY ? [] : ['stdin']), ...(io.stdoutIsTTY ? [] : ['stdout'])];
  if (notTty.length > 0)
    return `${notTty.join(' and ')} ${notTty.length > 1 ? 'are' : 'is'} not a terminal`;
  // Ink's own test (is-in-ci): set to anything but 0 or false
  const ci = ['CI', 'CONTINUOUS_INTEGRATION'].find(
    (key) => key in io.env && io.env[key] !== '0' && io.env[key] !== 'false',
  );
  return ci ? `${ci} is set (a CI job has no one at the keyboard)` : undefined;
}

async function runRoot(opts: RootOptions, err: (line: string) => void): Promise<number> {
  if (opts.service && !opts.cluster) {
    err('ecs-rollout: --service needs --cluster (the cluster the service runs in)');
    return 2;
  }
  if (opts.demo && opts.endpointUrl) {
    err(
      'ecs-rollout: --demo runs its own simulator; leave out --endpoint-url (or drop --demo to use that endpoint)',
    );
    return 2;
  }
  // before anything touches the screen (or starts a simulator)
  const noTerminal = noTerminalReason({
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    env: process.env,
  });
  if (noTerminal) {
    err(`ecs-rollout: the full-screen app needs a terminal on stdin and stdout: ${noTerminal}`);
    err(
      `  for scripts and CI use a command: ${HEADLESS_COMMANDS.join(', ')} (ecs-rollout COMMAND --help)`,
    );
    return 2;
  }
  const { runTui } = await import('../tui/run-tui');
  const base: Omit<TuiOptions, 'now' | 'simulated'> = {
    readOnly: opts.readOnly === true,
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.cluster ? { cluster: opts.cluster } : {}),
    ...(opts.service ? { service: opts.service } : {}),
  };
  if (!opts.demo) {
    return runTui({
      ...base,
      ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
      simulated: false,
      now: () => new Date(),
    });
  }
  const { startSimulator } = await import('../sim');
  const sim = await startSimulator({ scenario: 'demo', speed: opts.demoSpeed, port: 0 });
  try {
    return await runTui({
      ...base,
      region: opts.region ?? 'us-east-1',
      endpointUrl: sim.endpoint,
      credentials: SIM_CREDENTIALS,
      simulated: true,
      now: () => new Date(sim.clock.now()),
    });
  } finally {
    await sim.close();
  }
}
