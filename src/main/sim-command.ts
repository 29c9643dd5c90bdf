import { Option, type Command } from 'commander';
import { SimulatorStartError } from '../sim';
import { knownScenarios, runSimCommand } from '../sim/cli';
import { SCENARIOS } from '../sim/scenarios';
import { collect, intOption, positiveNumber } from './arg-parsers';

interface SimFlags {
  host: string;
  port: number;
  scenario: string;
  seed: number;
  speed: number;
  services?: number;
  fault: string[];
  rateLimits: 'aws' | 'off';
}

/** `ecs-rollout sim`: the embedded simulator on its own, in the foreground. */
export function registerSimCommand(
  program: Command,
  setExit: (code: number) => void,
  out: (line: string) => void,
  err: (line: string) => void,
): void {
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
      new Option('--scenario <name>', `world to start with:\n${knownScenarios()}\n`).default(
        'demo',
      ),
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
      'for --scenario big: how many services in all (default 5000)',
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
    .action(async (opts: SimFlags) => {
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
    });
}
