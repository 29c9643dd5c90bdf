import { Command, InvalidArgumentError, Option } from 'commander';
import { registerHeadlessCommands } from './cli';
import { SimulatorStartError, startSimulator } from './sim';
import { knownScenarios, runSimCommand } from './sim/cli';
import { SCENARIOS } from './sim/scenarios';
import type { TuiOptions } from './tui/options';
import { VERSION } from './version';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** Simulated seconds per real second in --demo: a rolling deploy finishes in well under a minute. */
const DEMO_SPEED = 6;
const SIM_CREDENTIALS = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'simulated-secret' };

function intOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        `${name} must be a whole number from ${min} to ${max}, got "${value}"`,
      );
    }
    return n;
  };
}

function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`${name} must be a number above 0, got "${value}"`);
    return n;
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

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

async function runRoot(opts: RootOptions): Promise<number> {
  if (opts.service && !opts.cluster) {
    err('ecs-rollout: --service needs --cluster (the cluster the service runs in)');
    return 2;
  }
  const { runTui } = await import('./tui/run-tui');
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
  if (opts.endpointUrl) {
    err(
      'ecs-rollout: --demo runs its own simulator; leave out --endpoint-url (or drop --demo to use that endpoint)',
    );
    return 2;
  }
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

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('ecs-rollout')
    .description(
      'Browse ECS clusters and services, deploy with the strategy that fits, watch rollouts live,\n' +
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
    .action(async (opts: RootOptions) => setExit(await runRoot(opts)));

  program
    .command('sim')
    .description(
      'run the embedded AWS simulator (ECS, ELBv2, CodeDeploy, ECR, CloudWatch, STS) on a loopback port',
    )
    .option('--host <host>', 'loopback address to bind (127.0.0.1, ::1 or localhost)', '127.0.0.1')
    .option(
      '--port <n>',
      'port to listen on; 0 picks a free one',
      intOption('--port', 0, 65535),
      4566,
    )
    .addOption(
      new Option(
        '--scenario <name>',
        `world to start with: ${Object.keys(SCENARIOS).join(', ')}`,
      ).default(Object.keys(SCENARIOS).includes('demo') ? 'demo' : 'empty'),
    )
    .option(
      '--seed <n>',
      'seed for ids and randomness (same seed, same world)',
      intOption('--seed', 0, 2 ** 31 - 1),
      1,
    )
    .option('--speed <x>', 'simulated seconds per real second', positiveNumber('--speed'), 1)
    .option(
      '--services <n>',
      'for --scenario big: how many services in all',
      intOption('--services', 1, 100_000),
    )
    .addOption(
      new Option('--rate-limits <mode>', "AWS's request rate limits (token buckets per category)")
        .choices(['aws', 'off'])
        .default('off'),
    )
    .option(
      '--fault <spec>',
      'inject a fault, e.g. throttle:ecs:DescribeServices@3 (repeatable)',
      collect,
      [],
    )
    .action(
      async (opts: {
        host: string;
        port: number;
        scenario: string;
        seed: number;
        speed: number;
        services?: number;
        fault: string[];
        rateLimits: 'aws' | 'off';
      }) => {
        if (!SCENARIOS[opts.scenario]) {
          err(
            `ecs-rollout sim: unknown scenario "${opts.scenario}". Known scenarios:\n${knownScenarios()}`,
          );
          setExit(2);
          return;
        }
        try {
          setExit(await runSimCommand(opts, out, err));
        } catch (error) {
          if (
            error instanceof SimulatorStartError ||
            (error instanceof Error && error.message.startsWith('unknown fault'))
          ) {
            err(`ecs-rollout sim: ${error.message}`);
            setExit(2);
            return;
          }
          throw error;
        }
      },
    );

  registerHeadlessCommands(program, setExit);
  return program;
}

async function main(argv: string[]): Promise<void> {
  let exitCode = 0;
  const program = buildProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (
      code === 'commander.helpDisplayed' ||
      code === 'commander.version' ||
      code === 'commander.help'
    ) {
      process.exitCode = 0;
      return;
    }
    if (typeof code === 'string' && code.startsWith('commander.')) {
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  process.exitCode = exitCode;
}

await main(process.argv);
