import type { HandlerTable } from '../../core/types';
import { clusterHandlers } from './handlers-clusters';
import { serviceDeploymentHandlers } from './handlers-service-deployments';
import { serviceHandlers } from './handlers-services';
import { tagHandlers } from './handlers-tags';
import { taskDefinitionHandlers } from './handlers-task-definitions';
import { taskHandlers } from './handlers-tasks';
import { updateService } from './update-service';

/** ECS operations by name (awsJson1_1, target AmazonEC2ContainerServiceV20141113). */
export const ecsHandlers: HandlerTable = {
  ...clusterHandlers,
  ...serviceHandlers,
  UpdateService: updateService,
  ...taskDefinitionHandlers,
  ...taskHandlers,
  ...serviceDeploymentHandlers,
  ...tagHandlers,
};
