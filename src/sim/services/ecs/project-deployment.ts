import { revisionCounts } from './project-service';
import type { EcsScope } from './state';
import { countServiceTasks } from './tasks';
import type { ServiceDeploymentRec, ServiceRec, ServiceRevisionRec } from './types';

// Records -> ServiceDeployment / ServiceDeploymentBrief / ServiceRevision wire shapes (C.3).

function date(ms: number | undefined): Date | undefined {
  return ms === undefined ? undefined : new Date(ms);
}

function serviceOf(scope: EcsScope, sd: ServiceDeploymentRec): ServiceRec | undefined {
  return scope.ecs.clusters.get(sd.clusterName)?.services.get(sd.serviceName);
}

export function projectServiceDeploymentBrief(sd: ServiceDeploymentRec) {
  return {
    serviceDeploymentArn: sd.arn,
    serviceArn: sd.serviceArn,
    clusterArn: sd.clusterArn,
    startedAt: date(sd.startedAt),
    createdAt: new Date(sd.createdAt),
    finishedAt: date(sd.finishedAt),
    targetServiceRevisionArn: sd.targetRevisionArn,
    status: sd.status,
    statusReason: sd.statusReason,
  };
}

export function projectServiceDeployment(scope: EcsScope, sd: ServiceDeploymentRec) {
  const service = serviceOf(scope, sd);
  const counts = service ? countServiceTasks(service) : undefined;
  const summary = (arn: string) => {
    const c =
      service && counts
        ? revisionCounts(scope, service, arn, counts)
        : { requested: 0, running: 0, pending: 0 };
    const weights = sd.trafficWeights?.get(arn);
    return {
      arn,
      requestedTaskCount: c.requested,
      runningTaskCount: c.running,
      pendingTaskCount: c.pending,
      requestedTestTrafficWeight: weights?.test,
      requestedProductionTrafficWeight: weights?.production,
    };
  };
  return {
    serviceDeploymentArn: sd.arn,
    serviceArn: sd.serviceArn,
    clusterArn: sd.clusterArn,
    createdAt: new Date(sd.createdAt),
    startedAt: date(sd.startedAt),
    finishedAt: date(sd.finishedAt),
    stoppedAt: date(sd.stoppedAt),
    updatedAt: new Date(sd.updatedAt),
    sourceServiceRevisions: sd.sourceRevisionArns.map(summary),
    targetServiceRevision: summary(sd.targetRevisionArn),
    status: sd.status,
    statusReason: sd.statusReason,
    lifecycleStage: sd.lifecycleStage,
    lifecycleHookDetails:
      sd.lifecycleHooks.length > 0
        ? sd.lifecycleHooks.map((h) => ({
            hookId: h.hookId,
            targetType: h.targetType,
            targetArn: h.targetArn,
            status: h.status,
            expiresAt: date(h.expiresAt),
            timeoutAction: h.timeoutAction,
          }))
        : undefined,
    deploymentConfiguration: sd.deploymentConfiguration,
    rollback: sd.rollback
      ? {
          reason: sd.rollback.reason,
          startedAt: new Date(sd.rollback.startedAt),
          serviceRevisionArn: sd.rollback.serviceRevisionArn,
        }
      : undefined,
    deploymentCircuitBreaker: { ...sd.circuitBreaker },
    alarms: { ...sd.alarms },
  };
}

export function projectServiceRevision(rev: ServiceRevisionRec) {
  return {
    serviceRevisionArn: rev.arn,
    serviceArn: rev.serviceArn,
    clusterArn: rev.clusterArn,
    taskDefinition: rev.taskDefinition,
    capacityProviderStrategy: rev.capacityProviderStrategy,
    launchType: rev.launchType,
    platformVersion: rev.platformVersion,
    platformFamily: rev.platformFamily,
    loadBalancers: rev.loadBalancers,
    serviceRegistries: rev.serviceRegistries,
    networkConfiguration: rev.networkConfiguration,
    containerImages: rev.containerImages,
    resolvedConfiguration: rev.resolvedLoadBalancers
      ? { loadBalancers: rev.resolvedLoadBalancers }
      : undefined,
    guardDutyEnabled: false,
    createdAt: new Date(rev.createdAt),
  };
}
