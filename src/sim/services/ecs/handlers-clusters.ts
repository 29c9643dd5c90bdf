import { SimError } from '../../core/errors';
import { reqString } from '../../core/input';
import type { HandlerTable } from '../../core/types';
import { clusterArn, nameFromArnOrName } from './ids';
import { type Json, optStringList, readTags } from './input';
import { ecsError, includeSet, scopeOf } from './lookup';
import { pageOf } from './paging';
import { projectCluster } from './project-task';
import { createCluster } from './services';

export const clusterHandlers: HandlerTable = {
  ListClusters: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const arns = [...scope.ecs.clusters.values()]
      .filter((c) => c.status === 'ACTIVE')
      .map((c) => c.arn);
    const page = pageOf(arns, input, { listing: 'ListClusters', defaultSize: 100, max: 100 });
    return { clusterArns: page.items, nextToken: page.nextToken };
  },

  DescribeClusters: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const refs = optStringList(input, 'clusters') ?? [];
    if (refs.length > 100) throw ecsError.invalid('clusters can have at most 100 items.');
    const include = includeSet(input);
    const clusters = [];
    const failures = [];
    for (const ref of refs.length > 0 ? refs : ['default']) {
      const cluster = scope.ecs.clusters.get(nameFromArnOrName(ref));
      if (cluster?.status === 'ACTIVE' && (!ref.startsWith('arn:') || ref === cluster.arn)) {
        clusters.push(projectCluster(cluster, include));
      } else {
        const arn = ref.startsWith('arn:') ? ref : clusterArn(scope.region, scope.accountId, ref);
        failures.push({ arn, reason: 'MISSING' });
      }
    }
    return { clusters, failures };
  },

  CreateCluster: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const name = typeof input.clusterName === 'string' ? input.clusterName : 'default';
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
      throw ecsError.invalid(
        'Cluster name can only contain letters (uppercase and lowercase), numbers, underscores and hyphens, up to 255 characters.',
      );
    }
    const tags = readTags(input);
    const cluster = createCluster(scope, name, tags ? { tags } : {});
    return { cluster: projectCluster(cluster, new Set(['TAGS', 'SETTINGS'])) };
  },

  DeleteCluster: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const ref = reqString(input, 'cluster');
    const cluster = scope.ecs.clusters.get(nameFromArnOrName(ref));
    if (!cluster || cluster.status !== 'ACTIVE') throw ecsError.clusterNotFound();
    for (const s of cluster.services.values()) {
      if (s.status !== 'INACTIVE') {
        throw new SimError(
          'ClusterContainsServicesException',
          'The Cluster cannot be deleted while Services are active.',
        );
      }
    }
    for (const t of cluster.tasks.values()) {
      if (t.lastStatus !== 'STOPPED') {
        throw new SimError(
          'ClusterContainsTasksException',
          'The Cluster cannot be deleted while Tasks are active.',
        );
      }
    }
    cluster.status = 'INACTIVE';
    return { cluster: projectCluster(cluster, new Set()) };
  },
};
