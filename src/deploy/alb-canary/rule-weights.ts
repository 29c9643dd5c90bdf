import type { Rule, RuleAction } from '../../aws/types';
import type { Weights } from './state';

// Reading and changing the two weights of a canary rule, and nothing else of it.

export function forwardOf(rule: Rule): RuleAction['forward'] | undefined {
  return rule.actions.find((a) => a.type === 'forward')?.forward;
}

/** `targetgroup/orders-tg/abc` → `orders-tg`. */
export function targetGroupName(arn: string): string {
  const m = /:targetgroup\/([^/]+)/.exec(arn);
  return m?.[1] ?? arn;
}

/** `rule 10 (/orders/*)`, for messages. */
export function describeRule(rule: Rule): string {
  const what = rule.conditions.flatMap((c) => c.values).join(' ');
  const name = rule.isDefault ? 'the default rule' : `rule ${rule.priority}`;
  return what ? `${name} (${what})` : name;
}

export interface PairGroups {
  stableTargetGroupArn: string;
  canaryTargetGroupArn: string;
}

/**
 * The stable and canary weights as the rule holds them now; undefined with the reason when the
 * rule no longer forwards to exactly those two groups.
 */
export function readWeights(
  rule: Rule,
  groups: PairGroups,
): { ok: true; weights: Weights } | { ok: false; reason: string } {
  const forward = forwardOf(rule);
  if (!forward) return { ok: false, reason: `${describeRule(rule)} no longer forwards` };
  const weightOf = (arn: string) => forward.targetGroups.find((g) => g.targetGroupArn === arn);
  const stable = weightOf(groups.stableTargetGroupArn);
  const canary = weightOf(groups.canaryTargetGroupArn);
  if (!stable || !canary || forward.targetGroups.length !== 2) {
    const now = forward.targetGroups
      .map((g) => `${targetGroupName(g.targetGroupArn)} ${g.weight}`)
      .join(', ');
    return {
      ok: false,
      reason: `${describeRule(rule)} no longer forwards to exactly ${targetGroupName(groups.stableTargetGroupArn)} and ${targetGroupName(groups.canaryTargetGroupArn)} (now: ${now})`,
    };
  }
  return { ok: true, weights: { stable: stable.weight, canary: canary.weight } };
}

/**
 * The rule's whole action list with only the two forward weights changed: other actions
 * (authenticate-oidc with its Order), Order values and stickiness go back as they were read,
 * as ModifyRule replaces the list (aws-semantics E.2). Conditions are not sent at all.
 */
export function actionsWithWeights(rule: Rule, groups: PairGroups, w: Weights): RuleAction[] {
  return rule.actions.map((a) => {
    if (a.type !== 'forward' || !a.forward) return a;
    return {
      ...a,
      forward: {
        ...a.forward,
        targetGroups: a.forward.targetGroups.map((g) =>
          g.targetGroupArn === groups.stableTargetGroupArn
            ? { ...g, weight: w.stable }
            : g.targetGroupArn === groups.canaryTargetGroupArn
              ? { ...g, weight: w.canary }
              : g,
        ),
      },
    };
  });
}

/** `orders-tg 100→50, orders-canary-tg 0→50`: how the rule differs from what was expected. */
export function describeDifference(expected: Weights, found: Weights, groups: PairGroups): string {
  const parts: string[] = [];
  const name = (arn: string) => targetGroupName(arn);
  if (expected.stable !== found.stable)
    parts.push(`${name(groups.stableTargetGroupArn)} ${expected.stable}→${found.stable}`);
  if (expected.canary !== found.canary)
    parts.push(`${name(groups.canaryTargetGroupArn)} ${expected.canary}→${found.canary}`);
  return parts.join(', ');
}

/** `...:listener-rule/app/n/lb/l/r` → `...:listener/app/n/lb/l`. */
export function listenerOfRule(ruleArn: string): string {
  return ruleArn.replace(':listener-rule/', ':listener/').replace(/\/[^/]+$/, '');
}

/** `...:listener/app/n/lb/l` → `...:loadbalancer/app/n/lb`. */
export function loadBalancerOfListener(listenerArn: string): string {
  return listenerArn.replace(':listener/', ':loadbalancer/').replace(/\/[^/]+$/, '');
}
