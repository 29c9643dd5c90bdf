import type { Service } from '../aws/types';
import type { StrategyId } from '../deploy/types';
import { UsageError } from './errors';

/** The strategy a service is set up for, used when `--strategy` is left out. */
export function strategyForService(service: Service): StrategyId {
  switch (service.deploymentController) {
    case 'ECS':
      switch (service.deploymentConfiguration.strategy) {
        case 'ROLLING':
          return 'rolling';
        case 'BLUE_GREEN':
          return 'blue-green';
        case 'LINEAR':
          return 'linear';
        case 'CANARY':
          return 'canary';
      }
      break;
    case 'CODE_DEPLOY':
      return 'codedeploy';
    case 'EXTERNAL':
      break;
  }
  throw new UsageError(
    `service "${service.name}" uses the ${service.deploymentController} deployment controller, which ecs-rollout does not deploy by itself`,
    'pass --strategy (alb-canary for a weighted canary pair)',
  );
}
