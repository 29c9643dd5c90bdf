import {
  isFinalStatus,
  type PauseReason,
  type PausedFrom,
  type PlanState,
  type PlanStatus,
  type PromotePhase,
  type RollbackTrigger,
  type Weights,
} from './state';
import {
  decodeNameList,
  encodeNameList,
  fitTagText,
  TAG_VALUE_MAX,
  unescapeTagText,
} from './tag-text';

/**
 * The plan on the rule, as tags `ecs-rollout:canary:<key>` (20 of ELBv2's 50 per resource).
 *
 * | key | value |
 * |---|---|
 * | v | codec version, `1` |
 * | id | plan id (rollout id) |
 * | cluster, stable, canary | the pair's cluster and services |
 * | plan | `steps=10/25/50/100 bake=5 advance=auto health=on errors=1/50 prepare=30` (errors=off, or margin pp/min requests) |
 * | alarms | alarm names, escaped, space separated |
 * | step | current step index (-1 while preparing) |
 * | step-at | when the current step started (ISO, the plan clock) |
 * | status | `preparing`, `running`, `paused:<manual/abort/conflict>:<from>`, `promoting:<phase>`, `rolling-back[:stable]`, `done`, `rolled-back:<trigger>` |
 * | started, by | when and by whom (STS principal ARN) |
 * | rev, prev, sprev | new revision, the canary's previous revision, the stable's revision at the start |
 * | dep | the ECS deployment the plan waits on |
 * | w | weights this plan last wrote, `stable/canary` |
 * | tick | when a client last drove the plan |
 * | why | why it paused / rolled back / ended (escaped text) |
 * | end | when it ended |
 */
export const TAG_PREFIX = 'ecs-rollout:canary:';
export const CODEC_VERSION = '1';

const key = (k: string) => `${TAG_PREFIX}${k}`;

export function encodePlan(state: PlanState): Record<string, string> {
  const alarms = encodeNameList(state.gates.alarms);
  if (alarms === undefined)
    throw new RangeError(`alarm names take more than ${TAG_VALUE_MAX} characters on the rule`);
  const g = state.gates;
  const tags: Record<string, string> = {
    v: CODEC_VERSION,
    id: state.id,
    cluster: state.cluster,
    stable: state.stableService,
    canary: state.canaryService,
    plan: [
      `steps=${state.steps.join('/')}`,
      `bake=${state.bakeMinutes}`,
      `advance=${state.advance}`,
      `health=${g.health ? 'on' : 'off'}`,
      `errors=${g.errors ? `${g.errorMarginPct}/${g.minRequests}` : 'off'}`,
      `prepare=${state.prepareTimeoutMinutes}`,
    ].join(' '),
    alarms,
    step: String(state.stepIndex),
    'step-at': state.stepStartedAt?.toISOString() ?? '',
    status: encodeStatus(state),
    started: state.startedAt.toISOString(),
    by: fitTagText(state.startedBy),
    rev: state.newRevision,
    prev: state.previousCanaryRevision,
    sprev: state.previousStableRevision,
    dep: state.deploymentId ?? '',
    w: `${state.lastWritten.stable}/${state.lastWritten.canary}`,
    tick: state.lastTick?.toISOString() ?? '',
    why: state.note ? fitTagText(state.note) : '',
    end: state.finishedAt?.toISOString() ?? '',
  };
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [key(k), v]));
}

function encodeStatus(state: PlanState): string {
  switch (state.status) {
    case 'paused':
      return `paused:${state.pause?.reason ?? 'manual'}:${state.pause?.from ?? 'running'}`;
    case 'promoting':
      return `promoting:${state.phase ?? 'to-full'}`;
    case 'rolled-back':
      return `rolled-back:${state.trigger ?? 'operator'}`;
    case 'rolling-back':
      return state.revertStable ? 'rolling-back:stable' : 'rolling-back';
    default:
      return state.status;
  }
}

/** The tags that differ between two encodings: what an AddTags must send. */
export function changedTags(
  before: Record<string, string>,
  after: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v));
}

export type DecodeResult =
  { kind: 'none' } | { kind: 'plan'; state: PlanState } | { kind: 'unreadable'; reason: string };

/** Reads the plan from a rule's tags. Tags without our version key mean no plan. */
export function decodePlan(tags: Record<string, string>): DecodeResult {
  const get = (k: string) => {
    const v = tags[key(k)];
    return v === undefined || v === '' ? undefined : v;
  };
  const version = get('v');
  if (version === undefined) return { kind: 'none' };
  if (version !== CODEC_VERSION) {
    return {
      kind: 'unreadable',
      reason: `the rule carries a canary plan of format ${version}; this ecs-rollout reads format ${CODEC_VERSION} (upgrade it)`,
    };
  }
  try {
    const need = (k: string) => {
      const v = get(k);
      if (v === undefined) throw new Error(`tag ${key(k)} is missing`);
      return v;
    };
    const plan = parsePlanField(need('plan'));
    const status = parseStatus(need('status'));
    const w = /^(\d{1,3})\/(\d{1,3})$/.exec(need('w'));
    if (!w) throw new Error(`tag ${key('w')} is "${get('w')}", not stable/canary weights`);
    const lastWritten: Weights = { stable: Number(w[1]), canary: Number(w[2]) };
    const stepIndex = Number(need('step'));
    if (!Number.isInteger(stepIndex) || stepIndex < -1 || stepIndex >= plan.steps.length)
      throw new Error(`tag ${key('step')} is "${get('step')}", not a step of the plan`);
    const state: PlanState = {
      id: need('id'),
      cluster: need('cluster'),
      stableService: need('stable'),
      canaryService: need('canary'),
      ...plan,
      gates: { ...plan.gates, alarms: decodeNameList(get('alarms')) },
      stepIndex,
      startedAt: date(need('started'), 'started'),
      startedBy: unescapeTagText(get('by') ?? 'unknown'),
      ...status,
      newRevision: need('rev'),
      previousCanaryRevision: need('prev'),
      previousStableRevision: need('sprev'),
      lastWritten,
    };
    const stepAt = get('step-at');
    if (stepAt) state.stepStartedAt = date(stepAt, 'step-at');
    const dep = get('dep');
    if (dep) state.deploymentId = dep;
    const tick = get('tick');
    if (tick) state.lastTick = date(tick, 'tick');
    const why = get('why');
    if (why) state.note = unescapeTagText(why);
    const end = get('end');
    if (end) state.finishedAt = date(end, 'end');
    return { kind: 'plan', state };
  } catch (error) {
    return {
      kind: 'unreadable',
      reason: `the rule's canary tags are unreadable: ${(error as Error).message}`,
    };
  }
}

function date(value: string, name: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`tag ${key(name)} is "${value}", not a time`);
  return d;
}

type PlanFields = Pick<
  PlanState,
  'steps' | 'bakeMinutes' | 'advance' | 'prepareTimeoutMinutes' | 'gates'
>;

function parsePlanField(value: string): PlanFields {
  const fields = new Map(
    value.split(' ').map((w) => {
      const eq = w.indexOf('=');
      return [w.slice(0, eq), w.slice(eq + 1)] as const;
    }),
  );
  const steps = (fields.get('steps') ?? '').split('/').map(Number);
  if (steps.length === 0 || steps.some((s) => !Number.isInteger(s) || s < 1 || s > 100))
    throw new Error(`tag ${key('plan')} has bad steps "${fields.get('steps')}"`);
  const bake = Number(fields.get('bake'));
  if (!Number.isFinite(bake) || bake < 0) throw new Error(`tag ${key('plan')} has bad bake time`);
  const advance = fields.get('advance');
  if (advance !== 'auto' && advance !== 'manual')
    throw new Error(`tag ${key('plan')} has bad advance "${advance}"`);
  const errors = fields.get('errors') ?? 'off';
  const em = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(errors);
  if (errors !== 'off' && !em) throw new Error(`tag ${key('plan')} has bad errors "${errors}"`);
  const prepare = Number(fields.get('prepare') ?? '30');
  return {
    steps,
    bakeMinutes: bake,
    advance,
    prepareTimeoutMinutes: Number.isFinite(prepare) && prepare > 0 ? prepare : 30,
    gates: {
      health: fields.get('health') !== 'off',
      alarms: [],
      errors: !!em,
      errorMarginPct: em ? Number(em[1]) : 0,
      minRequests: em ? Number(em[2]) : 0,
    },
  };
}

const PAUSE_REASONS: readonly PauseReason[] = ['manual', 'abort', 'conflict'];
const PAUSED_FROM: readonly PausedFrom[] = ['preparing', 'running', 'promoting'];
const PHASES: readonly PromotePhase[] = ['to-full', 'stable-deploy', 'stable-wait', 'to-stable'];
const TRIGGERS: readonly RollbackTrigger[] = ['gate', 'operator', 'timeout', 'deployment'];

function parseStatus(
  value: string,
): Pick<PlanState, 'status' | 'pause' | 'phase' | 'trigger' | 'revertStable'> {
  const [head, a, b] = value.split(':');
  const status = head as PlanStatus;
  switch (status) {
    case 'paused': {
      const reason = a as PauseReason;
      const from = b as PausedFrom;
      if (!PAUSE_REASONS.includes(reason) || !PAUSED_FROM.includes(from))
        throw new Error(`tag ${key('status')} is "${value}"`);
      return { status, pause: { reason, from } };
    }
    case 'promoting': {
      const phase = a as PromotePhase;
      if (!PHASES.includes(phase)) throw new Error(`tag ${key('status')} is "${value}"`);
      return { status, phase };
    }
    case 'rolled-back': {
      const trigger = (a ?? 'operator') as RollbackTrigger;
      if (!TRIGGERS.includes(trigger)) throw new Error(`tag ${key('status')} is "${value}"`);
      return { status, trigger };
    }
    case 'rolling-back':
      return a === 'stable' ? { status, revertStable: true } : { status };
    case 'preparing':
    case 'running':
    case 'done':
      return { status };
    default:
      throw new Error(`tag ${key('status')} is "${value}", not a plan status`);
  }
}

/** A plan that still holds the rule (not done or rolled back). */
export function isActivePlan(result: DecodeResult): result is { kind: 'plan'; state: PlanState } {
  return result.kind === 'plan' && !isFinalStatus(result.state.status);
}
