import { describe, expect, it } from 'vitest';
import type {
  Service,
  ServiceDeployment,
  ServiceRevision,
  Task,
  TaskDefinition,
} from '../aws/types';
import { FIXTURE_NOW, loadFixture } from '../../test/fixtures/load';
import { legacyDeploymentRows, serviceDeploymentRows } from './deployment-rows';
import { eventRows } from './event-rows';
import { groupStoppedTasks, taskRows } from './task-rows';
import { targetGroupRows, trafficRouteRows, type TrafficInput } from './traffic-rows';

const service = loadFixture<Service>('service-rolling-in-progress');
const history = loadFixture<{ deployments: ServiceDeployment[]; revisions: ServiceRevision[] }>(
  'service-deployments',
);
const tasks = loadFixture<Task[]>('tasks-stopped');
const traffic = loadFixture<TrafficInput>('traffic');

describe('deployment history rows', () => {
  const revisions = new Map(history.revisions.map((r) => [r.arn, r]));

  it('a rolled-back deployment without a status reason gives its rollback reason', () => {
    const rolledBack = history.deployments.find((d) => d.rollback)!;
    const { statusReason: _dropped, ...rest } = rolledBack;
    const [row] = serviceDeploymentRows([rest], revisions, FIXTURE_NOW);
    expect(row!.reason).toBe(rolledBack.rollback!.reason);
    expect(row!.startedBy).toBe('update');
  });

  it('lists newest first with status, trigger, duration, revision and image', () => {
    const rows = serviceDeploymentRows(history.deployments, revisions, FIXTURE_NOW);
    expect(rows.map((r) => r.status)).toEqual(['in progress', 'rolled back', 'succeeded']);
    expect(rows[0]).toMatchObject({
      id: 'NCWGC2ZR-taawPAYrIaU5',
      statusToken: 'rollout.inProgress',
      startedBy: 'update',
      started: '3m',
      duration: '3m00s',
      revision: '…', // its revision is not described yet
    });
    expect(rows[1]).toMatchObject({
      statusToken: 'rollout.rolledBack',
      startedBy: 'update',
      duration: '12m30s',
      revision: 'api:40',
      image: '@sha256:deadbeef',
      reason: 'ECS deployment circuit breaker: tasks failed to start.',
    });
    expect(rows[2]).toMatchObject({
      startedBy: 'service created',
      revision: 'api:41',
      image: 'v1.4.1',
      duration: '6m05s',
    });
  });

  it('falls back to service.deployments with images from fetched task definitions', () => {
    const api42 = loadFixture<TaskDefinition>('task-definition-api-42');
    const rows = legacyDeploymentRows(service.deployments, FIXTURE_NOW, (arn) =>
      arn === api42.arn ? api42 : undefined,
    );
    expect(rows[0]).toMatchObject({
      id: 'ecs-svc/1675294001379389663',
      status: 'primary · in progress',
      revision: 'api:42',
      image: 'v1.5.0',
      duration: '3m00s',
    });
    expect(rows[1]).toMatchObject({ status: 'active · completed', duration: '6m00s', image: '…' });
  });
});

describe('task rows', () => {
  it('shows status, health, revision and stop details, newest first', () => {
    const rows = taskRows(tasks, FIXTURE_NOW);
    expect(rows[0]).toMatchObject({
      id: 'eeee1111bbbb',
      lastStatus: 'RUNNING',
      health: 'HEALTHY',
      healthToken: 'status.ok',
      revision: 'api:42',
      age: '2m',
    });
    const oom = rows.find((r) => r.id.startsWith('cccc'))!;
    expect(oom).toMatchObject({
      stopCode: 'EssentialContainerExited',
      statusToken: 'status.error',
      healthToken: 'status.error',
      containers: 'app exit 137: OutOfMemoryError: Container killed due to memory usage',
    });
  });

  it('groups stopped tasks by reason with counts, biggest first', () => {
    const groups = groupStoppedTasks(tasks, FIXTURE_NOW);
    expect(groups.map((g) => [g.count, g.stopCode])).toEqual([
      [2, 'TaskFailedToStart'],
      [1, 'EssentialContainerExited'],
      [1, 'ServiceSchedulerInitiated'],
    ]);
    expect(groups[0]).toMatchObject({
      reason: expect.stringContaining('CannotPullContainerError') as string,
      token: 'status.error',
      lastStopped: '7m',
      sampleIds: ['bbbb1111bbbb', 'aaaa1111bbbb'],
    });
    expect(groups[1]!.containers).toContain('app exit 137');
    expect(groups[2]!.token).toBe('ui.dim');
  });
});

describe('event rows', () => {
  it('sorts newest first even when AWS sent them out of order, and highlights failures', () => {
    const rows = eventRows(service.events, FIXTURE_NOW, { timeZone: 'UTC' });
    expect(rows.map((r) => r.key)).toEqual(['e3', 'e2', 'e1', 'e0']);
    expect(rows[0]).toMatchObject({
      highlight: true,
      token: 'status.error',
      time: '09:29:00',
      age: '1m',
    });
    expect(rows[0]!.message.startsWith('(task 953b')).toBe(true);
    expect(rows[1]!.highlight).toBe(false);
    expect(rows[3]).toMatchObject({ message: 'has reached a steady state.', token: 'status.ok' });
  });

  it('highlights every failure wording', () => {
    const at = new Date(FIXTURE_NOW);
    const messages = [
      '(service api) (deployment ecs-svc/1) deployment failed: tasks failed to start.',
      '(service api) is unable to consistently start tasks successfully.',
      'ECS deployment circuit breaker: tasks failed to start.',
      '(service api) rolling back to deployment ecs-svc/1.',
    ];
    const rows = eventRows(
      messages.map((message, i) => ({ id: String(i), createdAt: at, message })),
      FIXTURE_NOW,
    );
    expect(rows.every((r) => r.highlight)).toBe(true);
    expect(rows.find((r) => r.message.startsWith('rolling back'))!.token).toBe(
      'rollout.rolledBack',
    );
  });
});

describe('traffic rows', () => {
  it('shows only the rules that reach our target groups, with weights as shares', () => {
    const routes = trafficRouteRows(traffic);
    expect(routes).toHaveLength(1);
    expect(routes[0]).toMatchObject({
      listener: 'HTTPS :443',
      rule: 'priority 10',
      conditions: 'path-pattern /api/*',
      weights: 'api-blue 90% · api-green 10%',
    });
  });

  it('counts healthy, unhealthy, draining and initial targets per group', () => {
    const rows = targetGroupRows(traffic);
    expect(rows[0]).toMatchObject({
      name: 'api-blue',
      endpoint: 'HTTP:8080',
      healthy: 2,
      draining: 1,
      summary: '2 healthy · 1 draining',
      token: 'status.info',
    });
    expect(rows[1]).toMatchObject({
      healthy: 1,
      unhealthy: 1,
      initial: 1,
      token: 'status.error',
      reasons: 'Target.Timeout, Elb.InitialHealthChecking',
    });
  });

  it('handles weights 0/0 and a group with no targets', () => {
    const zero: TrafficInput = {
      ...traffic,
      listeners: traffic.listeners.map((l) => ({
        ...l,
        rules: l.rules.map((r) => ({
          ...r,
          actions: r.actions.map((a) =>
            a.forward
              ? {
                  ...a,
                  forward: {
                    targetGroups: a.forward.targetGroups.map((t) => ({ ...t, weight: 0 })),
                  },
                }
              : a,
          ),
        })),
      })),
      health: {},
    };
    expect(trafficRouteRows(zero)[0]!.weights).toBe('api-blue 0% · api-green 0%');
    expect(targetGroupRows(zero)[0]).toMatchObject({ summary: 'no targets', token: 'ui.dim' });
  });
});
