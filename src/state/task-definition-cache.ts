import type { AwsGateway } from '../aws/gateway';
import type { TaskDefinition } from '../aws/types';

const REVISION_SUFFIX = /:\d+$/;

/**
 * Task definition revisions never change once registered, so each is fetched once per session
 * (bounded, least recently used out). `family` alone means "latest" and is never cached.
 */
export class TaskDefinitionCache {
  private readonly entries = new Map<string, TaskDefinition>();
  private readonly inflight = new Map<string, Promise<TaskDefinition>>();
  private readonly listeners = new Set<(definition: TaskDefinition) => void>();

  constructor(
    private readonly gateway: AwsGateway,
    private readonly max = 300,
  ) {}

  /** A cached revision by ARN or `family:revision`. */
  get(ref: string): TaskDefinition | undefined {
    const key = cacheKey(ref);
    const hit = key === undefined ? undefined : this.entries.get(key);
    if (hit && key !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /** Fetches (once, shared by concurrent callers) and caches a revision. */
  load(ref: string, signal?: AbortSignal): Promise<TaskDefinition> {
    const cached = this.get(ref);
    if (cached) return Promise.resolve(cached);
    const running = this.inflight.get(ref);
    if (running) return running;
    const promise = this.gateway.ecs
      .describeTaskDefinition(ref, signal ? { signal } : {})
      .then((definition) => {
        this.store(definition);
        return definition;
      })
      .finally(() => this.inflight.delete(ref));
    this.inflight.set(ref, promise);
    return promise;
  }

  /** Hears about every revision that arrives (rows waiting for an image re-render). */
  subscribe(listener: (definition: TaskDefinition) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get size(): number {
    return this.entries.size;
  }

  private store(definition: TaskDefinition): void {
    const key = cacheKey(definition.arn) ?? `${definition.family}:${definition.revision}`;
    this.entries.delete(key);
    this.entries.set(key, definition);
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    for (const listener of [...this.listeners]) listener(definition);
  }
}

/** `family:revision` for an ARN or a `family:revision`; undefined for a bare family. */
function cacheKey(ref: string): string | undefined {
  const tail = ref.slice(ref.lastIndexOf('/') + 1);
  return REVISION_SUFFIX.test(tail) ? tail : undefined;
}
