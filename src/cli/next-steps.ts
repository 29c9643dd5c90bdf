import { shellQuote } from '../deploy/command-line';
import type { GlobalOptions } from './global-options';

/** The flags that reach the same account and service again, for commands we suggest. */
function target(opts: GlobalOptions, cluster: string, service: string): string[] {
  const words: string[] = [];
  if (opts.profile) words.push('--profile', opts.profile);
  if (opts.region) words.push('--region', opts.region);
  if (opts.endpointUrl) words.push('--endpoint-url', opts.endpointUrl);
  words.push('--cluster', cluster, '--service', service);
  return words;
}

export function suggest(
  command: 'watch' | 'rollback' | 'promote' | 'abort' | 'status',
  opts: GlobalOptions,
  cluster: string,
  service: string,
  extra: string[] = [],
): string {
  return ['ecs-rollout', command, ...target(opts, cluster, service), ...extra]
    .map(shellQuote)
    .join(' ');
}

/** What to run next about a rollout that is still going. */
export function nextSteps(
  opts: GlobalOptions,
  cluster: string,
  service: string,
  paused: boolean,
): string[] {
  const steps = [suggest('watch', opts, cluster, service)];
  if (paused) steps.push(suggest('promote', opts, cluster, service, ['--yes']));
  steps.push(suggest('rollback', opts, cluster, service, ['--yes']));
  return steps;
}
