import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type {
  CodeDeployDeployment,
  DeploymentConfig,
  DeploymentGroup,
  EcsDeploymentTarget,
  Listener,
  Service,
  Task,
  TargetHealth,
} from '../../aws/types';
import type { IoHost } from '../io-host';
import { isFinal, type Outcome } from '../outcome';
import { revisionLabel } from '../revision-label';
import type { ActionResult, RolloutActionId, RolloutController, RolloutView } from '../types';
import { readStoppedTasks } from '../stopped-tasks';
import { groupStoppedTasks, rolloutEvents } from '../view-parts';
import { codeDeployActions, endTerminationWaitWhenDue, runStep } from './actions';
import { codeDeployOutcome, isRollingBack } from './outcome';
import { blueTargetGroup, taskSetRows, trafficRows } from './rows';
import { codeDeployStages } from './stages';
import { durationText } from './texts';
import { ProtectionCheck } from '../protection';

/** Which deployment this controller follows. */
export interface CodeDeployRef {
  cluster: string;
  service: string;
  deploymentId: string;
  /** Known after plan/apply or attach; else read on the first poll. */
  group?: DeploymentGroup;
  /** The revision green runs, when known. */
  taskDefinitionArn?: string;
  startedAt?: Date;
  startedBy?: string;
}

/**
 * Calls per poll. CodeDeploy: GetDeployment (BatchGetDeployments of the deployment and its
 * rollback once there is one) + GetDeploymentTarget, at most once per 5 s of `now()`
 * (perf-reliability 1.3: faster polling gets throttled); a poll sooner reuses the last answer,
 * and an action makes the next poll read at once. ELBv2: DescribeListeners (production and
 * test in one call) every poll, DescribeTargetHealth for both target groups every 2nd poll.
 * ECS: DescribeServices (task-set revisions, events) and the stopped tasks (ListTasks +
 * DescribeTasks) every 3rd poll. First poll only: GetDeploymentGroup (unless known),
 * GetDeploymentConfig, DescribeTargetGroups, ListDeploymentTargets, and DescribeTaskDefinition
 * once per revision seen. After the outcome is final only the ELB and ECS reads go on.
 */
export const CODEDEPLOY_MIN_INTERVAL_MS = 5_000;
const HEALTH_EVERY = 2;
const SERVICE_EVERY = 3;

export class CodeDeployController implements RolloutController {
  readonly strategy = 'codedeploy' as const;
  readonly clientDriven = false;
  private polls = 0;
  private deployment: CodeDeployDeployment | undefined;
  private rollback: CodeDeployDeployment | undefined;
  /** The deployment's own target: its lifecycle events (frozen once it has ended). */
  private target: EcsDeploymentTarget | undefined;
  private targetFinal = false;
  /** The rollback deployment's target: task sets and weights move there once it runs. */
  private rollbackTarget: EcsDeploymentTarget | undefined;
  private readAt = Number.NEGATIVE_INFINITY;
  private group: DeploymentGroup | undefined;
  private config: DeploymentConfig | undefined;
  private readonly arns = new Map<string, string>();
  private listeners: Listener[] = [];
  private readonly health = new Map<string, TargetHealth[]>();
  private service: Service | undefined;
  private stopped: Task[] = [];
  private readonly setRevisions = new Map<string, string>();
  private readonly images = new Map<string, string>();
  private finalOutcome: Outcome | undefined;
  private readonly protection: ProtectionCheck;
  /** `P` at Ready: end blue's termination wait once it begins (the host to report it to). */
  private endTerminationWait: IoHost | undefined;

  constructor(
    private readonly gw: AwsGateway,
    readonly ref: CodeDeployRef,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.group = ref.group;
    this.protection = new ProtectionCheck(gw, ref.cluster, [ref.service]);
  }

  async poll(signal?: AbortSignal): Promise<RolloutView> {
    const opts: CallOptions = signal ? { signal } : {};
    const first = this.polls === 0;
    await this.readCodeDeploy(opts);
    if (this.endTerminationWait && this.deployment) {
      const end = await endTerminationWaitWhenDue(
        this.gw,
        this.deployment,
        this.endTerminationWait,
        opts,
      );
      if (end !== 'waiting') this.endTerminationWait = undefined;
      if (end === 'sent') {
        // what AWS did shows now, not 5 s later
        this.readAt = Number.NEGATIVE_INFINITY;
        await this.readCodeDeploy(opts);
      }
    }
    const d = this.deployment!;
    if (first) await this.readSetup(d, opts);
    const group = this.group!;
    const listenerArns = [...group.prodListenerArns, ...group.testListenerArns];
    if (listenerArns.length > 0)
      this.listeners = await this.gw.elb.describeListeners({ listenerArns }, opts);
    if (first || this.polls % HEALTH_EVERY === 0) {
      for (const arn of this.arns.values())
        this.health.set(arn, await this.gw.elb.describeTargetHealth(arn, opts));
    }
    const unknownSet = [this.target, this.rollbackTarget].some((t) =>
      t?.taskSets.some((s) => !this.setRevisions.has(s.id)),
    );
    if (first || unknownSet || this.polls % SERVICE_EVERY === 0) await this.readService(opts);
    this.polls++;
    return this.view();
  }

  private async readCodeDeploy(opts: CallOptions): Promise<void> {
    const now = this.now().getTime();
    if (this.deployment && (this.finalOutcome || now - this.readAt < CODEDEPLOY_MIN_INTERVAL_MS))
      return;
    const id = this.ref.deploymentId;
    const rollbackId = this.deployment?.rollbackInfo?.rollbackDeploymentId;
    if (rollbackId) {
      const both = await this.gw.codedeploy.batchGetDeployments([id, rollbackId], opts);
      this.deployment = both.find((x) => x.id === id) ?? this.deployment;
      this.rollback = both.find((x) => x.id === rollbackId);
    } else {
      this.deployment = await this.gw.codedeploy.getDeployment(id, opts);
      const started = this.deployment.rollbackInfo?.rollbackDeploymentId;
      // a rollback just began: read it now rather than a poll later (once)
      if (started) this.rollback = await this.gw.codedeploy.getDeployment(started, opts);
    }
    const d = this.deployment!;
    const ended = ['Succeeded', 'Failed', 'Stopped'].includes(d.status);
    if (d.status !== 'Created' && !this.targetFinal) {
      this.target = (await this.readTarget(id, opts)) ?? this.target;
      this.targetFinal = ended;
    }
    const rb = this.rollback;
    if (rb && rb.status !== 'Created' && !isFinal(this.outcomeNow().kind)) {
      this.rollbackTarget = (await this.readTarget(rb.id, opts)) ?? this.rollbackTarget;
    }
    this.readAt = now;
  }

  /** One GetDeploymentTarget once the ECS target id (`cluster:service`) is known. */
  private readTarget(id: string, opts: CallOptions): Promise<EcsDeploymentTarget | undefined> {
    const known = this.target ?? this.rollbackTarget;
    return this.gw.codedeploy.getEcsDeploymentTarget(id, {
      ...opts,
      ...(known ? { targetId: known.targetId } : {}),
    });
  }

  private async readSetup(d: CodeDeployDeployment, opts: CallOptions): Promise<void> {
    this.group ??= await this.gw.codedeploy.getDeploymentGroup(
      d.applicationName,
      d.deploymentGroupName,
      opts,
    );
    const configName = d.deploymentConfigName ?? this.group.deploymentConfigName;
    if (configName) this.config = await this.gw.codedeploy.getDeploymentConfig(configName, opts);
    const tgs = await this.gw.elb.describeTargetGroups(
      { names: this.group.targetGroupNames },
      opts,
    );
    for (const tg of tgs) this.arns.set(tg.name, tg.arn);
  }

  private async readService(opts: CallOptions): Promise<void> {
    const { services } = await this.gw.ecs.describeServices(
      this.ref.cluster,
      [this.ref.service],
      opts,
    );
    this.service = services[0] ?? this.service;
    for (const t of this.service?.taskSets ?? []) this.setRevisions.set(t.id, t.taskDefinitionArn);
    for (const td of new Set(this.setRevisions.values())) {
      if (this.images.has(td)) continue;
      const def = await this.gw.ecs.describeTaskDefinition(td, opts);
      this.images.set(td, def.containers.map((c) => c.image).join(', '));
    }
    if (this.finalOutcome) return;
    this.stopped = await readStoppedTasks(
      this.gw,
      this.ref.cluster,
      this.ref.service,
      this.ref.startedAt ?? this.deployment?.createTime,
      opts,
    );
  }

  private outcomeNow(): Outcome {
    if (this.finalOutcome) return this.finalOutcome;
    const outcome = codeDeployOutcome(this.deployment!, this.rollback);
    if (isFinal(outcome.kind)) this.finalOutcome = outcome;
    return outcome;
  }

  private view(): RolloutView {
    const d = this.deployment!;
    const group = this.group!;
    const outcome = this.outcomeNow();
    const final = isFinal(outcome.kind);
    // task sets and weights: the rollback's target once it reports them
    const sets = this.rollbackTarget?.taskSets.length ? this.rollbackTarget : this.target;
    const blue = blueTargetGroup(group, sets, this.service, this.arns);
    const green = sets?.taskSets.find((s) => s.label === 'Green');
    const greenWeight = green?.trafficWeight ?? 0;
    const stages = codeDeployStages({
      deployment: d,
      ...(this.target ? { target: this.target } : {}),
      group,
      ...(this.config ? { config: this.config } : {}),
      greenWeight,
      ...(this.rollback ? { rollback: this.rollback } : {}),
    });
    const current = stages.findIndex((s) => s.state === 'current');
    const testDone = this.target?.lifecycleEvents.some(
      (e) => e.name === 'AllowTestTraffic' && e.status === 'Succeeded',
    );
    const targetRevision =
      this.ref.taskDefinitionArn ?? (green ? this.setRevisions.get(green.id) : undefined);
    const actions = codeDeployActions(d, isRollingBack(d, outcome));
    return {
      strategy: 'codedeploy',
      cluster: this.ref.cluster,
      service: this.ref.service,
      rolloutId: d.id,
      state: outcome.kind,
      ...(final || outcome.kind === 'PAUSED' ? { outcome } : {}),
      stateLabel: this.stateLabel(d, outcome, stages[current]?.endsAt, targetRevision),
      ...(current >= 0
        ? { step: { index: current + 1, total: stages.length, label: stages[current]!.name } }
        : {}),
      ...((this.ref.startedAt ?? d.createTime)
        ? { startedAt: (this.ref.startedAt ?? d.createTime)! }
        : {}),
      ...((this.rollback?.completeTime ?? d.completeTime) && final
        ? { finishedAt: (this.rollback?.completeTime ?? d.completeTime)! }
        : {}),
      ...(this.ref.startedBy ? { startedBy: this.ref.startedBy } : {}),
      ...(targetRevision ? { targetTaskDefinitionArn: targetRevision } : {}),
      deployments: taskSetRows({
        target: sets,
        service: this.service,
        taskDefinitions: this.setRevisions,
        images: this.images,
      }),
      traffic: trafficRows({
        group,
        target: sets,
        pair: { arns: this.arns, ...(blue ? { blue } : {}) },
        listeners: this.listeners,
        health: this.health,
        testTrafficOnGreen: !!testDone && !d.rollbackInfo?.rollbackDeploymentId,
      }),
      stages,
      hooks: [],
      gates: [],
      metrics: [],
      events: rolloutEvents(this.service?.events ?? [], this.ref.startedAt ?? d.createTime),
      stoppedTasks: groupStoppedTasks(this.stopped),
      actions: actions.availability,
      fetchedAt: this.now(),
    };
  }

  private stateLabel(
    d: CodeDeployDeployment,
    outcome: Outcome,
    endsAt: Date | undefined,
    revision: string | undefined,
  ): string {
    if (isFinal(outcome.kind)) return outcome.kind.replace('_', ' ');
    const left = endsAt ? ` · ${durationText(endsAt.getTime() - this.now().getTime())} left` : '';
    if (isRollingBack(d, outcome)) return `ROLLING BACK · ${this.rollback?.status ?? 'starting'}`;
    if (d.status === 'Ready') return `READY · waiting for reroute (p)${left}`;
    if (d.instanceTerminationWaitTimeStarted) return `TERMINATION WAIT · blue kept${left}`;
    return `${d.status}${revision ? ` · ${revisionLabel(revision)}` : ''}`;
  }

  invalidate(): void {
    this.readAt = Number.NEGATIVE_INFINITY;
  }

  async act(action: RolloutActionId, io: IoHost, signal?: AbortSignal): Promise<ActionResult> {
    const d = this.deployment;
    const outcome = d ? this.outcomeNow() : undefined;
    const plan = codeDeployActions(d, !!d && !!outcome && isRollingBack(d, outcome));
    const availability = plan.availability[action];
    const step = plan.steps[action];
    if (!availability.available || !step || !d) {
      return { ok: false, message: availability.available ? 'nothing to do' : availability.reason };
    }
    const opts: CallOptions = signal ? { signal } : {};
    if (!(await io.confirm(await this.protection.guard(availability.confirm, opts))))
      return { ok: false, message: `${availability.label} cancelled; nothing was changed` };
    const result = await runStep(this.gw, d, step, io, opts);
    if (result.ok && step.kind === 'continue' && step.thenEndTerminationWait)
      this.endTerminationWait = io;
    // what AWS does next shows on the very next poll, not 5 s later
    this.readAt = Number.NEGATIVE_INFINITY;
    return result;
  }
}
