import { optString, reqString, validation } from '../../core/input';
import type { HandlerTable } from '../../core/types';
import { type Json, isObject, objectList, optStringList, readTags, shown } from './input';
import { ecsError, includeSet, scopeOf } from './lookup';
import { pageOf } from './paging';
import { projectTaskDefinition } from './project-task';
import { resolveTaskDefinition } from './state';
import {
  deregisterTaskDefinition,
  registerTaskDefinition,
  validateTaskDefinition,
} from './task-definitions';
import type { ContainerDefinition } from './types';

/** Task-level members of RegisterTaskDefinitionRequest besides family, containers and tags. */
const TASK_MEMBERS = [
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'enableFaultInjection',
] as const;

const NETWORK_MODES = new Set(['bridge', 'host', 'awsvpc', 'none']);

function readContainer(raw: Json): ContainerDefinition {
  const types: Record<string, string> = {
    name: 'string',
    image: 'string',
    cpu: 'number',
    memory: 'number',
    memoryReservation: 'number',
    essential: 'boolean',
  };
  for (const [key, type] of Object.entries(types)) {
    const v = raw[key];
    if (v !== undefined && v !== null && typeof v !== type) {
      throw validation(`containerDefinitions.${key} must be a ${type}`);
    }
  }
  for (const key of ['portMappings', 'environment', 'secrets', 'mountPoints', 'volumesFrom']) {
    objectList(raw, key);
  }
  for (const s of objectList(raw, 'secrets') ?? []) {
    if (typeof s.name !== 'string' || typeof s.valueFrom !== 'string') {
      throw validation('containerDefinitions.secrets need a name and a valueFrom');
    }
  }
  const hc = raw.healthCheck;
  if (hc !== undefined && hc !== null) {
    if (!isObject(hc) || !optStringList(hc, 'command')?.length) {
      throw validation(
        'containerDefinitions.healthCheck.command must be a non-empty list of strings',
      );
    }
  }
  return raw as ContainerDefinition;
}

export const taskDefinitionHandlers: HandlerTable = {
  RegisterTaskDefinition: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const family = reqString(input, 'family');
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(family)) {
      throw ecsError.client(
        'Family name can only contain letters, numbers, underscores and hyphens, up to 255 characters.',
      );
    }
    const containers = (objectList(input, 'containerDefinitions') ?? []).map(readContainer);
    const fields: Record<string, unknown> = {};
    for (const key of TASK_MEMBERS) {
      const v = input[key];
      if (v !== undefined && v !== null) fields[key] = v;
    }
    // the model types cpu and memory as strings; a bare number is accepted and kept as text
    for (const key of ['cpu', 'memory'] as const) {
      if (typeof fields[key] === 'number') fields[key] = String(fields[key]);
      if (fields[key] !== undefined && typeof fields[key] !== 'string') {
        throw validation(`${key} must be a string`);
      }
    }
    const mode = fields.networkMode;
    if (mode !== undefined && (typeof mode !== 'string' || !NETWORK_MODES.has(mode))) {
      throw ecsError.invalid(
        `Invalid networkMode '${shown(mode)}'. Valid values: bridge, host, awsvpc, none.`,
      );
    }
    optStringList(fields, 'requiresCompatibilities');
    const tags = readTags(input);
    const def = { family, containerDefinitions: containers, fields, ...(tags ? { tags } : {}) };
    validateTaskDefinition(def);
    const td = registerTaskDefinition(scope, def);
    return {
      taskDefinition: projectTaskDefinition(td),
      tags: td.tags.length > 0 ? td.tags : undefined,
    };
  },

  DescribeTaskDefinition: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const td = resolveTaskDefinition(scope.ecs, reqString(input, 'taskDefinition'));
    if (!td) throw ecsError.client('Unable to describe task definition.');
    return {
      taskDefinition: projectTaskDefinition(td),
      tags: includeSet(input).has('TAGS') ? td.tags : undefined,
    };
  },

  DeregisterTaskDefinition: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const ref = reqString(input, 'taskDefinition');
    if (!ref.startsWith('arn:') && !ref.includes(':'))
      throw ecsError.client('Revision is required.');
    const td = resolveTaskDefinition(scope.ecs, ref);
    if (!td) throw ecsError.client('The specified task definition does not exist.');
    deregisterTaskDefinition(td, ctx.now);
    return { taskDefinition: projectTaskDefinition(td) };
  },

  ListTaskDefinitions: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    // despite its name, familyPrefix is a full family name here (unlike ListTaskDefinitionFamilies)
    const family = optString(input, 'familyPrefix');
    const status = optString(input, 'status') ?? 'ACTIVE';
    if (status !== 'ACTIVE' && status !== 'INACTIVE' && status !== 'DELETE_IN_PROGRESS') {
      throw ecsError.invalid(
        `Invalid status '${status}'. Valid values: ACTIVE, INACTIVE, DELETE_IN_PROGRESS.`,
      );
    }
    const sort = optString(input, 'sort') ?? 'ASC';
    if (sort !== 'ASC' && sort !== 'DESC')
      throw ecsError.invalid(`Invalid sort '${sort}'. Valid values: ASC, DESC.`);
    const names = family !== undefined ? [family] : [...scope.ecs.taskDefinitions.keys()].sort();
    const arns: string[] = [];
    for (const name of names) {
      for (const td of scope.ecs.taskDefinitions.get(name)?.revisions ?? []) {
        if (td.status === status) arns.push(td.arn);
      }
    }
    if (sort === 'DESC') arns.reverse();
    const page = pageOf(arns, input, {
      listing: `ListTaskDefinitions/${family ?? ''}/${status}/${sort}`,
      defaultSize: 100,
      max: 100,
    });
    return { taskDefinitionArns: page.items, nextToken: page.nextToken };
  },

  ListTaskDefinitionFamilies: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const prefix = optString(input, 'familyPrefix') ?? '';
    const status = optString(input, 'status') ?? 'ALL';
    if (status !== 'ACTIVE' && status !== 'INACTIVE' && status !== 'ALL') {
      throw ecsError.invalid(`Invalid status '${status}'. Valid values: ACTIVE, INACTIVE, ALL.`);
    }
    const families: string[] = [];
    for (const name of [...scope.ecs.taskDefinitions.keys()].sort()) {
      if (!name.startsWith(prefix)) continue;
      const hasActive = scope.ecs.taskDefinitions
        .get(name)!
        .revisions.some((r) => r.status === 'ACTIVE');
      if (status === 'ACTIVE' && !hasActive) continue;
      if (status === 'INACTIVE' && hasActive) continue;
      families.push(name);
    }
    const page = pageOf(families, input, {
      listing: `ListTaskDefinitionFamilies/${prefix}/${status}`,
      defaultSize: 100,
      max: 100,
    });
    return { families: page.items, nextToken: page.nextToken };
  },
};
