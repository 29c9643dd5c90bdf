import { emitEcs } from './hooks';
import { stoppedReasonText } from './events';
import { clusterArn, serviceArn } from './ids';
import type { EcsScope } from './state';
import { stopTask } from './tasks';
import type {
  CapacityProviderStrategyItem,
  ClusterRec,
  DeploymentConfiguration,
  DeploymentControllerType,
  LaunchType,
  LoadBalancer,
  NetworkConfiguration,
  SchedulingStrategy,
  ServiceRec,
  Tag,
} from './types';

export interface NewClusterOptions {
  at?: number;
  tags?: Tag[];
  containerInsights?: 'enabled' | 'disabled' | 'enhanced';
}

/** Creates a cluster, or returns the ACTIVE one of that name (CreateCluster is idempotent). */
export function createCluster(
  scope: EcsScope,
  name: string,
  opts: NewClusterOptions = {},
): ClusterRec {
  const existing = scope.ecs.clusters.get(name);
  if (existing?.status === 'ACTIVE') return existing;
  const cluster: ClusterRec = {
    name,
    arn: clusterArn(scope.region, scope.accountId, name),
    status: 'ACTIVE',
    createdAt: opts.at ?? scope.world.now,
    tags: opts.tags ?? [],
    capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    settings: [{ name: 'containerInsights', value: opts.containerInsights ?? 'disabled' }],
    services: new Map(),
    tasks: new Map(),
  };
  scope.ecs.clusters.set(name, cluster);
  return cluster;
}

/** What DescribeServices shows when the caller set nothing (rolling, 200/100, breaker off). */
export function defaultDeploymentConfiguration(
  controller: DeploymentControllerType,
): DeploymentConfiguration {
  if (controller !== 'ECS') return { maximumPercent: 200, minimumHealthyPercent: 100 };
  return {
    deploymentCircuitBreaker: { enable: false, rollback: false },
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    strategy: 'ROLLING',
  };
}

/**
 * UpdateService replaces the members it names and keeps the others. Switching strategy drops
 * the canary/linear settings that belonged to the old one.
 */
export function mergeDeploymentConfiguration(
  base: DeploymentConfiguration,
  update: DeploymentConfiguration,
): DeploymentConfiguration {
  const merged: DeploymentConfiguration = { ...base };
  if (update.strategy !== undefined && update.strategy !== base.strategy) {
    if (update.strategy !== 'CANARY') delete merged.canaryConfiguration;
    if (update.strategy !== 'LINEAR') delete merged.linearConfiguration;
  }
  for (const [k, v] of Object.entries(update)) {
    if (v !== undefined && v !== null) (merged as Record<string, unknown>)[k] = v;
  }
  return merged;
}

export interface NewServiceSpec {
  cluster: ClusterRec;
  name: string;
  desiredCount: number;
  launchType?: LaunchType;
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  platformVersion?: string;
  deploymentController?: DeploymentControllerType;
  deploymentConfiguration?: DeploymentConfiguration;
  loadBalancers?: LoadBalancer[];
  serviceRegistries?: Record<string, unknown>[];
  networkConfiguration?: NetworkConfiguration;
  placementConstraints?: Record<string, unknown>[];
  placementStrategy?: Record<string, unknown>[];
  healthCheckGracePeriodSeconds?: number;
  schedulingStrategy?: SchedulingStrategy;
  propagateTags?: string;
  enableECSManagedTags?: boolean;
  enableExecuteCommand?: boolean;
  availabilityZoneRebalancing?: 'ENABLED' | 'DISABLED';
  roleArn?: string;
  tags?: Tag[];
  at?: number;
}

/**
 * Adds an ACTIVE service to its cluster, with no deployments or task sets yet: the caller
 * follows with `createDeployment` (ECS controller) or `createTaskSet` (CODE_DEPLOY).
 */
export function createServiceRecord(scope: EcsScope, spec: NewServiceSpec): ServiceRec {
  const controller = spec.deploymentController ?? 'ECS';
  const launchType = spec.capacityProviderStrategy
    ? spec.launchType
    : (spec.launchType ?? 'FARGATE');
  const fargate =
    launchType === 'FARGATE' ||
    (spec.capacityProviderStrategy?.some((c) => c.capacityProvider.startsWith('FARGATE')) ?? false);
  const base = defaultDeploymentConfiguration(controller);
  const service: ServiceRec = {
    name: spec.name,
    arn: serviceArn(scope.region, scope.accountId, spec.cluster.name, spec.name),
    clusterName: spec.cluster.name,
    clusterArn: spec.cluster.arn,
    status: 'ACTIVE',
    desiredCount: spec.desiredCount,
    deploymentController: controller,
    deploymentConfiguration: spec.deploymentConfiguration
      ? mergeDeploymentConfiguration(base, spec.deploymentConfiguration)
      : base,
    loadBalancers: spec.loadBalancers ?? [],
    serviceRegistries: spec.serviceRegistries ?? [],
    placementConstraints: spec.placementConstraints ?? [],
    placementStrategy: spec.placementStrategy ?? [],
    healthCheckGracePeriodSeconds: spec.healthCheckGracePeriodSeconds ?? 0,
    schedulingStrategy: spec.schedulingStrategy ?? 'REPLICA',
    enableECSManagedTags: spec.enableECSManagedTags ?? false,
    enableExecuteCommand: spec.enableExecuteCommand ?? false,
    availabilityZoneRebalancing: spec.availabilityZoneRebalancing ?? 'ENABLED',
    tags: spec.tags ?? [],
    createdAt: spec.at ?? scope.world.now,
    createdBy: scope.world.principal,
    deployments: [],
    taskSets: [],
    events: [],
    serviceDeploymentArns: [],
    tasks: new Map(),
  };
  if (launchType) service.launchType = launchType;
  if (spec.capacityProviderStrategy)
    service.capacityProviderStrategy = spec.capacityProviderStrategy;
  if (fargate) {
    service.platformVersion = spec.platformVersion ?? 'LATEST';
    service.platformFamily = 'Linux';
  } else if (spec.platformVersion) service.platformVersion = spec.platformVersion;
  if (spec.networkConfiguration) service.networkConfiguration = spec.networkConfiguration;
  if (spec.propagateTags) service.propagateTags = spec.propagateTags;
  if (spec.roleArn) service.roleArn = spec.roleArn;
  spec.cluster.services.set(spec.name, service);
  return service;
}

/** Live tasks: not STOPPED yet (DEACTIVATING and friends still count). */
export function liveTaskCount(service: ServiceRec): number {
  let n = 0;
  for (const t of service.tasks.values()) if (t.lastStatus !== 'STOPPED') n++;
  return n;
}

/**
 * DeleteService: the service goes DRAINING with desiredCount 0 and ECS stops every task;
 * once none is left (`finishServiceDeletion`) it becomes INACTIVE. Engines that move tasks
 * to STOPPED over time subscribe to `serviceDeleted` and call `finishServiceDeletion`.
 */
export function deleteService(scope: EcsScope, service: ServiceRec): void {
  const now = scope.world.now;
  service.status = 'DRAINING';
  service.desiredCount = 0;
  for (const d of service.deployments) d.desiredCount = 0;
  for (const task of service.tasks.values()) {
    const owner = task.ownerId ?? task.startedBy ?? 'ecs-svc/0';
    stopTask(
      task,
      { stopCode: 'ServiceSchedulerInitiated', stoppedReason: stoppedReasonText.scaling(owner) },
      now,
    );
  }
  finishServiceDeletion(service);
  emitEcs(scope.world, 'serviceDeleted', { scope, service });
}

/** DRAINING becomes INACTIVE when no task is left running. Returns whether it did. */
export function finishServiceDeletion(service: ServiceRec): boolean {
  if (service.status !== 'DRAINING' || liveTaskCount(service) > 0) return false;
  service.status = 'INACTIVE';
  service.deployments = [];
  service.taskSets = [];
  return true;
}
