import { SimError } from '../../core/errors';
import { reqString } from '../../core/input';
import type { HandlerTable } from '../../core/types';
import { parseEcsArn } from './ids';
import { type Json, optStringList, readTags } from './input';
import { ecsError, scopeOf } from './lookup';
import type { EcsScope } from './state';
import type { Tag } from './types';

// Tags live on clusters, services, task definitions, tasks and task sets. Each record's
// `tags` array is replaced, never edited, because builders may share one array.

interface Taggable {
  tags: Tag[];
}

function notFound(): SimError {
  return new SimError('ResourceNotFoundException', 'The specified resource could not be found.');
}

function resourceOrThrow(scope: EcsScope, arn: string): Taggable {
  const parsed = parseEcsArn(arn);
  if (!parsed) throw ecsError.invalid(`Invalid resource ARN: ${arn}`);
  const here = parsed.region === scope.region && parsed.accountId === scope.accountId;
  const [first, second, ...rest] = parsed.parts;
  switch (parsed.kind) {
    case 'cluster': {
      const cluster = here ? scope.ecs.clusters.get(first!) : undefined;
      if (!cluster || cluster.status !== 'ACTIVE') throw ecsError.clusterNotFound();
      return cluster;
    }
    case 'service': {
      const cluster = here ? scope.ecs.clusters.get(first!) : undefined;
      if (!cluster) throw ecsError.clusterNotFound();
      const service = second !== undefined ? cluster.services.get(second) : undefined;
      if (!service) throw ecsError.serviceNotFound();
      return service;
    }
    case 'task-definition': {
      const m = /^([^:]+):(\d+)$/.exec(first ?? '');
      const td =
        here && m ? scope.ecs.taskDefinitions.get(m[1]!)?.revisions[Number(m[2]) - 1] : undefined;
      if (!td) throw notFound();
      return td;
    }
    case 'task': {
      const task =
        here && second !== undefined
          ? scope.ecs.clusters.get(first!)?.tasks.get(second)
          : undefined;
      if (!task) throw notFound();
      return task;
    }
    case 'task-set': {
      const service =
        here && second !== undefined
          ? scope.ecs.clusters.get(first!)?.services.get(second)
          : undefined;
      const id = rest.join('/');
      const set = service?.taskSets.find((s) => s.id === id);
      if (!set) throw notFound();
      return set;
    }
    default:
      throw ecsError.invalid(`Resources of type ${parsed.kind} cannot be tagged.`);
  }
}

export const tagHandlers: HandlerTable = {
  TagResource: (input: Json, ctx) => {
    const resource = resourceOrThrow(scopeOf(ctx), reqString(input, 'resourceArn'));
    const tags = readTags(input) ?? [];
    if (tags.length === 0) throw ecsError.invalid('tags cannot be empty.');
    const byKey = new Map(resource.tags.map((t) => [t.key, t.value]));
    for (const t of tags) byKey.set(t.key, t.value);
    if (byKey.size > 50) throw ecsError.invalid('The number of tags exceeds the limit of 50.');
    resource.tags = [...byKey].map(([key, value]) => ({ key, value }));
    return {};
  },

  UntagResource: (input: Json, ctx) => {
    const resource = resourceOrThrow(scopeOf(ctx), reqString(input, 'resourceArn'));
    const keys = new Set(optStringList(input, 'tagKeys') ?? []);
    resource.tags = resource.tags.filter((t) => !keys.has(t.key));
    return {};
  },

  ListTagsForResource: (input: Json, ctx) => {
    const resource = resourceOrThrow(scopeOf(ctx), reqString(input, 'resourceArn'));
    return { tags: resource.tags };
  },
};
