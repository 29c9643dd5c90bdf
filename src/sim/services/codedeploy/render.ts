import { deploymentConfigId, PREDEFINED_CREATED_AT, type DeploymentConfig } from './configs';
import type {
  ApplicationRec,
  CodeDeployState,
  DeploymentGroupRec,
  DeploymentRec,
  TargetStatus,
} from './state';

// Records -> CodeDeploy output shapes (lowerCamelCase members; Dates become epoch seconds).

const date = (ms: number | undefined): Date | undefined =>
  ms === undefined ? undefined : new Date(ms);

export function renderApplication(app: ApplicationRec): Record<string, unknown> {
  return {
    applicationId: app.id,
    applicationName: app.name,
    createTime: new Date(app.createdAt),
    linkedToGitHub: false,
    computePlatform: app.computePlatform,
  };
}

function loadBalancerInfo(g: DeploymentGroupRec): Record<string, unknown> {
  return {
    targetGroupPairInfoList: [
      {
        targetGroups: g.targetGroupNames.map((name) => ({ name })),
        prodTrafficRoute: { listenerArns: g.prodListenerArns },
        ...(g.testListenerArns.length > 0
          ? { testTrafficRoute: { listenerArns: g.testListenerArns } }
          : {}),
      },
    ],
  };
}

function blueGreen(b: DeploymentGroupRec['blueGreen']): Record<string, unknown> {
  return {
    terminateBlueInstancesOnDeploymentSuccess: {
      action: b.terminationAction,
      terminationWaitTimeInMinutes: b.terminationWaitMinutes,
    },
    deploymentReadyOption: {
      actionOnTimeout: b.readyAction,
      waitTimeInMinutes: b.readyWaitMinutes,
    },
  };
}

const DEPLOYMENT_STYLE = { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' };

function lastInfo(d: DeploymentRec | undefined): Record<string, unknown> | undefined {
  return (
    d && {
      deploymentId: d.id,
      status: d.status,
      endTime: date(d.completedAt),
      createTime: new Date(d.createdAt),
    }
  );
}

export function renderGroup(
  state: CodeDeployState,
  g: DeploymentGroupRec,
): Record<string, unknown> {
  const deployments = g.deploymentIds.map((id) => state.deployments.get(id)!);
  const lastAttempted = deployments[deployments.length - 1];
  const lastSucceeded = [...deployments].reverse().find((d) => d.status === 'Succeeded');
  return {
    applicationName: g.applicationName,
    deploymentGroupId: g.id,
    deploymentGroupName: g.name,
    deploymentConfigName: g.deploymentConfigName,
    ec2TagFilters: [],
    onPremisesInstanceTagFilters: [],
    autoScalingGroups: [],
    serviceRoleArn: g.serviceRoleArn,
    ...(lastAttempted
      ? {
          targetRevision: {
            revisionType: 'AppSpecContent',
            appSpecContent: { sha256: lastAttempted.revision.sha256 },
          },
        }
      : {}),
    triggerConfigurations: [],
    alarmConfiguration: {
      enabled: g.alarms.enabled,
      ignorePollAlarmFailure: g.alarms.ignorePollAlarmFailure,
      alarms: g.alarms.names.map((name) => ({ name })),
    },
    autoRollbackConfiguration: { enabled: g.autoRollback.enabled, events: g.autoRollback.events },
    deploymentStyle: DEPLOYMENT_STYLE,
    outdatedInstancesStrategy: 'UPDATE',
    blueGreenDeploymentConfiguration: blueGreen(g.blueGreen),
    loadBalancerInfo: loadBalancerInfo(g),
    ...(lastSucceeded ? { lastSuccessfulDeployment: lastInfo(lastSucceeded) } : {}),
    ...(lastAttempted ? { lastAttemptedDeployment: lastInfo(lastAttempted) } : {}),
    computePlatform: 'ECS',
    ecsServices: g.ecsServices,
    terminationHookEnabled: false,
  };
}

export function renderConfig(c: DeploymentConfig): Record<string, unknown> {
  const r = c.trafficRouting;
  return {
    deploymentConfigId: deploymentConfigId(c.name),
    deploymentConfigName: c.name,
    ...(c.minimumHealthyHosts ? { minimumHealthyHosts: c.minimumHealthyHosts } : {}),
    createTime: new Date(PREDEFINED_CREATED_AT),
    computePlatform: c.computePlatform,
    ...(r
      ? {
          trafficRoutingConfig: {
            type: r.type,
            ...(r.type === 'TimeBasedCanary'
              ? {
                  timeBasedCanary: {
                    canaryPercentage: r.percentage,
                    canaryInterval: r.intervalMinutes,
                  },
                }
              : {}),
            ...(r.type === 'TimeBasedLinear'
              ? {
                  timeBasedLinear: {
                    linearPercentage: r.percentage,
                    linearInterval: r.intervalMinutes,
                  },
                }
              : {}),
          },
        }
      : {}),
  };
}

const OVERVIEW_KEY: Partial<Record<TargetStatus, string>> = {
  Pending: 'Pending',
  InProgress: 'InProgress',
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  Skipped: 'Skipped',
  Ready: 'Ready',
};

export function deploymentOverview(d: DeploymentRec): Record<string, number> {
  const overview: Record<string, number> = {
    Pending: 0,
    InProgress: 0,
    Succeeded: 0,
    Failed: 0,
    Skipped: 0,
    Ready: 0,
  };
  const key = OVERVIEW_KEY[d.target.status];
  if (key) overview[key] = 1;
  return overview;
}

/** GetDeployment never returns the AppSpec text: `appSpecContent.content` is null (D.1). */
const revision = (r: DeploymentRec['revision']) => ({
  revisionType: 'AppSpecContent',
  appSpecContent: { content: null, sha256: r.sha256 },
});

export function renderDeployment(
  state: CodeDeployState,
  d: DeploymentRec,
): Record<string, unknown> {
  const group = state.applications.get(d.applicationName)?.groups.get(d.groupName);
  return {
    applicationName: d.applicationName,
    deploymentGroupName: d.groupName,
    deploymentConfigName: d.configName,
    deploymentId: d.id,
    ...(d.previousRevision ? { previousRevision: revision(d.previousRevision) } : {}),
    revision: revision(d.revision),
    status: d.status,
    ...(d.errorInformation ? { errorInformation: d.errorInformation } : {}),
    createTime: new Date(d.createdAt),
    startTime: date(d.startedAt),
    completeTime: date(d.completedAt),
    deploymentOverview: deploymentOverview(d),
    ...(d.description !== undefined ? { description: d.description } : {}),
    creator: d.creator,
    ignoreApplicationStopFailures: false,
    autoRollbackConfiguration: { enabled: d.autoRollback.enabled, events: d.autoRollback.events },
    updateOutdatedInstancesOnly: false,
    ...(d.rollbackInfo ? { rollbackInfo: d.rollbackInfo } : {}),
    deploymentStyle: DEPLOYMENT_STYLE,
    instanceTerminationWaitTimeStarted: d.instanceTerminationWaitTimeStarted,
    blueGreenDeploymentConfiguration: blueGreen(d.blueGreen),
    ...(group ? { loadBalancerInfo: loadBalancerInfo(group) } : {}),
    fileExistsBehavior: 'DISALLOW',
    deploymentStatusMessages: d.statusMessages,
    computePlatform: 'ECS',
    ...(d.externalId ? { externalId: d.externalId } : {}),
  };
}

export function renderTarget(d: DeploymentRec): Record<string, unknown> {
  const t = d.target;
  return {
    deploymentTargetType: 'ECSTarget',
    ecsTarget: {
      deploymentId: d.id,
      targetId: t.id,
      targetArn: t.arn,
      lastUpdatedAt: new Date(t.lastUpdatedAt),
      lifecycleEvents: t.lifecycleEvents.map((e) => ({
        lifecycleEventName: e.name,
        ...(e.diagnostics ? { diagnostics: e.diagnostics } : {}),
        startTime: date(e.startedAt),
        endTime: date(e.endedAt),
        status: e.status,
      })),
      status: t.status,
      taskSetsInfo: t.taskSets.map((s) => ({
        identifer: s.id,
        desiredCount: s.desiredCount,
        pendingCount: s.pendingCount,
        runningCount: s.runningCount,
        status: s.status,
        trafficWeight: s.trafficWeight,
        targetGroup: { name: s.targetGroupName },
        taskSetLabel: s.label,
      })),
    },
  };
}
