import type { SimServiceName } from '../core/types';

export interface LoggedCall {
  readonly service: SimServiceName;
  readonly operation: string;
  readonly status: number;
  readonly errorCode?: string;
  /** Simulated time of the request. */
  readonly at: number;
}

/** What the simulator served, so tests can assert the calls the app made (counts, not times). */
export class CallLog {
  private calls: LoggedCall[] = [];
  private readonly limit: number;

  constructor(limit = 100_000) {
    this.limit = limit;
  }

  record(call: LoggedCall): void {
    this.calls.push(call);
    // bounded: a long demo session must not grow without end
    if (this.calls.length > this.limit) this.calls.splice(0, this.calls.length - this.limit);
  }

  all(): readonly LoggedCall[] {
    return this.calls;
  }

  count(service?: SimServiceName, operation?: string): number {
    return this.calls.filter(
      (c) => (!service || c.service === service) && (!operation || c.operation === operation),
    ).length;
  }

  /** Counts per `service:Operation`. */
  summary(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.calls)
      out[`${c.service}:${c.operation}`] = (out[`${c.service}:${c.operation}`] ?? 0) + 1;
    return out;
  }

  clear(): void {
    this.calls = [];
  }
}
