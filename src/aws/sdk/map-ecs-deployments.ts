import type {
  ServiceDeployment as SdkServiceDeployment,
  ServiceDeploymentBrief as SdkServiceDeploymentBrief,
  ServiceRevision as SdkServiceRevision,
  ServiceRevisionSummary as SdkRevisionSummary,
} from '@aws-sdk/client-ecs';
import type {
  LifecycleStage,
  ServiceDeployment,
  ServiceDeploymentBrief,
  ServiceRevision,
  ServiceRevisionSummary,
} from '../types';
import { mapDeploymentConfiguration, mapLoadBalancer } from './map-ecs-service';
import { defined } from './map-util';

export function mapServiceDeploymentBrief(b: SdkServiceDeploymentBrief): ServiceDeploymentBrief {
  return defined({
    arn: b.serviceDeploymentArn ?? '',
    serviceArn: b.serviceArn ?? '',
    clusterArn: b.clusterArn ?? '',
    status: b.status ?? 'PENDING',
    statusReason: b.statusReason,
    createdAt: b.createdAt,
    startedAt: b.startedAt,
    finishedAt: b.finishedAt,
    targetServiceRevisionArn: b.targetServiceRevisionArn,
  });
}

function mapRevisionSummary(r: SdkRevisionSummary): ServiceRevisionSummary {
  return defined({
    arn: r.arn ?? '',
    requestedTaskCount: r.requestedTaskCount ?? 0,
    runningTaskCount: r.runningTaskCount ?? 0,
    pendingTaskCount: r.pendingTaskCount ?? 0,
    requestedTestTrafficWeight: r.requestedTestTrafficWeight,
    requestedProductionTrafficWeight: r.requestedProductionTrafficWeight,
  });
}

export function mapServiceDeployment(d: SdkServiceDeployment): ServiceDeployment {
  const cb = d.deploymentCircuitBreaker;
  const alarms = d.alarms;
  return defined({
    arn: d.serviceDeploymentArn ?? '',
    serviceArn: d.serviceArn ?? '',
    clusterArn: d.clusterArn ?? '',
    status: d.status ?? 'PENDING',
    statusReason: d.statusReason,
    createdAt: d.createdAt,
    startedAt: d.startedAt,
    finishedAt: d.finishedAt,
    stoppedAt: d.stoppedAt,
    updatedAt: d.updatedAt,
    targetServiceRevisionArn: d.targetServiceRevision?.arn,
    sourceServiceRevisions: (d.sourceServiceRevisions ?? []).map(mapRevisionSummary),
    targetServiceRevision: d.targetServiceRevision
      ? mapRevisionSummary(d.targetServiceRevision)
      : undefined,
    lifecycleStage: d.lifecycleStage,
    lifecycleHooks: (d.lifecycleHookDetails ?? []).map((h) =>
      defined({
        hookId: h.hookId ?? '',
        targetType: h.targetType ?? 'PAUSE',
        targetArn: h.targetArn,
        status: h.status ?? 'IN_PROGRESS',
        expiresAt: h.expiresAt,
        timeoutAction: h.timeoutAction,
        // AWS does not say which stage a hook belongs to; while one waits, it is the current stage
        lifecycleStage:
          h.status === 'AWAITING_ACTION' || h.status === 'IN_PROGRESS'
            ? (d.lifecycleStage as LifecycleStage | undefined)
            : undefined,
      }),
    ),
    rollback: d.rollback
      ? defined({
          reason: d.rollback.reason,
          startedAt: d.rollback.startedAt,
          serviceRevisionArn: d.rollback.serviceRevisionArn,
        })
      : undefined,
    circuitBreaker: cb
      ? {
          status: cb.status ?? 'DISABLED',
          failureCount: cb.failureCount ?? 0,
          threshold: cb.threshold ?? 0,
        }
      : undefined,
    alarms: alarms
      ? {
          status: alarms.status ?? 'DISABLED',
          alarmNames: alarms.alarmNames ?? [],
          triggeredAlarmNames: alarms.triggeredAlarmNames ?? [],
        }
      : undefined,
    deploymentConfiguration: d.deploymentConfiguration
      ? mapDeploymentConfiguration(d.deploymentConfiguration)
      : undefined,
  });
}

export function mapServiceRevision(r: SdkServiceRevision): ServiceRevision {
  return defined({
    arn: r.serviceRevisionArn ?? '',
    serviceArn: r.serviceArn ?? '',
    clusterArn: r.clusterArn ?? '',
    taskDefinitionArn: r.taskDefinition ?? '',
    containerImages: (r.containerImages ?? []).map((c) =>
      defined({ containerName: c.containerName ?? '', image: c.image, imageDigest: c.imageDigest }),
    ),
    loadBalancers: (r.loadBalancers ?? []).map(mapLoadBalancer),
    resolvedTargetGroupArns: r.resolvedConfiguration?.loadBalancers?.flatMap((lb) =>
      lb.targetGroupArn ? [lb.targetGroupArn] : [],
    ),
    createdAt: r.createdAt,
  });
}
