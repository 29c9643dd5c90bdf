import { exitCodeFor, EXIT_CODES } from '../deploy/outcome';
import { revisionLabel } from '../deploy/revision-label';
import type { RolloutView } from '../deploy/types';
import { durationText } from './duration';
import type { ClassifiedError } from './errors';
import type { GlobalOptions } from './global-options';
import type { Body, CommandName, ResultLine } from './json-schema';
import { nextSteps } from './next-steps';
import { deploymentRows } from './progress';
import type { WaitEnd } from './wait';

type Result = Body<ResultLine>;

/** Said whenever the CLI stops following a rollout that moves only while someone polls it. */
export const CLIENT_DRIVEN_NOTE =
  'this rollout moves to its next step only while a client follows it: run ecs-rollout watch (or the TUI) to carry it on';

/** Identity of the rollout, common to every result about one. */
function about(view: RolloutView): Partial<Result> {
  const duration =
    view.startedAt && view.finishedAt
      ? view.finishedAt.getTime() - view.startedAt.getTime()
      : undefined;
  return {
    cluster: view.cluster,
    service: view.service,
    strategy: view.strategy,
    deploymentId: view.rolloutId,
    ...(view.targetTaskDefinitionArn
      ? {
          revision: revisionLabel(view.targetTaskDefinitionArn),
          taskDefinitionArn: view.targetTaskDefinitionArn,
        }
      : {}),
    ...(view.startedAt ? { startedAt: view.startedAt.toISOString() } : {}),
    ...(view.finishedAt ? { finishedAt: view.finishedAt.toISOString() } : {}),
    ...(duration !== undefined && duration >= 0 ? { durationMs: Math.round(duration) } : {}),
  };
}

function running(view: RolloutView): Result['running'] {
  return {
    deploymentId: view.rolloutId,
    state: view.state,
    stateLabel: view.stateLabel,
    deployments: deploymentRows(view),
  };
}

/**
 * The result of waiting on a rollout. Exit codes come from `exitCodeFor`; a wait that ends
 * while the rollout is paused is 5 (it awaits a person), an unsettled rollback stays 3, and
 * anything else unfinished is 4. Never 0 unless the rollout succeeded.
 */
export function waitResult(
  command: CommandName,
  end: WaitEnd,
  ctx: {
    opts: GlobalOptions;
    cluster: string;
    service: string;
    waitedMs: number;
    signal?: string;
    /** The rollout advances only while a client polls it (ALB canary). */
    clientDriven?: boolean;
  },
): Result {
  const { opts, cluster, service } = ctx;
  const held = ctx.clientDriven ? `; ${CLIENT_DRIVEN_NOTE}` : '';
  const view = end.view;
  const base = {
    type: 'result' as const,
    command,
    cluster,
    service,
    waitedMs: Math.round(ctx.waitedMs),
  };
  const paused = view?.state === 'PAUSED';
  const stillRunning = view
    ? { running: running(view), next: nextSteps(opts, cluster, service, paused) }
    : { next: nextSteps(opts, cluster, service, false) };

  if (end.kind === 'interrupted') {
    return {
      ...base,
      ...(view ? about(view) : {}),
      outcome: 'INTERRUPTED',
      reason: `stopped waiting (${ctx.signal ?? 'interrupted'}); the rollout keeps running on AWS${view ? `: deployment ${view.rolloutId} is ${view.stateLabel}` : ''}${held}`,
      exitCode: EXIT_CODES.INTERRUPTED,
      ...stillRunning,
    };
  }
  if (end.kind === 'timeout') {
    const waited = durationText(opts.timeoutMs);
    if (view?.state === 'ROLLED_BACK') {
      return {
        ...base,
        ...about(view),
        outcome: 'ROLLED_BACK',
        reason: `${view.outcome?.reason ?? 'rolled back'}; the rollback had not settled after ${waited}`,
        ...(view.outcome?.trigger ? { trigger: view.outcome.trigger } : {}),
        exitCode: EXIT_CODES.ROLLED_BACK,
        ...stillRunning,
      };
    }
    if (paused) {
      return {
        ...base,
        ...about(view),
        outcome: 'PAUSED',
        reason: `paused awaiting action when the wait ended after ${waited}${view.outcome?.reason ? `: ${view.outcome.reason}` : ''}`,
        exitCode: EXIT_CODES.PAUSED,
        ...stillRunning,
      };
    }
    return {
      ...base,
      ...(view ? about(view) : {}),
      outcome: 'TIMED_OUT',
      reason: view
        ? `${view.state === 'SUCCEEDED' ? 'deployment completed but the service had not settled' : `still ${view.stateLabel}`} after ${waited}; the rollout keeps running on AWS${held}`
        : `no answer from AWS within ${waited}`,
      trigger: 'timeout',
      exitCode: EXIT_CODES.TIMED_OUT,
      ...stillRunning,
    };
  }
  const v = end.view;
  return {
    ...base,
    ...about(v),
    outcome: v.state,
    reason: v.outcome?.reason ?? v.stateLabel,
    ...(v.outcome?.trigger ? { trigger: v.outcome.trigger } : {}),
    exitCode: exitCodeFor(v.state),
    ...(v.state === 'PAUSED' ? stillRunning : {}),
  };
}

export function errorResult(
  command: CommandName,
  error: ClassifiedError,
  where: { cluster?: string; service?: string } = {},
): Result {
  return {
    type: 'result',
    command,
    ...(where.cluster ? { cluster: where.cluster } : {}),
    ...(where.service ? { service: where.service } : {}),
    outcome: error.outcome,
    reason: error.message,
    ...(error.hint ? { hint: error.hint } : {}),
    exitCode: error.exitCode,
  };
}
