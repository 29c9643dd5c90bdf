import type { TaskDefinition } from '../../aws/types';
import { describeError } from '../../errors';
import { Observable } from '../observable';
import type { PollHub } from '../poll-hub';
import type { PollStatus } from '../poller';

export interface TaskDefinitionsSnapshot {
  /** The service's current revision. */
  readonly currentArn: string | undefined;
  readonly status: PollStatus;
  readonly current: TaskDefinition | undefined;
  readonly error: Error | undefined;
  /** Every revision fetched so far (current and any asked for a diff), by ARN. */
  readonly loaded: ReadonlyMap<string, TaskDefinition>;
  /** Revisions being fetched. */
  readonly loading: ReadonlySet<string>;
  /** Revisions that failed, with why. */
  readonly failed: ReadonlyMap<string, string>;
  /** ARNs of the family, newest first, once listRevisions() ran. */
  readonly revisions: readonly string[] | undefined;
}

/**
 * The Task definition tab: the current revision, any other revision asked for (to diff), and
 * the family's revision list. Revisions are immutable, so nothing here polls: each is fetched
 * once through the hub's shared cache.
 */
export class TaskDefinitionStore extends Observable<TaskDefinitionsSnapshot> {
  private readonly abort = new AbortController();

  constructor(private readonly hub: PollHub) {
    super({
      currentArn: undefined,
      status: 'loading',
      current: undefined,
      error: undefined,
      loaded: new Map(),
      loading: new Set(),
      failed: new Map(),
      revisions: undefined,
    });
  }

  /** The service now runs this revision: fetch it (once) and show it. */
  setCurrent(arn: string | undefined): void {
    if (arn === this.snapshot.currentArn) return;
    this.update({
      currentArn: arn,
      revisions: this.sameFamily(arn) ? this.snapshot.revisions : undefined,
    });
    this.syncCurrent();
    if (arn) void this.load(arn);
  }

  /** Fetches a revision (ARN or `family:revision`); undefined when it failed (see `failed`). */
  async load(ref: string): Promise<TaskDefinition | undefined> {
    const hit = this.hub.taskDefinitions.get(ref);
    if (hit) {
      this.remember(ref, hit);
      return hit;
    }
    this.update({ loading: withItem(this.snapshot.loading, ref) });
    try {
      const definition = await this.hub.taskDefinitions.load(ref, this.abort.signal);
      this.update({ loading: withoutItem(this.snapshot.loading, ref) });
      this.remember(ref, definition);
      return definition;
    } catch (error) {
      if (this.abort.signal.aborted) return undefined;
      const failed = new Map(this.snapshot.failed).set(ref, describeError(error).message);
      this.update({ loading: withoutItem(this.snapshot.loading, ref), failed });
      this.syncCurrent(error);
      return undefined;
    }
  }

  /** Lists the family's revisions, newest first (one or more ListTaskDefinitions pages). */
  async listRevisions(max = 100): Promise<void> {
    const family = this.snapshot.current?.family ?? familyOf(this.snapshot.currentArn);
    if (!family) return;
    const arns = await this.hub.gateway.ecs.listTaskDefinitionArns(
      { familyPrefix: family, sort: 'DESC', max },
      { signal: this.abort.signal },
    );
    // familyPrefix also matches `api-worker` for `api`: keep the exact family only
    this.update({ revisions: arns.filter((arn) => familyOf(arn) === family) });
  }

  dispose(): void {
    this.abort.abort();
  }

  private remember(ref: string, definition: TaskDefinition): void {
    if (this.snapshot.loaded.get(ref) === definition) return;
    const loaded = new Map(this.snapshot.loaded).set(definition.arn, definition);
    if (ref !== definition.arn) loaded.set(ref, definition);
    this.update({ loaded });
    this.syncCurrent();
  }

  private syncCurrent(error?: unknown): void {
    const arn = this.snapshot.currentArn;
    const current = arn ? this.snapshot.loaded.get(arn) : undefined;
    if (!arn) {
      this.update({ status: 'empty', current: undefined, error: undefined });
    } else if (current) {
      this.update({ status: 'ready', current, error: undefined });
    } else if (error !== undefined && this.snapshot.failed.has(arn)) {
      this.update({ status: 'error', current: undefined, error: asError(error) });
    } else {
      this.update({ status: 'loading', current: undefined, error: undefined });
    }
  }

  private sameFamily(arn: string | undefined): boolean {
    return familyOf(arn) === familyOf(this.snapshot.currentArn);
  }
}

/** `arn:...:task-definition/api:42` or `api:42` → `api`. */
export function familyOf(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const tail = ref.slice(ref.lastIndexOf('/') + 1);
  const colon = tail.lastIndexOf(':');
  return colon > 0 ? tail.slice(0, colon) : tail;
}

function withItem(set: ReadonlySet<string>, item: string): ReadonlySet<string> {
  return new Set(set).add(item);
}

function withoutItem(set: ReadonlySet<string>, item: string): ReadonlySet<string> {
  const next = new Set(set);
  next.delete(item);
  return next;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
