import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { MetricQuery } from '../../aws/types';

// Request and 5xx counts per target group from AWS/ApplicationELB, one GetMetricData call for
// both groups: the 5xx gate compares their rates and the monitor draws them as sparklines.

export const METRIC_PERIOD_SECONDS = 60;
/** How far back the sparklines reach. */
export const METRIC_WINDOW_MINUTES = 30;

export interface GroupSeries {
  timestamps: Date[];
  requests: number[];
  errors5xx: number[];
}

export interface MetricsSnapshot {
  stable: GroupSeries;
  canary: GroupSeries;
  fetchedAt: Date;
}

export interface MetricTargets {
  loadBalancerArn: string;
  stableTargetGroupArn: string;
  canaryTargetGroupArn: string;
}

/** `targetgroup/name/id` and `app/name/id`: the dimension values ALB publishes under. */
export function albDimensions(targetGroupArn: string, loadBalancerArn: string) {
  return [
    {
      name: 'TargetGroup',
      value: targetGroupArn.slice(targetGroupArn.indexOf(':targetgroup/') + 1),
    },
    {
      name: 'LoadBalancer',
      value: loadBalancerArn.slice(
        loadBalancerArn.indexOf(':loadbalancer/') + ':loadbalancer/'.length,
      ),
    },
  ];
}

export async function fetchMetrics(
  gw: AwsGateway,
  targets: MetricTargets,
  now: Date,
  opts: CallOptions = {},
): Promise<MetricsSnapshot> {
  const query = (id: string, tg: string, metricName: string): MetricQuery => ({
    id,
    namespace: 'AWS/ApplicationELB',
    metricName,
    dimensions: albDimensions(tg, targets.loadBalancerArn),
    period: METRIC_PERIOD_SECONDS,
    stat: 'Sum',
  });
  const start = new Date(now.getTime() - METRIC_WINDOW_MINUTES * 60_000);
  // the end is exclusive: reach past now so the current minute's samples count
  const end = new Date(now.getTime() + METRIC_PERIOD_SECONDS * 1000);
  const series = await gw.cloudwatch.getMetricData(
    [
      query('stableRequests', targets.stableTargetGroupArn, 'RequestCount'),
      query('stableErrors', targets.stableTargetGroupArn, 'HTTPCode_Target_5XX_Count'),
      query('canaryRequests', targets.canaryTargetGroupArn, 'RequestCount'),
      query('canaryErrors', targets.canaryTargetGroupArn, 'HTTPCode_Target_5XX_Count'),
    ],
    start,
    end,
    opts,
  );
  const byId = new Map(series.map((s) => [s.id, s]));
  const group = (prefix: 'stable' | 'canary'): GroupSeries => {
    const requests = byId.get(`${prefix}Requests`);
    const errors = byId.get(`${prefix}Errors`);
    return alignSeries(
      requests?.timestamps ?? [],
      requests?.values ?? [],
      errors?.timestamps ?? [],
      errors?.values ?? [],
    );
  };
  return { stable: group('stable'), canary: group('canary'), fetchedAt: now };
}

/** Requests and errors on one time axis (CloudWatch leaves out periods without samples). */
export function alignSeries(
  reqT: Date[],
  reqV: number[],
  errT: Date[],
  errV: number[],
): GroupSeries {
  const points = new Map<number, { r: number; e: number }>();
  reqT.forEach((t, i) => points.set(t.getTime(), { r: reqV[i] ?? 0, e: 0 }));
  errT.forEach((t, i) => {
    const p = points.get(t.getTime());
    if (p) p.e = errV[i] ?? 0;
    else points.set(t.getTime(), { r: 0, e: errV[i] ?? 0 });
  });
  const sorted = [...points.entries()].sort((a, b) => a[0] - b[0]);
  return {
    timestamps: sorted.map(([t]) => new Date(t)),
    requests: sorted.map(([, p]) => p.r),
    errors5xx: sorted.map(([, p]) => p.e),
  };
}

/** Totals of the periods that start at or after the period holding `since`. */
export function totalsSince(
  series: GroupSeries,
  since: Date,
): { requests: number; errors: number } {
  const periodMs = METRIC_PERIOD_SECONDS * 1000;
  const from = Math.floor(since.getTime() / periodMs) * periodMs;
  let requests = 0;
  let errors = 0;
  series.timestamps.forEach((t, i) => {
    if (t.getTime() < from) return;
    requests += series.requests[i] ?? 0;
    errors += series.errors5xx[i] ?? 0;
  });
  return { requests, errors };
}
