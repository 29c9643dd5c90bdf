import type { ContainerDefinition, Service, TaskDefinition } from '../aws/types';
import { imageLabel, taskDefinitionLabel } from './labels';
import { lastDeploymentAt, rolloutState, type RolloutStateLabel } from './rollout-state';
import { ageSince } from './time';
import { NONE, PLACEHOLDER, type Token } from './tokens';

export interface ServiceRowInput {
  name: string;
  /** Absent until DescribeServices answered for this row. */
  service?: Service;
  /** The service's current revision, when fetched: gives the image. */
  taskDefinition?: TaskDefinition;
  /** AWS said MISSING (deleted since the list was read). */
  missing?: boolean;
  /** This service is one half of an ALB weighted canary pair. */
  canaryPair?: boolean;
}

export interface ServiceRow {
  key: string;
  name: string;
  /** False while the row shows placeholders. */
  described: boolean;
  status: string;
  statusToken: Token;
  desired: number | undefined;
  running: number | undefined;
  pending: number | undefined;
  /** `running/desired`, plus `+pending` when some are pending: `2/3 +1`. */
  counts: string;
  countsToken: Token;
  /** ROLLING, BLUE_GREEN, LINEAR, CANARY, CODE_DEPLOY, EXTERNAL or ALB canary pair. */
  controller: string;
  taskDefinition: string;
  image: string;
  rollout: RolloutStateLabel;
  /** Age of the newest deployment: `3m`, `2h`, `5d`. */
  age: string;
}

/** The deployment controller and strategy as one label. */
export function controllerLabel(service: Service, canaryPair = false): string {
  if (canaryPair) return 'ALB canary pair';
  if (service.deploymentController === 'ECS') return service.deploymentConfiguration.strategy;
  return service.deploymentController;
}

/**
 * The container a row speaks for: the one behind the load balancer, else the first essential
 * one, else the first.
 */
export function mainContainer(
  definition: TaskDefinition,
  service?: Service,
): ContainerDefinition | undefined {
  const behindLb = service?.loadBalancers.find((lb) => lb.containerName)?.containerName;
  return (
    definition.containers.find((c) => c.name === behindLb) ??
    definition.containers.find((c) => c.essential) ??
    definition.containers[0]
  );
}

export function serviceRow(input: ServiceRowInput, now: number): ServiceRow {
  const { name, service } = input;
  if (!service) {
    const missing = input.missing === true;
    return {
      key: name,
      name,
      described: false,
      status: missing ? 'MISSING' : PLACEHOLDER,
      statusToken: missing ? 'status.warn' : 'ui.dim',
      desired: undefined,
      running: undefined,
      pending: undefined,
      counts: PLACEHOLDER,
      countsToken: 'ui.dim',
      controller: PLACEHOLDER,
      taskDefinition: PLACEHOLDER,
      image: PLACEHOLDER,
      rollout: { kind: 'none', label: PLACEHOLDER, token: 'ui.dim', spinner: false },
      age: PLACEHOLDER,
    };
  }
  const container = input.taskDefinition ? mainContainer(input.taskDefinition, service) : undefined;
  const extra = input.taskDefinition && input.taskDefinition.containers.length > 1 ? ' +' : '';
  return {
    key: name,
    name,
    described: true,
    status: service.status,
    statusToken: serviceStatusToken(service.status),
    desired: service.desiredCount,
    running: service.runningCount,
    pending: service.pendingCount,
    counts: countsLabel(service),
    countsToken: countsToken(service),
    controller: controllerLabel(service, input.canaryPair),
    taskDefinition: taskDefinitionLabel(service.taskDefinitionArn, NONE),
    image: container
      ? `${imageLabel(container.image)}${extra}`
      : service.taskDefinitionArn
        ? PLACEHOLDER
        : NONE,
    rollout: rolloutState(service),
    age: rowAge(service, now),
  };
}

export function serviceRows(inputs: readonly ServiceRowInput[], now: number): ServiceRow[] {
  return inputs.map((input) => serviceRow(input, now));
}

/**
 * serviceRow with memory: an input (the store keeps one object per service until its data
 * changes) gives back the same row while its age reads the same, so a table memoising rows
 * redraws only those whose data changed.
 */
export function serviceRowCache(): (input: ServiceRowInput, now: number) => ServiceRow {
  const rows = new WeakMap<ServiceRowInput, ServiceRow>();
  return (input, now) => {
    const hit = rows.get(input);
    if (hit && (!input.service || hit.age === rowAge(input.service, now))) return hit;
    const row = serviceRow(input, now);
    rows.set(input, row);
    return row;
  };
}

function rowAge(service: Service, now: number): string {
  return ageSince(lastDeploymentAt(service), now);
}

function countsLabel(service: Service): string {
  const base = `${service.runningCount}/${service.desiredCount}`;
  return service.pendingCount > 0 ? `${base} +${service.pendingCount}` : base;
}

function countsToken(service: Service): Token {
  if (service.desiredCount > 0 && service.runningCount === 0) return 'status.error';
  if (service.runningCount < service.desiredCount) return 'status.warn';
  if (service.pendingCount > 0) return 'status.info';
  return 'status.ok';
}

function serviceStatusToken(status: string): Token {
  if (status === 'ACTIVE') return 'status.ok';
  if (status === 'DRAINING') return 'status.warn';
  return 'ui.dim';
}
