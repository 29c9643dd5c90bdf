import { fargateCompatible } from './task-definitions';
import { isPendingStatus } from './tasks';
import type { ClusterRec, TaskDefinitionRec, TaskRec, TaskStatus } from './types';

// Records -> DescribeTasks / DescribeClusters / DescribeTaskDefinition wire shapes.

function date(ms: number | undefined): Date | undefined {
  return ms === undefined ? undefined : new Date(ms);
}

function eniStatus(status: TaskStatus): string {
  switch (status) {
    case 'PROVISIONING':
      return 'PRECREATED';
    case 'DEPROVISIONING':
      return 'DETACHING';
    case 'STOPPED':
      return 'DELETED';
    case 'PENDING':
    case 'ACTIVATING':
    case 'RUNNING':
    case 'DEACTIVATING':
    case 'STOPPING':
      return 'ATTACHED';
  }
}

function privateDnsName(region: string, ip: string): string {
  const host = `ip-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

export function projectTask(task: TaskRec, region: string, includeTags: boolean) {
  // Docker runtime ids look like `<task id>-<10 digits>`; derived so they stay stable
  const runtimeBase = parseInt(task.id.slice(0, 8), 16);
  return {
    attachments: [
      {
        id: task.attachmentId,
        type: 'ElasticNetworkInterface',
        status: eniStatus(task.lastStatus),
        details: [
          { name: 'subnetId', value: task.subnetId },
          { name: 'networkInterfaceId', value: task.eniId },
          { name: 'macAddress', value: task.macAddress },
          { name: 'privateDnsName', value: privateDnsName(region, task.privateIp) },
          { name: 'privateIPv4Address', value: task.privateIp },
        ],
      },
    ],
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: task.availabilityZone,
    clusterArn: task.clusterArn,
    connectivity: task.connectivityAt !== undefined ? 'CONNECTED' : undefined,
    connectivityAt: date(task.connectivityAt),
    containers: task.containers.map((c, i) => ({
      containerArn: c.arn,
      taskArn: task.arn,
      name: c.name,
      image: c.image,
      imageDigest: c.imageDigest,
      runtimeId:
        task.pullStoppedAt !== undefined
          ? `${task.id}-${String(runtimeBase + i).padStart(10, '0')}`
          : undefined,
      lastStatus: c.lastStatus,
      exitCode: c.exitCode,
      reason: c.reason,
      networkBindings: [],
      networkInterfaces: [{ attachmentId: task.attachmentId, privateIpv4Address: task.privateIp }],
      healthStatus: c.healthStatus,
      cpu: c.cpu !== undefined ? String(c.cpu) : undefined,
      memory: c.memory !== undefined ? String(c.memory) : undefined,
      memoryReservation:
        c.memoryReservation !== undefined ? String(c.memoryReservation) : undefined,
    })),
    cpu: task.cpu,
    createdAt: new Date(task.createdAt),
    desiredStatus: task.desiredStatus,
    enableExecuteCommand: task.enableExecuteCommand,
    group: task.group,
    healthStatus: task.healthStatus,
    lastStatus: task.lastStatus,
    launchType: task.launchType,
    memory: task.memory,
    overrides: {
      containerOverrides: task.containers.map((c) => ({ name: c.name })),
      inferenceAcceleratorOverrides: [],
    },
    platformVersion: task.platformVersion,
    platformFamily: task.platformFamily,
    pullStartedAt: date(task.pullStartedAt),
    pullStoppedAt: date(task.pullStoppedAt),
    startedAt: date(task.startedAt),
    startedBy: task.startedBy,
    stopCode: task.stopCode,
    stoppedAt: date(task.stoppedAt),
    stoppedReason: task.stoppedReason,
    stoppingAt: date(task.stoppingAt),
    executionStoppedAt: date(task.executionStoppedAt),
    tags: includeTags ? task.tags : undefined,
    taskArn: task.arn,
    taskDefinitionArn: task.taskDefinitionArn,
    version: task.version,
    ephemeralStorage: task.launchType === 'FARGATE' ? { sizeInGiB: 20 } : undefined,
    fargateEphemeralStorage: task.launchType === 'FARGATE' ? { sizeInGiB: 20 } : undefined,
  };
}

export function projectCluster(cluster: ClusterRec, include: ReadonlySet<string>) {
  let running = 0;
  let pending = 0;
  for (const t of cluster.tasks.values()) {
    if (t.lastStatus === 'RUNNING') running++;
    else if (isPendingStatus(t.lastStatus)) pending++;
  }
  let active = 0;
  for (const s of cluster.services.values()) if (s.status === 'ACTIVE') active++;
  return {
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: cluster.status,
    registeredContainerInstancesCount: 0,
    runningTasksCount: running,
    pendingTasksCount: pending,
    activeServicesCount: active,
    statistics: [],
    tags: include.has('TAGS') ? cluster.tags : [],
    settings: include.has('SETTINGS') ? cluster.settings : undefined,
    capacityProviders: cluster.capacityProviders,
    defaultCapacityProviderStrategy: [],
  };
}

/** The `requiresAttributes` ECS derives from a definition (a representative subset). */
function requiresAttributes(td: TaskDefinitionRec): { name: string }[] {
  const names = new Set<string>(['com.amazonaws.ecs.capability.docker-remote-api.1.18']);
  const f = td.fields;
  const ecr = td.containerDefinitions.some((c) => /\.dkr\.ecr\./.test(c.image));
  if (f.networkMode === 'awsvpc') names.add('ecs.capability.task-eni');
  if (f.taskRoleArn) names.add('com.amazonaws.ecs.capability.task-iam-role');
  if (ecr) names.add('com.amazonaws.ecs.capability.ecr-auth');
  if (ecr && f.executionRoleArn) names.add('ecs.capability.execution-role-ecr-pull');
  for (const c of td.containerDefinitions) {
    const log = c.logConfiguration as { logDriver?: string } | undefined;
    if (log?.logDriver === 'awslogs') {
      names.add('com.amazonaws.ecs.capability.logging-driver.awslogs');
      if (f.executionRoleArn) names.add('ecs.capability.execution-role-awslogs');
    }
    if (c.healthCheck) names.add('ecs.capability.container-health-check');
    for (const s of c.secrets ?? []) {
      if (s.valueFrom.includes(':secretsmanager:'))
        names.add('ecs.capability.secrets.asm.environment-variables');
      else names.add('ecs.capability.secrets.ssm.environment-variables');
    }
  }
  return [...names].map((name) => ({ name }));
}

export function projectTaskDefinition(td: TaskDefinitionRec) {
  return {
    taskDefinitionArn: td.arn,
    containerDefinitions: td.containerDefinitions,
    family: td.family,
    ...td.fields,
    revision: td.revision,
    status: td.status,
    requiresAttributes: requiresAttributes(td),
    compatibilities: fargateCompatible(td) ? ['EC2', 'FARGATE'] : ['EC2'],
    registeredAt: new Date(td.registeredAt),
    registeredBy: td.registeredBy,
    deregisteredAt: date(td.deregisteredAt),
  };
}
