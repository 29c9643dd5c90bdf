import {
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type CloudWatchClient,
  type CompositeAlarm,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import type { CloudWatchGateway } from '../gateway';
import type { Alarm, MetricSeries } from '../types';
import { defined } from './map-util';
import { chunk, collectPages, mapLimit } from './paging';
import { abortable } from './send';

const ALARM_NAMES_PER_CALL = 100;
const METRIC_QUERIES_PER_CALL = 500;

function mapMetricAlarm(a: MetricAlarm): Alarm {
  return defined({
    name: a.AlarmName ?? '',
    arn: a.AlarmArn,
    state: a.StateValue ?? 'INSUFFICIENT_DATA',
    stateReason: a.StateReason,
    stateUpdatedAt: a.StateUpdatedTimestamp,
    namespace: a.Namespace,
    metricName: a.MetricName,
    dimensions: (a.Dimensions ?? []).map((d) => ({ name: d.Name ?? '', value: d.Value ?? '' })),
    threshold: a.Threshold,
    comparison: a.ComparisonOperator,
  });
}

function mapCompositeAlarm(a: CompositeAlarm): Alarm {
  return defined({
    name: a.AlarmName ?? '',
    arn: a.AlarmArn,
    state: a.StateValue ?? 'INSUFFICIENT_DATA',
    stateReason: a.StateReason,
    stateUpdatedAt: a.StateUpdatedTimestamp,
    dimensions: [],
  });
}

export function createCloudWatchGateway(
  client: CloudWatchClient,
  concurrency: number,
): CloudWatchGateway {
  return {
    async describeAlarms(names, opts) {
      if (names.length === 0) return [];
      const pages = await mapLimit(chunk(names, ALARM_NAMES_PER_CALL), concurrency, (batch) =>
        collectPages<Alarm>(async (NextToken) => {
          const out = await client.send(
            new DescribeAlarmsCommand({
              AlarmNames: batch,
              // ECS deployment alarms may be composite alarms
              AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
              MaxRecords: ALARM_NAMES_PER_CALL,
              NextToken,
            }),
            abortable(opts),
          );
          return {
            items: [
              ...(out.MetricAlarms ?? []).map(mapMetricAlarm),
              ...(out.CompositeAlarms ?? []).map(mapCompositeAlarm),
            ],
            next: out.NextToken,
          };
        }),
      );
      return pages.flat();
    },

    async getMetricData(queries, start, end, opts) {
      const series = new Map<string, MetricSeries>();
      for (const q of queries) series.set(q.id, { id: q.id, timestamps: [], values: [] });
      await mapLimit(chunk(queries, METRIC_QUERIES_PER_CALL), concurrency, (batch) =>
        collectPages(async (NextToken) => {
          const out = await client.send(
            new GetMetricDataCommand({
              MetricDataQueries: batch.map((q) => ({
                Id: q.id,
                MetricStat: {
                  Metric: {
                    Namespace: q.namespace,
                    MetricName: q.metricName,
                    Dimensions: q.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
                  },
                  Period: q.period,
                  Stat: q.stat,
                },
                ReturnData: true,
              })),
              StartTime: start,
              EndTime: end,
              // oldest first, the order a chart draws in
              ScanBy: 'TimestampAscending',
              NextToken,
            }),
            abortable(opts),
          );
          // a series can continue on the next page: append to what came before
          for (const r of out.MetricDataResults ?? []) {
            const s = r.Id !== undefined ? series.get(r.Id) : undefined;
            if (!s) continue;
            if (r.Label !== undefined) s.label = r.Label;
            s.timestamps.push(...(r.Timestamps ?? []));
            s.values.push(...(r.Values ?? []));
          }
          return { items: [], next: out.NextToken };
        }),
      );
      return [...series.values()];
    },
  };
}
