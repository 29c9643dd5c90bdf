import { describe, expect, it } from 'vitest';
import { putMetricAlarm } from '../../src/sim/services/cloudwatch/alarms';
import { putDatapoint } from '../../src/sim/services/cloudwatch/metrics';
import { failure, simAndGateway } from './helpers';

const REGION = 'us-east-1';
const NS = 'AWS/ApplicationELB';
const DIMS = { TargetGroup: 'targetgroup/web-blue/0123', LoadBalancer: 'app/shop/abcd' };

describe('cloudwatch gateway', () => {
  it('describes alarms by name with state and metric', async () => {
    const { sim, gw } = await simAndGateway();
    putMetricAlarm(sim.world, REGION, {
      name: 'web-5xx',
      namespace: NS,
      metricName: 'HTTPCode_Target_5XX_Count',
      dimensions: DIMS,
      threshold: 5,
      comparison: 'GreaterThanThreshold',
      initialState: 'ALARM',
    });
    putMetricAlarm(sim.world, REGION, {
      name: 'web-latency',
      namespace: NS,
      metricName: 'TargetResponseTime',
      threshold: 1,
    });
    const alarms = await gw.cloudwatch.describeAlarms(['web-5xx', 'web-latency', 'not-there']);
    expect(alarms.map((a) => a.name).sort()).toEqual(['web-5xx', 'web-latency']);
    const fivexx = alarms.find((a) => a.name === 'web-5xx')!;
    expect(fivexx).toMatchObject({
      state: 'ALARM',
      namespace: NS,
      metricName: 'HTTPCode_Target_5XX_Count',
      threshold: 5,
      comparison: 'GreaterThanThreshold',
      arn: `arn:aws:cloudwatch:${REGION}:123456789012:alarm:web-5xx`,
    });
    expect(fivexx.dimensions).toEqual(
      expect.arrayContaining([{ name: 'TargetGroup', value: DIMS.TargetGroup }]),
    );
    expect(fivexx.stateUpdatedAt).toBeInstanceOf(Date);
    expect(alarms.find((a) => a.name === 'web-latency')!.state).toBe('INSUFFICIENT_DATA');
    expect(await gw.cloudwatch.describeAlarms([])).toEqual([]);
    expect(gw.calls.count('cloudwatch', 'DescribeAlarms')).toBe(1);
  });

  it('returns metric series oldest first, one per query', async () => {
    const { sim, gw } = await simAndGateway();
    const minute = 60_000;
    const start = Math.floor(sim.world.now / minute) * minute - 10 * minute;
    for (let i = 0; i < 5; i++) {
      putDatapoint(
        sim.world,
        REGION,
        NS,
        'HTTPCode_Target_5XX_Count',
        DIMS,
        start + i * minute + 1_000,
        i,
      );
      putDatapoint(sim.world, REGION, NS, 'RequestCount', DIMS, start + i * minute + 1_000, 100);
    }
    const dimensions = Object.entries(DIMS).map(([name, value]) => ({ name, value }));
    const series = await gw.cloudwatch.getMetricData(
      [
        {
          id: 'errors',
          namespace: NS,
          metricName: 'HTTPCode_Target_5XX_Count',
          dimensions,
          period: 60,
          stat: 'Sum',
        },
        {
          id: 'requests',
          namespace: NS,
          metricName: 'RequestCount',
          dimensions,
          period: 60,
          stat: 'Sum',
        },
      ],
      new Date(start),
      new Date(start + 5 * minute),
    );
    expect(series.map((s) => s.id)).toEqual(['errors', 'requests']);
    const errors = series[0]!;
    expect(errors.values).toEqual([0, 1, 2, 3, 4]);
    expect(errors.timestamps.map((t) => t.getTime())).toEqual(
      [0, 1, 2, 3, 4].map((i) => start + i * minute),
    );
    expect(series[1]!.values).toEqual([100, 100, 100, 100, 100]);
    expect(gw.calls.count('cloudwatch', 'GetMetricData')).toBe(1);
  });

  it('maps a bad metric query to invalid-input', async () => {
    const { sim, gw } = await simAndGateway();
    const err = await failure(
      gw.cloudwatch.getMetricData(
        [
          {
            id: 'Bad-Id',
            namespace: NS,
            metricName: 'RequestCount',
            dimensions: [],
            period: 60,
            stat: 'Sum',
          },
        ],
        new Date(sim.world.now - 600_000),
        new Date(sim.world.now),
      ),
    );
    expect(err).toMatchObject({
      kind: 'invalid-input',
      service: 'cloudwatch',
      operation: 'GetMetricData',
    });
    expect(err.message).toMatch(
      /^cloudwatch:GetMetricData was rejected \(InvalidParameterValue(Exception)?\): the value Bad-Id/,
    );
  });
});
