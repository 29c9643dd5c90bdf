import { Option, type Command } from 'commander';
import { durationText, parseDuration } from './duration';
import { UsageError } from './errors';

export type OutputFormat = 'text' | 'json';

/** Flags every headless command takes. */
export interface GlobalOptions {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  cluster?: string;
  service?: string;
  readOnly: boolean;
  output: OutputFormat;
  yes: boolean;
  timeoutMs: number;
  pollMs: number;
}

export const DEFAULT_TIMEOUT_MS = 30 * 60_000;
/** Against real AWS: often enough to follow a rollout, far from ECS's describe throttles. */
export const DEFAULT_POLL_MS = 2_000;
/** Faster polling hammers AWS; only a simulator or a local endpoint may ask for it. */
const MIN_AWS_POLL_MS = 1_000;

/** Shown after the flags of every command that waits on a rollout. */
export const EXIT_CODE_HELP = `
Exit codes:
  0    succeeded                     4    timed out waiting (the rollout keeps running)
  1    failed                        5    paused, awaiting promote or rollback
  2    bad usage or input            6    stopped / aborted (or declined at the prompt)
  3    rolled back (never 0)         7    access denied or no credentials
  130  interrupted (Ctrl-C, SIGTERM, SIGHUP): stopped waiting; the rollout keeps running on AWS
  141  the output closed (| head) while the command still worked: stopped as at Ctrl-C`;

/** `(default: X)` in every description: `--help` must show what applies when a flag is absent. */
export function withDefault(description: string, defaultText: string): string {
  return `${description} (default: ${defaultText})`;
}

export function addGlobalOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--profile <name>',
        withDefault('AWS profile from the shared config', 'AWS_PROFILE, then "default"'),
      ),
    )
    .addOption(
      new Option(
        '--region <region>',
        withDefault('AWS region', "AWS_REGION, then the profile's region"),
      ),
    )
    .addOption(
      new Option(
        '--endpoint-url <url>',
        withDefault(
          'send every AWS call here (e.g. a running `ecs-rollout sim`)',
          'AWS_ENDPOINT_URL, else AWS',
        ),
      ),
    )
    .addOption(
      new Option('--cluster <name>', withDefault('ECS cluster name or ARN', 'none, required')),
    )
    .addOption(
      new Option(
        '--service <name>',
        withDefault('ECS service name', 'none, required except for status --all'),
      ),
    )
    .addOption(
      new Option(
        '--read-only',
        withDefault('refuse every change, before and at the AWS call', 'off'),
      ),
    )
    .addOption(
      new Option(
        '--output <format>',
        withDefault('text lines, or NDJSON (one JSON object per line)', 'text'),
      ).choices(['text', 'json']),
    )
    .addOption(
      new Option(
        '--yes',
        withDefault('go ahead without asking; needed for changes when not at a terminal', 'off'),
      ),
    )
    .addOption(
      new Option(
        '--timeout <duration>',
        withDefault(
          'stop waiting after this long, e.g. 90s, 10m, 1h (exit 4; the rollout keeps running)',
          durationText(DEFAULT_TIMEOUT_MS),
        ),
      ),
    )
    .addOption(
      new Option(
        '--poll-interval <duration>',
        withDefault(
          'how often to read AWS while waiting; under 1s only with --endpoint-url',
          durationText(DEFAULT_POLL_MS),
        ),
      ),
    );
}

interface RawGlobals {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  cluster?: string;
  service?: string;
  readOnly?: boolean;
  output?: string;
  yes?: boolean;
  timeout?: string;
  pollInterval?: string;
}

/** Reads the global flags, wherever they were given (before or after the command name). */
export function readGlobalOptions(cmd: Command, env: NodeJS.ProcessEnv): GlobalOptions {
  const raw = cmd.optsWithGlobals<RawGlobals>();
  const output = raw.output ?? 'text';
  if (output !== 'text' && output !== 'json')
    throw new UsageError(
      `--output "${output}" is not a format`,
      'use --output text or --output json',
    );
  const timeoutMs = raw.timeout ? parseDuration(raw.timeout, '--timeout') : DEFAULT_TIMEOUT_MS;
  const pollMs = raw.pollInterval
    ? parseDuration(raw.pollInterval, '--poll-interval')
    : DEFAULT_POLL_MS;
  const endpointUrl = raw.endpointUrl ?? (env['AWS_ENDPOINT_URL'] || undefined);
  if (pollMs < MIN_AWS_POLL_MS && !endpointUrl) {
    throw new UsageError(
      `--poll-interval ${raw.pollInterval ?? ''} is too fast for AWS`,
      `use 1s or more (the default is ${durationText(DEFAULT_POLL_MS)}); faster polling is for simulators behind --endpoint-url`,
    );
  }
  return {
    ...(raw.profile ? { profile: raw.profile } : {}),
    ...(raw.region ? { region: raw.region } : {}),
    ...(raw.endpointUrl ? { endpointUrl: raw.endpointUrl } : {}),
    ...(raw.cluster ? { cluster: raw.cluster } : {}),
    ...(raw.service ? { service: raw.service } : {}),
    readOnly: raw.readOnly === true,
    output,
    yes: raw.yes === true,
    timeoutMs,
    pollMs,
  };
}

/** The cluster, or a usage error that says how to give it. */
export function requireCluster(opts: GlobalOptions, command: string): string {
  if (!opts.cluster)
    throw new UsageError(
      `${command} needs --cluster`,
      `pass --cluster NAME (the ECS cluster the service runs in)`,
    );
  return opts.cluster;
}

export function requireService(
  opts: GlobalOptions,
  command: string,
): { cluster: string; service: string } {
  const cluster = requireCluster(opts, command);
  if (!opts.service)
    throw new UsageError(
      `${command} needs --service`,
      `pass --service NAME (list them with: ecs-rollout status --cluster ${cluster} --all)`,
    );
  return { cluster, service: opts.service };
}
