import { describe, expect, it } from 'vitest';
import type { Service, TaskSet } from '../../aws/types';
import { inProgressDeployment } from './service-context';

const taskSet = (id: string, status: string): TaskSet => ({
  id,
  arn: `arn:aws:ecs:us-east-1:123456789012:task-set/c/s/${id}`,
  status,
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/payments:6',
  computedDesiredCount: 3,
  runningCount: 3,
  pendingCount: 0,
  targetGroupArns: [],
});

const service = (taskSets: TaskSet[]): Service => ({
  arn: 'arn:aws:ecs:us-east-1:123456789012:service/c/payments',
  name: 'payments',
  clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/c',
  status: 'ACTIVE',
  desiredCount: 3,
  runningCount: 3,
  pendingCount: 0,
  deploymentController: 'CODE_DEPLOY',
  deploymentConfiguration: { strategy: 'ROLLING', lifecycleHooks: [] },
  deployments: [],
  taskSets,
  events: [],
  loadBalancers: [],
  capacityProviders: [],
  tags: {},
});

describe('inProgressDeployment for task-set services', () => {
  it('sees a blue/green rollout while two live task sets run', () => {
    expect(
      inProgressDeployment(
        service([taskSet('ecs-svc/1', 'PRIMARY'), taskSet('ecs-svc/2', 'ACTIVE')]),
      ),
    ).toMatchObject({
      id: 'ecs-svc/2',
    });
  });

  it('does not count the old blue draining after a finished deployment', () => {
    expect(
      inProgressDeployment(
        service([taskSet('ecs-svc/2', 'PRIMARY'), taskSet('ecs-svc/1', 'DRAINING')]),
      ),
    ).toBeUndefined();
  });
});
