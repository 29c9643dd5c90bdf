import type { DeploymentConfig, DeploymentGroup } from '../../aws/types';
import type { Outcome } from '../outcome';

// Words for CodeDeploy settings and outcomes, shared by the plan and the monitor.

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How the config moves production traffic (aws-semantics D.2). */
export function trafficPlanText(config: DeploymentConfig): string {
  const { type, percentage = 10, intervalMinutes = 0 } = config.trafficRouting;
  if (type === 'TimeBasedCanary')
    return `${percentage}% to green, the rest ${plural(intervalMinutes, 'minute')} later (${config.name})`;
  if (type === 'TimeBasedLinear') {
    const steps = Math.ceil(100 / percentage);
    return `${percentage}% more every ${plural(intervalMinutes, 'minute')}, ${steps} steps over ${plural((steps - 1) * intervalMinutes, 'minute')} (${config.name})`;
  }
  return `all at once (${config.name})`;
}

/** The ready wait and the blue termination wait of a group, one line each. */
export function waitsText(group: DeploymentGroup): string[] {
  const wait = group.readyOption?.waitTimeInMinutes ?? 0;
  const ready =
    wait <= 0
      ? 'production traffic moves as soon as green is ready'
      : group.readyOption?.actionOnTimeout === 'STOP_DEPLOYMENT'
        ? `ready wait: green waits on the test listener up to ${plural(wait, 'minute')} for you to reroute (promote); if nobody does, the deployment stops`
        : `ready wait: production moves ${plural(wait, 'minute')} after green is ready, or at once with p`;
  const term = group.termination;
  const termination =
    term?.action === 'KEEP_ALIVE'
      ? 'blue keeps running after success (KEEP_ALIVE)'
      : `blue is kept ${plural(term?.waitTimeInMinutes ?? 0, 'minute')} after traffic moves (promote ends the wait; until then it can still be rolled back), then removed`;
  return [ready, termination];
}

/** What made CodeDeploy stop or fail, from its error code (aws-semantics D.3). */
export function triggerOf(code: string | undefined): Outcome['trigger'] {
  switch (code) {
    case 'HEALTH_CONSTRAINTS':
    case 'HEALTH_CONSTRAINTS_INVALID':
      return 'health';
    case 'ALARM_ACTIVE':
      return 'alarm';
    case 'MANUAL_STOP':
      return 'operator';
    case 'TIMEOUT':
      return 'timeout';
    case 'HOOK_EXECUTION_FAILURE':
      return 'hook';
    default:
      return 'unknown';
  }
}

/** "4m 12s" for countdowns in reasons (the monitor draws its own from `endsAt`). */
export function durationText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
