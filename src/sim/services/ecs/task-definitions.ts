import { SimError } from '../../core/errors';
import { taskDefinitionArn } from './ids';
import type { EcsScope } from './state';
import type { ContainerDefinition, Tag, TaskDefinitionRec } from './types';

export interface TaskDefinitionInput {
  family: string;
  containerDefinitions: ContainerDefinition[];
  /** Every other task-level member as registered (cpu, memory, networkMode, roles, ...). */
  fields: Record<string, unknown>;
  tags?: Tag[];
}

function clientError(message: string): SimError {
  return new SimError('ClientException', message);
}

/**
 * The checks RegisterTaskDefinition makes, with AWS's texts (aws-semantics B.10; Fargate
 * texts as real AWS prints them, curly quotes included). Throws ClientException.
 */
export function validateTaskDefinition(input: TaskDefinitionInput): void {
  if (input.containerDefinitions.length === 0) throw clientError('Container list cannot be empty.');
  const taskMemory = input.fields.memory;
  const compat = input.fields.requiresCompatibilities;
  const fargate = Array.isArray(compat) && compat.includes('FARGATE');
  if (fargate) {
    if (input.fields.networkMode !== 'awsvpc') {
      throw clientError('Fargate only supports network mode \u2018awsvpc\u2019.');
    }
    if (input.fields.cpu === undefined) {
      throw clientError("Fargate requires that 'cpu' be defined at the task level.");
    }
    if (taskMemory === undefined) {
      throw clientError("Fargate requires that 'memory' be defined at the task level.");
    }
  }
  for (const c of input.containerDefinitions) {
    if (!c.name) throw clientError('Container.name should not be null or empty.');
    if (!c.image) throw clientError('Container.image should not be null or empty.');
    if (taskMemory === undefined && c.memory === undefined && c.memoryReservation === undefined) {
      throw clientError(
        `Invalid setting for container '${c.name}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
      );
    }
    if (
      c.memory !== undefined &&
      c.memoryReservation !== undefined &&
      c.memory < c.memoryReservation
    ) {
      throw clientError(
        `Invalid setting for container '${c.name}'. 'memory' must be greater than or equal to 'memoryReservation'.`,
      );
    }
  }
}

/** "1 vCPU" / "1 GB" become "1024"; AWS stores and returns the numeric form. */
export function normalizeTaskSize(value: unknown, unit: 'vCPU' | 'GB'): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = (
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value : ''
  ).trim();
  const m = new RegExp(`^(\\d+(?:\\.\\d+)?)\\s*${unit}$`, 'i').exec(text);
  return m ? String(Math.round(Number(m[1]) * 1024)) : text;
}

/**
 * The defaults AWS fills into what DescribeTaskDefinition returns (cpu 0, essential true,
 * empty lists, hostPort = containerPort under awsvpc, protocol tcp). Nothing is removed.
 */
function withContainerDefaults(
  def: ContainerDefinition,
  networkMode: unknown,
): ContainerDefinition {
  const out: ContainerDefinition = { ...def };
  out.cpu ??= 0;
  out.essential ??= true;
  out.portMappings = (def.portMappings ?? []).map((pm) => {
    const mapped = { ...pm, protocol: pm.protocol ?? 'tcp' };
    if (mapped.hostPort === undefined && (networkMode === 'awsvpc' || networkMode === 'host')) {
      mapped.hostPort = mapped.containerPort;
    }
    return mapped;
  });
  out.environment ??= [];
  out.mountPoints ??= [];
  out.volumesFrom ??= [];
  out.systemControls ??= [];
  return out;
}

export interface RegisterOptions {
  at?: number;
  /** Skip the container defaults: the caller (a builder) already passes the final form. */
  raw?: boolean;
}

/** Registers the next revision of `input.family` as ACTIVE. Call `validateTaskDefinition` first. */
export function registerTaskDefinition(
  scope: EcsScope,
  input: TaskDefinitionInput,
  opts: RegisterOptions = {},
): TaskDefinitionRec {
  const { ecs, world } = scope;
  let family = ecs.taskDefinitions.get(input.family);
  if (!family) {
    family = { name: input.family, revisions: [] };
    ecs.taskDefinitions.set(input.family, family);
  }
  const revision = family.revisions.length + 1;
  const fields: Record<string, unknown> = { ...input.fields };
  const cpu = normalizeTaskSize(fields.cpu, 'vCPU');
  const memory = normalizeTaskSize(fields.memory, 'GB');
  if (cpu !== undefined) fields.cpu = cpu;
  if (memory !== undefined) fields.memory = memory;
  fields.volumes ??= [];
  fields.placementConstraints ??= [];
  const rec: TaskDefinitionRec = {
    arn: taskDefinitionArn(scope.region, scope.accountId, input.family, revision),
    family: input.family,
    revision,
    status: 'ACTIVE',
    registeredAt: opts.at ?? world.now,
    registeredBy: world.principal,
    containerDefinitions: opts.raw
      ? input.containerDefinitions
      : input.containerDefinitions.map((c) => withContainerDefaults(c, fields.networkMode)),
    fields,
    tags: input.tags ?? [],
  };
  family.revisions.push(rec);
  return rec;
}

/** Marks a revision INACTIVE; running tasks and services keep using it (as on AWS). */
export function deregisterTaskDefinition(td: TaskDefinitionRec, at: number): void {
  if (td.status !== 'ACTIVE') return;
  td.status = 'INACTIVE';
  td.deregisteredAt = at;
}

/** Whether the definition can run on Fargate (drives `compatibilities`). */
export function fargateCompatible(td: TaskDefinitionRec): boolean {
  return (
    td.fields.networkMode === 'awsvpc' &&
    td.fields.cpu !== undefined &&
    td.fields.memory !== undefined
  );
}
