import { resolveEcrImage } from '../ecr/state';
import { containerArn, syntheticImageDigest, taskArn } from './ids';
import { flat, randomHex, randomUuid } from './rand';
import type { EcsScope } from './state';
import type {
  ClusterRec,
  ContainerRec,
  HealthStatus,
  LaunchType,
  NetworkConfiguration,
  ServiceRec,
  Tag,
  TaskDefinitionRec,
  TaskRec,
  TaskStatus,
  TaskStopCode,
} from './types';

/** Stopped tasks stay visible this long (AWS: at least an hour), then `pruneStoppedTasks` drops them. */
export const STOPPED_TASK_RETENTION_MS = 60 * 60 * 1000;

const AZ_LETTERS = ['a', 'b', 'c'];

/** A subnet always maps to the same AZ, so every service on it agrees. */
export function subnetAzIndex(subnetId: string): number {
  let h = 0;
  for (let i = 0; i < subnetId.length; i++) h = (h * 31 + subnetId.charCodeAt(i)) >>> 0;
  return h % AZ_LETTERS.length;
}

export function subnetAz(region: string, subnetId: string): string {
  return `${region}${AZ_LETTERS[subnetAzIndex(subnetId)]}`;
}

export interface StartTaskOptions {
  cluster: ClusterRec;
  taskDefinition: TaskDefinitionRec;
  /** Set for service tasks: the task joins `service.tasks` and group `service:<name>`. */
  service?: ServiceRec;
  /** Deployment or task-set id that owns a service task; also its `startedBy`. */
  ownerId?: string;
  startedBy?: string;
  group?: string;
  launchType?: LaunchType;
  platformVersion?: string;
  networkConfiguration?: NetworkConfiguration;
  /** Default PROVISIONING. RUNNING (for scenarios) fills the earlier timestamps as well. */
  lastStatus?: TaskStatus;
  healthStatus?: HealthStatus;
  /** When the task was created; default now. */
  at?: number;
  tags?: Tag[];
}

/** Creates a task and indexes it in its cluster (and service). Engines drive it from there. */
export function startTask(scope: EcsScope, opts: StartTaskOptions): TaskRec {
  const { world, region, accountId } = scope;
  const rng = world.rng;
  const at = opts.at ?? world.now;
  const id = randomHex(rng, 32);
  const subnets = opts.networkConfiguration?.awsvpcConfiguration?.subnets ?? [];
  const subnetId = subnets.length > 0 ? rng.pick(subnets) : flat('subnet-', randomHex(rng, 17));
  const azIndex = subnetAzIndex(subnetId);
  const td = opts.taskDefinition;
  const containers: ContainerRec[] = td.containerDefinitions.map((def) => {
    const resolved = resolveEcrImage(world, def.image);
    const container: ContainerRec = {
      arn: containerArn(region, accountId, opts.cluster.name, id, rng),
      name: def.name,
      image: def.image,
      lastStatus: 'PENDING',
      healthStatus: 'UNKNOWN',
      essential: def.essential !== false,
      hasHealthCheck: def.healthCheck !== undefined,
    };
    // an ECR image that is not there has no digest: the pull would fail
    if (resolved.kind === 'found') container.imageDigest = resolved.digest;
    else if (resolved.kind === 'external') container.imageDigest = syntheticImageDigest(def.image);
    if (def.cpu !== undefined) container.cpu = def.cpu;
    if (def.memory !== undefined) container.memory = def.memory;
    if (def.memoryReservation !== undefined) container.memoryReservation = def.memoryReservation;
    return container;
  });
  const task: TaskRec = {
    id,
    arn: taskArn(region, accountId, opts.cluster.name, id),
    clusterName: opts.cluster.name,
    clusterArn: opts.cluster.arn,
    taskDefinitionArn: td.arn,
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    healthStatus: 'UNKNOWN',
    launchType: opts.launchType ?? 'FARGATE',
    availabilityZone: `${region}${AZ_LETTERS[azIndex]}`,
    subnetId,
    privateIp: flat('10.0.', String(azIndex * 32 + rng.int(0, 31)), '.', String(rng.int(4, 254))),
    eniId: flat('eni-', randomHex(rng, 17)),
    macAddress: flat('0a', randomHex(rng, 10).replace(/(..)/g, ':$1')),
    attachmentId: randomUuid(rng),
    containers,
    createdAt: at,
    version: 1,
    tags: opts.tags ?? [],
    enableExecuteCommand: opts.service?.enableExecuteCommand ?? false,
  };
  const cpu = td.fields.cpu;
  const memory = td.fields.memory;
  if (typeof cpu === 'string') task.cpu = cpu;
  if (typeof memory === 'string') task.memory = memory;
  if (task.launchType === 'FARGATE') {
    task.platformVersion =
      opts.platformVersion === 'LATEST' ? '1.4.0' : (opts.platformVersion ?? '1.4.0');
    task.platformFamily = 'Linux';
  }
  if (opts.service) {
    task.serviceName = opts.service.name;
    task.group = `service:${opts.service.name}`;
  } else if (opts.group !== undefined) task.group = opts.group;
  else task.group = `family:${td.family}`;
  const startedBy = opts.startedBy ?? opts.ownerId;
  if (startedBy !== undefined) task.startedBy = startedBy;
  if (opts.ownerId !== undefined) task.ownerId = opts.ownerId;

  opts.cluster.tasks.set(id, task);
  opts.service?.tasks.set(id, task);
  if (opts.lastStatus === 'RUNNING') {
    // a scenario task that has been up for a while: pulled and started shortly after creation
    setTaskStatus(task, 'PENDING', at + 5_000);
    setTaskStatus(task, 'RUNNING', at + 30_000);
  } else if (opts.lastStatus !== undefined && opts.lastStatus !== 'PROVISIONING') {
    setTaskStatus(task, opts.lastStatus, at);
  }
  if (opts.healthStatus !== undefined) setTaskHealth(task, opts.healthStatus);
  return task;
}

function containerStatusFor(status: TaskStatus): string {
  switch (status) {
    case 'PROVISIONING':
    case 'PENDING':
    case 'ACTIVATING':
      return 'PENDING';
    case 'RUNNING':
    case 'DEACTIVATING':
    case 'STOPPING':
      return 'RUNNING';
    case 'DEPROVISIONING':
    case 'STOPPED':
      return 'STOPPED';
  }
}

/**
 * Moves a task to `status` and stamps the timestamps AWS sets on the way
 * (aws-semantics B.8): pull times, startedAt, stoppingAt, executionStoppedAt, stoppedAt.
 * `version` goes up on every change.
 */
export function setTaskStatus(task: TaskRec, status: TaskStatus, at: number): void {
  task.lastStatus = status;
  task.version += 1;
  switch (status) {
    case 'PROVISIONING':
      break;
    case 'PENDING':
      task.connectivityAt ??= at;
      task.pullStartedAt ??= at;
      break;
    case 'ACTIVATING':
    case 'RUNNING':
      task.connectivityAt ??= at;
      task.pullStartedAt ??= at;
      task.pullStoppedAt ??= at;
      if (status === 'RUNNING') task.startedAt ??= at;
      break;
    case 'DEACTIVATING':
    case 'STOPPING':
      task.stoppingAt ??= at;
      break;
    case 'DEPROVISIONING':
    case 'STOPPED':
      task.stoppingAt ??= at;
      task.executionStoppedAt ??= at;
      if (status === 'STOPPED') {
        task.stoppedAt = at;
        task.desiredStatus = 'STOPPED';
      }
      break;
  }
  const containerStatus = containerStatusFor(status);
  for (const c of task.containers) {
    c.lastStatus = containerStatus;
    // containers that ran and were stopped by ECS exit on SIGTERM; keep a code set earlier
    if (containerStatus === 'STOPPED' && task.startedAt !== undefined) c.exitCode ??= 0;
  }
}

export interface StopTaskOptions {
  stopCode: TaskStopCode;
  stoppedReason: string;
  /** Where the task goes now. Default: DEACTIVATING if it was running, else STOPPED. */
  lastStatus?: TaskStatus;
  at?: number;
}

/** Records the stop (desiredStatus STOPPED, stop code, reason). No-op if already stopping. */
export function stopTask(task: TaskRec, opts: StopTaskOptions, now: number): void {
  if (task.desiredStatus === 'STOPPED') return;
  const at = opts.at ?? now;
  task.desiredStatus = 'STOPPED';
  task.stopCode = opts.stopCode;
  task.stoppedReason = opts.stoppedReason;
  task.stoppingAt = at;
  const running = task.lastStatus === 'RUNNING' || task.lastStatus === 'ACTIVATING';
  setTaskStatus(task, opts.lastStatus ?? (running ? 'DEACTIVATING' : 'STOPPED'), at);
}

/**
 * Sets container health (one container by name, or all that have a health check) and derives
 * the task's: HEALTHY only when every essential container with a check is HEALTHY.
 */
export function setTaskHealth(task: TaskRec, status: HealthStatus, containerName?: string): void {
  for (const c of task.containers) {
    if (containerName !== undefined ? c.name === containerName : c.hasHealthCheck) {
      c.healthStatus = status;
    }
  }
  const checked = task.containers.filter((c) => c.essential && c.hasHealthCheck);
  // no essential container has a check: ECS reports UNKNOWN (aws-semantics B.8)
  if (checked.length === 0) task.healthStatus = 'UNKNOWN';
  else if (checked.some((c) => c.healthStatus === 'UNHEALTHY')) task.healthStatus = 'UNHEALTHY';
  else if (checked.every((c) => c.healthStatus === 'HEALTHY')) task.healthStatus = 'HEALTHY';
  else task.healthStatus = 'UNKNOWN';
  task.version += 1;
}

/** Tasks ECS counts as pending (the SDK's pendingCount); RUNNING is counted apart. */
export function isPendingStatus(status: TaskStatus): boolean {
  return status === 'PROVISIONING' || status === 'PENDING' || status === 'ACTIVATING';
}

export interface TaskCounts {
  running: number;
  pending: number;
}

/** Running and pending tasks per owner (deployment or task-set id) plus the service total. */
export function countServiceTasks(service: ServiceRec): {
  total: TaskCounts;
  byOwner: Map<string, TaskCounts>;
} {
  const total = { running: 0, pending: 0 };
  const byOwner = new Map<string, TaskCounts>();
  for (const task of service.tasks.values()) {
    const running = task.lastStatus === 'RUNNING';
    const pending = isPendingStatus(task.lastStatus);
    if (!running && !pending) continue;
    const key = task.ownerId ?? '';
    let c = byOwner.get(key);
    if (!c) byOwner.set(key, (c = { running: 0, pending: 0 }));
    if (running) {
      c.running++;
      total.running++;
    } else {
      c.pending++;
      total.pending++;
    }
  }
  return { total, byOwner };
}

/** Live (not yet STOPPED) tasks of a service owned by one deployment or task set. */
export function tasksOf(service: ServiceRec, ownerId: string): TaskRec[] {
  const out: TaskRec[] = [];
  for (const t of service.tasks.values()) {
    if (t.ownerId === ownerId && t.lastStatus !== 'STOPPED') out.push(t);
  }
  return out;
}

/** Drops tasks that stopped more than `retentionMs` ago from the cluster and service indexes. */
export function pruneStoppedTasks(
  cluster: ClusterRec,
  now: number,
  retentionMs = STOPPED_TASK_RETENTION_MS,
): void {
  for (const [id, task] of cluster.tasks) {
    if (task.lastStatus !== 'STOPPED' || (task.stoppedAt ?? now) > now - retentionMs) continue;
    cluster.tasks.delete(id);
    if (task.serviceName !== undefined) cluster.services.get(task.serviceName)?.tasks.delete(id);
  }
}
