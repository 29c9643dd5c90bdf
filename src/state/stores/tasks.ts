import type { Task } from '../../aws/types';
import { Observable } from '../observable';
import type { PollHub } from '../poll-hub';
import type { Poller, PollSnapshot } from '../poller';
import { DEFAULT_INTERVALS, type ActivityIntervals } from './intervals';

export type TaskListStatus = 'RUNNING' | 'STOPPED';

export interface TasksSnapshot extends PollSnapshot<Task[]> {
  readonly desiredStatus: TaskListStatus;
}

export interface TasksStoreOptions {
  cluster: string;
  service: string;
  desiredStatus?: TaskListStatus;
  /** Most tasks listed (ListTasks pages of 100). Default 100. */
  max?: number;
  intervals?: ActivityIntervals;
}

/**
 * The Tasks tab and the monitor's stopped-task groups: ListTasks (RUNNING or STOPPED) of the
 * service, then DescribeTasks in batches of 100.
 */
export class TasksStore extends Observable<TasksSnapshot> {
  private readonly poller: Poller<Task[]>;
  private readonly intervals: ActivityIntervals;
  private desiredStatus: TaskListStatus;
  private active = false;
  private lastCount = 0;
  private mirrored: PollSnapshot<Task[]> | undefined;

  constructor(
    private readonly hub: PollHub,
    private readonly options: TasksStoreOptions,
  ) {
    const desiredStatus = options.desiredStatus ?? 'RUNNING';
    super({ ...placeholder(), desiredStatus });
    this.desiredStatus = desiredStatus;
    this.intervals = options.intervals ?? DEFAULT_INTERVALS.tasks;
    this.poller = hub.createPoller({
      name: `tasks:${options.cluster}/${options.service}`,
      intervalMs: this.intervals.idle,
      fetch: (signal) => this.fetch(signal),
      cost: () => ({
        'ecs.clusterResourceRead': 2 * Math.max(1, Math.ceil(this.lastCount / 100)),
      }),
    });
    this.poller.subscribe(() => this.sync());
    this.sync();
  }

  /** RUNNING or STOPPED: forgets the other list and fetches at once. */
  setDesiredStatus(status: TaskListStatus): void {
    if (status === this.desiredStatus) return;
    this.desiredStatus = status;
    void this.poller.reset(); // the other list is wrong for this toggle, even while hidden
    this.sync();
  }

  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    this.poller.setInterval(active ? this.intervals.active : this.intervals.idle);
  }

  start(): void {
    this.poller.start();
  }

  stop(): void {
    this.poller.stop();
  }

  refresh(): Promise<void> {
    return this.poller.refresh();
  }

  whenIdle(): Promise<void> {
    return this.poller.whenIdle();
  }

  dispose(): void {
    this.hub.release(this.poller);
  }

  private async fetch(signal: AbortSignal): Promise<Task[]> {
    const { cluster, service } = this.options;
    const arns = await this.hub.gateway.ecs.listTaskArns(
      cluster,
      { serviceName: service, desiredStatus: this.desiredStatus, max: this.options.max ?? 100 },
      { signal },
    );
    const tasks = arns.length
      ? await this.hub.gateway.ecs.describeTasks(cluster, arns, { signal })
      : [];
    this.lastCount = tasks.length;
    return tasks;
  }

  /** Mirrors the poller's snapshot plus the toggle; a new object only when either changed. */
  private sync(): void {
    const poll = this.poller.getSnapshot();
    if (poll === this.mirrored && this.snapshot.desiredStatus === this.desiredStatus) return;
    this.mirrored = poll;
    this.replace({ ...poll, desiredStatus: this.desiredStatus });
  }
}

function placeholder(): PollSnapshot<Task[]> {
  return {
    status: 'loading',
    data: undefined,
    error: undefined,
    fetchedAt: undefined,
    stale: false,
    throttled: false,
    fetching: false,
    nextPollAt: undefined,
    intervalMs: 0,
  };
}
