import { describe, expect, it } from 'vitest';
import type { AwsGateway } from '../aws/gateway';
import { AwsError } from '../errors';
import { budgetLimits, planBudget } from './budget';
import { flushPromises, ManualTimer } from './manual-timer';
import { PollHub, sharedPollHub } from './poll-hub';

const noGateway = {} as AwsGateway;

describe('planBudget', () => {
  it('leaves entries alone while every bucket is under its quarter', () => {
    const limits = budgetLimits();
    expect(limits['ecs.serviceRead']).toBe(5);
    expect(limits['elb.describe']).toBe(2.5);
    const plan = planBudget(
      [
        { cost: { 'ecs.serviceRead': 2 }, intervalMs: 5000 },
        { cost: { 'elb.describe': 3 }, intervalMs: 5000 },
      ],
      limits,
    );
    expect(plan.stretch).toEqual([1, 1]);
    expect(plan.rates['ecs.serviceRead']).toBeCloseTo(0.4);
  });

  it('stretches every user of an over-subscribed bucket by the same factor', () => {
    const limits = budgetLimits();
    // 50 ListServices every 2 s = 25/s, plus 2 describes every 2 s = 1/s: 26/s against 5/s
    const plan = planBudget(
      [
        { cost: { 'ecs.serviceRead': 50 }, intervalMs: 2000 },
        { cost: { 'ecs.serviceRead': 2 }, intervalMs: 2000 },
        { cost: { 'ecs.clusterResourceRead': 1 }, intervalMs: 2000 },
      ],
      limits,
    );
    expect(plan.stretch[0]).toBeCloseTo(5.2);
    expect(plan.stretch[1]).toBeCloseTo(5.2);
    expect(plan.stretch[2]).toBe(1);
    expect(plan.rates['ecs.serviceRead']).toBeCloseTo(5);
  });

  it('uses the largest factor for an entry in several buckets', () => {
    const limits = budgetLimits();
    const plan = planBudget(
      [
        { cost: { 'elb.describe': 10, 'ecs.serviceRead': 1 }, intervalMs: 1000 },
        { cost: { 'ecs.serviceRead': 1 }, intervalMs: 1000 },
      ],
      limits,
    );
    expect(plan.stretch[0]).toBeCloseTo(4); // 10/s ELB against 2.5/s
    expect(plan.stretch[1]).toBe(1);
    expect(plan.rates['elb.describe']).toBeCloseTo(2.5);
  });

  it('ignores entries that only fetch on demand', () => {
    const plan = planBudget(
      [{ cost: { 'ecs.clusterRead': 5 }, intervalMs: Infinity }],
      budgetLimits(),
    );
    expect(plan.stretch).toEqual([1]);
    expect(plan.rates).toEqual({});
  });
});

describe('PollHub', () => {
  it('stretches intervals of pollers whose estimated call rate exceeds the budget', async () => {
    const time = new ManualTimer();
    const hub = new PollHub({ gateway: noGateway, time });
    let listCalls = 0;
    let cost = 1;
    const list = hub.createPoller({
      name: 'services.list',
      intervalMs: 2000,
      fetch: () => {
        listCalls += cost;
        return Promise.resolve(listCalls);
      },
      cost: () => ({ 'ecs.serviceRead': cost }),
    });
    list.start();
    await flushPromises();
    expect(list.getSnapshot().intervalMs).toBe(2000);
    cost = 50; // the first page said 5,000 services: 50 pages per refresh
    hub.rebalance();
    // 50 calls per run at <= 5 calls/s means a run every 10 s at most
    expect(list.getSnapshot().intervalMs).toBe(10_000);
    expect(hub.getSnapshot().stretched).toEqual(['services.list']);
    const before = listCalls;
    await time.advanceAsync(60_000);
    expect((listCalls - before) / 60).toBeLessThanOrEqual(5);
    expect(hub.getSnapshot().rates['ecs.serviceRead']).toBeCloseTo(5);
    hub.dispose();
    expect(hub.getSnapshot().running).toBe(0);
  });

  it('reports throttled while any poller backs off, and clears when it recovers', async () => {
    const time = new ManualTimer();
    const hub = new PollHub({ gateway: noGateway, time });
    let fail = true;
    const p = hub.createPoller({
      name: 'svc',
      intervalMs: 1000,
      fetch: () =>
        fail
          ? Promise.reject(
              new AwsError('Rate exceeded', {
                kind: 'throttled',
                code: 'ThrottlingException',
                service: 'ecs',
                operation: 'DescribeServices',
                retryable: true,
              }),
            )
          : Promise.resolve(1),
    });
    const quiet = hub.createPoller({
      name: 'quiet',
      intervalMs: 1000,
      fetch: () => Promise.resolve(2),
    });
    quiet.start();
    p.start();
    await flushPromises();
    expect(hub.getSnapshot()).toMatchObject({ throttled: true, throttledPollers: ['svc'] });
    fail = false;
    await time.advanceAsync(2 * 2000);
    expect(hub.getSnapshot().throttled).toBe(true); // two clean polls are not enough
    await time.advanceAsync(2000);
    expect(hub.getSnapshot().throttled).toBe(false);
    hub.release(p);
    expect(p.isRunning).toBe(false);
    expect(hub.getSnapshot().running).toBe(1);
    hub.dispose();
  });

  it('is shared per gateway', () => {
    const a = {} as AwsGateway;
    const b = {} as AwsGateway;
    expect(sharedPollHub(a)).toBe(sharedPollHub(a));
    expect(sharedPollHub(a)).not.toBe(sharedPollHub(b));
    expect(sharedPollHub(a).gateway).toBe(a);
  });
});
