/**
 * Metric alarms: the model behind PutMetricAlarm / DescribeAlarms / SetAlarmState, their
 * evaluation on `world.scheduler`, and the API engines use to ask about them.
 *
 * Evaluation: every minute (every period for 10 s / 30 s periods), on the clock's minute
 * boundaries, an alarm looks at its last EvaluationPeriods complete periods of the metric
 * store. ALARM when at least DatapointsToAlarm (default: all) of them breach the threshold;
 * INSUFFICIENT_DATA when none has data (TreatMissingData `missing`, the default; `ignore`
 * keeps the state, `notBreaching` goes OK, `breaching` counts missing periods as breaching);
 * OK otherwise. A SetAlarmState lasts until the next evaluation disagrees, as in AWS.
 */
import { SimError } from '../../core/errors';
import type { World } from '../../world/world';
import {
  aggregate,
  findSeries,
  normalizeDimensions,
  type Bucket,
  type Dimensions,
} from './metrics';
import { stateReason, stateReasonData, type Verdict } from './reason';
import type {
  AlarmRec,
  AlarmStateChange,
  AlarmStateListener,
  AlarmStateValue,
  CloudWatchState,
  ComparisonOperator,
  TreatMissingData,
} from './state';

export type { AlarmStateChange, AlarmStateValue } from './state';

export interface MetricAlarmSpec {
  name: string;
  description?: string;
  namespace: string;
  metricName: string;
  /** Default Sum. */
  statistic?: string;
  dimensions?: Dimensions;
  /** Default 60. */
  periodSeconds?: number;
  /** Default 1. */
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
  threshold: number;
  /** Default GreaterThanThreshold. */
  comparison?: ComparisonOperator;
  treatMissingData?: TreatMissingData;
  actionsEnabled?: boolean;
  alarmActions?: string[];
  okActions?: string[];
  insufficientDataActions?: string[];
  unit?: string;
  /** For scenarios that start mid-story; a new alarm is INSUFFICIENT_DATA otherwise. */
  initialState?: AlarmStateValue;
}

function cwState(world: World, region: string): CloudWatchState {
  return world.region(region).cloudwatch;
}

/** Creates or replaces an alarm. Replacing keeps the current state, as AWS does. */
export function putMetricAlarm(world: World, region: string, spec: MetricAlarmSpec): AlarmRec {
  const state = cwState(world, region);
  const old = state.alarms.get(spec.name);
  const now = world.now;
  const alarm: AlarmRec = {
    name: spec.name,
    arn: `arn:aws:cloudwatch:${region}:${world.accountId}:alarm:${spec.name}`,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    actionsEnabled: spec.actionsEnabled ?? true,
    okActions: spec.okActions ?? [],
    alarmActions: spec.alarmActions ?? [],
    insufficientDataActions: spec.insufficientDataActions ?? [],
    namespace: spec.namespace,
    metricName: spec.metricName,
    statistic: spec.statistic ?? 'Sum',
    dimensions: normalizeDimensions(spec.dimensions ?? []),
    periodSeconds: spec.periodSeconds ?? 60,
    evaluationPeriods: spec.evaluationPeriods ?? 1,
    ...(spec.datapointsToAlarm !== undefined ? { datapointsToAlarm: spec.datapointsToAlarm } : {}),
    threshold: spec.threshold,
    comparison: spec.comparison ?? 'GreaterThanThreshold',
    ...(spec.treatMissingData ? { treatMissingData: spec.treatMissingData } : {}),
    ...(spec.unit ? { unit: spec.unit } : {}),
    state: old?.state ?? spec.initialState ?? 'INSUFFICIENT_DATA',
    stateReason: old?.stateReason ?? 'Unchecked: Initial alarm creation',
    ...(old?.stateReasonData ? { stateReasonData: old.stateReasonData } : {}),
    stateUpdatedAt: old?.stateUpdatedAt ?? now,
    stateTransitionedAt: old?.stateTransitionedAt ?? now,
    configUpdatedAt: now,
    gen: (old?.gen ?? 0) + 1,
  };
  state.alarms.set(alarm.name, alarm);
  scheduleEvaluation(world, region, alarm);
  return alarm;
}

export function deleteAlarm(world: World, region: string, name: string): boolean {
  const state = cwState(world, region);
  const alarm = state.alarms.get(name);
  if (!alarm) return false;
  alarm.gen++;
  state.alarms.delete(name);
  return true;
}

export function alarmNotFound(name: string): SimError {
  return new SimError('ResourceNotFound', `Alarm ${name} not found`, { status: 404 });
}

/** SetAlarmState: holds until the next evaluation says otherwise. */
export function setAlarmState(
  world: World,
  region: string,
  name: string,
  value: AlarmStateValue,
  reason: string,
  reasonData?: string,
): void {
  const alarm = cwState(world, region).alarms.get(name);
  if (!alarm) throw alarmNotFound(name);
  transition(world, region, alarm, value, reason, reasonData);
}

export interface AlarmStateView {
  state: AlarmStateValue;
  reason: string;
  updatedAt: number;
}

export function alarmState(world: World, region: string, name: string): AlarmStateView | undefined {
  const alarm = cwState(world, region).alarms.get(name);
  return (
    alarm && { state: alarm.state, reason: alarm.stateReason, updatedAt: alarm.stateUpdatedAt }
  );
}

/** What ECS deployment alarms and CodeDeploy alarm configurations ask. Unknown alarms: false. */
export function isInAlarm(world: World, region: string, name: string): boolean {
  return cwState(world, region).alarms.get(name)?.state === 'ALARM';
}

/** The names among `names` that are in ALARM, in the given order. */
export function alarmsInAlarm(world: World, region: string, names: readonly string[]): string[] {
  return names.filter((n) => isInAlarm(world, region, n));
}

export function onAlarmStateChange(
  world: World,
  region: string,
  listener: AlarmStateListener,
): () => void {
  const listeners = cwState(world, region).alarmListeners;
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function transition(
  world: World,
  region: string,
  alarm: AlarmRec,
  value: AlarmStateValue,
  reason: string,
  reasonData: string | undefined,
): void {
  const previous = alarm.state;
  alarm.state = value;
  alarm.stateReason = reason;
  if (reasonData !== undefined) alarm.stateReasonData = reasonData;
  else delete alarm.stateReasonData;
  alarm.stateUpdatedAt = world.now;
  if (previous === value) return;
  alarm.stateTransitionedAt = world.now;
  const change: AlarmStateChange = {
    region,
    alarmName: alarm.name,
    previous,
    current: value,
    reason,
    at: world.now,
  };
  for (const listener of [...cwState(world, region).alarmListeners]) listener(change);
}

function scheduleEvaluation(world: World, region: string, alarm: AlarmRec): void {
  const everyMs = Math.min(alarm.periodSeconds, 60) * 1000;
  const gen = alarm.gen;
  const tick = (): void => {
    if (alarm.gen !== gen) return;
    evaluate(world, region, alarm);
    world.scheduler.at(nextBoundary(world.now, everyMs), tick);
  };
  world.scheduler.at(nextBoundary(world.now, everyMs), tick);
}

const nextBoundary = (now: number, everyMs: number): number =>
  (Math.floor(now / everyMs) + 1) * everyMs;

function breaches(value: number, alarm: AlarmRec): boolean {
  switch (alarm.comparison) {
    case 'GreaterThanOrEqualToThreshold':
      return value >= alarm.threshold;
    case 'GreaterThanThreshold':
      return value > alarm.threshold;
    case 'LessThanThreshold':
      return value < alarm.threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= alarm.threshold;
  }
}

/** Looks at the last complete periods and moves the alarm if the verdict differs. */
export function evaluate(world: World, region: string, alarm: AlarmRec): void {
  const periodMs = alarm.periodSeconds * 1000;
  const n = alarm.evaluationPeriods;
  const end = Math.floor(world.now / periodMs) * periodMs;
  const start = end - n * periodMs;
  const series = findSeries(world, region, alarm.namespace, alarm.metricName, alarm.dimensions);
  const buckets = aggregate(series, start, end, alarm.periodSeconds, alarm.statistic);
  const breaching: Bucket[] = [];
  const fine: Bucket[] = [];
  for (const b of buckets) (breaches(b.value, alarm) ? breaching : fine).push(b);
  const missing = n - buckets.length;
  const m = alarm.datapointsToAlarm ?? n;
  const treat = alarm.treatMissingData ?? 'missing';
  const newest = (list: Bucket[]) => [...list].reverse();
  let verdict: Verdict;
  if (breaching.length + (treat === 'breaching' ? missing : 0) >= m) {
    verdict = {
      state: 'ALARM',
      shown: newest(breaching),
      evaluated: n,
      minimum: m,
      missing,
      ...(treat === 'breaching' && missing > 0 ? { missingTreatedAs: 'Breaching' as const } : {}),
    };
  } else if (missing === n) {
    if (treat === 'ignore') return;
    verdict =
      treat === 'notBreaching'
        ? {
            state: 'OK',
            shown: [],
            evaluated: n,
            minimum: 1,
            missing,
            missingTreatedAs: 'NonBreaching',
          }
        : { state: 'INSUFFICIENT_DATA', shown: [], evaluated: n, minimum: 1, missing };
  } else {
    verdict = { state: 'OK', shown: newest(fine), evaluated: n, minimum: n - m + 1, missing };
  }
  if (verdict.state === alarm.state) return;
  transition(
    world,
    region,
    alarm,
    verdict.state,
    stateReason(alarm, verdict, alarm.state),
    stateReasonData(alarm, buckets, world.now, start),
  );
}
