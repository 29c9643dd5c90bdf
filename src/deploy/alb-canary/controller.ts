import type { AwsGateway, CallOptions } from '../../aws/gateway';
import { ExpectedError } from '../../errors';
import type { DeployMessage, IoHost } from '../io-host';
import { ProtectionCheck } from '../protection';
import type { ActionResult, RolloutActionId, RolloutController, RolloutView } from '../types';
import { planActions, performAction } from './actions';
import type { CanaryRef, DriveContext, Held, Observation } from './context';
import { tick } from './drive';
import { evaluateGates, type GateVerdict } from './gates';
import { Observer } from './observe';
import { PlanStore, samePosition } from './plan-store';
import { readWeights } from './rule-weights';
import { planStanding, type DrivenPlan, type PlanStanding } from './standing';
import type { PlanState, Weights } from './state';
import { reload } from './transitions';
import { buildView } from './view';
import { readRule } from './weight-writer';

export interface AlbCanaryControllerOptions {
  now?: () => Date;
  /** Messages as the plan moves (CLI NDJSON, TUI flash); actions also report to their IoHost. */
  notify?: (message: DeployMessage) => void;
  /** Principal of this client, for the stable's rolling deployment on promotion. */
  startedBy?: string;
}

/**
 * Follows and drives one ALB canary plan. `poll()` reads AWS at a fixed cost (see Observer)
 * and advances the plan when it is due; `act()` carries out p / P / R / a / space after
 * confirming through the IoHost. All state lives in the rule's tags, so any number of
 * controllers (other operators, CI) can follow the same plan; with a read-only gateway a
 * controller only watches.
 */
export class AlbCanaryController implements RolloutController, DrivenPlan {
  readonly strategy = 'alb-canary' as const;
  readonly clientDriven = true;
  /** Cleared when the app quits: from then on polls only read and actions refuse. */
  private drives = true;
  /** Cancels every call of this controller (the app ends without asking: Ctrl-C, a signal). */
  private readonly halted = new AbortController();
  private readonly store: PlanStore;
  private readonly observer: Observer;
  private readonly now: () => Date;
  private readonly notify: (message: DeployMessage) => void;
  private readonly images = new Map<string, string>();
  private last:
    { held: Held; obs: Observation; verdict: GateVerdict; lastTickFound?: Date } | undefined;
  /** The plan as read when driving stopped, before any poll had read it. */
  private final: PlanState | undefined;
  /** The rule's weights as read when driving stopped. */
  private ruleWeights: Weights | undefined;
  /**
   * Polls and actions of this controller take turns: a poll that drives the plan while `p` is
   * promoting would carry out the same step a second time (a second rolling update of the
   * stable service, refused as a change since its plan, and the promotion held).
   */
  private turn: Promise<unknown> = Promise.resolve();
  private readonly protection: ProtectionCheck;

  constructor(
    private readonly gw: AwsGateway,
    readonly ref: CanaryRef,
    private readonly options: AlbCanaryControllerOptions = {},
  ) {
    this.store = new PlanStore(gw, ref.ruleArn);
    this.observer = new Observer(gw, ref, this.store);
    this.now = options.now ?? (() => new Date());
    this.notify = options.notify ?? (() => {});
    // either service protected: the stable's name is typed, as for its deploy
    this.protection = new ProtectionCheck(gw, ref.cluster, [ref.stableService, ref.canaryService]);
  }

  private context(opts: CallOptions, notify = this.notify): DriveContext {
    return {
      gw: this.gw,
      ref: this.ref,
      store: this.store,
      now: this.now,
      notify,
      ...(this.options.startedBy ? { startedBy: this.options.startedBy } : {}),
      opts,
    };
  }

  private get readOnly(): boolean {
    return this.gw.context.readOnly;
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  get driving(): boolean {
    return this.drives && !this.halted.signal.aborted;
  }

  /**
   * Call options whose signal also ends when the controller is halted, for the span of `work`
   * (listeners are removed after: the halt signal lives as long as the controller).
   */
  private async withHalt<T>(
    signal: AbortSignal | undefined,
    work: (opts: CallOptions) => Promise<T>,
  ): Promise<T> {
    const both = new AbortController();
    const abort = () => both.abort();
    const sources = [this.halted.signal, ...(signal ? [signal] : [])];
    for (const s of sources) {
      if (s.aborted) both.abort();
      else s.addEventListener('abort', abort, { once: true });
    }
    try {
      return await work({ signal: both.signal });
    } finally {
      for (const s of sources) s.removeEventListener('abort', abort);
    }
  }

  poll(signal?: AbortSignal): Promise<RolloutView> {
    return this.inTurn(() => this.withHalt(signal, (opts) => this.pollNow(opts)));
  }

  async stopDriving(settleMs = 5_000): Promise<PlanStanding | undefined> {
    this.drives = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settled = await Promise.race([
      this.turn.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), settleMs))),
    ]);
    clearTimeout(timer);
    // the move under way did not end in time: cancel its call, send nothing more
    if (!settled) this.halt();
    try {
      // one last read (reads only), so what is said after the app is where the rule is now
      const opts = { signal: AbortSignal.timeout(settleMs) };
      const [held, rule] = await Promise.all([
        reload(this.context(opts)),
        readRule(this.gw, this.ref.ruleArn, opts).catch(() => undefined),
      ]);
      const found = rule ? readWeights(rule, this.ref.groups) : undefined;
      if (this.last) this.last = { ...this.last, held };
      else this.final = held.state;
      this.ruleWeights = found?.ok ? found.weights : undefined;
    } catch {
      // the last state this client read or wrote stands
    } finally {
      this.halt();
    }
    return this.standing();
  }

  halt(): void {
    this.drives = false;
    this.halted.abort();
  }

  standing(): PlanStanding | undefined {
    const state = this.last?.held.state ?? this.final;
    if (!state) return undefined;
    const weights =
      this.ruleWeights ??
      (this.last?.obs.weights.ok && this.last.held.state === state
        ? this.last.obs.weights.weights
        : undefined);
    return planStanding(state, weights);
  }

  private async pollNow(opts: CallOptions): Promise<RolloutView> {
    const observed = await this.observer.observe(this.now(), opts);
    const { tags, plan } = observed;
    let obs = observed.obs;
    if (plan.kind !== 'plan') {
      throw new ExpectedError(
        plan.kind === 'none'
          ? `rule ${this.ref.ruleArn} carries no canary plan (its tags were removed)`
          : plan.reason,
      );
    }
    let held: Held = { state: plan.state, tags };
    let verdict = gatesOf(held.state, obs);
    if (!this.readOnly && this.driving) {
      const before = held.state;
      held = await tick(this.context(opts), held, obs, verdict);
      if (!samePosition(before, held.state)) {
        // the plan moved: show the rule as it reads back now, not as it was before the move
        const rule = await readRule(this.gw, this.ref.ruleArn, opts);
        obs = { ...obs, rule, weights: readWeights(rule, this.ref.groups) };
      }
      verdict = gatesOf(held.state, obs);
    }
    await this.refreshImages(obs, opts);
    this.last = {
      held,
      obs,
      verdict,
      ...(plan.state.lastTick ? { lastTickFound: plan.state.lastTick } : {}),
    };
    return this.view();
  }

  private view(): RolloutView {
    const { held, obs, verdict, lastTickFound } = this.last!;
    return buildView({
      ...(lastTickFound ? { lastTickFound } : {}),
      ref: this.ref,
      state: held.state,
      obs,
      verdict,
      images: this.images,
      actions: planActions(
        held.state,
        this.ref,
        obs.weights.ok ? obs.weights.weights : undefined,
        this.readOnly,
      ),
      readOnly: this.readOnly,
    });
  }

  act(action: RolloutActionId, io: IoHost, signal?: AbortSignal): Promise<ActionResult> {
    if (!this.driving)
      return Promise.resolve({
        ok: false,
        message: 'this client no longer drives the plan (the app is quitting); nothing was changed',
      });
    return this.withHalt(signal, (opts) => this.actNow(action, io, opts));
  }

  private async actNow(
    action: RolloutActionId,
    io: IoHost,
    opts: CallOptions,
  ): Promise<ActionResult> {
    // decide on the plan as the rule holds it now, not as the last poll saw it
    const notify = (m: DeployMessage) => {
      this.notify(m);
      io.notify(m);
    };
    const ctx = this.context(opts, notify);
    const asked = await this.actionNow(ctx, action, opts);
    if (!asked.availability.available) return { ok: false, message: asked.availability.reason };
    if (!(await io.confirm(await this.protection.guard(asked.availability.confirm, opts))))
      return { ok: false, message: `${asked.availability.label} cancelled; nothing was changed` };
    // polls go on while the person reads the question; the action runs in turn with them, on
    // the plan as it is then, and only if it is still what was confirmed (a rollback always)
    return this.inTurn(async (): Promise<ActionResult> => {
      if (!this.driving)
        return { ok: false, message: 'this client no longer drives the plan; nothing was changed' };
      const now = await this.actionNow(ctx, action, opts);
      if (!now.availability.available) return { ok: false, message: now.availability.reason };
      if (action !== 'rollback' && !samePosition(now.held.state, asked.held.state))
        return {
          ok: false,
          message: `the plan moved on while you were asked (now ${describePosition(now.held.state)}); nothing was changed`,
        };
      const result = await performAction(ctx, now.held, action, now.ruleWeights);
      if (this.last) this.last = { ...this.last, held: result.held };
      return { ok: true, message: result.message };
    });
  }

  /** The plan as the rule holds it now (not as the last poll saw it), and what `action` can do. */
  private async actionNow(ctx: DriveContext, action: RolloutActionId, opts: CallOptions) {
    const held = await reload(ctx);
    const rule = await readRule(this.gw, this.ref.ruleArn, opts);
    const found = readWeights(rule, this.ref.groups);
    const ruleWeights = found.ok ? found.weights : undefined;
    const availability = planActions(held.state, this.ref, ruleWeights, this.readOnly)[action];
    return { held, ruleWeights, availability };
  }

  private async refreshImages(obs: Observation, opts: CallOptions): Promise<void> {
    for (const d of [...obs.stable.deployments, ...obs.canary.deployments]) {
      if (this.images.has(d.taskDefinitionArn)) continue;
      const td = await this.gw.ecs.describeTaskDefinition(d.taskDefinitionArn, opts);
      this.images.set(d.taskDefinitionArn, td.containers.map((c) => c.image).join(', '));
    }
  }
}

function describePosition(s: PlanState): string {
  const step =
    s.stepIndex >= 0 ? ` at step ${s.stepIndex + 1} (canary ${s.lastWritten.canary}%)` : '';
  return `${s.status}${s.phase ? ` ${s.phase}` : ''}${step}`;
}

function gatesOf(state: PlanState, obs: Observation): GateVerdict {
  return evaluateGates({
    config: state.gates,
    ...(obs.canaryTargets ? { canaryTargets: obs.canaryTargets } : {}),
    ...(obs.alarms ? { alarms: obs.alarms } : {}),
    ...(obs.metrics ? { metrics: obs.metrics } : {}),
    ...(state.stepStartedAt ? { since: state.stepStartedAt } : {}),
  });
}
