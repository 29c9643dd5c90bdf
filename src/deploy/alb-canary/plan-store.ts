import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { PlanState } from './state';
import { changedTags, decodePlan, encodePlan, TAG_PREFIX, type DecodeResult } from './tags';

/**
 * The plan's tags on the rule: read, and write back only what changed (one AddTags). Tags are
 * not a lock: before a change, `stillAt` re-reads them so a client whose view is stale (another
 * client moved the plan meanwhile) drops its change instead of undoing the other's.
 */
export class PlanStore {
  constructor(
    private readonly gw: AwsGateway,
    readonly ruleArn: string,
  ) {}

  async read(
    opts: CallOptions = {},
  ): Promise<{ tags: Record<string, string>; plan: DecodeResult }> {
    const all = await this.gw.elb.describeTags([this.ruleArn], opts);
    const tags = all[this.ruleArn] ?? {};
    return { tags, plan: decodePlan(tags) };
  }

  /** Writes `next`, sending only the tags that differ from `before`; returns the new tags. */
  async save(
    before: Record<string, string>,
    next: PlanState,
    opts: CallOptions = {},
  ): Promise<Record<string, string>> {
    const encoded = encodePlan(next);
    const changed = changedTags(before, encoded);
    if (Object.keys(changed).length > 0) await this.gw.elb.addTags(this.ruleArn, changed, opts);
    return { ...before, ...encoded };
  }

  /** True when the plan on the rule is still the one `basis` was decided on. */
  async stillAt(basis: PlanState, opts: CallOptions = {}): Promise<boolean> {
    const { plan } = await this.read(opts);
    return plan.kind === 'plan' && samePosition(plan.state, basis);
  }
}

/** Same plan, status, step and weights: what a decision to change the plan depends on. */
export function samePosition(a: PlanState, b: PlanState): boolean {
  return (
    a.id === b.id &&
    a.status === b.status &&
    a.stepIndex === b.stepIndex &&
    a.phase === b.phase &&
    a.pause?.reason === b.pause?.reason &&
    a.lastWritten.stable === b.lastWritten.stable &&
    a.lastWritten.canary === b.lastWritten.canary
  );
}

export function isPlanTag(key: string): boolean {
  return key.startsWith(TAG_PREFIX);
}
