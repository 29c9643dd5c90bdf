import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  InvalidNextToken,
  InvalidParameterValueException,
  PutMetricAlarmCommand,
  ResourceNotFound,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import { recordTargetGroupTraffic } from '../../src/sim/services/cloudwatch/alb-metrics';
import {
  alarmState,
  alarmsInAlarm,
  isInAlarm,
  onAlarmStateChange,
  type AlarmStateChange,
} from '../../src/sim/services/cloudwatch/alarms';
import { buildTargetGroupAlarm } from '../../src/sim/services/cloudwatch/builder';
import { putDatapoint } from '../../src/sim/services/cloudwatch/metrics';
import { sdkConfig, startTestSim } from '../helpers/sim';

let sim: RunningSimulator;
let cw: CloudWatchClient;
const region = 'us-east-1';
const S = 1000;
const TG =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-blue/0123456789abcdef';
const LB =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/fedcba9876543210';

beforeEach(async () => {
  sim = await startTestSim();
  cw = new CloudWatchClient(sdkConfig(sim));
});
afterEach(async () => {
  cw.destroy();
  await sim.close();
});

function put(name: string, threshold = 5, extra: Partial<PutMetricAlarmCommand['input']> = {}) {
  return cw.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      Namespace: 'AWS/ApplicationELB',
      MetricName: 'HTTPCode_Target_5XX_Count',
      Dimensions: [
        { Name: 'TargetGroup', Value: 'targetgroup/web-blue/0123456789abcdef' },
        { Name: 'LoadBalancer', Value: 'app/shop/fedcba9876543210' },
      ],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      ...extra,
    }),
  );
}

describe('CloudWatch alarms through the SDK (awsJson 1.0)', () => {
  it('PutMetricAlarm then DescribeAlarms returns MetricAlarms and CompositeAlarms', async () => {
    await put('web-5xx');
    const out = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['web-5xx'] }));
    expect(out.CompositeAlarms).toEqual([]);
    expect(out.MetricAlarms).toHaveLength(1);
    const a = out.MetricAlarms![0]!;
    expect(a).toMatchObject({
      AlarmName: 'web-5xx',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-5xx',
      StateValue: 'INSUFFICIENT_DATA',
      StateReason: 'Unchecked: Initial alarm creation',
      MetricName: 'HTTPCode_Target_5XX_Count',
      Namespace: 'AWS/ApplicationELB',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
      ActionsEnabled: true,
      AlarmActions: [],
    });
    expect(a.Dimensions).toEqual([
      { Name: 'LoadBalancer', Value: 'app/shop/fedcba9876543210' },
      { Name: 'TargetGroup', Value: 'targetgroup/web-blue/0123456789abcdef' },
    ]);
    expect(a.StateUpdatedTimestamp).toEqual(new Date(Date.UTC(2026, 10, 26, 9, 0, 0)));
  });

  it('filters by prefix and state and pages with MaxRecords / NextToken', async () => {
    for (const n of ['b-1', 'a-2', 'a-1', 'c-1']) await put(n);
    await cw.send(
      new SetAlarmStateCommand({ AlarmName: 'c-1', StateValue: 'ALARM', StateReason: 'test' }),
    );
    const prefixed = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'a-' }));
    expect(prefixed.MetricAlarms!.map((x) => x.AlarmName)).toEqual(['a-1', 'a-2']);
    const alarming = await cw.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }));
    expect(alarming.MetricAlarms!.map((x) => x.AlarmName)).toEqual(['c-1']);
    expect(alarming.MetricAlarms![0]!.StateReason).toBe('test');
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await cw.send(new DescribeAlarmsCommand({ MaxRecords: 3, NextToken: token }));
      names.push(...page.MetricAlarms!.map((x) => x.AlarmName!));
      token = page.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(2);
    expect(names).toEqual(['a-1', 'a-2', 'b-1', 'c-1']);
    const composite = await cw.send(new DescribeAlarmsCommand({ AlarmTypes: ['CompositeAlarm'] }));
    expect(composite.MetricAlarms).toEqual([]);
    await expect(
      cw.send(new DescribeAlarmsCommand({ NextToken: 'garbage' })),
    ).rejects.toBeInstanceOf(InvalidNextToken);
  });

  it('SetAlarmState and DeleteAlarms on a missing alarm fail with ResourceNotFound', async () => {
    await expect(
      cw.send(new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'OK', StateReason: 'x' })),
    ).rejects.toBeInstanceOf(ResourceNotFound);
    await expect(cw.send(new DeleteAlarmsCommand({ AlarmNames: ['nope'] }))).rejects.toMatchObject({
      name: 'ResourceNotFound',
      $metadata: { httpStatusCode: 404 },
    });
    await put('gone');
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ['gone'] }));
    const out = await cw.send(new DescribeAlarmsCommand({}));
    expect(out.MetricAlarms).toEqual([]);
  });

  it('rejects bad PutMetricAlarm input with CloudWatch error classes', async () => {
    const err = await put('bad', 5, { ComparisonOperator: 'Sideways' as never }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InvalidParameterValueException);
    await expect(put('bad', 5, { Period: 45 })).rejects.toBeInstanceOf(
      InvalidParameterValueException,
    );
    await expect(put('bad', 5, { EvaluationPeriods: undefined })).rejects.toMatchObject({
      name: 'MissingRequiredParameterException',
    });
    await expect(
      cw.send(
        new SetAlarmStateCommand({
          AlarmName: 'x',
          StateValue: 'OK',
          StateReason: 'r',
          StateReasonData: '{',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidFormatFault' });
  });
});

describe('CloudWatch alarm evaluation on the manual clock', () => {
  it('goes to ALARM with AWS reason text when the metric crosses the threshold, and back to OK', async () => {
    await put('web-5xx');
    const changes: AlarmStateChange[] = [];
    onAlarmStateChange(sim.world, region, (c) => changes.push(c));
    sim.advance(90 * S); // 09:01:30
    recordTargetGroupTraffic(sim.world, region, {
      targetGroupArn: TG,
      loadBalancerArn: LB,
      requests: 100,
      target5xx: 12,
    });
    expect(isInAlarm(sim.world, region, 'web-5xx')).toBe(false);
    sim.advance(30 * S); // 09:02:00 evaluates 09:01:00-09:02:00
    expect(isInAlarm(sim.world, region, 'web-5xx')).toBe(true);
    const out = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['web-5xx'] }));
    const a = out.MetricAlarms![0]!;
    expect(a.StateValue).toBe('ALARM');
    expect(a.StateReason).toBe(
      'Threshold Crossed: 1 datapoint [12.0 (26/11/26 09:01:00)] was greater than the threshold (5.0).',
    );
    expect(JSON.parse(a.StateReasonData!)).toMatchObject({
      version: '1.0',
      statistic: 'Sum',
      period: 60,
      recentDatapoints: [12],
      threshold: 5,
      evaluatedDatapoints: [
        { timestamp: '2026-11-26T09:01:00.000+0000', sampleCount: 1, value: 12 },
      ],
    });
    expect(a.StateUpdatedTimestamp).toEqual(new Date(Date.UTC(2026, 10, 26, 9, 2, 0)));
    // the next minute has two small samples
    putDatapoint(
      sim.world,
      region,
      'AWS/ApplicationELB',
      'HTTPCode_Target_5XX_Count',
      {
        TargetGroup: 'targetgroup/web-blue/0123456789abcdef',
        LoadBalancer: 'app/shop/fedcba9876543210',
      },
      sim.world.now + 10 * S,
      1,
    );
    putDatapoint(
      sim.world,
      region,
      'AWS/ApplicationELB',
      'HTTPCode_Target_5XX_Count',
      {
        TargetGroup: 'targetgroup/web-blue/0123456789abcdef',
        LoadBalancer: 'app/shop/fedcba9876543210',
      },
      sim.world.now + 20 * S,
      2,
    );
    sim.advance(60 * S);
    expect(alarmState(sim.world, region, 'web-5xx')).toMatchObject({
      state: 'OK',
      reason:
        'Threshold Crossed: 1 datapoint [3.0 (26/11/26 09:02:00)] was not greater than the threshold (5.0).',
    });
    sim.advance(60 * S);
    expect(alarmState(sim.world, region, 'web-5xx')!.state).toBe('INSUFFICIENT_DATA');
    expect(alarmState(sim.world, region, 'web-5xx')!.reason).toBe(
      'Insufficient Data: 1 datapoint was unknown.',
    );
    expect(changes.map((c) => [c.previous, c.current])).toEqual([
      ['INSUFFICIENT_DATA', 'ALARM'],
      ['ALARM', 'OK'],
      ['OK', 'INSUFFICIENT_DATA'],
    ]);
  });

  it('needs DatapointsToAlarm of EvaluationPeriods to alarm, and a builder alarm treats missing data as fine', () => {
    const name = buildTargetGroupAlarm(sim.world, {
      name: 'm-of-n',
      targetGroupArn: TG,
      loadBalancerArn: LB,
      threshold: 5,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
    });
    sim.advance(60 * S);
    expect(alarmState(sim.world, region, name)).toMatchObject({
      state: 'OK',
      reason:
        'Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [NonBreaching].',
    });
    for (const [minute, errors] of [
      [1, 9],
      [2, 0],
      [3, 7],
    ] as const) {
      recordTargetGroupTraffic(sim.world, region, {
        targetGroupArn: TG,
        loadBalancerArn: LB,
        requests: 50,
        target5xx: errors,
        at: Date.UTC(2026, 10, 26, 9, minute, 15),
      });
    }
    sim.advance(2 * 60 * S); // 09:03: periods 09:00, 09:01 (9), 09:02 (0): one breach
    expect(isInAlarm(sim.world, region, name)).toBe(false);
    sim.advance(60 * S); // 09:04: 09:01 (9), 09:02 (0), 09:03 (7)
    expect(alarmsInAlarm(sim.world, region, [name, 'unknown'])).toEqual([name]);
    expect(alarmState(sim.world, region, name)!.reason).toBe(
      'Threshold Crossed: 2 out of the last 3 datapoints [7.0 (26/11/26 09:03:00), 9.0 (26/11/26 09:01:00)] were greater than the threshold (5.0) (minimum 2 datapoints for OK -> ALARM transition).',
    );
  });

  it('a SetAlarmState lasts until the next evaluation disagrees', async () => {
    await put('manual', 5, { TreatMissingData: 'notBreaching' });
    await cw.send(
      new SetAlarmStateCommand({ AlarmName: 'manual', StateValue: 'ALARM', StateReason: 'drill' }),
    );
    expect(isInAlarm(sim.world, region, 'manual')).toBe(true);
    sim.advance(60 * S);
    expect(alarmState(sim.world, region, 'manual')!.state).toBe('OK');
  });
});
