/**
 * The metric store. Engines call `putDatapoint` (one sample per call, e.g. the requests a
 * target group served in the last tick); GetMetricData and alarms read it back aggregated
 * per period. Each series keeps at most MAX_POINTS samples, dropping the oldest.
 */
import { SimError } from '../../core/errors';
import type { World } from '../../world/world';
import type { CloudWatchState, Datapoint, Dimension, MetricSeries } from './state';

export const MAX_POINTS = 4096;

export type Dimensions = readonly Dimension[] | Readonly<Record<string, string>>;

export function normalizeDimensions(dimensions: Dimensions): Dimension[] {
  const list = Array.isArray(dimensions)
    ? (dimensions as readonly Dimension[]).map((d) => ({ Name: d.Name, Value: d.Value }))
    : Object.entries(dimensions as Readonly<Record<string, string>>).map(([Name, Value]) => ({
        Name,
        Value,
      }));
  return list.sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

export function seriesKey(
  namespace: string,
  metricName: string,
  dims: readonly Dimension[],
): string {
  return [namespace, metricName, ...dims.map((d) => `${d.Name}=${d.Value}`)].join('\u0000');
}

function cwState(world: World, region: string): CloudWatchState {
  return world.region(region).cloudwatch;
}

/** Records one sample. `timestamp` is epoch ms (usually `world.now`). */
export function putDatapoint(
  world: World,
  region: string,
  namespace: string,
  metricName: string,
  dimensions: Dimensions,
  timestamp: number,
  value: number,
): void {
  if (!Number.isFinite(value)) throw new RangeError(`metric value must be finite, got ${value}`);
  const state = cwState(world, region);
  const dims = normalizeDimensions(dimensions);
  const key = seriesKey(namespace, metricName, dims);
  let series = state.series.get(key);
  if (!series) {
    series = { namespace, metricName, dimensions: dims, points: [] };
    state.series.set(key, series);
  }
  const points = series.points;
  const last = points[points.length - 1];
  if (!last || last.t <= timestamp) points.push({ t: timestamp, v: value });
  else points.splice(upperBound(points, timestamp), 0, { t: timestamp, v: value });
  // drop in batches so a full series does not shift its array on every sample
  if (points.length > MAX_POINTS + 256) points.splice(0, points.length - MAX_POINTS);
}

function upperBound(points: readonly Datapoint[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function findSeries(
  world: World,
  region: string,
  namespace: string,
  metricName: string,
  dimensions: Dimensions,
): MetricSeries | undefined {
  return cwState(world, region).series.get(
    seriesKey(namespace, metricName, normalizeDimensions(dimensions)),
  );
}

export interface Bucket {
  /** Start of the period, epoch ms. */
  t: number;
  value: number;
  sampleCount: number;
}

const PERCENTILE = /^p(\d{1,2}(\.\d+)?|100)$/;

export function isKnownStat(stat: string): boolean {
  return (
    ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'].includes(stat) || PERCENTILE.test(stat)
  );
}

function statOf(values: number[], stat: string): number {
  switch (stat) {
    case 'Sum':
      return values.reduce((a, b) => a + b, 0);
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    case 'SampleCount':
      return values.length;
  }
  const p = Number(stat.slice(1)) / 100;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/**
 * Aggregates samples with start <= t < end into periods aligned to multiples of the period
 * (epoch based), oldest first. Periods without samples are left out, as CloudWatch does.
 */
export function aggregate(
  series: MetricSeries | undefined,
  startMs: number,
  endMs: number,
  periodSeconds: number,
  stat: string,
): Bucket[] {
  if (!isKnownStat(stat)) {
    throw new SimError(
      'InvalidParameterValue',
      `statistic '${stat}' is not supported; use Sum, Average, Minimum, Maximum, SampleCount or pNN`,
    );
  }
  if (!series) return [];
  const periodMs = periodSeconds * 1000;
  const groups = new Map<number, number[]>();
  const points = series.points;
  for (let i = upperBound(points, startMs - 1); i < points.length && points[i]!.t < endMs; i++) {
    const p = points[i]!;
    const bucket = Math.floor(p.t / periodMs) * periodMs;
    let values = groups.get(bucket);
    if (!values) groups.set(bucket, (values = []));
    values.push(p.v);
  }
  return [...groups].map(([t, values]) => ({
    t,
    value: statOf(values, stat),
    sampleCount: values.length,
  }));
}
