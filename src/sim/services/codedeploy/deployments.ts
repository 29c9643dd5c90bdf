/**
 * Deployment records and the API the CodeDeploy engine (later) drives them with. The engine
 * owns the timeline; these functions keep the derived fields right: startTime when a
 * deployment first leaves Created/Queued, completeTime on Succeeded/Failed/Stopped,
 * lifecycle-event start/end times, the target's lastUpdatedAt, and change notifications.
 *
 * Typical ECS run (aws-semantics D.3-D.5): createDeployment (Created) -> setDeploymentStatus
 * InProgress -> setLifecycleEvent per event in ECS_LIFECYCLE_EVENTS order while setTaskSets
 * reports the blue/green task sets and weights -> (Ready while waiting under STOP_DEPLOYMENT)
 * -> updateDeployment({instanceTerminationWaitTimeStarted: true}) -> Succeeded.
 */
import { createHash } from 'node:crypto';
import type { World } from '../../world/world';
import { DEPLOYMENT_ID, deploymentNotFound, invalidDeploymentId } from './errors';
import { codeDeployState, getGroup, serviceArn } from './model';
import {
  ECS_LIFECYCLE_EVENTS,
  type AutoRollbackSettings,
  type CodeDeployState,
  type DeploymentChange,
  type DeploymentCreator,
  type DeploymentListener,
  type DeploymentRec,
  type DeploymentStatus,
  type LifecycleEventName,
  type LifecycleEventRec,
  type TargetStatus,
  type TaskSetInfo,
} from './state';

export type { DeploymentRec, DeploymentStatus, TaskSetInfo } from './state';

const TERMINAL: ReadonlySet<DeploymentStatus> = new Set(['Succeeded', 'Failed', 'Stopped']);

export function isTerminal(status: DeploymentStatus): boolean {
  return TERMINAL.has(status);
}

export function getDeployment(state: CodeDeployState, id: string): DeploymentRec {
  if (!DEPLOYMENT_ID.test(id)) throw invalidDeploymentId(id);
  const rec = state.deployments.get(id);
  if (!rec) throw deploymentNotFound(id);
  return rec;
}

export interface CreateDeploymentSpec {
  applicationName: string;
  groupName: string;
  /** Default: the group's configuration. */
  configName?: string;
  appSpecContent: string;
  description?: string;
  creator?: DeploymentCreator;
  externalId?: string;
  /** Default: the group's setting. */
  autoRollback?: AutoRollbackSettings;
}

export function createDeployment(
  world: World,
  region: string,
  spec: CreateDeploymentSpec,
): DeploymentRec {
  const state = codeDeployState(world, region);
  const group = getGroup(state, spec.applicationName, spec.groupName);
  let id: string;
  do id = `d-${world.rng.alnum(9)}`;
  while (state.deployments.has(id));
  const service = group.ecsServices[0]!;
  const previous = [...group.deploymentIds]
    .reverse()
    .map((d) => state.deployments.get(d))
    .find((d) => d?.status === 'Succeeded');
  const rec: DeploymentRec = {
    id,
    applicationName: group.applicationName,
    groupName: group.name,
    configName: spec.configName ?? group.deploymentConfigName,
    status: 'Created',
    createdAt: world.now,
    creator: spec.creator ?? 'user',
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    revision: {
      content: spec.appSpecContent,
      sha256: createHash('sha256').update(spec.appSpecContent).digest('hex'),
    },
    ...(previous ? { previousRevision: previous.revision } : {}),
    instanceTerminationWaitTimeStarted: false,
    autoRollback: spec.autoRollback ?? {
      ...group.autoRollback,
      events: [...group.autoRollback.events],
    },
    blueGreen: { ...group.blueGreen },
    ...(spec.externalId ? { externalId: spec.externalId } : {}),
    statusMessages: [],
    target: {
      id: `${service.clusterName}:${service.serviceName}`,
      arn: serviceArn(world, region, service.clusterName, service.serviceName),
      status: 'Pending',
      lastUpdatedAt: world.now,
      lifecycleEvents: ECS_LIFECYCLE_EVENTS.map((name) => ({ name, status: 'Pending' })),
      taskSets: [],
    },
  };
  state.deployments.set(id, rec);
  group.deploymentIds.push(id);
  return rec;
}

/** The group's deployment that has not finished, if any (for DeploymentLimitExceededException). */
export function activeDeployment(
  world: World,
  region: string,
  applicationName: string,
  groupName: string,
): DeploymentRec | undefined {
  const state = codeDeployState(world, region);
  const group = getGroup(state, applicationName, groupName);
  return group.deploymentIds
    .map((id) => state.deployments.get(id)!)
    .find((d) => !isTerminal(d.status));
}

export function setDeploymentStatus(
  world: World,
  region: string,
  id: string,
  status: DeploymentStatus,
  opts: { errorInformation?: { code: string; message: string }; statusMessage?: string } = {},
): DeploymentRec {
  const state = codeDeployState(world, region);
  const rec = getDeployment(state, id);
  const previous = rec.status;
  rec.status = status;
  if (rec.startedAt === undefined && status !== 'Created' && status !== 'Queued')
    rec.startedAt = world.now;
  if (isTerminal(status) && rec.completedAt === undefined) rec.completedAt = world.now;
  if (opts.errorInformation) rec.errorInformation = opts.errorInformation;
  if (opts.statusMessage) rec.statusMessages.push(opts.statusMessage);
  if (previous !== status) {
    const change: DeploymentChange = {
      region,
      deploymentId: id,
      previous,
      current: status,
      at: world.now,
    };
    for (const listener of [...state.listeners]) listener(change);
  }
  return rec;
}

export function setLifecycleEvent(
  world: World,
  region: string,
  id: string,
  name: LifecycleEventName,
  status: LifecycleEventRec['status'],
  diagnostics?: LifecycleEventRec['diagnostics'],
): void {
  const rec = getDeployment(codeDeployState(world, region), id);
  const event = rec.target.lifecycleEvents.find((e) => e.name === name)!;
  event.status = status;
  if (status !== 'Pending' && event.startedAt === undefined) event.startedAt = world.now;
  if (status !== 'Pending' && status !== 'InProgress') event.endedAt = world.now;
  if (diagnostics) event.diagnostics = diagnostics;
  rec.target.lastUpdatedAt = world.now;
}

export function setTargetStatus(
  world: World,
  region: string,
  id: string,
  status: TargetStatus,
): void {
  const rec = getDeployment(codeDeployState(world, region), id);
  rec.target.status = status;
  rec.target.lastUpdatedAt = world.now;
}

/** Replaces the task sets the target reports (counts, status, traffic weights). */
export function setTaskSets(
  world: World,
  region: string,
  id: string,
  taskSets: readonly TaskSetInfo[],
): void {
  const rec = getDeployment(codeDeployState(world, region), id);
  rec.target.taskSets = taskSets.map((t) => ({ ...t }));
  rec.target.lastUpdatedAt = world.now;
}

export function updateDeployment(
  world: World,
  region: string,
  id: string,
  patch: Partial<
    Pick<DeploymentRec, 'rollbackInfo' | 'instanceTerminationWaitTimeStarted' | 'errorInformation'>
  >,
): void {
  Object.assign(getDeployment(codeDeployState(world, region), id), patch);
}

export function onDeploymentChange(
  world: World,
  region: string,
  listener: DeploymentListener,
): () => void {
  const listeners = codeDeployState(world, region).listeners;
  listeners.add(listener);
  return () => listeners.delete(listener);
}
