import type { AwsGateway } from '../../aws/gateway';
import type { Service, ServiceDeployment, Task, TargetHealth } from '../../aws/types';
import { describeError, ExpectedError } from '../../errors';
import { landedAfterFailure, stopTookEffect, unknownOutcome } from '../write-check';
import type { IoHost } from '../io-host';
import { isFinal, type Outcome } from '../outcome';
import { revisionLabel } from '../revision-label';
import type {
  ActionResult,
  RolloutActionId,
  RolloutController,
  RolloutView,
  TrafficRow,
} from '../types';
import {
  allUnavailable,
  available,
  deploymentRow,
  groupStoppedTasks,
  healthCounts,
  rolloutEvents,
  unavailable,
} from '../view-parts';
import { readStoppedTasks, stoppedTasksDue } from '../stopped-tasks';
import { ProtectionCheck } from '../protection';
import { rollingOutcome } from './outcome';
import { serviceDeploymentOutcome } from './service-deployment-outcome';

/** Which rollout this controller follows. */
export interface RollingRef {
  cluster: string;
  service: string;
  /** `ecs-svc/...` of the deployment we follow. */
  deploymentId: string;
  taskDefinitionArn: string;
  serviceDeploymentArn?: string;
  startedAt?: Date;
  startedBy?: string;
}

// Calls per poll: DescribeServices + DescribeServiceDeployments every time, target health per
// target group every 2nd poll, stopped tasks (ListTasks + DescribeTasks) every 3rd poll, and a
// DescribeTaskDefinition only the first time a revision is seen. Independent of history.
const HEALTH_EVERY = 2;

export class RollingController implements RolloutController {
  readonly strategy = 'rolling' as const;
  readonly clientDriven = false;
  private polls = 0;
  private finalOutcome: Outcome | undefined;
  private health = new Map<string, TargetHealth[]>();
  private stopped: Task[] = [];
  private readonly images = new Map<string, string>();
  private lastService: Service | undefined;
  private readonly protection: ProtectionCheck;

  constructor(
    private readonly gw: AwsGateway,
    readonly ref: RollingRef,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.protection = new ProtectionCheck(gw, ref.cluster, [ref.service]);
  }

  async poll(signal?: AbortSignal): Promise<RolloutView> {
    const opts = signal ? { signal } : {};
    const { services } = await this.gw.ecs.describeServices(
      this.ref.cluster,
      [this.ref.service],
      opts,
    );
    const service = services[0];
    if (!service)
      throw new ExpectedError(
        `service "${this.ref.service}" no longer exists in cluster "${this.ref.cluster}"`,
      );
    this.lastService = service;
    let sd: ServiceDeployment | undefined;
    if (this.ref.serviceDeploymentArn) {
      [sd] = await this.gw.ecs.describeServiceDeployments([this.ref.serviceDeploymentArn], opts);
    }
    const first = this.polls === 0;
    if (first || this.polls % HEALTH_EVERY === 0) await this.refreshHealth(service, signal);
    if (stoppedTasksDue(this.polls, this.finalOutcome !== undefined)) {
      this.stopped = await readStoppedTasks(
        this.gw,
        this.ref.cluster,
        this.ref.service,
        this.ref.startedAt,
        opts,
      );
    }
    await this.refreshImages(service, signal);
    this.polls++;

    const outcome = this.outcome(service, sd);
    return this.view(service, sd, outcome);
  }

  private outcome(service: Service, sd: ServiceDeployment | undefined): Outcome {
    if (this.finalOutcome) return this.finalOutcome;
    const fromService = rollingOutcome(service, this.ref.deploymentId, this.ref.taskDefinitionArn);
    const fromSd = sd ? serviceDeploymentOutcome(sd) : undefined;
    // The service deployment's status is authoritative when it has one; the service's
    // deployments[] fills in while it has not caught up (eventual consistency).
    let outcome = fromSd && fromSd.kind !== 'IN_PROGRESS' ? fromSd : fromService;
    if (outcome.kind === 'ROLLED_BACK' && fromService.kind === 'ROLLED_BACK') {
      outcome = {
        ...outcome,
        reason: fromService.reason,
        ...(fromService.trigger ? { trigger: fromService.trigger } : {}),
      };
    }
    // A rollback is final once it has settled; a success or failure is final at once.
    if (isFinal(outcome.kind) && (outcome.kind !== 'ROLLED_BACK' || rollbackSettled(service, sd)))
      this.finalOutcome = outcome;
    return outcome;
  }

  private async refreshHealth(service: Service, signal?: AbortSignal): Promise<void> {
    const tgs = [
      ...new Set(
        service.loadBalancers.map((l) => l.targetGroupArn).filter((a): a is string => !!a),
      ),
    ];
    for (const tg of tgs)
      this.health.set(tg, await this.gw.elb.describeTargetHealth(tg, signal ? { signal } : {}));
  }

  private async refreshImages(service: Service, signal?: AbortSignal): Promise<void> {
    for (const d of service.deployments) {
      if (this.images.has(d.taskDefinitionArn)) continue;
      const td = await this.gw.ecs.describeTaskDefinition(
        d.taskDefinitionArn,
        signal ? { signal } : {},
      );
      this.images.set(d.taskDefinitionArn, td.containers.map((c) => c.image).join(', '));
    }
  }

  private view(service: Service, sd: ServiceDeployment | undefined, outcome: Outcome): RolloutView {
    const ours = service.deployments.find((d) => d.id === this.ref.deploymentId);
    const breaker = service.deploymentConfiguration.circuitBreaker;
    const traffic: TrafficRow[] = [...this.health.entries()].map(([arn, targets]) => ({
      label: 'service',
      targetGroupArn: arn,
      targetGroupName: arn.split('/')[1] ?? arn,
      ...healthCounts(targets),
    }));
    const final = isFinal(outcome.kind);
    return {
      strategy: 'rolling',
      cluster: this.ref.cluster,
      service: this.ref.service,
      rolloutId: this.ref.deploymentId,
      state: outcome.kind,
      ...(final || outcome.kind === 'PAUSED' ? { outcome } : {}),
      stateLabel: final
        ? outcome.kind.replace('_', ' ')
        : `${ours?.rolloutState ?? 'IN_PROGRESS'} · ${revisionLabel(this.ref.taskDefinitionArn)}`,
      ...(this.ref.startedAt ? { startedAt: this.ref.startedAt } : {}),
      ...(sd?.finishedAt ? { finishedAt: sd.finishedAt } : {}),
      ...(this.ref.startedBy ? { startedBy: this.ref.startedBy } : {}),
      targetTaskDefinitionArn: this.ref.taskDefinitionArn,
      deployments: service.deployments.map((d) =>
        deploymentRow(d, this.images.get(d.taskDefinitionArn)),
      ),
      ...(breaker
        ? {
            circuitBreaker: {
              enabled: breaker.enable,
              failures: sd?.circuitBreaker?.failureCount ?? ours?.failedTasks ?? 0,
              threshold: sd?.circuitBreaker?.threshold ?? breakerThreshold(service.desiredCount),
            },
          }
        : {}),
      traffic,
      stages: [],
      hooks: [],
      gates: [],
      metrics: [],
      events: rolloutEvents(service.events, this.ref.startedAt),
      stoppedTasks: groupStoppedTasks(this.stopped),
      actions: this.actions(outcome),
      fetchedAt: this.now(),
    };
  }

  private actions(outcome: Outcome): RolloutView['actions'] {
    const base = allUnavailable(
      'a rolling update has no promote step: ECS finishes it once the new tasks are healthy',
    );
    base.togglePause = unavailable('pause', 'ECS rolling updates cannot be paused');
    if (isFinal(outcome.kind)) {
      base.rollback = unavailable(
        'roll back',
        'this deployment has finished: press R on the service to pick an earlier deployment',
      );
      base.abort = unavailable('abort', 'this deployment has finished');
      return base;
    }
    if (!this.ref.serviceDeploymentArn) {
      base.rollback = unavailable(
        'roll back',
        'AWS did not report a service deployment ARN to stop',
      );
      base.abort = unavailable('abort', 'AWS did not report a service deployment ARN to stop');
      return base;
    }
    base.rollback = available('roll back', {
      title: `Roll back ${this.ref.service}`,
      lines: [
        `StopServiceDeployment ${this.ref.serviceDeploymentArn} stopType=ROLLBACK`,
        'ECS stops this deployment and returns the service to its last completed deployment.',
      ],
      dangerous: true,
    });
    base.abort = available('abort', {
      title: `Abort ${this.ref.service} (no rollback)`,
      lines: [
        `StopServiceDeployment ${this.ref.serviceDeploymentArn} stopType=ABORT`,
        'ECS stops launching new tasks and leaves both revisions as they are; AWS may refuse ABORT for rolling deployments.',
      ],
      dangerous: true,
    });
    return base;
  }

  async act(action: RolloutActionId, io: IoHost, signal?: AbortSignal): Promise<ActionResult> {
    const service = this.lastService;
    const outcome = service ? this.outcome(service, undefined) : undefined;
    const availability = this.actions(outcome ?? { kind: 'IN_PROGRESS', reason: '' })[action];
    if (!availability.available) return { ok: false, message: availability.reason };
    const opts = signal ? { signal } : {};
    if (!(await io.confirm(await this.protection.guard(availability.confirm, opts))))
      return { ok: false, message: `${availability.label} cancelled; nothing was changed` };
    const arn = this.ref.serviceDeploymentArn!;
    const stopType = action === 'abort' ? 'ABORT' : 'ROLLBACK';
    try {
      await this.gw.ecs.stopServiceDeployment(arn, stopType, opts);
    } catch (error) {
      // every reply lost (or a timeout) may hide a stop that happened: read it back first
      const landed = await landedAfterFailure(error, async () => {
        const [sd] = await this.gw.ecs.describeServiceDeployments([arn], opts);
        return stopTookEffect(sd?.status, stopType);
      });
      if (!landed) {
        const { message, hint } = describeError(error);
        throw new ExpectedError(
          `${availability.label} failed: ${message}${unknownOutcome(error)}`,
          hint,
        );
      }
    }
    io.notify({
      code: 'ECSR_STOP_I3001',
      level: 'info',
      text: `StopServiceDeployment ${stopType} sent for ${this.ref.deploymentId}`,
      data: { serviceDeploymentArn: arn, stopType },
    });
    return {
      ok: true,
      message:
        stopType === 'ROLLBACK'
          ? `rollback requested: ECS is stopping ${this.ref.deploymentId} and returning to the last completed deployment`
          : `abort requested: ECS is stopping ${this.ref.deploymentId} without rollback`,
    };
  }
}

/** AWS's circuit-breaker threshold: half the desired count, at least 3, at most 200. */
export function breakerThreshold(desired: number): number {
  return Math.min(200, Math.max(3, Math.ceil(desired / 2)));
}

function rollbackSettled(service: Service, sd: ServiceDeployment | undefined): boolean {
  if (sd && (sd.status === 'ROLLBACK_SUCCESSFUL' || sd.status === 'ROLLBACK_FAILED')) return true;
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  return service.deployments.length === 1 && primary?.rolloutState === 'COMPLETED';
}
