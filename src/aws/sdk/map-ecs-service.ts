import type {
  DeploymentConfiguration as SdkDeploymentConfiguration,
  DeploymentLifecycleHook as SdkLifecycleHook,
  Deployment as SdkDeployment,
  LoadBalancer as SdkLoadBalancer,
  Service as SdkService,
  Tag as SdkTag,
  TaskSet as SdkTaskSet,
} from '@aws-sdk/client-ecs';
import type {
  Deployment,
  DeploymentConfiguration,
  LifecycleHook,
  Service,
  ServiceLoadBalancer,
  TaskSet,
  UpdateServiceInput,
} from '../types';
import { defined } from './map-util';

export function mapTags(tags: SdkTag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.key !== undefined) out[t.key] = t.value ?? '';
  return out;
}

export function toSdkTags(tags: Record<string, string>): SdkTag[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

function mapLifecycleHook(h: SdkLifecycleHook): LifecycleHook {
  return defined({
    targetType: h.targetType ?? 'PAUSE',
    hookTargetArn: h.hookTargetArn,
    roleArn: h.roleArn,
    lifecycleStages: h.lifecycleStages ?? [],
    // either member alone is a timeout too; the other takes ECS's default (1440 min, ROLLBACK)
    timeout:
      h.timeoutConfiguration?.timeoutInMinutes !== undefined ||
      h.timeoutConfiguration?.action !== undefined
        ? {
            timeoutInMinutes: h.timeoutConfiguration.timeoutInMinutes ?? 1440,
            action: h.timeoutConfiguration.action ?? 'ROLLBACK',
          }
        : undefined,
    hookDetails: h.hookDetails,
  });
}

export function mapDeploymentConfiguration(
  c: SdkDeploymentConfiguration | undefined,
): DeploymentConfiguration {
  const cb = c?.deploymentCircuitBreaker;
  const alarms = c?.alarms;
  return defined({
    strategy: c?.strategy ?? 'ROLLING',
    minimumHealthyPercent: c?.minimumHealthyPercent,
    maximumPercent: c?.maximumPercent,
    circuitBreaker: cb ? { enable: cb.enable ?? false, rollback: cb.rollback ?? false } : undefined,
    alarms: alarms
      ? {
          alarmNames: alarms.alarmNames ?? [],
          enable: alarms.enable ?? false,
          rollback: alarms.rollback ?? false,
        }
      : undefined,
    bakeTimeInMinutes: c?.bakeTimeInMinutes,
    canary:
      c?.canaryConfiguration?.canaryPercent !== undefined
        ? {
            canaryPercent: c.canaryConfiguration.canaryPercent,
            canaryBakeTimeInMinutes: c.canaryConfiguration.canaryBakeTimeInMinutes ?? 0,
          }
        : undefined,
    linear:
      c?.linearConfiguration?.stepPercent !== undefined
        ? {
            stepPercent: c.linearConfiguration.stepPercent,
            stepBakeTimeInMinutes: c.linearConfiguration.stepBakeTimeInMinutes ?? 0,
          }
        : undefined,
    lifecycleHooks: (c?.lifecycleHooks ?? []).map(mapLifecycleHook),
  });
}

export function mapLoadBalancer(lb: SdkLoadBalancer): ServiceLoadBalancer {
  const adv = lb.advancedConfiguration;
  return defined({
    targetGroupArn: lb.targetGroupArn,
    loadBalancerName: lb.loadBalancerName,
    containerName: lb.containerName,
    containerPort: lb.containerPort,
    advanced:
      adv?.alternateTargetGroupArn && adv.productionListenerRule
        ? defined({
            alternateTargetGroupArn: adv.alternateTargetGroupArn,
            productionListenerRule: adv.productionListenerRule,
            testListenerRule: adv.testListenerRule,
            roleArn: adv.roleArn,
          })
        : undefined,
  });
}

function mapDeployment(d: SdkDeployment): Deployment {
  return defined({
    id: d.id ?? '',
    status: d.status ?? 'UNKNOWN',
    taskDefinitionArn: d.taskDefinition ?? '',
    desiredCount: d.desiredCount ?? 0,
    runningCount: d.runningCount ?? 0,
    pendingCount: d.pendingCount ?? 0,
    failedTasks: d.failedTasks ?? 0,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  });
}

export function mapTaskSet(t: SdkTaskSet): TaskSet {
  return defined({
    id: t.id ?? '',
    arn: t.taskSetArn ?? '',
    status: t.status ?? 'UNKNOWN',
    taskDefinitionArn: t.taskDefinition ?? '',
    computedDesiredCount: t.computedDesiredCount ?? 0,
    runningCount: t.runningCount ?? 0,
    pendingCount: t.pendingCount ?? 0,
    scalePercent: t.scale?.value,
    stabilityStatus: t.stabilityStatus,
    externalId: t.externalId,
    startedBy: t.startedBy,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    targetGroupArns: (t.loadBalancers ?? []).flatMap((lb) =>
      lb.targetGroupArn ? [lb.targetGroupArn] : [],
    ),
  });
}

export function mapService(s: SdkService): Service {
  return defined({
    arn: s.serviceArn ?? '',
    name: s.serviceName ?? '',
    clusterArn: s.clusterArn ?? '',
    status: s.status ?? 'UNKNOWN',
    desiredCount: s.desiredCount ?? 0,
    runningCount: s.runningCount ?? 0,
    pendingCount: s.pendingCount ?? 0,
    taskDefinitionArn: s.taskDefinition,
    deploymentController: s.deploymentController?.type ?? 'ECS',
    deploymentConfiguration: mapDeploymentConfiguration(s.deploymentConfiguration),
    deployments: (s.deployments ?? []).map(mapDeployment),
    taskSets: (s.taskSets ?? []).map(mapTaskSet),
    events: (s.events ?? []).map((e) => ({
      id: e.id ?? '',
      createdAt: e.createdAt ?? new Date(0),
      message: e.message ?? '',
    })),
    loadBalancers: (s.loadBalancers ?? []).map(mapLoadBalancer),
    launchType: s.launchType,
    capacityProviders: (s.capacityProviderStrategy ?? []).flatMap((c) =>
      c.capacityProvider ? [c.capacityProvider] : [],
    ),
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    currentServiceDeploymentArn: s.currentServiceDeployment,
    healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds,
    schedulingStrategy: s.schedulingStrategy,
    tags: mapTags(s.tags),
  });
}

function toSdkLifecycleHook(h: LifecycleHook): SdkLifecycleHook {
  return defined({
    targetType: h.targetType,
    hookTargetArn: h.hookTargetArn,
    roleArn: h.roleArn,
    // hooks cannot attach to SCALE_UP, BAKE_TIME or CLEAN_UP; ECS validates the rest
    lifecycleStages: h.lifecycleStages as SdkLifecycleHook['lifecycleStages'],
    timeoutConfiguration: h.timeout,
    hookDetails: h.hookDetails as SdkLifecycleHook['hookDetails'],
  });
}

/** Domain deployment configuration -> SDK shape; only the members given are sent. */
export function toSdkDeploymentConfiguration(
  c: NonNullable<UpdateServiceInput['deploymentConfiguration']>,
): SdkDeploymentConfiguration {
  return defined({
    strategy: c.strategy,
    minimumHealthyPercent: c.minimumHealthyPercent,
    maximumPercent: c.maximumPercent,
    deploymentCircuitBreaker: c.circuitBreaker,
    alarms: c.alarms,
    bakeTimeInMinutes: c.bakeTimeInMinutes,
    canaryConfiguration: c.canary,
    linearConfiguration: c.linear,
    lifecycleHooks: c.lifecycleHooks?.map(toSdkLifecycleHook),
  });
}

export function toSdkLoadBalancer(lb: ServiceLoadBalancer): SdkLoadBalancer {
  return defined({
    targetGroupArn: lb.targetGroupArn,
    loadBalancerName: lb.loadBalancerName,
    containerName: lb.containerName,
    containerPort: lb.containerPort,
    advancedConfiguration: lb.advanced,
  });
}
