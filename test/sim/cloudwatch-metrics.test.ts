import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  InvalidParameterValueException,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import { recordTargetGroupTraffic } from '../../src/sim/services/cloudwatch/alb-metrics';
import { buildTargetGroupAlarm } from '../../src/sim/services/cloudwatch/builder';
import { MAX_POINTS, findSeries, putDatapoint } from '../../src/sim/services/cloudwatch/metrics';
import { sdkConfig, simEnv, startTestSim } from '../helpers/sim';

const run = promisify(execFile);
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
let sim: RunningSimulator;
let cw: CloudWatchClient;
const region = 'us-east-1';
const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const TG =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-blue/0123456789abcdef';
const LB =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/fedcba9876543210';
const DIMS = [
  { Name: 'TargetGroup', Value: 'targetgroup/web-blue/0123456789abcdef' },
  { Name: 'LoadBalancer', Value: 'app/shop/fedcba9876543210' },
];

beforeEach(async () => {
  sim = await startTestSim();
  cw = new CloudWatchClient(sdkConfig(sim));
  // three minutes of traffic, two ticks a minute
  for (let i = 0; i < 6; i++) {
    recordTargetGroupTraffic(sim.world, region, {
      targetGroupArn: TG,
      loadBalancerArn: LB,
      requests: 100 + i,
      target5xx: i,
      responseTimeSeconds: 0.1 * (i + 1),
      at: T0 + i * 30_000,
    });
  }
  sim.advance(3 * 60_000);
});
afterEach(async () => {
  cw.destroy();
  await sim.close();
});

describe('CloudWatch GetMetricData', () => {
  it('returns series per period, newest first by default, with labels and Complete status', async () => {
    const out = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 3 * 60_000),
        MetricDataQueries: [
          {
            Id: 'requests',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/ApplicationELB',
                MetricName: 'RequestCount',
                Dimensions: DIMS,
              },
              Period: 60,
              Stat: 'Sum',
            },
          },
          {
            Id: 'errors',
            Label: '5xx',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/ApplicationELB',
                MetricName: 'HTTPCode_Target_5XX_Count',
                Dimensions: DIMS,
              },
              Period: 60,
              Stat: 'Sum',
            },
          },
          {
            Id: 'latency',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/ApplicationELB',
                MetricName: 'TargetResponseTime',
                Dimensions: DIMS,
              },
              Period: 60,
              Stat: 'Maximum',
            },
          },
          {
            Id: 'hidden',
            ReturnData: false,
            MetricStat: {
              Metric: {
                Namespace: 'AWS/ApplicationELB',
                MetricName: 'RequestCount',
                Dimensions: DIMS,
              },
              Period: 60,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );
    expect(out.MetricDataResults!.map((r) => r.Id)).toEqual(['requests', 'errors', 'latency']);
    const [requests, errors, latency] = out.MetricDataResults!;
    expect(requests).toEqual({
      Id: 'requests',
      Label: 'RequestCount',
      StatusCode: 'Complete',
      Timestamps: [new Date(T0 + 120_000), new Date(T0 + 60_000), new Date(T0)],
      Values: [209, 205, 201],
    });
    expect(errors!.Label).toBe('5xx');
    expect(errors!.Values).toEqual([9, 5, 1]);
    expect(latency!.Values!.map((v) => Math.round(v * 10) / 10)).toEqual([0.6, 0.4, 0.2]);
  });

  it('answers ascending when asked, empty for unknown series, and rejects bad ranges', async () => {
    const query = (metric: string, scan?: 'TimestampAscending') =>
      cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(T0 + 60_000),
          EndTime: new Date(T0 + 3 * 60_000),
          ScanBy: scan,
          MetricDataQueries: [
            {
              Id: 'm',
              MetricStat: {
                Metric: { Namespace: 'AWS/ApplicationELB', MetricName: metric, Dimensions: DIMS },
                Period: 60,
                Stat: 'SampleCount',
              },
            },
          ],
        }),
      );
    const asc = await query('RequestCount', 'TimestampAscending');
    expect(asc.MetricDataResults![0]!.Timestamps).toEqual([
      new Date(T0 + 60_000),
      new Date(T0 + 120_000),
    ]);
    expect(asc.MetricDataResults![0]!.Values).toEqual([2, 2]);
    const none = await query('NoSuchMetric');
    expect(none.MetricDataResults![0]).toMatchObject({
      Timestamps: [],
      Values: [],
      StatusCode: 'Complete',
    });
    await expect(
      cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(T0 + 60_000),
          EndTime: new Date(T0),
          MetricDataQueries: [{ Id: 'm', Expression: 'SUM(METRICS())' }],
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterValueException);
  });
});

describe('CloudWatch metric store', () => {
  it('PutMetricData lands in the store; AWS/ namespaces are refused', async () => {
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'Shop/Checkout',
        MetricData: [
          { MetricName: 'Orders', Dimensions: [{ Name: 'Env', Value: 'prod' }], Value: 3 },
        ],
      }),
    );
    const series = findSeries(sim.world, region, 'Shop/Checkout', 'Orders', { Env: 'prod' });
    expect(series!.points).toEqual([{ t: sim.world.now, v: 3 }]);
    await expect(
      cw.send(
        new PutMetricDataCommand({
          Namespace: 'AWS/ECS',
          MetricData: [{ MetricName: 'X', Value: 1 }],
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterValueException);
  });

  it('keeps each series bounded and sorted', () => {
    for (let i = 0; i < MAX_POINTS + 500; i++)
      putDatapoint(sim.world, region, 'N', 'M', {}, T0 + i, i);
    putDatapoint(sim.world, region, 'N', 'M', {}, T0 + 1000.5, -1);
    const points = findSeries(sim.world, region, 'N', 'M', [])!.points;
    expect(points.length).toBeLessThanOrEqual(MAX_POINTS + 256);
    expect(points[points.length - 1]!.v).toBe(MAX_POINTS + 499);
    expect(points.every((p, i) => i === 0 || points[i - 1]!.t <= p.t)).toBe(true);
  });
});

describe('CloudWatch over awsQuery (the AWS CLI)', () => {
  it('aws cloudwatch describe-alarms parses the simulator reply', async () => {
    buildTargetGroupAlarm(sim.world, { name: 'web-5xx', targetGroupArn: TG, loadBalancerArn: LB });
    const { stdout } = await run(
      AWS,
      [
        'cloudwatch',
        'describe-alarms',
        '--alarm-names',
        'web-5xx',
        '--endpoint-url',
        sim.endpoint,
        '--output',
        'json',
      ],
      { env: simEnv(sim) },
    );
    const out = JSON.parse(stdout) as {
      MetricAlarms: Record<string, unknown>[];
      CompositeAlarms: unknown[];
    };
    expect(out.CompositeAlarms).toEqual([]);
    expect(out.MetricAlarms).toHaveLength(1);
    expect(out.MetricAlarms[0]).toMatchObject({
      AlarmName: 'web-5xx',
      MetricName: 'HTTPCode_Target_5XX_Count',
      Namespace: 'AWS/ApplicationELB',
      Threshold: 5,
      Period: 60,
      TreatMissingData: 'notBreaching',
      Dimensions: [
        { Name: 'LoadBalancer', Value: 'app/shop/fedcba9876543210' },
        { Name: 'TargetGroup', Value: 'targetgroup/web-blue/0123456789abcdef' },
      ],
    });
  });

  it('answers a raw query request in XML with the Result wrapper', async () => {
    const res = await fetch(sim.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeAlarms&Version=2010-08-01&AlarmNames=',
    });
    const xml = await res.text();
    expect(res.status).toBe(200);
    expect(xml).toContain(
      '<DescribeAlarmsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">',
    );
    expect(xml).toContain(
      '<DescribeAlarmsResult><MetricAlarms/><CompositeAlarms/></DescribeAlarmsResult>',
    );
  });
});
