import { asList } from '../../core/input';
import type { RequestContext } from '../../core/types';
import { dimensions, invalid, isObj, missing, num, str, timestamp, type Obj } from './input';
import { aggregate, findSeries, putDatapoint } from './metrics';

// GetMetricData (MetricStat queries only) and PutMetricData (custom namespaces only, as in AWS).

const MAX_QUERIES = 500;

export function getMetricData(input: Obj, ctx: RequestContext): unknown {
  const queries = asList<unknown>(input['MetricDataQueries']);
  if (queries.length === 0) throw missing('MetricDataQueries');
  if (queries.length > MAX_QUERIES) {
    throw invalid(
      `The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`,
    );
  }
  const start = timestamp(input, 'StartTime', true);
  const end = timestamp(input, 'EndTime', true);
  if (start >= end)
    throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  const ascending = str(input, 'ScanBy') === 'TimestampAscending';
  const ids = new Set<string>();
  const results = queries.map((q, i) => {
    const query = isObj(q) ? q : {};
    const id = str(query, 'Id', true);
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(id)) {
      throw invalid(
        `The value ${id} for parameter MetricDataQueries.member.${i + 1}.Id is not valid; start with a lower-case letter.`,
      );
    }
    if (ids.has(id)) throw invalid(`The Id ${id} is used by more than one MetricDataQuery.`);
    ids.add(id);
    if (query['Expression'] !== undefined && query['Expression'] !== '') {
      throw invalid(
        `metric math (MetricDataQueries.member.${i + 1}.Expression) is not simulated; use MetricStat`,
      );
    }
    const ms = isObj(query['MetricStat']) ? query['MetricStat'] : undefined;
    if (!ms) throw missing(`MetricDataQueries.member.${i + 1}.MetricStat`);
    const metric = isObj(ms['Metric']) ? ms['Metric'] : {};
    const period = num(ms, 'Period', true);
    if (!Number.isInteger(period) || period < 1)
      throw invalid(`The value ${period} for parameter Period is not valid.`);
    const series = findSeries(
      ctx.world,
      ctx.region,
      str(metric, 'Namespace', true),
      str(metric, 'MetricName', true),
      dimensions(
        metric['Dimensions'],
        `MetricDataQueries.member.${i + 1}.MetricStat.Metric.Dimensions`,
      ),
    );
    const buckets = aggregate(series, start, end, period, str(ms, 'Stat', true));
    if (!ascending) buckets.reverse();
    return {
      query,
      result: {
        Id: id,
        Label: str(query, 'Label') ?? str(metric, 'MetricName', true),
        Timestamps: buckets.map((b) => new Date(b.t)),
        Values: buckets.map((b) => b.value),
        StatusCode: 'Complete',
      },
    };
  });
  return {
    MetricDataResults: results
      .filter(({ query }) => query['ReturnData'] !== false && query['ReturnData'] !== 'false')
      .map(({ result }) => result),
    Messages: [],
  };
}

export function putMetricData(input: Obj, ctx: RequestContext): unknown {
  const namespace = str(input, 'Namespace', true);
  if (namespace.startsWith('AWS/')) {
    throw invalid(
      `The value ${namespace} for parameter Namespace is invalid: AWS/ namespaces are reserved for AWS services.`,
    );
  }
  const data = asList<unknown>(input['MetricData']);
  if (data.length === 0) throw missing('MetricData');
  for (const [i, d] of data.entries()) {
    const datum = isObj(d) ? d : {};
    const name = str(datum, 'MetricName', true);
    const dims = dimensions(datum['Dimensions'], `MetricData.member.${i + 1}.Dimensions`);
    const at = timestamp(datum, 'Timestamp') ?? ctx.world.now;
    const single = num(datum, 'Value');
    const values = single !== undefined ? [single] : asList<unknown>(datum['Values']).map(Number);
    const counts = asList<unknown>(datum['Counts']).map(Number);
    if (values.length === 0 || values.some((v) => !Number.isFinite(v))) {
      throw invalid(`MetricData.member.${i + 1} needs Value or Values with finite numbers.`);
    }
    values.forEach((v, j) => {
      // Counts repeat a value; capped so one request cannot flood a series
      const times = Math.min(100, Math.max(1, Math.round(counts[j] ?? 1)));
      for (let k = 0; k < times; k++)
        putDatapoint(ctx.world, ctx.region, namespace, name, dims, at, v);
    });
  }
  return {};
}
