import type {
  ApplicationInfo,
  DeploymentConfigInfo,
  DeploymentGroupInfo,
  DeploymentInfo,
  ECSTarget,
} from '@aws-sdk/client-codedeploy';
import type {
  CodeDeployApplication,
  CodeDeployDeployment,
  DeploymentConfig,
  DeploymentGroup,
  EcsDeploymentTarget,
} from '../types';
import { defined } from './map-util';

export function mapApplication(a: ApplicationInfo): CodeDeployApplication {
  return defined({
    name: a.applicationName ?? '',
    id: a.applicationId,
    computePlatform: a.computePlatform,
  });
}

export function mapDeploymentGroup(g: DeploymentGroupInfo): DeploymentGroup {
  // ECS blue/green uses exactly one target group pair
  const pair = g.loadBalancerInfo?.targetGroupPairInfoList?.[0];
  const bg = g.blueGreenDeploymentConfiguration;
  const ready = bg?.deploymentReadyOption;
  const termination = bg?.terminateBlueInstancesOnDeploymentSuccess;
  return defined({
    applicationName: g.applicationName ?? '',
    name: g.deploymentGroupName ?? '',
    id: g.deploymentGroupId,
    deploymentConfigName: g.deploymentConfigName,
    serviceRoleArn: g.serviceRoleArn,
    ecsServices: (g.ecsServices ?? []).map((s) => ({
      clusterName: s.clusterName ?? '',
      serviceName: s.serviceName ?? '',
    })),
    targetGroupNames: (pair?.targetGroups ?? []).flatMap((t) => (t.name ? [t.name] : [])),
    prodListenerArns: pair?.prodTrafficRoute?.listenerArns ?? [],
    testListenerArns: pair?.testTrafficRoute?.listenerArns ?? [],
    readyOption: ready
      ? defined({
          actionOnTimeout: ready.actionOnTimeout,
          waitTimeInMinutes: ready.waitTimeInMinutes,
        })
      : undefined,
    termination: termination
      ? defined({
          action: termination.action,
          waitTimeInMinutes: termination.terminationWaitTimeInMinutes,
        })
      : undefined,
    autoRollback: {
      enabled: g.autoRollbackConfiguration?.enabled ?? false,
      events: g.autoRollbackConfiguration?.events ?? [],
    },
    alarms: {
      enabled: g.alarmConfiguration?.enabled ?? false,
      names: (g.alarmConfiguration?.alarms ?? []).flatMap((a) => (a.name ? [a.name] : [])),
    },
  });
}

export function mapDeploymentConfig(c: DeploymentConfigInfo): DeploymentConfig {
  const routing = c.trafficRoutingConfig;
  const canary = routing?.timeBasedCanary;
  const linear = routing?.timeBasedLinear;
  return defined({
    name: c.deploymentConfigName ?? '',
    computePlatform: c.computePlatform,
    trafficRouting: defined({
      type: routing?.type ?? 'AllAtOnce',
      percentage: canary?.canaryPercentage ?? linear?.linearPercentage,
      intervalMinutes: canary?.canaryInterval ?? linear?.linearInterval,
    }),
  });
}

export function mapDeployment(d: DeploymentInfo): CodeDeployDeployment {
  const bg = d.blueGreenDeploymentConfiguration;
  const ready = bg?.deploymentReadyOption;
  const termination = bg?.terminateBlueInstancesOnDeploymentSuccess;
  return defined({
    id: d.deploymentId ?? '',
    applicationName: d.applicationName ?? '',
    deploymentGroupName: d.deploymentGroupName ?? '',
    deploymentConfigName: d.deploymentConfigName,
    status: d.status ?? 'Created',
    errorInformation: d.errorInformation
      ? defined({ code: d.errorInformation.code, message: d.errorInformation.message })
      : undefined,
    createTime: d.createTime,
    startTime: d.startTime,
    completeTime: d.completeTime,
    creator: d.creator,
    description: d.description,
    rollbackInfo: d.rollbackInfo
      ? defined({
          rollbackDeploymentId: d.rollbackInfo.rollbackDeploymentId,
          rollbackTriggeringDeploymentId: d.rollbackInfo.rollbackTriggeringDeploymentId,
          rollbackMessage: d.rollbackInfo.rollbackMessage,
        })
      : undefined,
    instanceTerminationWaitTimeStarted: d.instanceTerminationWaitTimeStarted,
    revisionSha256: d.revision?.appSpecContent?.sha256,
    readyOption: ready
      ? defined({
          actionOnTimeout: ready.actionOnTimeout,
          waitTimeInMinutes: ready.waitTimeInMinutes,
        })
      : undefined,
    termination: termination
      ? defined({
          action: termination.action,
          waitTimeInMinutes: termination.terminationWaitTimeInMinutes,
        })
      : undefined,
  });
}

export function mapEcsTarget(t: ECSTarget): EcsDeploymentTarget {
  return defined({
    targetId: t.targetId ?? '',
    targetArn: t.targetArn,
    status: t.status ?? 'Unknown',
    lastUpdatedAt: t.lastUpdatedAt,
    lifecycleEvents: (t.lifecycleEvents ?? []).map((e) =>
      defined({
        name: e.lifecycleEventName ?? '',
        status: e.status ?? 'Unknown',
        startTime: e.startTime,
        endTime: e.endTime,
        diagnostics: e.diagnostics
          ? defined({ errorCode: e.diagnostics.errorCode, message: e.diagnostics.message })
          : undefined,
      }),
    ),
    taskSets: (t.taskSetsInfo ?? []).map((s) =>
      defined({
        // sic: the API spells it `identifer`
        id: s.identifer ?? '',
        desiredCount: s.desiredCount ?? 0,
        pendingCount: s.pendingCount ?? 0,
        runningCount: s.runningCount ?? 0,
        status: s.status ?? '',
        trafficWeight: s.trafficWeight ?? 0,
        targetGroupName: s.targetGroup?.name,
        label: s.taskSetLabel,
      }),
    ),
  });
}
