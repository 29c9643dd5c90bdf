/**
 * A value that screens read through React's useSyncExternalStore: getSnapshot() returns the same
 * object until something actually changed, and listeners hear about every change.
 */
export class Observable<S extends object> {
  protected snapshot: S;
  private readonly listeners = new Set<() => void>();

  constructor(initial: S) {
    this.snapshot = initial;
  }

  readonly getSnapshot = (): S => this.snapshot;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Merges `patch`; a patch that changes nothing keeps the snapshot (and its identity). */
  protected update(patch: Partial<S>): void {
    let changed = false;
    for (const key of Object.keys(patch) as (keyof S)[]) {
      if (!Object.is(this.snapshot[key], patch[key])) {
        changed = true;
        break;
      }
    }
    if (!changed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    this.emit();
  }

  protected replace(next: S): void {
    if (next === this.snapshot) return;
    this.snapshot = next;
    this.emit();
  }

  private emit(): void {
    // a listener may unsubscribe another while we iterate
    for (const listener of [...this.listeners]) listener();
  }
}
