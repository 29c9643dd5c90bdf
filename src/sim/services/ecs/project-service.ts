import type { EcsScope } from './state';
import { computedDesiredCount } from './task-sets';
import { countServiceTasks, type TaskCounts } from './tasks';
import type { DeploymentRec, ServiceRec, TaskSetRec } from './types';

// Records -> DescribeServices / DescribeTaskSets wire shapes. Dates are `Date` objects (the
// protocol layer writes epoch seconds); undefined members are left out of the JSON.

type Counts = ReturnType<typeof countServiceTasks>;

const NONE: TaskCounts = { running: 0, pending: 0 };

export function projectDeployment(d: DeploymentRec, counts: Counts) {
  const c = counts.byOwner.get(d.id) ?? NONE;
  return {
    id: d.id,
    status: d.status,
    taskDefinition: d.taskDefinition,
    desiredCount: d.desiredCount,
    pendingCount: c.pending,
    runningCount: c.running,
    failedTasks: d.failedTasks,
    createdAt: new Date(d.createdAt),
    updatedAt: new Date(d.updatedAt),
    capacityProviderStrategy: d.capacityProviderStrategy,
    launchType: d.launchType,
    platformVersion: d.platformVersion,
    platformFamily: d.platformFamily,
    networkConfiguration: d.networkConfiguration,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
  };
}

export function projectTaskSet(
  service: ServiceRec,
  set: TaskSetRec,
  counts: Counts,
  includeTags: boolean,
) {
  const c = counts.byOwner.get(set.id) ?? NONE;
  return {
    id: set.id,
    taskSetArn: set.arn,
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    startedBy: set.startedBy,
    externalId: set.externalId,
    status: set.status,
    taskDefinition: set.taskDefinition,
    computedDesiredCount: computedDesiredCount(service, set),
    pendingCount: c.pending,
    runningCount: c.running,
    createdAt: new Date(set.createdAt),
    updatedAt: new Date(set.updatedAt),
    launchType: set.launchType,
    platformVersion: set.platformVersion,
    platformFamily: set.platformFamily,
    networkConfiguration: set.networkConfiguration,
    loadBalancers: set.loadBalancers,
    serviceRegistries: [],
    scale: set.scale,
    stabilityStatus: set.stabilityStatus,
    stabilityStatusAt: new Date(set.stabilityStatusAt),
    tags: includeTags ? set.tags : undefined,
  };
}

/** Requested / running / pending tasks of one revision, through the deployment or set that runs it. */
export function revisionCounts(
  scope: EcsScope,
  service: ServiceRec,
  revisionArn: string,
  counts: Counts,
): { requested: number; running: number; pending: number } {
  const rev = scope.ecs.serviceRevisions.get(revisionArn);
  if (!rev) return { requested: 0, running: 0, pending: 0 };
  const c = counts.byOwner.get(rev.ownerId) ?? NONE;
  const deployment = service.deployments.find((d) => d.id === rev.ownerId);
  const set = deployment ? undefined : service.taskSets.find((s) => s.id === rev.ownerId);
  const requested = deployment
    ? deployment.desiredCount
    : set
      ? computedDesiredCount(service, set)
      : 0;
  return { requested, running: c.running, pending: c.pending };
}

export function projectService(scope: EcsScope, service: ServiceRec, includeTags: boolean) {
  const counts = countServiceTasks(service);
  const ecsController = service.deploymentController === 'ECS';
  const liveRevisions = ecsController
    ? service.deployments.map((d) => d.serviceRevisionArn)
    : service.taskSets.map((s) => s.serviceRevisionArn);
  return {
    serviceArn: service.arn,
    serviceName: service.name,
    clusterArn: service.clusterArn,
    loadBalancers: service.loadBalancers,
    serviceRegistries: service.serviceRegistries,
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: counts.total.running,
    pendingCount: counts.total.pending,
    launchType: service.launchType,
    capacityProviderStrategy: service.capacityProviderStrategy,
    platformVersion: service.platformVersion,
    platformFamily: service.platformFamily,
    taskDefinition: service.taskDefinition,
    deploymentConfiguration: service.deploymentConfiguration,
    taskSets: ecsController
      ? undefined
      : service.taskSets.map((s) => projectTaskSet(service, s, counts, false)),
    deployments: ecsController ? service.deployments.map((d) => projectDeployment(d, counts)) : [],
    roleArn: service.roleArn,
    events: service.events.map((e) => ({
      id: e.id,
      createdAt: new Date(e.createdAt),
      message: e.message,
    })),
    createdAt: new Date(service.createdAt),
    currentServiceDeployment: ecsController ? service.serviceDeploymentArns.at(-1) : undefined,
    currentServiceRevisions: liveRevisions.map((arn) => {
      const c = revisionCounts(scope, service, arn, counts);
      return {
        arn,
        requestedTaskCount: c.requested,
        runningTaskCount: c.running,
        pendingTaskCount: c.pending,
      };
    }),
    placementConstraints: service.placementConstraints,
    placementStrategy: service.placementStrategy,
    networkConfiguration: service.networkConfiguration,
    healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
    schedulingStrategy: service.schedulingStrategy,
    deploymentController: { type: service.deploymentController },
    tags: includeTags ? service.tags : undefined,
    createdBy: service.createdBy,
    enableECSManagedTags: service.enableECSManagedTags,
    propagateTags: service.propagateTags ?? 'NONE',
    enableExecuteCommand: service.enableExecuteCommand,
    availabilityZoneRebalancing: service.availabilityZoneRebalancing,
  };
}
