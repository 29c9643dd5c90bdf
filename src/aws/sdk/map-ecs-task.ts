import type {
  Cluster as SdkCluster,
  ContainerDefinition as SdkContainerDefinition,
  RegisterTaskDefinitionRequest,
  Tag as SdkTag,
  Task as SdkTask,
  TaskDefinition as SdkTaskDefinition,
} from '@aws-sdk/client-ecs';
import type {
  Cluster,
  ContainerDefinition,
  Task,
  TaskDefinition,
  TaskDefinitionDocument,
} from '../types';
import { mapTags } from './map-ecs-service';
import { defined, lastSegment, plain } from './map-util';

/**
 * Members DescribeTaskDefinition returns that RegisterTaskDefinition does not take (aws-semantics
 * B.9). The SDK would drop them silently, but the AWS CLI rejects them, and a document that
 * carries them is not what the person would register.
 */
export const RESPONSE_ONLY_TASK_DEFINITION_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
] as const;

export function taskDefinitionDocument(td: SdkTaskDefinition): TaskDefinitionDocument {
  const doc = plain(td) as Record<string, unknown>;
  for (const key of RESPONSE_ONLY_TASK_DEFINITION_FIELDS) delete doc[key];
  return {
    ...doc,
    family: td.family ?? '',
    containerDefinitions: (doc.containerDefinitions ?? []) as Record<string, unknown>[],
  };
}

function mapContainer(c: SdkContainerDefinition): ContainerDefinition {
  const hc = c.healthCheck;
  return defined({
    name: c.name ?? '',
    image: c.image ?? '',
    // ECS treats a container without `essential` as essential
    essential: c.essential ?? true,
    cpu: c.cpu,
    memory: c.memory,
    memoryReservation: c.memoryReservation,
    portMappings: (c.portMappings ?? []).map((p) =>
      defined({
        containerPort: p.containerPort ?? 0,
        hostPort: p.hostPort,
        protocol: p.protocol,
        name: p.name,
      }),
    ),
    environment: (c.environment ?? []).map((e) => ({ name: e.name ?? '', value: e.value ?? '' })),
    secrets: (c.secrets ?? []).map((s) => ({ name: s.name ?? '', valueFrom: s.valueFrom ?? '' })),
    healthCheck: hc
      ? defined({
          command: hc.command ?? [],
          intervalSeconds: hc.interval,
          timeoutSeconds: hc.timeout,
          retries: hc.retries,
          startPeriodSeconds: hc.startPeriod,
        })
      : undefined,
    command: c.command,
  });
}

export function mapTaskDefinition(td: SdkTaskDefinition, tags?: SdkTag[]): TaskDefinition {
  return defined({
    arn: td.taskDefinitionArn ?? '',
    family: td.family ?? '',
    revision: td.revision ?? 0,
    status: td.status ?? 'ACTIVE',
    cpu: td.cpu,
    memory: td.memory,
    networkMode: td.networkMode,
    taskRoleArn: td.taskRoleArn,
    executionRoleArn: td.executionRoleArn,
    requiresCompatibilities: td.requiresCompatibilities ?? [],
    containers: (td.containerDefinitions ?? []).map(mapContainer),
    registeredAt: td.registeredAt,
    registeredBy: td.registeredBy,
    deregisteredAt: td.deregisteredAt,
    tags: mapTags(tags),
    document: taskDefinitionDocument(td),
  });
}

/** The document as a RegisterTaskDefinition input, response-only members removed again. */
export function toRegisterInput(
  document: TaskDefinitionDocument,
  tags: Record<string, string>,
): RegisterTaskDefinitionRequest {
  const input = plain(document) as Record<string, unknown>;
  // a document built by hand from a describe output may still carry them
  for (const key of RESPONSE_ONLY_TASK_DEFINITION_FIELDS) delete input[key];
  delete input.tags;
  const tagList = Object.entries(tags).map(([key, value]) => ({ key, value }));
  return {
    ...(input as unknown as RegisterTaskDefinitionRequest),
    ...(tagList.length > 0 ? { tags: tagList } : {}),
  };
}

function privateIp(t: SdkTask): string | undefined {
  for (const att of t.attachments ?? []) {
    const ip = att.details?.find((d) => d.name === 'privateIPv4Address')?.value;
    if (ip) return ip;
  }
  for (const c of t.containers ?? []) {
    const ip = c.networkInterfaces?.find((n) => n.privateIpv4Address)?.privateIpv4Address;
    if (ip) return ip;
  }
  return undefined;
}

export function mapTask(t: SdkTask): Task {
  const arn = t.taskArn ?? '';
  return defined({
    arn,
    id: lastSegment(arn),
    clusterArn: t.clusterArn ?? '',
    taskDefinitionArn: t.taskDefinitionArn ?? '',
    lastStatus: t.lastStatus ?? 'UNKNOWN',
    desiredStatus: t.desiredStatus ?? 'UNKNOWN',
    healthStatus: t.healthStatus,
    startedBy: t.startedBy,
    group: t.group,
    launchType: t.launchType,
    availabilityZone: t.availabilityZone,
    privateIp: privateIp(t),
    createdAt: t.createdAt,
    startedAt: t.startedAt,
    stoppingAt: t.stoppingAt,
    stoppedAt: t.stoppedAt,
    stopCode: t.stopCode,
    stoppedReason: t.stoppedReason,
    containers: (t.containers ?? []).map((c) =>
      defined({
        name: c.name ?? '',
        image: c.image,
        imageDigest: c.imageDigest,
        lastStatus: c.lastStatus,
        exitCode: c.exitCode,
        reason: c.reason,
        healthStatus: c.healthStatus,
      }),
    ),
  });
}

export function mapCluster(c: SdkCluster): Cluster {
  return {
    arn: c.clusterArn ?? '',
    name: c.clusterName ?? '',
    status: c.status ?? 'UNKNOWN',
    activeServicesCount: c.activeServicesCount ?? 0,
    runningTasksCount: c.runningTasksCount ?? 0,
    pendingTasksCount: c.pendingTasksCount ?? 0,
    capacityProviders: c.capacityProviders ?? [],
  };
}
