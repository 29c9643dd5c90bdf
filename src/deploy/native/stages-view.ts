import type { LifecycleStage, ServiceDeployment } from '../../aws/types';
import type { StageRow } from '../types';
import { productionSteps, type NativeSettings, type NativeStrategyId } from './settings';

/**
 * The stage timeline of an ECS-native deployment (aws-semantics C.2) with the current stage
 * and the countdowns of BAKE_TIME, the canary bake and each linear step's bake. AWS reports
 * the current `lifecycleStage` but not when a stage began, so every countdown is timed from
 * when this client first saw the stage (or the step's weight): approximate by up to one poll,
 * more when the monitor was opened mid-stage, and each such row says so.
 */

const BEFORE_TRAFFIC: readonly LifecycleStage[] = [
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
];
const AFTER_TRAFFIC: readonly LifecycleStage[] = [
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];
const ORDER: readonly LifecycleStage[] = [
  'RECONCILE_SERVICE',
  ...BEFORE_TRAFFIC,
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  ...AFTER_TRAFFIC,
];

const DETAIL: Partial<Record<LifecycleStage, string>> = {
  RECONCILE_SERVICE: 'other live revisions scale in',
  SCALE_UP: 'green starts in its target group, no traffic yet',
  TEST_TRAFFIC_SHIFT: 'test rule to green 100 %',
  CLEAN_UP: 'blue scales in; green becomes the production revision',
};

const APPROX = 'timed from first sight';

export interface StageClock {
  /** When this client first saw a key (`stage`, `step:<n>`): the start of countdowns. */
  firstSeen: Map<string, Date>;
}

/** Records what is new in this poll; returns the step index in progress (0-based). */
export function observe(
  clock: StageClock,
  sd: ServiceDeployment,
  steps: number[],
  now: Date,
): number {
  const stage = sd.lifecycleStage;
  if (stage && !clock.firstSeen.has(stage)) clock.firstSeen.set(stage, now);
  const weight = sd.targetServiceRevision?.requestedProductionTrafficWeight ?? 0;
  const reached = steps.filter((p) => weight >= p - 1e-9).length;
  for (let i = 0; i < reached; i++) {
    if (!clock.firstSeen.has(`step:${i}`)) clock.firstSeen.set(`step:${i}`, now);
  }
  if (stage === 'PRE_PRODUCTION_TRAFFIC_SHIFT') return Math.min(reached, steps.length - 1);
  return Math.max(0, reached - 1);
}

export function nativeStages(
  strategy: NativeStrategyId,
  settings: NativeSettings,
  sd: ServiceDeployment,
  clock: StageClock,
  now: Date,
  ended: 'no' | 'done' | 'failed',
): StageRow[] {
  const steps = productionSteps(strategy, settings);
  const step = observe(clock, sd, steps, now);
  const current = sd.lifecycleStage;
  const at = current ? ORDER.indexOf(current) : -1;
  const state = (stage: LifecycleStage): StageRow['state'] => {
    const i = ORDER.indexOf(stage);
    if (ended === 'done') return 'done';
    if (i < at) return 'done';
    if (i === at) return ended === 'failed' ? 'failed' : 'current';
    return ended === 'failed' ? 'skipped' : 'pending';
  };
  const rows: StageRow[] = [];
  if (current === 'RECONCILE_SERVICE' || clock.firstSeen.has('RECONCILE_SERVICE')) {
    rows.push({
      name: 'RECONCILE_SERVICE',
      state: state('RECONCILE_SERVICE'),
      detail: DETAIL.RECONCILE_SERVICE!,
    });
  }
  for (const stage of BEFORE_TRAFFIC) rows.push(row(stage, state(stage)));
  rows.push(...productionRows(strategy, settings, steps, step, current, clock, ended, state));
  for (const stage of AFTER_TRAFFIC) {
    const r = row(stage, state(stage));
    if (stage === 'BAKE_TIME') {
      r.detail = `both revisions run ${settings.bakeTimeInMinutes} min`;
      const seen = clock.firstSeen.get('BAKE_TIME');
      if (seen && r.state === 'current') {
        r.endsAt = new Date(seen.getTime() + settings.bakeTimeInMinutes * 60_000);
        r.detail += ` (${APPROX})`;
      }
    }
    rows.push(r);
  }
  return rows;
}

function row(stage: LifecycleStage, state: StageRow['state']): StageRow {
  return { name: stage, state, ...(DETAIL[stage] ? { detail: DETAIL[stage] } : {}) };
}

/** One row per production step; the current one carries its bake countdown. */
function productionRows(
  strategy: NativeStrategyId,
  settings: NativeSettings,
  steps: number[],
  step: number,
  current: LifecycleStage | undefined,
  clock: StageClock,
  ended: 'no' | 'done' | 'failed',
  state: (s: LifecycleStage) => StageRow['state'],
): StageRow[] {
  const inTraffic =
    current === 'PRE_PRODUCTION_TRAFFIC_SHIFT' || current === 'PRODUCTION_TRAFFIC_SHIFT';
  const bakeMin =
    strategy === 'canary'
      ? (settings.canaryBakeTimeInMinutes ?? 0)
      : (settings.stepBakeTimeInMinutes ?? 0);
  return steps.map((p, i) => {
    const last = i === steps.length - 1;
    let rowState: StageRow['state'];
    if (!inTraffic) rowState = state('PRODUCTION_TRAFFIC_SHIFT');
    else if (i < step) rowState = 'done';
    else if (i === step) rowState = ended === 'failed' ? 'failed' : 'current';
    else rowState = ended === 'failed' ? 'skipped' : 'pending';
    const name =
      steps.length === 1
        ? 'PRODUCTION_TRAFFIC_SHIFT'
        : `PRODUCTION_TRAFFIC_SHIFT ${i + 1}/${steps.length}`;
    const r: StageRow = {
      name,
      state: rowState,
      detail: `production to green ${p} %${last ? '' : `, then ${bakeMin} min bake`}`,
    };
    if (rowState === 'current' && current === 'PRE_PRODUCTION_TRAFFIC_SHIFT') {
      r.detail = `PRE_PRODUCTION_TRAFFIC_SHIFT hooks, then ${r.detail}`;
    }
    const applied = clock.firstSeen.get(`step:${i}`);
    if (rowState === 'current' && current === 'PRODUCTION_TRAFFIC_SHIFT' && applied && !last) {
      r.endsAt = new Date(applied.getTime() + bakeMin * 60_000);
      r.detail += ` (${APPROX})`;
    }
    return r;
  });
}
