import { Command, InvalidArgumentError, Option } from 'commander';
import { SCENARIOS } from './sim/scenarios';
import { SimulatorStartError } from './sim';
import { knownScenarios, runSimCommand } from './sim/cli';
import { VERSION } from './version';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

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

export function buildProgram(): Command {
  const program = new Command('ecs-rollout')
    .description('Browse, deploy, watch, promote and roll back AWS ECS services')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

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
      }) => {
        if (!SCENARIOS[opts.scenario]) {
          err(
            `ecs-rollout sim: unknown scenario "${opts.scenario}". Known scenarios:\n${knownScenarios()}`,
          );
          process.exitCode = 2;
          return;
        }
        try {
          process.exitCode = await runSimCommand(opts, out, err);
        } catch (error) {
          if (
            error instanceof SimulatorStartError ||
            (error instanceof Error && error.message.startsWith('unknown fault'))
          ) {
            err(`ecs-rollout sim: ${error.message}`);
            process.exitCode = 2;
            return;
          }
          throw error;
        }
      },
    );

  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    // commander reports usage errors itself; map them to the usage exit code
    const code = (error as { code?: string; exitCode?: number }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') {
      process.exitCode = 0;
      return;
    }
    if (typeof code === 'string' && code.startsWith('commander.')) {
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}

await main(process.argv);
