import type { Command } from 'commander';
import { actOnFreshState } from '../../deploy/act-guard';
import { attachRollout } from '../../deploy/attach';
import { isFinal } from '../../deploy/outcome';
import { stillActionable } from '../../deploy/settled';
import { loadServiceContext } from '../../deploy/plan/service-context';
import type { RolloutActionId, RolloutController, RolloutView } from '../../deploy/types';
import { UserAbort } from '../../errors';
import { UsageError } from '../errors';
import { follow } from '../follow';
import { CLIENT_DRIVEN_NOTE } from '../result';
import { requireService } from '../global-options';
import { guardMutation } from '../guard';
import { CliIoHost } from '../io-host';
import type { Body, ResultLine } from '../json-schema';
import { nextSteps, suggest } from '../next-steps';
import { CLI_CODES } from '../output/reporter';
import type { Session } from '../session';
import type { WaitUntil } from '../wait';
import { readWait } from '../deploy-flags';
import { whileChanging } from '../write-guard';

export interface InFlight {
  controller: RolloutController;
  view: RolloutView;
}

/** The rollout running now on the service (started by anyone), or undefined. */
export async function findInFlight(
  s: Session,
  where: { cluster: string; service: string },
): Promise<InFlight | undefined> {
  const gw = await s.gateway();
  const signal = s.interrupts.signal;
  const { service } = await loadServiceContext(gw, where.cluster, where.service, { signal });
  const controller = await attachRollout(gw, where.cluster, service, {
    signal,
    now: () => gw.clock.now(),
  });
  if (!controller) return undefined;
  const view = await controller.poll(signal);
  // an ended rollout that can still be acted on (an ALB canary held by abort) counts as in flight
  return isFinal(view.state) && !stillActionable(view) ? undefined : { controller, view };
}

/**
 * promote / abort / roll back the rollout in flight through the controller's own action (the
 * one the TUI's keys use), then wait for the outcome unless --no-wait.
 */
export async function actOnRollout(
  s: Session,
  cmd: Command,
  spec: { command: 'promote' | 'abort' | 'rollback'; action: RolloutActionId; verb: string },
  inFlight?: InFlight,
): Promise<Body<ResultLine>> {
  const where = requireService(s.opts, spec.command);
  const { wait, until } = readWait(cmd, true);
  guardMutation(s, spec.verb);
  s.where = where;
  const found = inFlight ?? (await findInFlight(s, where));
  if (!found) {
    throw new UsageError(
      `nothing to ${spec.verb}: no rollout in progress on ${where.cluster}/${where.service}`,
      `see how the last one ended with: ${suggest('watch', s.opts, where.cluster, where.service)}`,
    );
  }
  const { controller, view } = found;
  const availability = view.actions[spec.action];
  if (!availability.available)
    throw new UsageError(
      `cannot ${spec.verb} deployment ${view.rolloutId}: ${availability.reason}`,
    );
  const io = new CliIoHost(s, cmd.opts<{ confirmService?: string }>().confirmService);
  // no abort signal: a stop request cut off half-way may or may not have reached AWS
  // re-read after the confirmation: another operator may have acted meanwhile
  const done = await whileChanging(s, spec.command, { ...where, strategy: view.strategy }, () =>
    actOnFreshState(controller, spec.action, io, { seen: view }),
  );
  if (!done.ok) {
    if (io.declined) throw new UserAbort(done.message);
    throw new UsageError(`cannot ${spec.verb} deployment ${view.rolloutId}: ${done.message}`);
  }
  s.reporter.message({
    type: 'message',
    code: CLI_CODES.action,
    level: 'info',
    text: done.message,
    data: { action: spec.action, deploymentId: view.rolloutId },
  });
  if (!wait) {
    return {
      type: 'result',
      command: spec.command,
      ...where,
      strategy: view.strategy,
      deploymentId: view.rolloutId,
      outcome: 'IN_PROGRESS',
      reason: `${done.message}; not waiting (--no-wait)${controller.clientDriven ? `; ${CLIENT_DRIVEN_NOTE}` : ''}`,
      exitCode: 0,
      next: nextSteps(s.opts, where.cluster, where.service, false),
    };
  }
  return follow(s, controller, {
    command: spec.command,
    ...where,
    until: until satisfies WaitUntil,
    first: view,
    actedOn: view,
  });
}
