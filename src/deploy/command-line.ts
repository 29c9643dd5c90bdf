import type { DeployRequest } from './plan/types';

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

/** The headless command that does what the TUI is about to do. */
export function equivalentCommand(
  request: DeployRequest,
  global: { profile?: string; region?: string } = {},
): string {
  const words = ['ecs-rollout', 'deploy'];
  if (global.profile) words.push('--profile', global.profile);
  if (global.region) words.push('--region', global.region);
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
  words.push(...settingsFlags(request), '--wait', '--yes');
  return words.map(shellQuote).join(' ');
}
