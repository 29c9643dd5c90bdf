import { planCommand, shellQuote, type CommandContext } from '../deploy/command-line';
import type { DeployPlan } from '../deploy/plan/types';
import { revisionLabel } from '../deploy/revision-label';
import type { GlobalOptions } from './global-options';
import type { Body, PlanLine } from './json-schema';
import type { WaitUntil } from './wait';

/**
 * The plan's equivalent command as this run would repeat it: the flags that reach the same
 * account (--endpoint-url whenever one is in use, also from AWS_ENDPOINT_URL), how it waits,
 * and --confirm-service for a protected service, so "apply with" runs as printed.
 */
export function runnableCommand(
  plan: Pick<DeployPlan, 'request' | 'protectedService'>,
  opts: GlobalOptions,
  env: NodeJS.ProcessEnv,
  wait?: { wait: boolean; until: WaitUntil },
): string {
  const endpointUrl = opts.endpointUrl ?? (env['AWS_ENDPOINT_URL'] || undefined);
  const context: Omit<CommandContext, 'protectedService'> = {
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.region ? { region: opts.region } : {}),
    ...(endpointUrl ? { endpointUrl } : {}),
    ...(wait ? { wait } : {}),
  };
  return planCommand(plan, context);
}

/** `deploy --plan-file FILE` as this run would give it (same reach, protection confirmed). */
export function planFileCommand(
  file: string,
  plan: Pick<DeployPlan, 'request' | 'protectedService'>,
  opts: GlobalOptions,
  env: NodeJS.ProcessEnv,
): string {
  const endpointUrl = opts.endpointUrl ?? (env['AWS_ENDPOINT_URL'] || undefined);
  const words = ['ecs-rollout', 'deploy'];
  if (opts.profile) words.push('--profile', opts.profile);
  if (opts.region) words.push('--region', opts.region);
  if (endpointUrl) words.push('--endpoint-url', endpointUrl);
  words.push('--plan-file', file);
  if (plan.protectedService) words.push('--confirm-service', plan.request.service);
  words.push('--yes');
  return words.map(shellQuote).join(' ');
}

/** What `plan` and `deploy` show of a plan: no task definition document, the diff masked. */
export function planLine(
  plan: DeployPlan,
  extra: { file?: string; command?: string } = {},
): Body<PlanLine> {
  const file = extra.file;
  const next = plan.next;
  return {
    type: 'plan',
    cluster: plan.request.cluster,
    service: plan.request.service,
    strategy: plan.request.strategy,
    currentRevision: revisionLabel(plan.currentTaskDefinitionArn),
    nextRevision:
      next.kind === 'register'
        ? `${next.family}:<new revision>`
        : `${revisionLabel(next.taskDefinitionArn)}${next.reRegister ? ' (registered again as a new revision)' : ''}`,
    imageChanges: plan.imageChanges.map((c) => ({
      container: c.container,
      from: c.from,
      to: c.to,
      pinned: c.pinned,
    })),
    diff: plan.diff.map((d) => ({ marker: d.marker, path: d.path, text: d.text })),
    checks: plan.checks.map((c) => ({
      id: c.id,
      label: c.label,
      status: c.status,
      detail: c.detail,
    })),
    calls: plan.calls.map((c) => ({
      service: c.service,
      operation: c.operation,
      summary: c.summary,
    })),
    blockers: plan.blockers,
    notes: plan.notes,
    protectedService: plan.protectedService,
    command: extra.command ?? plan.command,
    fingerprint: plan.fingerprint,
    ...(file ? { file } : {}),
  };
}
