import type { HandlerTable } from '../../core/types';
import {
  batchGetApplications,
  batchGetDeploymentGroups,
  getApplicationHandler,
  getDeploymentConfig,
  getDeploymentGroup,
  listApplications,
  listDeploymentConfigs,
  listDeploymentGroups,
} from './app-handlers';
import {
  batchGetDeployments,
  batchGetDeploymentTargets,
  getDeploymentHandler,
  getDeploymentTarget,
  listDeployments,
  listDeploymentTargets,
} from './deployment-handlers';
import {
  continueDeploymentHandler,
  createDeploymentHandler,
  getApplicationRevisionHandler,
  stopDeploymentHandler,
} from './write-handlers';

/** codedeploy operations by name; the write side hands its work to the deployment engine. */
export const codedeployHandlers: HandlerTable = {
  ListApplications: listApplications,
  GetApplication: getApplicationHandler,
  BatchGetApplications: batchGetApplications,
  ListDeploymentGroups: listDeploymentGroups,
  GetDeploymentGroup: getDeploymentGroup,
  BatchGetDeploymentGroups: batchGetDeploymentGroups,
  ListDeploymentConfigs: listDeploymentConfigs,
  GetDeploymentConfig: getDeploymentConfig,
  ListDeployments: listDeployments,
  GetDeployment: getDeploymentHandler,
  BatchGetDeployments: batchGetDeployments,
  ListDeploymentTargets: listDeploymentTargets,
  GetDeploymentTarget: getDeploymentTarget,
  BatchGetDeploymentTargets: batchGetDeploymentTargets,
  CreateDeployment: createDeploymentHandler,
  ContinueDeployment: continueDeploymentHandler,
  StopDeployment: stopDeploymentHandler,
  GetApplicationRevision: getApplicationRevisionHandler,
};
