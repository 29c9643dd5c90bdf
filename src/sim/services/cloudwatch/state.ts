/**
 * CloudWatch resources of one account and region: metric alarms and an in-memory metric
 * store that engines feed (AWS/ApplicationELB request and error counts per target group).
 * Times are epoch milliseconds.
 */

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export type ComparisonOperator =
  | 'GreaterThanOrEqualToThreshold'
  | 'GreaterThanThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

export type TreatMissingData = 'breaching' | 'notBreaching' | 'ignore' | 'missing';

export interface Dimension {
  Name: string;
  Value: string;
}

export interface AlarmRec {
  name: string;
  arn: string;
  description?: string;
  actionsEnabled: boolean;
  okActions: string[];
  alarmActions: string[];
  insufficientDataActions: string[];
  namespace: string;
  metricName: string;
  /** Sum, Average, Minimum, Maximum, SampleCount, or a percentile such as p99. */
  statistic: string;
  dimensions: Dimension[];
  periodSeconds: number;
  evaluationPeriods: number;
  datapointsToAlarm?: number;
  threshold: number;
  comparison: ComparisonOperator;
  treatMissingData?: TreatMissingData;
  unit?: string;
  state: AlarmStateValue;
  stateReason: string;
  stateReasonData?: string;
  stateUpdatedAt: number;
  stateTransitionedAt: number;
  configUpdatedAt: number;
  /** Bumped when the alarm is replaced or deleted, so its old evaluation loop stops. */
  gen: number;
}

export interface Datapoint {
  t: number;
  v: number;
}

export interface MetricSeries {
  namespace: string;
  metricName: string;
  /** Sorted by name: the identity of the series. */
  dimensions: Dimension[];
  /** Sorted by time; the oldest are dropped beyond the store's bound. */
  points: Datapoint[];
}

export interface AlarmStateChange {
  region: string;
  alarmName: string;
  previous: AlarmStateValue;
  current: AlarmStateValue;
  reason: string;
  at: number;
}

export type AlarmStateListener = (change: AlarmStateChange) => void;

export interface CloudWatchState {
  alarms: Map<string, AlarmRec>;
  series: Map<string, MetricSeries>;
  alarmListeners: Set<AlarmStateListener>;
}

export function createCloudWatchState(): CloudWatchState {
  return { alarms: new Map(), series: new Map(), alarmListeners: new Set() };
}
