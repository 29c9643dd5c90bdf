import type { CallCounter, CallEvent, PendingWrite } from './gateway';

/**
 * Counts AWS calls per `service:Operation`. A "call" is one `client.send`, however many HTTP
 * attempts the SDK's retries made (`CallEvent.attempts` has those); calls refused in read-only
 * mode are counted apart, since nothing left the process. Fed by the SDK middleware.
 */
export class CallRecorder implements CallCounter {
  private sent = new Map<string, number>();
  private refusedCalls = new Map<string, number>();
  private mutatingTried = 0;
  private mutatingOut = 0;
  private readonly listeners = new Set<(event: CallEvent) => void>();
  private readonly writes = new Set<PendingWrite>();
  private readonly startListeners = new Set<(write: PendingWrite) => void>();

  count(service?: string, operation?: string): number {
    return sum(this.sent, service, operation);
  }

  /** Calls refused before sending (read-only mode). */
  refused(service?: string, operation?: string): number {
    return sum(this.refusedCalls, service, operation);
  }

  snapshot(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.sent);
  }

  mutatingAttempts(): number {
    return this.mutatingTried;
  }

  mutatingSent(): number {
    return this.mutatingOut;
  }

  reset(): void {
    this.sent.clear();
    this.refusedCalls.clear();
    this.mutatingTried = 0;
    this.mutatingOut = 0;
  }

  subscribe(listener: (event: CallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Mutating calls sent and not answered yet: what an app leaving now must say may or may not
   * have happened.
   */
  pendingWrites(): readonly PendingWrite[] {
    return [...this.writes];
  }

  /** Told when a mutating call is about to be sent (before its outcome is known). */
  onWriteStart(listener: (write: PendingWrite) => void): () => void {
    this.startListeners.add(listener);
    return () => {
      this.startListeners.delete(listener);
    };
  }

  /** Called by the middleware as a mutating call goes out; the returned function when it ends. */
  writeStarted(write: PendingWrite): () => void {
    this.writes.add(write);
    for (const listener of [...this.startListeners]) {
      try {
        listener(write);
      } catch {
        /* a broken listener must not stop the call */
      }
    }
    return () => {
      this.writes.delete(write);
    };
  }

  /** Called by the middleware once per call, after its outcome is known. */
  record(event: CallEvent): void {
    const key = `${event.service}:${event.operation}`;
    const table = event.outcome === 'refused' ? this.refusedCalls : this.sent;
    table.set(key, (table.get(key) ?? 0) + 1);
    if (event.mutating) {
      this.mutatingTried++;
      if (event.outcome !== 'refused') this.mutatingOut++;
    }
    for (const listener of [...this.listeners]) {
      // a broken listener must not turn a good AWS call into a failed one
      try {
        listener(event);
      } catch {
        /* ignored on purpose */
      }
    }
  }
}

function sum(table: Map<string, number>, service?: string, operation?: string): number {
  let total = 0;
  for (const [key, n] of table) {
    const [svc, op] = key.split(':') as [string, string];
    if (service !== undefined && svc !== service) continue;
    if (operation !== undefined && op !== operation) continue;
    total += n;
  }
  return total;
}

export function createCallCounter(): CallRecorder {
  return new CallRecorder();
}
