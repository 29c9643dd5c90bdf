import type { DeployPlan, DeployRequest } from './plan/types';

/** Quotes a shell word only when it needs it. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Flags each strategy's settings map to; the CLI parser uses the same names. */
export function settingsFlags(request: DeployRequest): string[] {
  const s = request.settings;
  const flags: string[] = [];
  const add = (flag: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      // an empty list is a choice (no alarms, no pauses): left out, the CLI would keep the
      // service's current one
      flags.push(flag, value.length > 0 ? value.join(',') : 'none');
      return;
    }
    if (typeof value === 'boolean') {
      flags.push(value ? flag : flag.replace(/^--/, '--no-'));
      return;
    }
    if (typeof value === 'string' || typeof value === 'number') flags.push(flag, String(value));
  };
  switch (request.strategy) {
    case 'rolling':
      add('--min-healthy-percent', s['minimumHealthyPercent']);
      add('--max-percent', s['maximumPercent']);
      add('--circuit-breaker', s['circuitBreaker']);
      add('--alarms', s['alarms']);
      if (Array.isArray(s['alarms']) && s['alarms'].length > 0)
        add('--alarm-rollback', s['alarmRollback']);
      break;
    default:
      for (const [key, value] of Object.entries(s))
        add(`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, value);
  }
  return flags;
}

/** Where and how the equivalent command runs, beyond what the request says. */
export interface CommandContext {
  profile?: string;
  region?: string;
  /** The endpoint in use (`ecs-rollout sim`, a local endpoint): left out, the line reaches AWS. */
  endpointUrl?: string;
  /** A protected service: the line confirms it by name, as a run without a terminal must. */
  protectedService?: boolean;
  /** How the command waits: `--wait` when not given, `--no-wait`, or until a point. */
  wait?: { wait: boolean; until?: 'stable' | 'deployed' | 'paused' };
}

/** The headless command that does what the TUI is about to do. */
export function equivalentCommand(request: DeployRequest, context: CommandContext = {}): string {
  const words = ['ecs-rollout', 'deploy'];
  if (context.profile) words.push('--profile', context.profile);
  if (context.region) words.push('--region', context.region);
  if (context.endpointUrl) words.push('--endpoint-url', context.endpointUrl);
  words.push(
    '--cluster',
    request.cluster,
    '--service',
    request.service,
    '--strategy',
    request.strategy,
  );
  if (request.target.kind === 'revision')
    words.push('--task-definition', request.target.taskDefinition);
  else {
    for (const img of request.target.images)
      words.push('--image', img.container ? `${img.container}=${img.ref}` : img.ref);
    if (!request.target.pinDigest) words.push('--no-pin-digest');
  }
  words.push(...settingsFlags(request), ...waitFlags(context.wait));
  if (context.protectedService) words.push('--confirm-service', request.service);
  words.push('--yes');
  return words.map(shellQuote).join(' ');
}

/** The plan's command line run from here: its request, its protection, and this context. */
export function planCommand(
  plan: Pick<DeployPlan, 'request' | 'protectedService'>,
  context: Omit<CommandContext, 'protectedService'> = {},
): string {
  return equivalentCommand(plan.request, { ...context, protectedService: plan.protectedService });
}

function waitFlags(wait: CommandContext['wait']): string[] {
  if (!wait) return ['--wait'];
  if (!wait.wait) return ['--no-wait'];
  return wait.until && wait.until !== 'stable'
    ? ['--wait', '--wait-until', wait.until]
    : ['--wait'];
}

/** The context of a planner's command line: where the calls go, and a protected service. */
export function scopeOf(
  opts: { profile?: string; region?: string; endpointUrl?: string },
  protectedService: boolean,
): CommandContext {
  return {
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
    protectedService,
  };
}
