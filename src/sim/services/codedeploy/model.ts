import { SimError } from '../../core/errors';
import type { World } from '../../world/world';
import { findDeploymentConfig } from './configs';
import { appNotFound, configNotFound, groupNotFound } from './errors';
import type {
  AlarmSettings,
  ApplicationRec,
  AutoRollbackSettings,
  BlueGreenSettings,
  CodeDeployState,
  DeploymentGroupRec,
} from './state';

// Applications and deployment groups: creation (for builders and a future CreateApplication)
// and lookups that fail with CodeDeploy's own exceptions.

export function codeDeployState(world: World, region: string): CodeDeployState {
  return world.region(region).codedeploy;
}

export function getApplication(state: CodeDeployState, name: string): ApplicationRec {
  const app = state.applications.get(name);
  if (!app) throw appNotFound(name);
  return app;
}

export function getGroup(
  state: CodeDeployState,
  appName: string,
  groupName: string,
): DeploymentGroupRec {
  const group = getApplication(state, appName).groups.get(groupName);
  if (!group) throw groupNotFound(groupName);
  return group;
}

export function createApplication(
  world: World,
  region: string,
  name: string,
  computePlatform: ApplicationRec['computePlatform'] = 'ECS',
): ApplicationRec {
  const state = codeDeployState(world, region);
  if (state.applications.has(name)) {
    throw new SimError(
      'ApplicationAlreadyExistsException',
      `An application with the name ${name} already exists`,
    );
  }
  const app: ApplicationRec = {
    id: world.rng.uuid(),
    name,
    createdAt: world.now,
    computePlatform,
    groups: new Map(),
  };
  state.applications.set(name, app);
  return app;
}

export interface DeploymentGroupSpec {
  applicationName: string;
  name: string;
  /** Default CodeDeployDefault.ECSAllAtOnce. */
  deploymentConfigName?: string;
  serviceRoleArn?: string;
  clusterName: string;
  serviceName: string;
  /** Blue first. */
  targetGroupNames: [string, string];
  prodListenerArn: string;
  testListenerArn?: string;
  blueGreen?: Partial<BlueGreenSettings>;
  autoRollback?: Partial<AutoRollbackSettings>;
  alarms?: Partial<AlarmSettings>;
}

export function createDeploymentGroup(
  world: World,
  region: string,
  spec: DeploymentGroupSpec,
): DeploymentGroupRec {
  const state = codeDeployState(world, region);
  const app = getApplication(state, spec.applicationName);
  if (app.groups.has(spec.name)) {
    throw new SimError(
      'DeploymentGroupAlreadyExistsException',
      `A deployment group named ${spec.name} already exists for application ${app.name}`,
    );
  }
  const configName = spec.deploymentConfigName ?? 'CodeDeployDefault.ECSAllAtOnce';
  if (!findDeploymentConfig(configName)) throw configNotFound(configName);
  const group: DeploymentGroupRec = {
    id: world.rng.uuid(),
    applicationName: app.name,
    name: spec.name,
    createdAt: world.now,
    deploymentConfigName: configName,
    serviceRoleArn: spec.serviceRoleArn ?? `arn:aws:iam::${world.accountId}:role/ecsCodeDeployRole`,
    ecsServices: [{ serviceName: spec.serviceName, clusterName: spec.clusterName }],
    targetGroupNames: spec.targetGroupNames,
    prodListenerArns: [spec.prodListenerArn],
    testListenerArns: spec.testListenerArn ? [spec.testListenerArn] : [],
    blueGreen: {
      readyAction: 'CONTINUE_DEPLOYMENT',
      readyWaitMinutes: 0,
      terminationAction: 'TERMINATE',
      terminationWaitMinutes: 5,
      ...spec.blueGreen,
    },
    autoRollback: { enabled: true, events: ['DEPLOYMENT_FAILURE'], ...spec.autoRollback },
    alarms: { enabled: false, ignorePollAlarmFailure: false, names: [], ...spec.alarms },
    deploymentIds: [],
  };
  app.groups.set(group.name, group);
  return group;
}

/** The ECS service ARN a deployment target points at. */
export function serviceArn(
  world: World,
  region: string,
  clusterName: string,
  serviceName: string,
): string {
  return `arn:aws:ecs:${region}:${world.accountId}:service/${clusterName}/${serviceName}`;
}
