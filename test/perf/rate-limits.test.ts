import { ListApplicationsCommand, CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ECSClient, ListClustersCommand, ListServicesCommand } from '@aws-sdk/client-ecs';
import {
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyRuleCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { ScaledClock, type RunningSimulator } from '../../src/sim';
import { rateLimitTime } from '../../src/sim/http/rate-limits';
import { buildCluster } from '../../src/sim/services/ecs/builder';
import { sdkConfig, startTestSim } from '../helpers/sim';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Sends `n` calls one after another; how many came back throttled, and the first such error. */
async function burst(n: number, send: () => Promise<unknown>) {
  let throttled = 0;
  let first: unknown;
  for (let i = 0; i < n; i++) {
    try {
      await send();
    } catch (error) {
      throttled++;
      first ??= error;
    }
  }
  return { throttled, first };
}

describe("the simulator's AWS rate limits (token buckets on the manual clock)", () => {
  it('ECS service reads: a burst of 100, then ThrottlingException "Rate exceeded"; 20 more a second', async () => {
    const test = await startTestSim({ rateLimits: 'aws' });
    sim = test;
    buildCluster(test.world, 'us-east-1', 'prod');
    const ecs = new ECSClient(sdkConfig(test));
    const list = () => ecs.send(new ListServicesCommand({ cluster: 'prod' }));
    expect((await burst(100, list)).throttled).toBe(0);
    const over = await burst(5, list);
    expect(over.throttled).toBe(5);
    expect(over.first).toMatchObject({
      name: 'ThrottlingException',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    });
    // another category has its own bucket
    expect((await burst(1, () => ecs.send(new ListClustersCommand({})))).throttled).toBe(0);
    test.advance(1000);
    expect((await burst(25, list)).throttled).toBe(5);
    expect(test.calls.count('ecs', 'ListServices')).toBe(130);
    expect(test.rateLimits?.throttled()).toEqual({ 'ecs.serviceRead': 10 });
  });

  it('ELBv2: every action also draws from the account bucket (40, 10/s); code Throttling', async () => {
    const test = await startTestSim({ rateLimits: 'aws' });
    sim = test;
    const elb = new ElasticLoadBalancingV2Client(sdkConfig(test));
    const describe = () => elb.send(new DescribeTargetGroupsCommand({}));
    expect((await burst(40, describe)).throttled).toBe(0);
    // the mutating bucket is full, but the account bucket is not
    const modify = await burst(1, () =>
      elb.send(new ModifyRuleCommand({ RuleArn: 'arn:aws:elasticloadbalancing:x', Actions: [] })),
    );
    expect(modify.first).toMatchObject({
      name: 'Throttling',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    });
    test.advance(500);
    expect((await burst(6, describe)).throttled).toBe(1);
  });

  it('CodeDeploy: a conservative 10 at once, 1 a second; ThrottlingException', async () => {
    const test = await startTestSim({ rateLimits: 'aws' });
    sim = test;
    const cd = new CodeDeployClient(sdkConfig(test));
    const read = () => cd.send(new ListApplicationsCommand({}));
    const first = await burst(12, read);
    expect(first.throttled).toBe(2);
    expect(first.first).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded' });
    test.advance(3000);
    expect((await burst(4, read)).throttled).toBe(1);
  });

  it('is off unless asked for', async () => {
    const test = await startTestSim();
    sim = test;
    buildCluster(test.world, 'us-east-1', 'prod');
    const ecs = new ECSClient(sdkConfig(test));
    const over = await burst(150, () => ecs.send(new ListServicesCommand({ cluster: 'prod' })));
    expect(over.throttled).toBe(0);
    expect(test.rateLimits).toBeUndefined();
  });

  it('refills on real time under a scaled clock, not on the faster simulated time', () => {
    const clock = new ScaledClock(6, 0);
    const real = rateLimitTime(clock);
    const a = real();
    const simA = clock.now();
    // (sim elapsed) = 6 x (real elapsed), so the refill clock moves at a sixth of the sim's
    expect(real() - a).toBeLessThanOrEqual(clock.now() - simA);
    expect(Math.abs(real() - clock.now() / 6)).toBeLessThan(1);
  });
});
