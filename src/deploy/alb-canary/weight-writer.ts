import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { Rule } from '../../aws/types';
import { ExpectedError } from '../../errors';
import {
  actionsWithWeights,
  describeDifference,
  readWeights,
  type PairGroups,
} from './rule-weights';
import { formatWeights, sameWeights, type Weights } from './state';

/**
 * One weight change, the careful way (perf-reliability 4.3: ModifyRule has no ETag):
 * read the rule back; if its weights are not what this plan last wrote, someone else changed
 * it and nothing is written; else write the new weights keeping every other part of the rule;
 * then read it back again to verify.
 */
export type WriteResult =
  /** Written and read back as asked. */
  | { kind: 'written'; actual: Weights }
  /** The rule already held these weights (another client of this plan wrote them). */
  | { kind: 'already'; actual: Weights }
  /** Someone else changed the rule: nothing was written. */
  | { kind: 'conflict'; found?: Weights; difference: string }
  /** Written, but the read-back shows other weights. */
  | { kind: 'mismatch'; actual?: Weights; difference: string };

export interface WriteRequest {
  ruleArn: string;
  groups: PairGroups;
  /** What the rule should hold now (what the plan last wrote). */
  expected: Weights;
  target: Weights;
  /** Write even when the rule is not as expected (rollback: stable 100 whatever it holds). */
  force?: boolean;
}

export async function writeWeights(
  gw: AwsGateway,
  req: WriteRequest,
  opts: CallOptions = {},
): Promise<WriteResult> {
  const before = await readRule(gw, req.ruleArn, opts);
  const found = readWeights(before, req.groups);
  if (!found.ok) return { kind: 'conflict', difference: found.reason };
  if (sameWeights(found.weights, req.target)) return { kind: 'already', actual: found.weights };
  if (!req.force && !sameWeights(found.weights, req.expected)) {
    return {
      kind: 'conflict',
      found: found.weights,
      difference: `expected ${formatWeights(req.expected)}, found ${formatWeights(found.weights)} (${describeDifference(req.expected, found.weights, req.groups)})`,
    };
  }
  await gw.elb.modifyRuleActions(
    req.ruleArn,
    actionsWithWeights(before, req.groups, req.target),
    opts,
  );
  const after = readWeights(await readRule(gw, req.ruleArn, opts), req.groups);
  if (!after.ok) return { kind: 'mismatch', difference: after.reason };
  if (!sameWeights(after.weights, req.target)) {
    return {
      kind: 'mismatch',
      actual: after.weights,
      difference: `wrote ${formatWeights(req.target)}, read back ${formatWeights(after.weights)}`,
    };
  }
  return { kind: 'written', actual: after.weights };
}

export async function readRule(gw: AwsGateway, ruleArn: string, opts: CallOptions): Promise<Rule> {
  const [rule] = await gw.elb.describeRules({ ruleArns: [ruleArn] }, opts);
  if (!rule) throw new ExpectedError(`listener rule ${ruleArn} no longer exists`);
  return rule;
}
