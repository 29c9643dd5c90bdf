import type { AwsGateway, CallOptions } from '../aws/gateway';
import type { Task } from '../aws/types';

/**
 * Stopped tasks for the rollout monitors. They change slowly and only matter when something
 * fails, so a monitor reads them every 3rd poll: ListTasks STOPPED plus, when it lists any,
 * one DescribeTasks (up to 100 tasks, the newest ECS still reports).
 */
export const STOPPED_EVERY = 3;

/**
 * Whether poll number `poll` (0-based) reads the stopped tasks: the first, every 3rd, and any
 * poll after the outcome turned final, so a watcher's last poll shows why it failed.
 */
export function stoppedTasksDue(poll: number, settled: boolean): boolean {
  return poll === 0 || settled || poll % STOPPED_EVERY === 0;
}

/**
 * The service's tasks stopped since the rollout started. ECS keeps stopped tasks for about an
 * hour, so without the cut-off an earlier deployment's scale-in would read as this one's
 * failures. No `since`: every stopped task ECS still lists.
 */
export async function readStoppedTasks(
  gw: AwsGateway,
  cluster: string,
  service: string,
  since: Date | undefined,
  opts: CallOptions = {},
): Promise<Task[]> {
  const arns = await gw.ecs.listTaskArns(
    cluster,
    { serviceName: service, desiredStatus: 'STOPPED', max: 100 },
    opts,
  );
  if (arns.length === 0) return [];
  const from = since?.getTime() ?? 0;
  const tasks = await gw.ecs.describeTasks(cluster, arns, opts);
  // when a task was told to stop says which rollout stopped it: an earlier rollout's task still
  // draining when this one starts stops after our start, and has no stoppedAt until then
  return tasks.filter(
    (t) => (t.stoppingAt ?? t.stoppedAt ?? t.createdAt ?? new Date(0)).getTime() >= from,
  );
}
