import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type {
  Rule,
  Service,
  ServiceDeployment,
  ServiceRevision,
  Task,
  TargetHealth,
} from '../../aws/types';
import { describeError, ExpectedError } from '../../errors';
import type { IoHost } from '../io-host';
import { isFinal, type Outcome } from '../outcome';
import { revisionLabel, shortId } from '../revision-label';
import type { ActionResult, RolloutActionId, RolloutController, RolloutView } from '../types';
import { readStoppedTasks, stoppedTasksDue } from '../stopped-tasks';
import { groupStoppedTasks, rolloutEvents } from '../view-parts';
import { nativeActions, type Step } from './actions';
import { ContinueAll } from './continue-all';
import { awaiting, nativeOutcome } from './outcome';
import { landedAfterFailure, stopTookEffect, unknownOutcome } from '../write-check';
import { hookRows, revisionRows, roleLanes, trafficRows, type RoledLane } from './rows';
import type { NativeSettings, NativeStrategyId } from './settings';
import { nativeLanes, readRules } from './setup';
import { nativeStages, type StageClock } from './stages-view';
import { ProtectionCheck } from '../protection';

/** Which service deployment this controller follows. */
export interface NativeRef {
  cluster: string;
  service: string;
  strategy: NativeStrategyId;
  serviceDeploymentArn: string;
  /** The settings it runs with (from the plan, or read from the deployment when attached). */
  settings: NativeSettings;
  taskDefinitionArn?: string;
  /** Green's group per production rule, when known at start (the group at 0 % then). */
  greenByRule?: Record<string, string>;
  startedAt?: Date;
  startedBy?: string;
}

// Calls per poll: DescribeServices + DescribeServiceDeployments + DescribeRules (every
// production and test rule in one call) every time; DescribeTargetHealth for both groups of
// each lane every 2nd poll; stopped tasks (ListTasks STOPPED, plus DescribeTasks when it lists
// any) on the first poll, every 3rd and after the outcome is final; DescribeServiceRevisions
// once per revision (cached). Independent of the deployment's history and of how many hooks
// it had.
const HEALTH_EVERY = 2;

export class NativeController implements RolloutController {
  readonly strategy: NativeStrategyId;
  readonly clientDriven = false;
  private polls = 0;
  private sd: ServiceDeployment | undefined;
  private rules = new Map<string, Rule>();
  private readonly health = new Map<string, TargetHealth[]>();
  private readonly revisions = new Map<string, ServiceRevision>();
  private stopped: Task[] = [];
  private readonly clock: StageClock = { firstSeen: new Map() };
  private readonly hookStages = new Map<string, string>();
  private readonly greenByRule: Map<string, string>;
  private operatorAction: 'rollback' | 'abort' | undefined;
  private finalOutcome: Outcome | undefined;
  private readonly protection: ProtectionCheck;
  private readonly continueAll = new ContinueAll();

  constructor(
    private readonly gw: AwsGateway,
    readonly ref: NativeRef,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.strategy = ref.strategy;
    this.protection = new ProtectionCheck(gw, ref.cluster, [ref.service]);
    this.greenByRule = new Map(Object.entries(ref.greenByRule ?? {}));
  }

  async poll(signal?: AbortSignal): Promise<RolloutView> {
    const opts: CallOptions = signal ? { signal } : {};
    const { services } = await this.gw.ecs.describeServices(
      this.ref.cluster,
      [this.ref.service],
      opts,
    );
    const service = services[0];
    if (!service) {
      throw new ExpectedError(
        `service "${this.ref.service}" no longer exists in cluster "${this.ref.cluster}"`,
      );
    }
    const [sd] = await this.gw.ecs.describeServiceDeployments(
      [this.ref.serviceDeploymentArn],
      opts,
    );
    if (!sd) {
      throw new ExpectedError(
        `service deployment ${shortId(this.ref.serviceDeploymentArn)} no longer exists`,
      );
    }
    this.sd = (await this.continueAll.onPoll(this.gw, sd, opts)) ?? sd;
    const lanes = nativeLanes(service);
    this.rules = await readRules(this.gw, lanes, opts);
    const first = this.polls === 0;
    await this.refreshRevisions(this.sd, opts);
    const roled = roleLanes(
      lanes,
      this.revisions.get(this.sd.targetServiceRevisionArn ?? ''),
      this.greenByRule,
      this.rules,
      this.sd,
    );
    for (const l of roled) this.greenByRule.set(l.productionRule, l.green);
    if (first || this.polls % HEALTH_EVERY === 0) await this.refreshHealth(roled, opts);
    if (stoppedTasksDue(this.polls, this.finalOutcome !== undefined)) {
      const since = this.ref.startedAt ?? this.sd.startedAt ?? this.sd.createdAt;
      this.stopped = await readStoppedTasks(
        this.gw,
        this.ref.cluster,
        this.ref.service,
        since,
        opts,
      );
    }
    this.polls++;
    return this.view(service, this.sd, roled);
  }

  private async refreshRevisions(sd: ServiceDeployment, opts: CallOptions): Promise<void> {
    const arns = [
      sd.targetServiceRevisionArn,
      ...sd.sourceServiceRevisions.map((s) => s.arn),
    ].filter((a): a is string => !!a && !this.revisions.has(a));
    if (arns.length === 0) return;
    for (const rev of await this.gw.ecs.describeServiceRevisions(arns, opts))
      this.revisions.set(rev.arn, rev);
  }

  private async refreshHealth(lanes: readonly RoledLane[], opts: CallOptions): Promise<void> {
    const groups = [...new Set(lanes.flatMap((l) => [l.blue, l.green]))];
    const read = await Promise.all(groups.map((tg) => this.gw.elb.describeTargetHealth(tg, opts)));
    groups.forEach((tg, i) => this.health.set(tg, read[i]!));
  }

  private outcome(sd: ServiceDeployment): Outcome {
    if (this.finalOutcome) return this.finalOutcome;
    // a pause `P` continued from a poll is not one to stop at, though ECS may show it a moment
    const seen = this.continueAll.seen(sd);
    const outcome = nativeOutcome(seen, this.now(), this.operatorAction);
    // a rollback is final once ECS says it has finished; anything else final at once
    const settled = outcome.kind !== 'ROLLED_BACK' || sd.status === 'ROLLBACK_SUCCESSFUL';
    if (isFinal(outcome.kind) && settled) this.finalOutcome = outcome;
    return outcome;
  }

  private view(service: Service, sd: ServiceDeployment, lanes: RoledLane[]): RolloutView {
    const now = this.now();
    const outcome = this.outcome(sd);
    const final = isFinal(outcome.kind);
    const ended = outcome.kind === 'SUCCEEDED' ? 'done' : final ? 'failed' : 'no';
    const stages = nativeStages(this.strategy, this.ref.settings, sd, this.clock, now, ended);
    const current = stages.find((s) => s.state === 'current');
    const target = this.revisions.get(sd.targetServiceRevisionArn ?? '');
    const targetTd = this.ref.taskDefinitionArn ?? target?.taskDefinitionArn;
    const cb = sd.circuitBreaker;
    const startedAt = this.ref.startedAt ?? sd.startedAt ?? sd.createdAt;
    return {
      strategy: this.strategy,
      cluster: this.ref.cluster,
      service: this.ref.service,
      rolloutId: this.ref.serviceDeploymentArn,
      state: outcome.kind,
      ...(final || outcome.kind === 'PAUSED' ? { outcome } : {}),
      stateLabel: final
        ? outcome.kind.replace('_', ' ')
        : `${outcome.kind === 'PAUSED' ? 'PAUSED' : sd.status} · ${sd.lifecycleStage ?? 'starting'}`,
      ...(current ? { step: stepOf(stages, current.name) } : {}),
      ...(startedAt ? { startedAt } : {}),
      ...(sd.finishedAt ? { finishedAt: sd.finishedAt } : {}),
      ...(this.ref.startedBy ? { startedBy: this.ref.startedBy } : {}),
      ...(targetTd ? { targetTaskDefinitionArn: targetTd } : {}),
      deployments: revisionRows(sd, service, this.revisions),
      ...(cb
        ? {
            circuitBreaker: {
              enabled: cb.status !== 'DISABLED',
              failures: cb.failureCount,
              threshold: cb.threshold,
            },
          }
        : {}),
      traffic: trafficRows(lanes, sd, this.rules, this.health),
      stages,
      hooks: hookRows(sd, this.hookStages),
      gates: [],
      metrics: [],
      events: rolloutEvents(service.events, startedAt),
      stoppedTasks: groupStoppedTasks(this.stopped),
      actions: nativeActions(this.ref.service, sd, outcome).availability,
      fetchedAt: now,
    };
  }

  async act(action: RolloutActionId, io: IoHost, signal?: AbortSignal): Promise<ActionResult> {
    const sd = this.sd;
    const outcome = sd ? this.outcome(sd) : { kind: 'IN_PROGRESS' as const, reason: '' };
    const plan = nativeActions(this.ref.service, sd, outcome);
    const availability = plan.availability[action];
    const step = plan.steps[action];
    if (!availability.available || !step) {
      return { ok: false, message: availability.available ? 'nothing to do' : availability.reason };
    }
    const opts: CallOptions = signal ? { signal } : {};
    if (!(await io.confirm(await this.protection.guard(availability.confirm, opts)))) {
      return { ok: false, message: `${availability.label} cancelled; nothing was changed` };
    }
    const arn = this.ref.serviceDeploymentArn;
    try {
      if (step.kind === 'continue') {
        for (const hookId of step.hookIds) {
          await this.gw.ecs.continueServiceDeployment(arn, hookId, step.action, opts);
        }
      } else {
        await this.gw.ecs.stopServiceDeployment(arn, step.stopType, opts);
      }
    } catch (error) {
      // every reply lost (or a timeout) may hide an action that happened: read it back first
      const landed = await landedAfterFailure(error, async () => {
        const [now] = await this.gw.ecs.describeServiceDeployments([arn], opts);
        if (!now) return false;
        if (step.kind === 'stop') return stopTookEffect(now.status, step.stopType);
        const waiting = new Set(awaiting(now).map((h) => h.hookId));
        return step.hookIds.every((id) => !waiting.has(id));
      });
      // a hook that expired meanwhile, or a deployment that finished: say so, change nothing
      if (!landed)
        return {
          ok: false,
          message: `${availability.label} failed: ${describeError(error).message}${unknownOutcome(error)}`,
        };
    }
    if (step.kind === 'continue') this.continueAll.acted(step.hookIds, !!step.laterPauses, io);
    if (action === 'rollback' || action === 'abort') this.continueAll.cancel();
    if (action === 'rollback') this.operatorAction = 'rollback';
    if (action === 'abort') this.operatorAction = 'abort';
    io.notify({
      code: step.kind === 'continue' ? 'ECSR_NATIVE_I3101' : 'ECSR_STOP_I3001',
      level: 'info',
      text:
        step.kind === 'continue'
          ? `ContinueServiceDeployment ${step.action} sent for ${step.hookIds.join(', ')}`
          : `StopServiceDeployment ${step.stopType} sent for ${shortId(arn)}`,
      data: {
        serviceDeploymentArn: arn,
        ...(step.kind === 'continue'
          ? { hookIds: step.hookIds, action: step.action }
          : { stopType: step.stopType }),
      },
    });
    return { ok: true, message: resultText(step, this.ref.service, this.ref.taskDefinitionArn) };
  }
}

function resultText(step: Step, service: string, td?: string): string {
  if (step.kind === 'continue' && step.action === 'CONTINUE') {
    return `continued: ECS moves ${service}${td ? ` (${revisionLabel(td)})` : ''} on to the next stage`;
  }
  if (step.kind === 'continue' || step.stopType === 'ROLLBACK') {
    return `rollback requested: ECS sends production and test traffic back to blue and scales green in`;
  }
  return `abort requested: ECS stops ${service}'s deployment where it stands; both revisions keep running until the next deployment (deploy again, or roll back to an earlier revision)`;
}

/** `step n/m` of the timeline for the header: the current stage among all rows. */
function stepOf(stages: RolloutView['stages'], name: string): RolloutView['step'] {
  const index = stages.findIndex((s) => s.name === name);
  return { index: index + 1, total: stages.length, label: name };
}
