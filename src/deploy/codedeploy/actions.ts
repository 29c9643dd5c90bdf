import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { CodeDeployDeployment } from '../../aws/types';
import { describeError } from '../../errors';
import type { IoHost } from '../io-host';
import type { ActionAvailability, ActionResult, RolloutActionId } from '../types';
import { landedAfterFailure, unknownOutcome, writeOnce } from '../write-check';
import { continued } from './verify';
import { available, unavailable } from '../view-parts';

/**
 * The monitor keys for CodeDeploy (product.md, Strategies): `p` ContinueDeployment READY_WAIT
 * while Ready (reroute now), then TERMINATION_WAIT during blue's termination wait (end it now);
 * `P` (promote fully) at Ready reroutes and then ends blue's termination wait too, once
 * CodeDeploy is in it (AWS takes TERMINATION_WAIT only then, aws-semantics D.6): the controller
 * keeps the intent and sends it from a poll, so it happens while some client watches; `R`
 * StopDeployment with auto-rollback; `a` StopDeployment without; `space` is not a thing
 * CodeDeploy can do.
 */

export type Step =
  | {
      kind: 'continue';
      waitType: 'READY_WAIT' | 'TERMINATION_WAIT';
      /** After READY_WAIT: end blue's termination wait too, once it has begun. */
      thenEndTerminationWait?: boolean;
    }
  | { kind: 'stop'; rollback: boolean };

/** Blue is kept for a termination wait that TERMINATION_WAIT can end (TERMINATE, wait > 0). */
export function hasTerminationWait(d: CodeDeployDeployment): boolean {
  return d.termination?.action !== 'KEEP_ALIVE' && (d.termination?.waitTimeInMinutes ?? 0) > 0;
}

export interface ActionPlan {
  availability: Record<RolloutActionId, ActionAvailability>;
  steps: Partial<Record<RolloutActionId, Step>>;
}

export function codeDeployActions(
  d: CodeDeployDeployment | undefined,
  rollingBack: boolean,
): ActionPlan {
  const steps: ActionPlan['steps'] = {};
  const pause = unavailable(
    'pause',
    'CodeDeploy cannot pause a deployment; a ready wait (deployment group setting) holds traffic before it moves',
  );
  if (!d) {
    const why = 'the deployment has not been read yet';
    return {
      availability: {
        promote: unavailable('promote', why),
        promoteFull: unavailable('promote fully', why),
        rollback: unavailable('roll back', why),
        abort: unavailable('abort', why),
        togglePause: pause,
      },
      steps,
    };
  }
  const final = ['Succeeded', 'Failed', 'Stopped'].includes(d.status);
  let promote: ActionAvailability;
  let promoteFull: ActionAvailability | undefined;
  if (d.status === 'Ready') {
    steps.promote = { kind: 'continue', waitType: 'READY_WAIT' };
    const reroute = [
      `CodeDeploy ContinueDeployment ${d.id} deploymentWaitType=READY_WAIT`,
      `production traffic moves to the replacement task set per ${d.deploymentConfigName ?? 'the group config'}`,
    ];
    promote = available('reroute production traffic now', {
      title: `Reroute production traffic of ${d.deploymentGroupName} to green`,
      lines: reroute,
      dangerous: false,
    });
    if (hasTerminationWait(d)) {
      steps.promoteFull = {
        kind: 'continue',
        waitType: 'READY_WAIT',
        thenEndTerminationWait: true,
      };
      promoteFull = available("reroute now, then end blue's wait", {
        title: `Promote ${d.deploymentGroupName} fully: reroute, then remove blue at once`,
        lines: [
          ...reroute,
          `then, once CodeDeploy keeps blue for its ${d.termination?.waitTimeInMinutes} min termination wait: ContinueDeployment deploymentWaitType=TERMINATION_WAIT (blue removed, the deployment succeeds; R can no longer roll back)`,
          'this client sends that second call while it watches the rollout; if it stops watching first, promote again then',
        ],
        dangerous: true,
      });
    } else {
      steps.promoteFull = steps.promote;
      promoteFull = available('reroute production traffic now', {
        title: `Reroute production traffic of ${d.deploymentGroupName} to green`,
        lines: [
          ...reroute,
          'the group keeps no termination wait to end afterwards, so this is all "promote fully" can do',
        ],
        dangerous: false,
      });
    }
  } else if (d.status === 'InProgress' && d.instanceTerminationWaitTimeStarted) {
    steps.promote = steps.promoteFull = { kind: 'continue', waitType: 'TERMINATION_WAIT' };
    promote = available("end blue's wait now", {
      title: `Terminate the original (blue) task set of ${d.deploymentGroupName} now`,
      lines: [
        `CodeDeploy ContinueDeployment ${d.id} deploymentWaitType=TERMINATION_WAIT`,
        'blue is removed at once and the deployment succeeds; after that R can no longer roll back',
      ],
      dangerous: true,
    });
  } else {
    promote = unavailable(
      'promote',
      final
        ? rollingBack
          ? 'CodeDeploy is rolling this deployment back'
          : `the deployment has finished (${d.status})`
        : d.instanceTerminationWaitTimeStarted
          ? 'blue has been terminated'
          : 'nothing to promote yet: CodeDeploy moves traffic by itself, p works while it waits (Ready or termination wait)',
    );
  }
  const finished = final
    ? rollingBack
      ? 'CodeDeploy is already rolling this deployment back'
      : `the deployment has finished (${d.status}): pick an earlier deployment with R on the service`
    : undefined;
  let rollback: ActionAvailability;
  let abort: ActionAvailability;
  if (finished) {
    rollback = unavailable('roll back', finished);
    abort = unavailable('abort', finished);
  } else {
    steps.rollback = { kind: 'stop', rollback: true };
    steps.abort = { kind: 'stop', rollback: false };
    rollback = available('roll back', {
      title: `Roll back ${d.deploymentGroupName} (deployment ${d.id})`,
      lines: [
        `CodeDeploy StopDeployment ${d.id} autoRollbackEnabled=true`,
        'production and test traffic go back to blue; green is removed',
      ],
      dangerous: true,
    });
    abort = available('abort', {
      title: `Stop ${d.deploymentGroupName} without rollback (deployment ${d.id})`,
      lines: [
        `CodeDeploy StopDeployment ${d.id} autoRollbackEnabled=false`,
        'both task sets and the traffic split stay as they are now; you clean up by hand',
      ],
      dangerous: true,
    });
  }
  return {
    availability: {
      promote,
      promoteFull: promoteFull ?? {
        ...promote,
        label: promote.label === 'promote' ? 'promote fully' : promote.label,
      },
      rollback,
      abort,
      togglePause: pause,
    },
    steps,
  };
}

/** Carries out one step; AWS refusing it (the state moved on) is a result, not a crash. */
export async function runStep(
  gw: AwsGateway,
  d: CodeDeployDeployment,
  step: Step,
  io: IoHost,
  opts: CallOptions,
): Promise<ActionResult> {
  try {
    if (step.kind === 'continue') {
      await writeOnce(
        `ContinueDeployment ${d.id}`,
        async () => {
          await gw.codedeploy.continueDeployment(d.id, step.waitType, opts);
          return true;
        },
        async () => ((await continued(gw, d.id, step.waitType, opts)) ? true : undefined),
        io,
      );
      io.notify({
        code: 'ECSR_CODEDEPLOY_I5002',
        level: 'info',
        text: `ContinueDeployment ${step.waitType} sent for ${d.id}`,
        data: { deploymentId: d.id, waitType: step.waitType },
      });
      return {
        ok: true,
        message:
          step.waitType === 'READY_WAIT'
            ? `reroute requested: CodeDeploy is moving production traffic of ${d.id} to green${step.thenEndTerminationWait ? "; blue's termination wait is ended as soon as it begins (while this client watches)" : ''}`
            : `termination requested: CodeDeploy is removing blue now and finishing ${d.id}`,
      };
    }
    let out: { status?: string; message?: string };
    try {
      out = await gw.codedeploy.stopDeployment(d.id, step.rollback, opts);
    } catch (error) {
      // every reply lost (or a timeout) may hide a stop that happened: read it back first
      const landed = await landedAfterFailure(error, async () => {
        const now = await gw.codedeploy.getDeployment(d.id, opts);
        return now.status === 'Stopped' || now.status === 'Failed';
      });
      if (!landed) throw error;
      out = { status: 'Stopped' };
    }
    io.notify({
      code: 'ECSR_CODEDEPLOY_I5003',
      level: 'info',
      text: `StopDeployment sent for ${d.id} (autoRollbackEnabled=${step.rollback}): ${out.status ?? 'accepted'}`,
      data: { deploymentId: d.id, autoRollbackEnabled: step.rollback, ...out },
    });
    return {
      ok: true,
      message: step.rollback
        ? `rollback requested: CodeDeploy is stopping ${d.id} and putting traffic back on blue`
        : `stop requested: CodeDeploy is stopping ${d.id}; task sets and traffic stay as they are`,
    };
  } catch (error) {
    const { message, hint } = describeError(error);
    // a lost reply is not a refusal: AWS may have acted, so "nothing was changed" would be a guess
    const unknown = unknownOutcome(error);
    return {
      ok: false,
      message: unknown
        ? `CodeDeploy did not answer: ${message}${unknown}`
        : `CodeDeploy refused: ${message}${hint ? ` (${hint})` : ''}. Nothing was changed`,
    };
  }
}

/**
 * The second half of `P` at Ready, from a poll: once CodeDeploy keeps blue for its termination
 * wait, ContinueDeployment TERMINATION_WAIT ends it (AWS takes it only then, D.6). 'gone' when
 * the deployment went another way (stopped, rolled back, finished): nothing to send any more.
 */
export async function endTerminationWaitWhenDue(
  gw: AwsGateway,
  d: CodeDeployDeployment,
  io: IoHost,
  opts: CallOptions,
): Promise<'sent' | 'waiting' | 'gone'> {
  if (d.status !== 'InProgress' && d.status !== 'Ready') return 'gone';
  if (d.status !== 'InProgress' || !d.instanceTerminationWaitTimeStarted) return 'waiting';
  // runStep reports the call it sent; a refusal is said here (the deployment moved on)
  const result = await runStep(gw, d, { kind: 'continue', waitType: 'TERMINATION_WAIT' }, io, opts);
  if (!result.ok)
    io.notify({
      code: 'ECSR_CODEDEPLOY_W5004',
      level: 'warn',
      text: `promote fully could not end blue's termination wait: ${result.message}`,
      data: { deploymentId: d.id },
    });
  return 'sent';
}
