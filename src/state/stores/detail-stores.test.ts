import { describe, expect, it } from 'vitest';
import type {
  Listener,
  Rule,
  ServiceDeployment,
  ServiceDeploymentBrief,
  ServiceRevision,
  TargetGroup,
  Task,
} from '../../aws/types';
import { FakeCalls, fakeGateway, makeService } from '../../../test/state/fake-gateway';
import { flushPromises, ManualTimer } from '../manual-timer';
import { PollHub } from '../poll-hub';
import { DeploymentHistoryStore } from './deployment-history';
import { ServiceStore } from './service';
import { TasksStore } from './tasks';
import { TrafficStore } from './traffic';

const inProgress = makeService('api', {
  deployments: [
    {
      id: 'ecs-svc/2',
      status: 'PRIMARY',
      taskDefinitionArn: 'td/api:2',
      desiredCount: 1,
      runningCount: 0,
      pendingCount: 1,
      failedTasks: 0,
      rolloutState: 'IN_PROGRESS',
    },
  ],
});

describe('ServiceStore', () => {
  it('polls every 2 s while the service rolls out and every 10 s when it is done', async () => {
    const calls = new FakeCalls();
    let current = inProgress;
    const gateway = fakeGateway(
      {
        ecs: {
          describeServices: (_c, names, opts) => {
            calls.add('ecs', 'DescribeServices');
            expect(opts?.includeTags).toBe(true);
            return Promise.resolve({ services: [current], missing: names.slice(1) });
          },
        },
      },
      calls,
    );
    const time = new ManualTimer();
    const store = new ServiceStore(new PollHub({ gateway, time }), {
      cluster: 'c',
      service: 'api',
    });
    store.start();
    await flushPromises();
    expect(store.active).toBe(true);
    await time.advanceAsync(10_000);
    expect(calls.count()).toBe(6);
    current = makeService('api');
    await time.advanceAsync(2000);
    expect(store.active).toBe(false);
    await time.advanceAsync(10_000);
    expect(calls.count()).toBe(8);
    store.dispose();
  });

  it('reports a deleted service as empty (null), not as an error', async () => {
    const gateway = fakeGateway({
      ecs: { describeServices: () => Promise.resolve({ services: [], missing: ['api'] }) },
    });
    const store = new ServiceStore(new PollHub({ gateway, time: new ManualTimer() }), {
      cluster: 'c',
      service: 'api',
    });
    await store.refresh();
    expect(store.getSnapshot()).toMatchObject({ status: 'empty', data: null });
  });
});

describe('DeploymentHistoryStore', () => {
  const arn = (id: string) => `arn:aws:ecs:us-east-1:1:service-deployment/c/api/${id}`;
  const rev = (n: number) => `arn:aws:ecs:us-east-1:1:service-revision/c/api/${n}`;
  const brief = (id: string, status: string, n: number): ServiceDeploymentBrief => ({
    arn: arn(id),
    serviceArn: 's',
    clusterArn: 'c',
    status,
    targetServiceRevisionArn: rev(n),
  });

  it('describes finished deployments once and re-describes only the running one', async () => {
    const calls = new FakeCalls();
    const statuses: Record<string, string> = {
      old1: 'SUCCESSFUL',
      old2: 'ROLLBACK_SUCCESSFUL',
      now: 'IN_PROGRESS',
    };
    const revisionsAsked: string[][] = [];
    const deploymentsAsked: string[][] = [];
    const gateway = fakeGateway(
      {
        ecs: {
          listServiceDeployments: () => {
            calls.add('ecs', 'ListServiceDeployments');
            return Promise.resolve([
              brief('now', statuses.now!, 3),
              brief('old2', statuses.old2!, 2),
              brief('old1', statuses.old1!, 1),
            ]);
          },
          describeServiceDeployments: (arns) => {
            calls.add('ecs', 'DescribeServiceDeployments');
            deploymentsAsked.push(arns.map((a) => a.slice(a.lastIndexOf('/') + 1)));
            return Promise.resolve(
              arns.map((a): ServiceDeployment => {
                const id = a.slice(a.lastIndexOf('/') + 1);
                const n = { old1: 1, old2: 2, now: 3 }[id]!;
                return {
                  ...brief(id, statuses[id]!, n),
                  sourceServiceRevisions:
                    n > 1
                      ? [
                          {
                            arn: rev(n - 1),
                            requestedTaskCount: 1,
                            runningTaskCount: 1,
                            pendingTaskCount: 0,
                          },
                        ]
                      : [],
                  lifecycleHooks: [],
                };
              }),
            );
          },
          describeServiceRevisions: (arns) => {
            calls.add('ecs', 'DescribeServiceRevisions');
            revisionsAsked.push(arns);
            return Promise.resolve(
              arns.map((a): ServiceRevision => ({
                arn: a,
                serviceArn: 's',
                clusterArn: 'c',
                taskDefinitionArn: `td/api:${a.slice(-1)}`,
                containerImages: [{ containerName: 'app', image: `api:v${a.slice(-1)}` }],
                loadBalancers: [],
              })),
            );
          },
        },
      },
      calls,
    );
    const time = new ManualTimer();
    const store = new DeploymentHistoryStore(new PollHub({ gateway, time }), {
      cluster: 'c',
      service: 'api',
    });
    store.setActive(true);
    store.start();
    await flushPromises();
    expect(deploymentsAsked).toEqual([['now', 'old2', 'old1']]);
    expect(revisionsAsked).toHaveLength(1);
    expect(revisionsAsked[0]!.sort()).toEqual([rev(1), rev(2), rev(3)]);
    const data = store.getSnapshot().data!;
    expect(data.deployments.map((d) => d.status)).toEqual([
      'IN_PROGRESS',
      'ROLLBACK_SUCCESSFUL',
      'SUCCESSFUL',
    ]);
    expect(data.revisions.get(rev(3))?.taskDefinitionArn).toBe('td/api:3');

    await time.advanceAsync(5000);
    expect(deploymentsAsked[1]).toEqual(['now']);
    statuses.now = 'SUCCESSFUL';
    await time.advanceAsync(5000);
    expect(deploymentsAsked[2]).toEqual(['now']);
    await time.advanceAsync(5000 * 4);
    // finished history is never described again; revisions were described once
    expect(deploymentsAsked).toHaveLength(3);
    expect(calls.count('ecs', 'DescribeServiceRevisions')).toBe(1);
    expect(calls.count('ecs', 'ListServiceDeployments')).toBe(7);
    expect(store.getSnapshot().data!.deployments[0]!.status).toBe('SUCCESSFUL');
    store.dispose();
  });
});

describe('TasksStore', () => {
  it('lists RUNNING tasks, and STOPPED ones after the toggle', async () => {
    const asked: string[] = [];
    const task = (id: string, lastStatus: string): Task => ({
      arn: `arn:aws:ecs:us-east-1:1:task/c/${id}`,
      id,
      clusterArn: 'c',
      taskDefinitionArn: 'td/api:1',
      lastStatus,
      desiredStatus: lastStatus,
      containers: [],
    });
    const gateway = fakeGateway({
      ecs: {
        listTaskArns: (_c, query) => {
          asked.push(`${query.serviceName}:${query.desiredStatus}`);
          return Promise.resolve(query.desiredStatus === 'STOPPED' ? ['s1', 's2'] : ['r1']);
        },
        describeTasks: (_c, arns) =>
          Promise.resolve(arns.map((a) => task(a, a.startsWith('s') ? 'STOPPED' : 'RUNNING'))),
      },
    });
    const store = new TasksStore(new PollHub({ gateway, time: new ManualTimer() }), {
      cluster: 'c',
      service: 'api',
    });
    store.start();
    await store.whenIdle();
    expect(store.getSnapshot()).toMatchObject({ desiredStatus: 'RUNNING', status: 'ready' });
    expect(store.getSnapshot().data!.map((t) => t.id)).toEqual(['r1']);
    store.setDesiredStatus('STOPPED');
    expect(store.getSnapshot()).toMatchObject({
      desiredStatus: 'STOPPED',
      status: 'loading',
      data: undefined,
    });
    await store.whenIdle();
    expect(store.getSnapshot().data!.map((t) => t.lastStatus)).toEqual(['STOPPED', 'STOPPED']);
    expect(asked).toEqual(['api:RUNNING', 'api:STOPPED']);
    // toggled while its tab is hidden: the old list goes at once, the new one comes on start
    store.stop();
    store.setDesiredStatus('RUNNING');
    expect(store.getSnapshot()).toMatchObject({ desiredStatus: 'RUNNING', data: undefined });
    expect(asked).toHaveLength(2);
    store.start();
    await store.whenIdle();
    expect(store.getSnapshot().data!.map((t) => t.id)).toEqual(['r1']);
    store.dispose();
  });
});

describe('TrafficStore', () => {
  const lb = 'arn:lb/app/prod/1';
  const tg = (name: string): TargetGroup => ({
    arn: `arn:tg/${name}/1`,
    name,
    loadBalancerArns: [lb],
    healthCheck: {},
  });
  const listener: Listener = {
    arn: 'arn:listener/1',
    loadBalancerArn: lb,
    port: 443,
    protocol: 'HTTPS',
    defaultActions: [],
  };
  const rule = (blue: number): Rule => ({
    arn: 'arn:rule/10',
    priority: '10',
    isDefault: false,
    conditions: [],
    actions: [
      {
        type: 'forward',
        forward: {
          targetGroups: [
            { targetGroupArn: tg('blue').arn, weight: blue },
            { targetGroupArn: tg('green').arn, weight: 100 - blue },
          ],
        },
        raw: {},
      },
    ],
  });
  const other: Rule = {
    arn: 'arn:rule/other',
    priority: '5',
    isDefault: false,
    conditions: [],
    actions: [],
  };

  it('caches discovery for minutes and reads target health per group each poll', async () => {
    const calls = new FakeCalls();
    let blue = 90;
    const gateway = fakeGateway(
      {
        elb: {
          describeTargetGroups: (q) => {
            calls.add('elb', 'DescribeTargetGroups');
            return Promise.resolve((q.arns ?? []).map((a) => tg(a.split('/')[1]!)));
          },
          describeListeners: () => {
            calls.add('elb', 'DescribeListeners');
            return Promise.resolve([listener]);
          },
          describeRules: (q) => {
            calls.add('elb', 'DescribeRules');
            return Promise.resolve(q.ruleArns ? [rule(blue)] : [other, rule(blue)]);
          },
          describeTargetHealth: () => {
            calls.add('elb', 'DescribeTargetHealth');
            return Promise.resolve([{ targetId: '10.0.0.1', state: 'healthy' }]);
          },
        },
      },
      calls,
    );
    const time = new ManualTimer();
    const store = new TrafficStore(new PollHub({ gateway, time }), { name: 'api' });
    store.setTargetGroups([tg('blue').arn, tg('green').arn]);
    store.start();
    await store.whenIdle();
    const first = store.getSnapshot().data!;
    expect(first.listeners).toHaveLength(1);
    expect(first.listeners[0]!.rules.map((r) => r.arn)).toEqual(['arn:rule/10']);
    expect(Object.keys(first.health)).toHaveLength(2);
    expect(calls.snapshot()).toEqual({
      'elb:DescribeTargetGroups': 1,
      'elb:DescribeListeners': 1,
      'elb:DescribeRules': 1,
      'elb:DescribeTargetHealth': 2,
    });

    await time.advanceAsync(15_000 * 4); // 4 idle polls: health only
    expect(calls.count('elb', 'DescribeTargetHealth')).toBe(10);
    expect(calls.count('elb', 'DescribeRules')).toBe(1);

    store.setLiveWeights(true); // a rollout shifts weights: one DescribeRules per poll
    blue = 50;
    await time.advanceAsync(15_000);
    expect(calls.count('elb', 'DescribeRules')).toBe(2);
    const weights =
      store.getSnapshot().data!.listeners[0]!.rules[0]!.actions[0]!.forward!.targetGroups;
    expect(weights.map((w) => w.weight)).toEqual([50, 50]);

    await time.advanceAsync(5 * 60_000); // past the discovery TTL
    expect(calls.count('elb', 'DescribeListeners')).toBe(2);
    store.dispose();
  });

  it('is empty for a service without load balancers, and makes no calls', async () => {
    const calls = new FakeCalls();
    const store = new TrafficStore(
      new PollHub({ gateway: fakeGateway({}, calls), time: new ManualTimer() }),
      {
        name: 'worker',
      },
    );
    await store.refresh();
    expect(store.getSnapshot().status).toBe('empty');
    expect(calls.count()).toBe(0);
  });
});
