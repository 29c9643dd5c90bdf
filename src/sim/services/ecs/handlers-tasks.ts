import { optString } from '../../core/input';
import type { HandlerTable } from '../../core/types';
import { nameFromArnOrName, taskArn } from './ids';
import { type Json, optStringList } from './input';
import { clusterOrThrow, ecsError, includeSet, scopeOf, serviceOrThrow } from './lookup';
import { pageOf } from './paging';
import { projectTask } from './project-task';
import { pruneStoppedTasks } from './tasks';

const DESIRED = new Set(['RUNNING', 'PENDING', 'STOPPED']);

export const taskHandlers: HandlerTable = {
  ListTasks: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const cluster = clusterOrThrow(scope, optString(input, 'cluster'));
    pruneStoppedTasks(cluster, ctx.now);
    const serviceName = optString(input, 'serviceName');
    const service =
      serviceName !== undefined ? serviceOrThrow(scope, cluster, serviceName) : undefined;
    const family = optString(input, 'family');
    const startedBy = optString(input, 'startedBy');
    const launchType = optString(input, 'launchType');
    const desired = optString(input, 'desiredStatus') ?? 'RUNNING';
    if (!DESIRED.has(desired)) {
      throw ecsError.invalid(
        `Invalid desiredStatus '${desired}'. Valid values: RUNNING, PENDING, STOPPED.`,
      );
    }
    // every simulated task runs on Fargate: a container-instance filter matches nothing
    const onInstance = optString(input, 'containerInstance') !== undefined;
    const source = service ? service.tasks.values() : cluster.tasks.values();
    const arns: string[] = [];
    for (const t of source) {
      if (onInstance || t.desiredStatus !== desired) continue;
      if (family !== undefined && nameFromArnOrName(t.taskDefinitionArn).split(':')[0] !== family)
        continue;
      if (startedBy !== undefined && t.startedBy !== startedBy) continue;
      if (launchType !== undefined && t.launchType !== launchType) continue;
      arns.push(t.arn);
    }
    const page = pageOf(arns, input, {
      listing: `ListTasks/${cluster.name}/${serviceName ?? ''}/${desired}`,
      defaultSize: 100,
      max: 100,
    });
    return { taskArns: page.items, nextToken: page.nextToken };
  },

  DescribeTasks: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const cluster = clusterOrThrow(scope, optString(input, 'cluster'));
    pruneStoppedTasks(cluster, ctx.now);
    const refs = optStringList(input, 'tasks') ?? [];
    if (refs.length === 0) throw ecsError.invalid('Tasks cannot be empty.');
    if (refs.length > 100) throw ecsError.invalid('tasks can have at most 100 items.');
    const tags = includeSet(input).has('TAGS');
    const tasks = [];
    const failures = [];
    for (const ref of refs) {
      const task = cluster.tasks.get(nameFromArnOrName(ref));
      if (task && (!ref.startsWith('arn:') || ref === task.arn)) {
        tasks.push(projectTask(task, scope.region, tags));
      } else {
        const arn = ref.startsWith('arn:')
          ? ref
          : taskArn(scope.region, scope.accountId, cluster.name, ref);
        failures.push({ arn, reason: 'MISSING' });
      }
    }
    return { tasks, failures };
  },
};
