import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { ServiceDeployment } from '../../aws/types';
import { describeError } from '../../errors';
import type { IoHost } from '../io-host';
import { awaiting } from './outcome';

/**
 * The rest of `P` (promote fully) on an ECS-native deployment: every PAUSE hook that begins
 * after it is continued as soon as a poll sees it. ECS has no "skip the remaining steps", so
 * this is as far as promoting fully goes: traffic steps and bakes still run as configured.
 * The intent ends with the deployment, a rollback or abort, or a continue that AWS refused.
 */
export class ContinueAll {
  private host: IoHost | undefined;
  /** Hooks continued by this controller: ECS may still show them waiting for a moment. */
  private readonly continued = new Set<string>();
  /** Those continued from a poll, for `P`: not a pause to stop at. */
  private readonly fromPolls = new Set<string>();

  /** Remembers the hooks an action continued, and `P`'s intent (the host to report to). */
  acted(hookIds: readonly string[], laterPauses: boolean, io: IoHost): void {
    for (const id of hookIds) this.continued.add(id);
    if (laterPauses) this.host = io;
  }

  cancel(): void {
    this.host = undefined;
  }

  /** The deployment as a view should judge it: pauses `P` already continued left out. */
  seen(sd: ServiceDeployment): ServiceDeployment {
    if (this.fromPolls.size === 0) return sd;
    return {
      ...sd,
      lifecycleHooks: sd.lifecycleHooks.filter(
        (h) => !(h.status === 'AWAITING_ACTION' && this.fromPolls.has(h.hookId)),
      ),
    };
  }

  /** Continues the pauses that began since; returns the deployment read again if it did. */
  async onPoll(
    gw: AwsGateway,
    sd: ServiceDeployment,
    opts: CallOptions,
  ): Promise<ServiceDeployment | undefined> {
    const io = this.host;
    if (!io) return undefined;
    if (sd.status !== 'IN_PROGRESS' && sd.status !== 'PENDING') {
      this.host = undefined;
      return undefined;
    }
    const waiting = awaiting(sd).filter((h) => !this.continued.has(h.hookId));
    if (waiting.length === 0) return undefined;
    for (const hook of waiting) {
      this.continued.add(hook.hookId);
      this.fromPolls.add(hook.hookId);
      try {
        await gw.ecs.continueServiceDeployment(sd.arn, hook.hookId, 'CONTINUE', opts);
      } catch (error) {
        // it expired or was answered meanwhile: the next read shows how; stop acting for P
        this.host = undefined;
        io.notify({
          code: 'ECSR_NATIVE_W3102',
          level: 'warn',
          text: `promote fully could not continue ${hook.hookId}: ${describeError(error).message}`,
          data: { serviceDeploymentArn: sd.arn, hookId: hook.hookId },
        });
        return undefined;
      }
      io.notify({
        code: 'ECSR_NATIVE_I3101',
        level: 'info',
        text: `ContinueServiceDeployment CONTINUE sent for ${hook.hookId} (promote fully)`,
        data: { serviceDeploymentArn: sd.arn, hookIds: [hook.hookId], action: 'CONTINUE' },
      });
    }
    const [again] = await gw.ecs.describeServiceDeployments([sd.arn], opts);
    return again;
  }
}
