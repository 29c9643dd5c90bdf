import type { Service, TargetHealth } from '../../aws/types';
import type { Outcome, OutcomeKind } from '../outcome';
import { revisionLabel } from '../revision-label';
import type { MetricRow, RolloutDeploymentRow, RolloutView, TrafficRow } from '../types';
import { deploymentRow, healthCounts, rolloutEvents } from '../view-parts';
import type { CanaryRef, Observation } from './context';
import { bakeDone, HEARTBEAT_MS } from './drive';
import type { GateVerdict } from './gates';
import { METRIC_PERIOD_SECONDS, METRIC_WINDOW_MINUTES, type GroupSeries } from './metrics';
import { targetGroupName } from './rule-weights';
import { canaryShare, formatWeights, type PlanState, type Weights } from './state';
import { planStages } from './view-stages';

/**
 * What "keep running in the background" means for a client-driven plan, said truthfully: the
 * plan moves only while some client polls it.
 */
export const BACKGROUND_NOTE =
  'the canary plan advances only while some client polls it: this ecs-rollout in the background, another operator, or `ecs-rollout watch` in CI';

export interface ViewInput {
  ref: CanaryRef;
  state: PlanState;
  obs: Observation;
  verdict: GateVerdict;
  images: ReadonlyMap<string, string>;
  actions: RolloutView['actions'];
  readOnly: boolean;
  /** The plan's `tick` tag as this poll read it, before this client drove it. */
  lastTickFound?: Date;
}

export function buildView(input: ViewInput): RolloutView {
  const { ref, state: s, obs } = input;
  const outcome = awaitingPromote(s, obs.at, input.verdict) ?? outcomeOf(s);
  const events = [
    ...rolloutEvents(obs.stable.events, s.startedAt),
    ...rolloutEvents(obs.canary.events, s.startedAt),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  const note = driverNote(s, input.lastTickFound, obs.at, input.readOnly);
  if (note) events.unshift({ at: obs.at, message: note, severity: 'warn' });
  const stepNumber = Math.max(0, s.stepIndex) + 1;
  return {
    strategy: 'alb-canary',
    cluster: ref.cluster,
    service: ref.stableService,
    rolloutId: s.id,
    state: outcome.kind,
    ...(outcome.kind !== 'IN_PROGRESS' ? { outcome } : {}),
    stateLabel: stateLabel(s, obs),
    step: {
      index: s.stepIndex < 0 ? 0 : stepNumber,
      total: s.steps.length,
      label: s.stepIndex < 0 ? 'PREPARE' : `${s.steps[s.stepIndex]}%`,
    },
    startedAt: s.startedAt,
    ...(s.finishedAt ? { finishedAt: s.finishedAt } : {}),
    startedBy: s.startedBy,
    targetTaskDefinitionArn: s.newRevision,
    deployments: [
      ...serviceRows('stable', obs.stable, input.images),
      ...serviceRows('canary', obs.canary, input.images),
    ],
    traffic: trafficRows(ref, s.lastWritten, obs),
    stages: planStages(s, obs, input.verdict),
    hooks: [],
    gates: input.verdict.rows,
    metrics: metricRows(ref, obs),
    events: events.slice(0, 50),
    stoppedTasks: [],
    actions: input.actions,
    fetchedAt: obs.at,
  };
}

/**
 * `a` holds the canary where it is (product.md: "hold weights where they are"): nothing
 * advances and no gate rolls back by itself, so the rollout has stopped (exit 6), though the
 * plan stays on the rule and can go on: promote (next step) or resume, or roll back.
 */
export function abortOutcome(s: PlanState): Outcome {
  const held = `held at canary ${s.lastWritten.canary}% (weights ${formatWeights(s.lastWritten)}) by abort: nothing advances or rolls back by itself`;
  const from = s.pause?.from;
  const onward =
    from === 'preparing'
      ? 'resume it to go on preparing'
      : from === 'promoting'
        ? 'promote (or resume) to carry on with the promotion'
        : 'promote to start the next step now, or resume it';
  return {
    kind: 'STOPPED',
    reason: `${held}; the plan stays on the rule: ${onward} (and keep a client watching it so it advances), or roll back`,
    trigger: 'operator',
  };
}

export function outcomeOf(s: PlanState): Outcome {
  if (s.status === 'paused' && s.pause?.reason === 'abort') return abortOutcome(s);
  const kind: OutcomeKind =
    s.status === 'done'
      ? 'SUCCEEDED'
      : s.status === 'rolled-back'
        ? 'ROLLED_BACK'
        : s.status === 'paused'
          ? 'PAUSED'
          : 'IN_PROGRESS';
  const trigger: Outcome['trigger'] | undefined =
    s.status !== 'rolled-back'
      ? undefined
      : s.trigger === 'deployment'
        ? 'health'
        : s.trigger === 'timeout'
          ? 'timeout'
          : s.trigger === 'gate'
            ? 'gate'
            : 'operator';
  return {
    kind,
    reason: s.note ?? (kind === 'IN_PROGRESS' ? `canary plan ${s.status}` : s.status),
    ...(trigger ? { trigger } : {}),
  };
}

/**
 * A plan that advances only on p, whose step has baked, waits for a person: PAUSED, as a hook
 * awaiting action is (the monitor says so, `--wait-until paused` returns). A gate still short
 * of data does not hold it: p goes on anyway, so the reason names that gate.
 */
export function awaitingPromote(
  s: PlanState,
  now: Date,
  verdict: GateVerdict,
): Outcome | undefined {
  if (s.status !== 'running' || s.advance !== 'manual' || verdict.failed) return undefined;
  if (!bakeDone(s, now)) return undefined;
  const step = `step ${s.stepIndex + 1} of ${s.steps.length} baked`;
  const next = s.stepIndex + 1 < s.steps.length ? 'continue' : 'promote';
  const waiting = verdict.rows.find((r) => r.status === 'pending');
  return {
    kind: 'PAUSED',
    reason: waiting
      ? `${step}; gate "${waiting.name}" still waiting (${waiting.detail}); press p to ${next} anyway`
      : `${step}; press p to ${next}`,
  };
}

function stateLabel(s: PlanState, obs: Observation): string {
  const actual = obs.weights.ok ? canaryShare(obs.weights.weights) : undefined;
  const at = actual === undefined ? '' : ` · canary ${actual}%`;
  switch (s.status) {
    case 'preparing':
      return `PREPARE · deploying ${revisionLabel(s.newRevision)} to ${s.canaryService}`;
    case 'running':
      return `STEP ${s.stepIndex + 1}/${s.steps.length}${at} · ${s.advance === 'auto' ? 'auto-advance' : 'manual'}`;
    case 'paused':
      if (s.pause?.reason === 'abort') return `STOPPED (abort)${at}`;
      return `PAUSED (${s.pause?.reason === 'conflict' ? 'concurrent change' : (s.pause?.reason ?? 'manual')})${at}`;
    case 'promoting':
      return `PROMOTE · ${s.phase ?? ''}${at}`;
    case 'rolling-back':
      return `ROLLING BACK${at}`;
    case 'done':
      return 'SUCCEEDED';
    case 'rolled-back':
      return 'ROLLED BACK';
  }
}

/**
 * Says so when nobody moved the plan for a while (from its `tick` tag, as this poll found it),
 * and when this client cannot move it.
 */
export function driverNote(
  s: PlanState,
  lastTickFound: Date | undefined,
  now: Date,
  readOnly: boolean,
): string | undefined {
  if (s.status === 'done' || s.status === 'rolled-back') return undefined;
  const notes: string[] = [];
  const idle = lastTickFound ? now.getTime() - lastTickFound.getTime() : 0;
  if (idle >= 2 * HEARTBEAT_MS) {
    const since = `for ${Math.round(idle / 60_000)} min (since ${lastTickFound!.toISOString()})`;
    notes.push(
      readOnly
        ? `no client has driven this plan ${since}`
        : `no client had driven this plan ${since}; this client drives it now`,
    );
  }
  if (readOnly) notes.push('read-only: this client shows the plan but does not advance it');
  if (notes.length === 0) return undefined;
  return `${notes.join('; ')}; ${BACKGROUND_NOTE}`;
}

function serviceRows(
  role: 'stable' | 'canary',
  service: Service,
  images: ReadonlyMap<string, string>,
): RolloutDeploymentRow[] {
  return service.deployments.map((d) => ({
    ...deploymentRow(d, images.get(d.taskDefinitionArn)),
    role: d.status === 'PRIMARY' ? role : `${role} (${d.status.toLowerCase()})`,
  }));
}

function trafficRows(ref: CanaryRef, set: Weights, obs: Observation): TrafficRow[] {
  const setCanary = canaryShare(set);
  const actualCanary = obs.weights.ok ? canaryShare(obs.weights.weights) : undefined;
  const row = (
    label: 'stable' | 'canary',
    arn: string,
    targets: TargetHealth[] | undefined,
    share: (canary: number | undefined) => number | undefined,
  ): TrafficRow => {
    const setWeight = share(setCanary);
    const actualWeight = share(actualCanary);
    return {
      label,
      targetGroupArn: arn,
      targetGroupName: targetGroupName(arn),
      ...(setWeight !== undefined ? { setWeight } : {}),
      ...(actualWeight !== undefined ? { actualWeight } : {}),
      ...healthCounts(targets ?? []),
      route: 'production',
    };
  };
  return [
    row('stable', ref.groups.stableTargetGroupArn, obs.stableTargets, (c) =>
      c === undefined ? undefined : Math.round((100 - c) * 10) / 10,
    ),
    row('canary', ref.groups.canaryTargetGroupArn, obs.canaryTargets, (c) => c),
  ];
}

function metricRows(ref: CanaryRef, obs: Observation): MetricRow[] {
  if (!obs.metrics) return [];
  const end = obs.at.getTime();
  return [
    {
      label: `stable ${targetGroupName(ref.groups.stableTargetGroupArn)}`,
      ...perMinute(obs.metrics.stable, end),
    },
    {
      label: `canary ${targetGroupName(ref.groups.canaryTargetGroupArn)}`,
      ...perMinute(obs.metrics.canary, end),
    },
  ];
}

/** One value per period over the window, zero where CloudWatch had no samples. */
export function perMinute(
  series: GroupSeries,
  endMs: number,
): { requests: number[]; errors5xx: number[] } {
  const period = METRIC_PERIOD_SECONDS * 1000;
  const last = Math.floor(endMs / period) * period;
  const first = last - (METRIC_WINDOW_MINUTES - 1) * period;
  const requests = new Array<number>(METRIC_WINDOW_MINUTES).fill(0);
  const errors5xx = new Array<number>(METRIC_WINDOW_MINUTES).fill(0);
  series.timestamps.forEach((t, i) => {
    const slot = Math.floor((t.getTime() - first) / period);
    if (slot < 0 || slot >= METRIC_WINDOW_MINUTES) return;
    requests[slot] = (requests[slot] ?? 0) + (series.requests[i] ?? 0);
    errors5xx[slot] = (errors5xx[slot] ?? 0) + (series.errors5xx[i] ?? 0);
  });
  return { requests, errors5xx };
}
