import { describe, expect, it } from 'vitest';
import type { Cluster, TaskDefinition } from '../../aws/types';
import { AwsError, ExpectedError } from '../../errors';
import { FakeCalls, fakeGateway, makeService } from '../../../test/state/fake-gateway';
import { FlashStore } from '../flash';
import { flushPromises, ManualTimer } from '../manual-timer';
import { PollHub } from '../poll-hub';
import { ClustersStore } from './clusters';
import { IdentityStore } from './identity';
import { ServiceDetailStore, targetGroupsOf } from './service-detail';
import { familyOf, TaskDefinitionStore } from './task-definitions';

function definition(arn: string): TaskDefinition {
  const tail = arn.slice(arn.lastIndexOf('/') + 1);
  const [family = '', revision = '0'] = tail.split(':');
  return {
    arn: `arn:aws:ecs:us-east-1:1:task-definition/${tail}`,
    family,
    revision: Number(revision),
    status: 'ACTIVE',
    requiresCompatibilities: [],
    containers: [],
    tags: {},
    document: { family, containerDefinitions: [] },
  };
}

describe('ClustersStore', () => {
  it('lists and describes clusters, sorted by name', async () => {
    const cluster = (name: string): Cluster => ({
      arn: `arn:cluster/${name}`,
      name,
      status: 'ACTIVE',
      activeServicesCount: 1,
      runningTasksCount: 1,
      pendingTasksCount: 0,
      capacityProviders: [],
    });
    const gateway = fakeGateway({
      ecs: {
        listClusterArns: () => Promise.resolve(['arn:cluster/zeta', 'arn:cluster/alpha']),
        describeClusters: (arns) => Promise.resolve(arns.map((a) => cluster(a.split('/')[1]!))),
      },
    });
    const store = new ClustersStore(new PollHub({ gateway, time: new ManualTimer() }));
    await store.refresh();
    expect(store.getSnapshot().data!.map((c) => c.name)).toEqual(['alpha', 'zeta']);
    store.dispose();
  });
});

describe('IdentityStore', () => {
  it('asks STS once, and again only on refresh', async () => {
    let asked = 0;
    const gateway = fakeGateway({
      sts: {
        getCallerIdentity: () => {
          asked++;
          return Promise.resolve({
            account: '123456789012',
            arn: 'arn:aws:iam::123456789012:user/me',
            userId: 'X',
          });
        },
      },
    });
    const time = new ManualTimer();
    const store = new IdentityStore(new PollHub({ gateway, time }));
    store.start();
    store.start();
    await flushPromises();
    await time.advanceAsync(3_600_000);
    store.start();
    expect(asked).toBe(1);
    expect(store.getSnapshot().data?.account).toBe('123456789012');
    await store.refresh();
    expect(asked).toBe(2);
  });
});

describe('FlashStore', () => {
  it('shows the newest message and clears it after 6 s', () => {
    const time = new ManualTimer();
    const flash = new FlashStore(time);
    flash.info('copied');
    expect(flash.getSnapshot().current).toMatchObject({ level: 'info', text: 'copied' });
    time.advance(3000);
    flash.error(new ExpectedError('no credentials', 'run aws sso login --profile prod'));
    expect(flash.getSnapshot().current).toMatchObject({
      level: 'error',
      text: 'no credentials',
      hint: 'run aws sso login --profile prod',
    });
    time.advance(5999);
    expect(flash.getSnapshot().current).toBeDefined();
    time.advance(1);
    expect(flash.getSnapshot().current).toBeUndefined();
    flash.warn('throttled');
    flash.clear();
    expect(flash.getSnapshot().current).toBeUndefined();
    expect(time.pendingCount()).toBe(0);
  });
});

describe('TaskDefinitionStore', () => {
  it('fetches the current revision once, others on demand, and lists the exact family', async () => {
    const calls = new FakeCalls();
    const gateway = fakeGateway(
      {
        ecs: {
          describeTaskDefinition: (ref) => {
            calls.add('ecs', 'DescribeTaskDefinition');
            if (ref.endsWith(':9')) {
              return Promise.reject(
                new AwsError('task definition api:9 not found', {
                  kind: 'not-found',
                  code: 'ClientException',
                  service: 'ecs',
                  operation: 'DescribeTaskDefinition',
                  retryable: false,
                }),
              );
            }
            return Promise.resolve(definition(ref));
          },
          listTaskDefinitionArns: (q) => {
            expect(q).toMatchObject({ familyPrefix: 'api', sort: 'DESC' });
            return Promise.resolve(['td/api:42', 'td/api-worker:3', 'td/api:41']);
          },
        },
      },
      calls,
    );
    const hub = new PollHub({ gateway, time: new ManualTimer() });
    const store = new TaskDefinitionStore(hub);
    store.setCurrent('arn:aws:ecs:us-east-1:1:task-definition/api:42');
    expect(store.getSnapshot().status).toBe('loading');
    await flushPromises();
    expect(store.getSnapshot()).toMatchObject({ status: 'ready', current: { revision: 42 } });
    expect((await store.load('api:41'))?.revision).toBe(41);
    expect(await store.load('api:9')).toBeUndefined();
    expect(store.getSnapshot().failed.get('api:9')).toContain('not found');
    // a second store of the same hub shares the cache
    const other = new TaskDefinitionStore(hub);
    other.setCurrent('arn:aws:ecs:us-east-1:1:task-definition/api:42');
    await flushPromises();
    expect(calls.count('ecs', 'DescribeTaskDefinition')).toBe(3);
    await store.listRevisions();
    expect(store.getSnapshot().revisions).toEqual(['td/api:42', 'td/api:41']);
    expect(familyOf('arn:aws:ecs:r:1:task-definition/api-worker:3')).toBe('api-worker');
  });
});

describe('ServiceDetailStore', () => {
  it('polls only the open tab and feeds it from the service', async () => {
    const calls = new FakeCalls();
    const service = makeService('api', {
      loadBalancers: [
        {
          targetGroupArn: 'arn:tg/blue/1',
          containerName: 'app',
          advanced: {
            alternateTargetGroupArn: 'arn:tg/green/1',
            productionListenerRule: 'arn:rule/1',
          },
        },
      ],
    });
    const gateway = fakeGateway(
      {
        ecs: {
          describeServices: () => {
            calls.add('ecs', 'DescribeServices');
            return Promise.resolve({ services: [service], missing: [] });
          },
          listServiceDeployments: () => {
            calls.add('ecs', 'ListServiceDeployments');
            return Promise.resolve([]);
          },
          listTaskArns: () => {
            calls.add('ecs', 'ListTasks');
            return Promise.resolve([]);
          },
          describeTaskDefinition: (ref) => Promise.resolve(definition(ref)),
        },
        elb: {
          describeTargetGroups: () => Promise.resolve([]),
        },
      },
      calls,
    );
    const time = new ManualTimer();
    const detail = new ServiceDetailStore(new PollHub({ gateway, time }), {
      cluster: 'c',
      service: 'api',
    });
    detail.start();
    await flushPromises();
    expect(calls.count('ecs', 'ListServiceDeployments')).toBe(1);
    expect(calls.count('ecs', 'ListTasks')).toBe(0);
    expect(detail.taskDefinitions.getSnapshot().current?.family).toBe('api');
    detail.setTab('tasks');
    await flushPromises();
    await time.advanceAsync(60_000);
    expect(calls.count('ecs', 'ListServiceDeployments')).toBe(1);
    expect(calls.count('ecs', 'ListTasks')).toBe(5); // every 15 s while open
    expect(targetGroupsOf(service)).toEqual(['arn:tg/blue/1', 'arn:tg/green/1']);
    detail.dispose();
    const total = calls.count();
    await time.advanceAsync(60_000);
    expect(calls.count()).toBe(total);
  });
});
