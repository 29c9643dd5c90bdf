import type { SimServiceName } from './core/types';

/** What can go wrong with a request, on demand (tests, `sim --fault`, the demo). */
export type FaultKind =
  | 'throttle' // the service's own throttling error (ECS ThrottlingException, ELBv2 Throttling)
  | 'latency' // answer after `latencyMs` of real time
  | 'http500' // 500 InternalFailure / ServerException
  | 'http503' // 503 ServiceUnavailable
  | 'hang' // never answer; the connection stays open until the client gives up
  | 'reset' // destroy the connection without an answer
  | 'malformed' // 200 with a body cut in half
  | 'access-denied' // the service's access-denied error for this operation only
  | 'expired-token' // the request's credentials have expired
  | 'lost-reply'; // the operation takes effect, then the connection drops before the reply

export interface FaultRule {
  kind: FaultKind;
  /** Service the rule applies to; any service when absent. */
  service?: SimServiceName;
  /** Operation name (e.g. `DescribeServices`); any operation when absent. */
  operation?: string;
  /** How many requests it applies to before it lapses; unlimited when absent. */
  times?: number;
  /** For `latency`. */
  latencyMs?: number;
  /** Fraction of matching requests affected (0..1], decided by the world's seeded RNG. */
  probability?: number;
}

export interface ActiveFault extends FaultRule {
  readonly id: number;
  hits: number;
}

export class FaultInjector {
  private rules: ActiveFault[] = [];
  private nextId = 1;

  add(rule: FaultRule): number {
    const id = this.nextId++;
    this.rules.push({ ...rule, id, hits: 0 });
    return id;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  list(): readonly ActiveFault[] {
    return this.rules;
  }

  /** The faults that fire for this request, in the order they were added; used-up rules lapse. */
  take(service: SimServiceName, operation: string, random: () => number): ActiveFault[] {
    const fired: ActiveFault[] = [];
    for (const rule of this.rules) {
      if (rule.service && rule.service !== service) continue;
      if (rule.operation && rule.operation !== operation) continue;
      if (rule.probability !== undefined && random() >= rule.probability) continue;
      rule.hits++;
      fired.push(rule);
    }
    this.rules = this.rules.filter((r) => r.times === undefined || r.hits < r.times);
    return fired;
  }
}

/** Parses `--fault kind[:service[:operation]][@times]`, e.g. `throttle:ecs:DescribeServices@3`. */
export function parseFaultSpec(spec: string): FaultRule {
  const [body, timesText] = spec.split('@');
  const [kind, service, operation] = (body ?? '').split(':');
  const kinds: FaultKind[] = [
    'throttle',
    'latency',
    'http500',
    'http503',
    'hang',
    'reset',
    'malformed',
    'access-denied',
    'expired-token',
    'lost-reply',
  ];
  if (!kinds.includes(kind as FaultKind)) {
    throw new Error(`unknown fault "${kind}"; known: ${kinds.join(', ')}`);
  }
  const rule: FaultRule = { kind: kind as FaultKind };
  if (service) rule.service = service as SimServiceName;
  if (operation) rule.operation = operation;
  if (timesText) {
    const times = Number(timesText);
    if (!Number.isInteger(times) || times < 1)
      throw new Error(`fault count must be a whole number above 0, got "${timesText}"`);
    rule.times = times;
  }
  return rule;
}
