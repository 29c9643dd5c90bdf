import type { Task } from '../aws/types';
import { taskDefinitionLabel } from './labels';
import { ageSince } from './time';
import { NONE, type Token } from './tokens';

export interface TaskRow {
  key: string;
  /** First 12 of the 32-hex id: enough to find it in the console. */
  id: string;
  lastStatus: string;
  desiredStatus: string;
  statusToken: Token;
  health: string;
  healthToken: Token;
  revision: string;
  startedBy: string;
  /** Age since it started (or was created, if it never started). */
  age: string;
  stopCode: string;
  stoppedReason: string;
  /** Containers that exited or carry a reason: `app exit 1: OutOfMemoryError`. */
  containers: string;
  availabilityZone: string;
}

export function taskRow(task: Task, now: number): TaskRow {
  return {
    key: task.arn,
    id: task.id.slice(0, 12),
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    statusToken: taskStatusToken(task),
    health: task.healthStatus ?? 'UNKNOWN',
    healthToken: healthToken(task.healthStatus),
    revision: taskDefinitionLabel(task.taskDefinitionArn),
    startedBy: task.startedBy ?? NONE,
    age: ageSince(task.startedAt ?? task.createdAt, now),
    stopCode: task.stopCode ?? '',
    stoppedReason: task.stoppedReason ?? '',
    containers: containerProblems(task),
    availabilityZone: task.availabilityZone ?? NONE,
  };
}

/** Newest first: running by start time, stopped by stop time. */
export function taskRows(tasks: readonly Task[], now: number): TaskRow[] {
  return [...tasks].sort((a, b) => taskTime(b) - taskTime(a)).map((t) => taskRow(t, now));
}

export interface StoppedTaskGroup {
  key: string;
  reason: string;
  stopCode: string;
  count: number;
  token: Token;
  /** Age of the most recent stop in the group. */
  lastStopped: string;
  /** Up to three short task ids, newest first. */
  sampleIds: string[];
  /** Container exits seen in the group, most frequent first: `app exit 137 ×3`. */
  containers: string;
}

/** Stopped tasks grouped by stop code and reason, biggest group first. */
export function groupStoppedTasks(tasks: readonly Task[], now: number): StoppedTaskGroup[] {
  const groups = new Map<string, Task[]>();
  for (const task of tasks) {
    if (task.lastStatus !== 'STOPPED' && task.desiredStatus !== 'STOPPED') continue;
    const key = `${task.stopCode ?? ''}\u0000${(task.stoppedReason ?? '').trim()}`;
    const list = groups.get(key) ?? [];
    list.push(task);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .map(([key, members]) => {
      members.sort((a, b) => taskTime(b) - taskTime(a));
      const first = members[0];
      const exits = new Map<string, number>();
      for (const t of members) {
        const problem = containerProblems(t);
        if (problem) exits.set(problem, (exits.get(problem) ?? 0) + 1);
      }
      return {
        key,
        reason: first?.stoppedReason?.trim() || '(no reason given)',
        stopCode: first?.stopCode ?? '',
        count: members.length,
        token: stopToken(first),
        lastStopped: ageSince(first?.stoppedAt ?? first?.stoppingAt, now),
        sampleIds: members.slice(0, 3).map((t) => t.id.slice(0, 12)),
        containers: [...exits.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([text, n]) => (n > 1 ? `${text} ×${n}` : text))
          .join('; '),
        at: taskTime(first),
      };
    })
    .sort((a, b) => b.count - a.count || b.at - a.at)
    .map(({ at: _at, ...group }) => group);
}

function containerProblems(task: Task): string {
  return task.containers
    .filter((c) => (c.exitCode !== undefined && c.exitCode !== 0) || c.reason)
    .map((c) => {
      const exit = c.exitCode !== undefined ? ` exit ${c.exitCode}` : '';
      return `${c.name}${exit}${c.reason ? `: ${c.reason}` : ''}`;
    })
    .join(', ');
}

function taskTime(task: Task | undefined): number {
  const at = task?.stoppedAt ?? task?.stoppingAt ?? task?.startedAt ?? task?.createdAt;
  return at ? at.getTime() : 0;
}

function taskStatusToken(task: Task): Token {
  if (task.lastStatus === 'RUNNING')
    return task.desiredStatus === 'STOPPED' ? 'status.warn' : 'status.ok';
  if (task.lastStatus === 'STOPPED')
    return task.stopCode === 'ServiceSchedulerInitiated' || task.stopCode === 'UserInitiated'
      ? 'ui.dim'
      : 'status.error';
  return 'status.info';
}

function healthToken(health: string | undefined): Token {
  if (health === 'HEALTHY') return 'status.ok';
  if (health === 'UNHEALTHY') return 'status.error';
  return 'ui.dim';
}

function stopToken(task: Task | undefined): Token {
  if (!task) return 'ui.dim';
  const reason = task.stoppedReason ?? '';
  if (task.stopCode === 'TaskFailedToStart' || task.stopCode === 'EssentialContainerExited')
    return 'status.error';
  if (/health|unable|failed|error/i.test(reason)) return 'status.error';
  if (task.stopCode === 'SpotInterruption' || task.stopCode === 'TerminationNotice')
    return 'status.warn';
  return 'ui.dim';
}
