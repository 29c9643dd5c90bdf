import { createServiceRevision } from './deployments';
import { emitEcs } from './hooks';
import { deploymentId, taskSetArn } from './ids';
import type { EcsScope } from './state';
import type { LoadBalancer, ServiceRec, TaskDefinitionRec, TaskSetRec } from './types';

/**
 * Task sets of CODE_DEPLOY and EXTERNAL services (aws-semantics D.5). CodeDeploy creates the
 * green set with `externalId` = its deployment id and `startedBy` = CODE_DEPLOY, then makes it
 * PRIMARY at the end; a CodeDeploy engine drives that with these functions.
 */

export interface CreateTaskSetOptions {
  taskDefinition: TaskDefinitionRec;
  /** Default 100 %. */
  scalePercent?: number;
  externalId?: string;
  startedBy?: string;
  /** The first set of a service starts PRIMARY; later ones ACTIVE until promoted. */
  primary?: boolean;
  loadBalancers?: LoadBalancer[];
  at?: number;
  /** Scenario sets are created steady; the hook fires only for sets an engine must drive. */
  notify?: boolean;
}

export function createTaskSet(
  scope: EcsScope,
  service: ServiceRec,
  opts: CreateTaskSetOptions,
): TaskSetRec {
  const at = opts.at ?? scope.world.now;
  const id = deploymentId(scope.world.rng);
  const set: TaskSetRec = {
    id,
    arn: taskSetArn(scope.region, scope.accountId, service.clusterName, service.name, id),
    status: opts.primary ? 'PRIMARY' : 'ACTIVE',
    taskDefinition: opts.taskDefinition.arn,
    scale: { value: opts.scalePercent ?? 100, unit: 'PERCENT' },
    createdAt: at,
    updatedAt: at,
    loadBalancers: opts.loadBalancers ?? service.loadBalancers,
    stabilityStatus: 'STABILIZING',
    stabilityStatusAt: at,
    tags: [],
    serviceRevisionArn: '',
  };
  if (opts.externalId !== undefined) set.externalId = opts.externalId;
  if (opts.startedBy !== undefined) set.startedBy = opts.startedBy;
  if (service.launchType) set.launchType = service.launchType;
  if (service.platformVersion) set.platformVersion = service.platformVersion;
  if (service.platformFamily) set.platformFamily = service.platformFamily;
  if (service.networkConfiguration) set.networkConfiguration = service.networkConfiguration;
  // revisions exist for every controller; DescribeServiceRevisions can show a set's snapshot
  set.serviceRevisionArn = createServiceRevision(scope, service, opts.taskDefinition, id, at).arn;
  service.taskSets.push(set);
  if (set.status === 'PRIMARY') service.taskDefinition = set.taskDefinition;
  if (opts.notify !== false)
    emitEcs(scope.world, 'taskSetCreated', { scope, service, taskSet: set });
  return set;
}

/** computedDesiredCount = ceil(service desiredCount x scale / 100). */
export function computedDesiredCount(service: ServiceRec, set: TaskSetRec): number {
  return Math.ceil((service.desiredCount * set.scale.value) / 100);
}

/** UpdateServicePrimaryTaskSet: the set becomes PRIMARY, the old primary ACTIVE. */
export function setPrimaryTaskSet(service: ServiceRec, set: TaskSetRec, at: number): void {
  for (const other of service.taskSets) {
    if (other !== set && other.status === 'PRIMARY') {
      other.status = 'ACTIVE';
      other.updatedAt = at;
    }
  }
  set.status = 'PRIMARY';
  set.updatedAt = at;
  service.taskDefinition = set.taskDefinition;
}

export function setTaskSetStability(
  set: TaskSetRec,
  status: TaskSetRec['stabilityStatus'],
  at: number,
): void {
  if (set.stabilityStatus === status) return;
  set.stabilityStatus = status;
  set.stabilityStatusAt = at;
  set.updatedAt = at;
}

/** DeleteTaskSet finished draining: the set leaves `taskSets[]`. */
export function removeTaskSet(service: ServiceRec, set: TaskSetRec): void {
  service.taskSets = service.taskSets.filter((s) => s !== set);
}
