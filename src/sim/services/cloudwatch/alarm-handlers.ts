import { SimError } from '../../core/errors';
import type { RequestContext } from '../../core/types';
import { alarmNotFound, deleteAlarm, putMetricAlarm, setAlarmState } from './alarms';
import {
  bool,
  dimensions,
  invalid,
  makeToken,
  num,
  readToken,
  str,
  strList,
  type Obj,
} from './input';
import { isKnownStat } from './metrics';
import { renderAlarm } from './render';
import type { AlarmStateValue, ComparisonOperator, TreatMissingData } from './state';

// DescribeAlarms, PutMetricAlarm, SetAlarmState, DeleteAlarms.

const STATES: readonly AlarmStateValue[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];
const COMPARISONS: readonly ComparisonOperator[] = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
];
const TREATMENTS: readonly TreatMissingData[] = ['breaching', 'notBreaching', 'ignore', 'missing'];

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  key: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalid(
      `The value ${value} for parameter ${key} is not valid; use one of ${allowed.join(', ')}.`,
    );
  }
  return value as T;
}

export function describeAlarms(input: Obj, ctx: RequestContext): unknown {
  const names = strList(input, 'AlarmNames');
  if (names.length > 100)
    throw invalid('The collection AlarmNames must not have a size greater than 100.');
  const prefix = str(input, 'AlarmNamePrefix');
  const stateValue = oneOf(str(input, 'StateValue'), STATES, 'StateValue');
  const actionPrefix = str(input, 'ActionPrefix');
  const types = strList(input, 'AlarmTypes');
  const max = num(input, 'MaxRecords') ?? 50;
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    throw invalid(`The value ${max} for parameter MaxRecords is not valid; use 1 to 100.`);
  }
  const wanted = new Set(names);
  const metricAlarmsWanted = types.length === 0 || types.includes('MetricAlarm');
  const all = [...ctx.world.region(ctx.region).cloudwatch.alarms.values()]
    .filter(() => metricAlarmsWanted)
    .filter((a) => wanted.size === 0 || wanted.has(a.name))
    .filter((a) => prefix === undefined || a.name.startsWith(prefix))
    .filter((a) => stateValue === undefined || a.state === stateValue)
    .filter(
      (a) =>
        actionPrefix === undefined ||
        [...a.alarmActions, ...a.okActions, ...a.insufficientDataActions].some((x) =>
          x.startsWith(actionPrefix),
        ),
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const start = readToken(str(input, 'NextToken'));
  const page = all.slice(start, start + max);
  return {
    MetricAlarms: page.map(renderAlarm),
    CompositeAlarms: [],
    ...(start + max < all.length ? { NextToken: makeToken(start + max) } : {}),
  };
}

export function putMetricAlarmHandler(input: Obj, ctx: RequestContext): unknown {
  const name = str(input, 'AlarmName', true);
  if (name.length > 255)
    throw invalid('The value for parameter AlarmName must be at most 255 characters.');
  if (input['Metrics'] !== undefined && input['Metrics'] !== '') {
    throw invalid(
      'metric math alarms (Metrics) are not simulated; give MetricName, Namespace and Statistic',
    );
  }
  const statistic = str(input, 'Statistic');
  const extended = str(input, 'ExtendedStatistic');
  if ((statistic === undefined) === (extended === undefined)) {
    throw new SimError(
      'InvalidParameterCombination',
      'Exactly one of Statistic and ExtendedStatistic must be set.',
    );
  }
  const stat = statistic ?? extended!;
  if (!isKnownStat(stat)) throw invalid(`The value ${stat} for parameter Statistic is not valid.`);
  const period = num(input, 'Period', true);
  if (!(period === 10 || period === 20 || period === 30 || (period >= 60 && period % 60 === 0))) {
    throw invalid(
      `The value ${period} for parameter Period is not valid; use 10, 20, 30 or a multiple of 60.`,
    );
  }
  const evaluationPeriods = num(input, 'EvaluationPeriods', true);
  if (!Number.isInteger(evaluationPeriods) || evaluationPeriods < 1) {
    throw invalid(
      `The value ${evaluationPeriods} for parameter EvaluationPeriods must be a whole number of at least 1.`,
    );
  }
  const datapointsToAlarm = num(input, 'DatapointsToAlarm');
  if (
    datapointsToAlarm !== undefined &&
    (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods)
  ) {
    throw invalid('DatapointsToAlarm must be from 1 to EvaluationPeriods.');
  }
  const comparison = oneOf(
    str(input, 'ComparisonOperator', true),
    COMPARISONS,
    'ComparisonOperator',
  )!;
  const treat = oneOf(str(input, 'TreatMissingData'), TREATMENTS, 'TreatMissingData');
  const description = str(input, 'AlarmDescription');
  const unit = str(input, 'Unit');
  const actionsEnabled = bool(input, 'ActionsEnabled');
  putMetricAlarm(ctx.world, ctx.region, {
    name,
    namespace: str(input, 'Namespace', true),
    metricName: str(input, 'MetricName', true),
    statistic: stat,
    dimensions: dimensions(input['Dimensions'], 'Dimensions'),
    periodSeconds: period,
    evaluationPeriods,
    ...(datapointsToAlarm !== undefined ? { datapointsToAlarm } : {}),
    threshold: num(input, 'Threshold', true),
    comparison,
    ...(treat ? { treatMissingData: treat } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(unit ? { unit } : {}),
    ...(actionsEnabled !== undefined ? { actionsEnabled } : {}),
    alarmActions: strList(input, 'AlarmActions'),
    okActions: strList(input, 'OKActions'),
    insufficientDataActions: strList(input, 'InsufficientDataActions'),
  });
  return {};
}

export function setAlarmStateHandler(input: Obj, ctx: RequestContext): unknown {
  const name = str(input, 'AlarmName', true);
  const value = oneOf(str(input, 'StateValue', true), STATES, 'StateValue')!;
  const reason = str(input, 'StateReason', true);
  const data = str(input, 'StateReasonData');
  if (data !== undefined) {
    try {
      JSON.parse(data);
    } catch {
      throw new SimError('InvalidFormat', 'StateReasonData must be valid JSON.');
    }
  }
  setAlarmState(ctx.world, ctx.region, name, value, reason, data);
  return {};
}

export function deleteAlarms(input: Obj, ctx: RequestContext): unknown {
  const names = strList(input, 'AlarmNames');
  const alarms = ctx.world.region(ctx.region).cloudwatch.alarms;
  for (const n of names) if (!alarms.has(n)) throw alarmNotFound(n);
  for (const n of names) deleteAlarm(ctx.world, ctx.region, n);
  return {};
}
