import type { AlarmRec } from './state';

/** MetricAlarm as DescribeAlarms returns it (Dates become epoch seconds or ISO per protocol). */
export function renderAlarm(a: AlarmRec): Record<string, unknown> {
  const percentile = /^p\d/.test(a.statistic);
  return {
    AlarmName: a.name,
    AlarmArn: a.arn,
    ...(a.description !== undefined ? { AlarmDescription: a.description } : {}),
    AlarmConfigurationUpdatedTimestamp: new Date(a.configUpdatedAt),
    ActionsEnabled: a.actionsEnabled,
    OKActions: a.okActions,
    AlarmActions: a.alarmActions,
    InsufficientDataActions: a.insufficientDataActions,
    StateValue: a.state,
    StateReason: a.stateReason,
    ...(a.stateReasonData !== undefined ? { StateReasonData: a.stateReasonData } : {}),
    StateUpdatedTimestamp: new Date(a.stateUpdatedAt),
    MetricName: a.metricName,
    Namespace: a.namespace,
    ...(percentile ? { ExtendedStatistic: a.statistic } : { Statistic: a.statistic }),
    Dimensions: a.dimensions,
    Period: a.periodSeconds,
    ...(a.unit ? { Unit: a.unit } : {}),
    EvaluationPeriods: a.evaluationPeriods,
    ...(a.datapointsToAlarm !== undefined ? { DatapointsToAlarm: a.datapointsToAlarm } : {}),
    Threshold: a.threshold,
    ComparisonOperator: a.comparison,
    ...(a.treatMissingData ? { TreatMissingData: a.treatMissingData } : {}),
    StateTransitionedTimestamp: new Date(a.stateTransitionedAt),
  };
}
