import type { AwsGateway } from '../../aws';
import { applyPlan } from '../../deploy/engine';
import type { DeployPlan } from '../../deploy/plan/types';
import { revisionLabel } from '../../deploy/revision-label';
import type { RolloutController } from '../../deploy/types';
import { finalRead, follow } from '../follow';
import { CliIoHost } from '../io-host';
import type { Body, ResultLine } from '../json-schema';
import { nextSteps } from '../next-steps';
import { planLine, runnableCommand } from '../plan-line';
import { CLIENT_DRIVEN_NOTE, waitResult } from '../result';
import type { Session } from '../session';
import { checkSupported } from '../strategy-flags';
import type { WaitUntil } from '../wait';
import { whileChanging } from '../write-guard';

export interface ApplyFlow {
  command: 'deploy' | 'rollback';
  confirmService: string | undefined;
  wait: boolean;
  until: WaitUntil;
}

/** The engine options the CLI passes: profile and region make the plan's equivalent command exact. */
export function engineOptions(
  s: Session,
  gw: AwsGateway,
): { profile?: string; region?: string; now: () => Date } {
  return {
    // the world's clock: real time on AWS, the simulator's when pointed at `ecs-rollout sim`
    now: () => gw.clock.now(),
    ...(s.opts.profile ? { profile: s.opts.profile } : {}),
    ...(s.opts.region ? { region: s.opts.region } : {}),
  };
}

/**
 * Shows the plan, refuses it with exit 1 while a check fails, applies it (the engine re-checks
 * the fingerprint and asks for confirmation through the CLI's host) and follows the rollout.
 */
export async function applyAndFollow(
  s: Session,
  gw: AwsGateway,
  plan: DeployPlan,
  flow: ApplyFlow,
): Promise<Body<ResultLine>> {
  const where = { cluster: plan.request.cluster, service: plan.request.service };
  checkSupported(plan.request.strategy);
  s.reporter.plan(
    planLine(plan, {
      command: runnableCommand(plan, s.opts, s.rt.env, { wait: flow.wait, until: flow.until }),
    }),
  );
  if (plan.blockers.length > 0) {
    return {
      type: 'result',
      command: flow.command,
      ...where,
      strategy: plan.request.strategy,
      outcome: 'FAILED',
      reason: `the plan has failing checks, nothing was changed: ${plan.blockers.join('; ')}`,
      exitCode: 1,
    };
  }

  const io = new CliIoHost(s, flow.confirmService);
  const controller = await whileChanging(
    s,
    flow.command,
    { ...where, strategy: plan.request.strategy },
    () => applyPlan(gw, plan, io, engineOptions(s, gw)),
  );
  if (s.interrupts.which) {
    const view = await finalRead(controller, undefined);
    return waitResult(
      flow.command,
      { kind: 'interrupted', view },
      {
        opts: s.opts,
        ...where,
        waitedMs: 0,
        signal: s.interrupts.which,
        clientDriven: controller.clientDriven,
      },
    );
  }
  if (!flow.wait) return started(s, controller, flow.command, where);
  return follow(s, controller, { command: flow.command, ...where, until: flow.until });
}

/** --no-wait: the deployment was accepted; exit 0 says started, not succeeded. */
async function started(
  s: Session,
  controller: RolloutController,
  command: ApplyFlow['command'],
  where: { cluster: string; service: string },
): Promise<Body<ResultLine>> {
  const view = await controller.poll(s.interrupts.signal);
  const td = view.targetTaskDefinitionArn;
  return {
    type: 'result',
    command,
    ...where,
    strategy: view.strategy,
    deploymentId: view.rolloutId,
    ...(td ? { taskDefinitionArn: td, revision: revisionLabel(td) } : {}),
    ...(view.startedAt ? { startedAt: view.startedAt.toISOString() } : {}),
    outcome: 'IN_PROGRESS',
    reason: `deployment ${view.rolloutId} started; not waiting (--no-wait), exit 0 means started, not succeeded${controller.clientDriven ? `; ${CLIENT_DRIVEN_NOTE}` : ''}`,
    exitCode: 0,
    next: nextSteps(s.opts, where.cluster, where.service, false),
  };
}
