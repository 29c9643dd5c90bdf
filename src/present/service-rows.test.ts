import { describe, expect, it } from 'vitest';
import type { Cluster, Service, TaskDefinition } from '../aws/types';
import { FIXTURE_NOW, loadFixture } from '../../test/fixtures/load';
import { clusterRows } from './cluster-rows';
import { isRolloutActive, rolloutState } from './rollout-state';
import { controllerLabel, serviceRow } from './service-rows';

const rolling = loadFixture<Service>('service-rolling-in-progress');
const codeDeploy = loadFixture<Service>('service-codedeploy');
const api42 = loadFixture<TaskDefinition>('task-definition-api-42');

describe('cluster rows', () => {
  it('sorts by name and shows counts and capacity providers', () => {
    const rows = clusterRows(loadFixture<Cluster[]>('clusters'));
    expect(rows.map((r) => r.name)).toEqual(['production', 'staging']);
    expect(rows[1]).toMatchObject({
      services: '12',
      tasks: '20/1',
      capacityProviders: 'FARGATE, FARGATE_SPOT',
      statusToken: 'status.ok',
    });
    expect(rows[0]!.capacityProviders).toBe('—');
  });
});

describe('service rows', () => {
  it('shows a rolling service mid-rollout', () => {
    const row = serviceRow({ name: 'api', service: rolling, taskDefinition: api42 }, FIXTURE_NOW);
    expect(row).toMatchObject({
      name: 'api',
      described: true,
      status: 'ACTIVE',
      counts: '4/3 +1',
      controller: 'ROLLING',
      taskDefinition: 'api:42',
      image: 'v1.5.0 +',
      age: '3m',
    });
    expect(row.rollout).toMatchObject({
      label: 'in progress',
      token: 'rollout.inProgress',
      spinner: true,
    });
  });

  it('shows placeholders for a row not described yet, and MISSING for a deleted one', () => {
    const row = serviceRow({ name: 'worker' }, FIXTURE_NOW);
    expect(row).toMatchObject({ described: false, status: '…', counts: '…', image: '…' });
    expect(serviceRow({ name: 'gone', missing: true }, FIXTURE_NOW).status).toBe('MISSING');
  });

  it('labels every controller and strategy, and a known canary pair', () => {
    const withStrategy = (strategy: Service['deploymentConfiguration']['strategy']): Service => ({
      ...rolling,
      deploymentConfiguration: { ...rolling.deploymentConfiguration, strategy },
    });
    expect(controllerLabel(withStrategy('BLUE_GREEN'))).toBe('BLUE_GREEN');
    expect(controllerLabel(withStrategy('LINEAR'))).toBe('LINEAR');
    expect(controllerLabel(withStrategy('CANARY'))).toBe('CANARY');
    expect(controllerLabel(codeDeploy)).toBe('CODE_DEPLOY');
    expect(controllerLabel({ ...codeDeploy, deploymentController: 'EXTERNAL' })).toBe('EXTERNAL');
    expect(controllerLabel(rolling, true)).toBe('ALB canary pair');
  });

  it('ages a CodeDeploy service by its primary task set', () => {
    const row = serviceRow({ name: 'checkout', service: codeDeploy }, FIXTURE_NOW);
    expect(row.age).toBe('5d');
    expect(row.rollout.label).toBe('completed');
    expect(row.image).toBe('…'); // its task definition is not fetched yet
  });
});

describe('rollout state', () => {
  const primary = rolling.deployments[0]!;
  const only = (patch: Partial<typeof primary>): Service => ({
    ...rolling,
    deployments: [{ ...primary, ...patch }],
  });

  it('is red when the circuit breaker failed the deployment', () => {
    const state = rolloutState(
      only({
        rolloutState: 'FAILED',
        rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
      }),
    );
    expect(state).toMatchObject({ kind: 'failed', token: 'rollout.failed', spinner: false });
    expect(state.reason).toContain('circuit breaker');
  });

  it('tells a rollback apart from a forward rollout', () => {
    const state = rolloutState(
      only({
        rolloutStateReason:
          'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1.',
      }),
    );
    expect(state.kind).toBe('rolling-back');
    expect(isRolloutActive(only({}))).toBe(true);
  });

  it('is completed when one deployment reached steady state', () => {
    const done = only({ rolloutState: 'COMPLETED', runningCount: 3, pendingCount: 0 });
    expect(rolloutState(done)).toMatchObject({ kind: 'completed', token: 'rollout.succeeded' });
    expect(isRolloutActive(done)).toBe(false);
  });
});
