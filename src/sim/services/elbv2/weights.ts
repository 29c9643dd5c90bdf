/**
 * Forward weights, for engines that shift traffic the way ECS-native blue/green (a listener
 * rule) and CodeDeploy (a listener's default action) do. `ruleOrListenerArn` accepts either:
 * a listener ARN means its default rule, which is the listener's DefaultActions.
 *
 * `setForwardWeights` touches only the forward action's target-group list: other actions,
 * `Order`, stickiness and conditions stay as they are, exactly what a careful ModifyRule does
 * (aws-semantics E.2). Validation matches ModifyRule (weights 0..999 integers, at most 5
 * groups, groups must exist).
 */
import { SimError } from '../../core/errors';
import type { World } from '../../world/world';
import { forwardAction, MAX_TARGET_GROUPS_PER_FORWARD } from './actions';
import { targetGroupNotFound } from './errors';
import { elbState, getRule, setRuleActions } from './model';
import type { ElbState, RuleRec, WeightedTargetGroup } from './state';

export type { WeightedTargetGroup } from './state';

export function resolveRule(state: ElbState, ruleOrListenerArn: string): RuleRec {
  const listener = state.listeners.get(ruleOrListenerArn);
  return getRule(state, listener ? listener.defaultRuleArn : ruleOrListenerArn);
}

/** The forward action's groups and weights, in rule order; [] when the rule does not forward. */
export function getForwardWeights(
  world: World,
  region: string,
  ruleOrListenerArn: string,
): WeightedTargetGroup[] {
  const rule = resolveRule(elbState(world, region), ruleOrListenerArn);
  return (forwardAction(rule.actions)?.targetGroups ?? []).map((g) => ({ ...g }));
}

/**
 * Sets weights. An array replaces the forward's whole group list (in that order); a record
 * `{tgArn: weight}` changes only the named groups and appends any that are new.
 * Returns the resulting list.
 */
export function setForwardWeights(
  world: World,
  region: string,
  ruleOrListenerArn: string,
  weights: readonly WeightedTargetGroup[] | Readonly<Record<string, number>>,
): WeightedTargetGroup[] {
  const state = elbState(world, region);
  const rule = resolveRule(state, ruleOrListenerArn);
  const forward = forwardAction(rule.actions);
  if (!forward?.targetGroups) {
    throw new SimError(
      'InvalidLoadBalancerAction',
      `rule ${rule.arn} has no forward action to weight`,
    );
  }
  let next: WeightedTargetGroup[];
  if (Array.isArray(weights)) {
    next = (weights as readonly WeightedTargetGroup[]).map((g) => ({ ...g }));
  } else {
    const patch = weights as Readonly<Record<string, number>>;
    next = forward.targetGroups.map((g) => ({ ...g, weight: patch[g.targetGroupArn] ?? g.weight }));
    for (const [arn, weight] of Object.entries(patch)) {
      if (!next.some((g) => g.targetGroupArn === arn)) next.push({ targetGroupArn: arn, weight });
    }
  }
  if (next.length === 0 || next.length > MAX_TARGET_GROUPS_PER_FORWARD) {
    throw new SimError(
      'ValidationError',
      `a forward action takes 1 to ${MAX_TARGET_GROUPS_PER_FORWARD} target groups, got ${next.length}`,
    );
  }
  for (const g of next) {
    if (!Number.isInteger(g.weight) || g.weight < 0 || g.weight > 999) {
      throw new SimError(
        'ValidationError',
        `weight ${g.weight} for ${g.targetGroupArn} must be a whole number from 0 to 999`,
      );
    }
    if (!state.targetGroups.has(g.targetGroupArn)) throw targetGroupNotFound(g.targetGroupArn);
  }
  const actions = rule.actions.map((a) => (a === forward ? { ...a, targetGroups: next } : a));
  setRuleActions(state, rule, actions);
  return next.map((g) => ({ ...g }));
}

/** Each group's share of new connections (0..1); all zero when every weight is 0. */
export function trafficShares(
  weights: readonly WeightedTargetGroup[],
): { targetGroupArn: string; share: number }[] {
  const total = weights.reduce((sum, g) => sum + g.weight, 0);
  return weights.map((g) => ({
    targetGroupArn: g.targetGroupArn,
    share: total > 0 ? g.weight / total : 0,
  }));
}

/** Rules (default rules included) whose forward action names this target group. */
export function rulesForwardingTo(world: World, region: string, targetGroupArn: string): string[] {
  return [...(elbState(world, region).rulesByTargetGroup.get(targetGroupArn) ?? [])];
}
