import type { TaskDefinitionCache } from '../task-definition-cache';

interface Burst {
  /** Revisions of this burst not yet arrived or failed. */
  pending: Set<string>;
  arrived: boolean;
}

/**
 * The image column's task-definition lookups, in bursts: a describe pass asks for every
 * revision its rows run that is not cached, all at once, and hears back once, when the last
 * one has arrived or failed — one rebuild (and one frame) per burst, not one per arrival
 * (32 at 120x40). A failure leaves its image cell a placeholder; the next describe asks again.
 */
export class ImageBursts {
  private readonly burstOf = new Map<string, Burst>();

  constructor(
    private readonly definitions: TaskDefinitionCache,
    private readonly signal: AbortSignal,
    /** Called once per burst in which at least one revision arrived. */
    private readonly onDone: () => void,
  ) {}

  /** Fetches those of `arns` neither cached nor already asked for. */
  request(arns: Iterable<string>): void {
    const missing = new Set<string>();
    for (const arn of arns) {
      if (!this.burstOf.has(arn) && !this.definitions.get(arn)) missing.add(arn);
    }
    if (!missing.size) return;
    const burst: Burst = { pending: missing, arrived: false };
    for (const arn of missing) this.burstOf.set(arn, burst);
    for (const arn of [...missing]) {
      this.definitions.load(arn, this.signal).catch(() => this.settle(arn, false));
    }
  }

  /**
   * A revision arrived (the cache tells every listener, synchronously). True when it belongs
   * to a burst, which then reports when it is complete; false for one someone else fetched.
   */
  arrived(arn: string): boolean {
    if (!this.burstOf.has(arn)) return false;
    this.settle(arn, true);
    return true;
  }

  private settle(arn: string, arrived: boolean): void {
    const burst = this.burstOf.get(arn);
    if (!burst) return;
    this.burstOf.delete(arn);
    burst.pending.delete(arn);
    burst.arrived ||= arrived;
    if (burst.pending.size === 0 && burst.arrived && !this.signal.aborted) this.onDone();
  }
}
