import type { SimServiceName } from './core/types';
import { AWS_BUCKETS, bucketsFor } from './http/rate-limits';

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
  /**
   * A throttling category (a rate-limit bucket such as `ecs.serviceRead` or `elbv2.describe`):
   * every operation that draws from it, as AWS throttles a category as a whole.
   */
  category?: string;
  /** For how long (simulated ms from when it is added) the rule applies: a burst. */
  forMs?: number;
}

export interface ActiveFault extends FaultRule {
  readonly id: number;
  hits: number;
  /** Simulated time the rule lapses at (`forMs` after it was added). */
  until?: number;
}

export class FaultInjector {
  private rules: ActiveFault[] = [];
  private nextId = 1;

  /** `now`: the world's clock, for rules that last a while (`forMs`). */
  constructor(private readonly now: () => number = () => 0) {}

  add(rule: FaultRule): number {
    const id = this.nextId++;
    const until = rule.forMs !== undefined ? this.now() + rule.forMs : undefined;
    this.rules.push({ ...rule, id, hits: 0, ...(until !== undefined ? { until } : {}) });
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
    const now = this.now();
    this.rules = this.rules.filter((r) => r.until === undefined || now < r.until);
    const fired: ActiveFault[] = [];
    for (const rule of this.rules) {
      if (rule.service && rule.service !== service) continue;
      if (rule.operation && rule.operation !== operation) continue;
      if (rule.category && !bucketsFor(service, operation).some((b) => b === rule.category))
        continue;
      if (rule.probability !== undefined && random() >= rule.probability) continue;
      rule.hits++;
      fired.push(rule);
    }
    this.rules = this.rules.filter((r) => r.times === undefined || r.hits < r.times);
    return fired;
  }
}

const SERVICES: readonly SimServiceName[] = [
  'ecs',
  'elbv2',
  'codedeploy',
  'ecr',
  'cloudwatch',
  'sts',
];

/**
 * Parses `--fault kind[=ms][:target[:Operation]][@limit]...`:
 * - `kind=ms` gives `latency` its delay (`latency=2000`);
 * - `target` is a service (`ecs`) or a throttling category (`ecs.serviceRead`, `elbv2.describe`);
 * - each `@limit` is a count (`@3`: the next 3 requests), a share (`@50%`: half of them, sustained)
 *   or a duration (`@5s`: every request for 5 simulated seconds, a burst).
 * e.g. `throttle:ecs:DescribeServices@3`, `throttle:ecs.serviceRead@50%`, `latency=2000:elbv2`.
 */
export function parseFaultSpec(spec: string): FaultRule {
  const [body = '', ...limits] = spec.split('@');
  const [head = '', target, operation] = body.split(':');
  const [kind, arg] = head.split('=', 2);
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
  if (arg !== undefined) {
    const ms = Number(arg);
    if (kind !== 'latency' || !Number.isInteger(ms) || ms < 0)
      throw new Error(
        `only latency takes a value, in whole milliseconds (latency=2000), got "${head}"`,
      );
    rule.latencyMs = ms;
  }
  if (target) {
    if (target.includes('.')) {
      if (!(target in AWS_BUCKETS))
        throw new Error(
          `unknown throttling category "${target}"; known: ${Object.keys(AWS_BUCKETS).join(', ')}`,
        );
      rule.category = target;
    } else {
      if (!SERVICES.includes(target as SimServiceName))
        throw new Error(`unknown service "${target}"; known: ${SERVICES.join(', ')}`);
      rule.service = target as SimServiceName;
    }
  }
  if (operation) rule.operation = operation;
  for (const limit of limits) applyLimit(rule, limit);
  return rule;
}

function applyLimit(rule: FaultRule, text: string): void {
  const share = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const duration = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text);
  if (share) {
    const percent = Number(share[1]);
    if (percent <= 0 || percent > 100)
      throw new Error(`fault share must be above 0% and at most 100%, got "${text}"`);
    rule.probability = percent / 100;
  } else if (duration) {
    const unit = duration[2] === 'ms' ? 1 : duration[2] === 's' ? 1000 : 60_000;
    rule.forMs = Number(duration[1]) * unit;
  } else {
    const times = Number(text);
    if (!Number.isInteger(times) || times < 1)
      throw new Error(
        `fault limit must be a count above 0 (@3), a share (@50%) or a duration (@5s), got "${text}"`,
      );
    rule.times = times;
  }
}
