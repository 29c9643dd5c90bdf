import { setTaskSets } from '../../services/codedeploy/deployments';
import type { TaskSetInfo } from '../../services/codedeploy/state';
import { computedDesiredCount } from '../../services/ecs/task-sets';
import { countServiceTasks } from '../../services/ecs/tasks';
import type { Run, TaskSetSide } from './run';

/**
 * Copies what ECS shows for the blue and green task sets into the deployment target
 * (`ecsTarget.taskSetsInfo`, aws-semantics D.4): counts, status and traffic weight. A set that
 * is gone keeps its last status with zero counts. A finished deployment's target is frozen:
 * only the final sync (`final`) writes it.
 */
export function syncTaskSets(run: Run, final = false): void {
  const res = run.res;
  if (!res || (run.phase === 'finished' && !final)) return;
  const counts = countServiceTasks(res.service).byOwner;
  const info = (side: TaskSetSide, label: 'Blue' | 'Green', weight: number): TaskSetInfo[] => {
    const set = side.set;
    if (!set) return [];
    const present = res.service.taskSets.includes(set);
    if (present) side.lastStatus = set.status;
    const c = present ? counts.get(set.id) : undefined;
    return [
      {
        id: set.id,
        desiredCount: present ? computedDesiredCount(res.service, set) : 0,
        pendingCount: c?.pending ?? 0,
        runningCount: c?.running ?? 0,
        status: side.lastStatus ?? set.status,
        trafficWeight: weight,
        targetGroupName: side.targetGroupName,
        label,
      },
    ];
  };
  setTaskSets(run.world, run.region, run.rec.id, [
    ...info(res.blue, 'Blue', 100 - run.weight),
    ...info(res.green, 'Green', run.weight),
  ]);
}
