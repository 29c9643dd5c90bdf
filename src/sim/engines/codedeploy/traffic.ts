/**
 * What CodeDeploy does to the load balancer (aws-semantics D.1, D.5, E.2). It works on
 * listeners, not rules: the production listener's default action is a weighted forward to the
 * blue and green target groups; the test listener's default action forwards to green once
 * AllowTestTraffic runs. Other actions (authenticate-*, Order, stickiness) are kept. The exact
 * ELB calls AWS makes are unverified; the read-back shapes are what matters here.
 */
import { forwardAction } from '../../services/elbv2/builder';
import { elbState, setRuleActions } from '../../services/elbv2/model';
import type { ActionRec } from '../../services/elbv2/state';
import { getForwardWeights, resolveRule, setForwardWeights } from '../../services/elbv2/weights';
import type { World } from '../../world/world';

const ROUTING = new Set(['forward', 'redirect', 'fixed-response']);

/** Why the production listener cannot carry this deployment, or undefined when it can. */
export function productionListenerProblem(
  world: World,
  region: string,
  listenerArn: string,
  blueTargetGroupArn: string,
): string | undefined {
  const state = elbState(world, region);
  if (!state.listeners.has(listenerArn))
    return `The production listener ${listenerArn} does not exist`;
  const weights = getForwardWeights(world, region, listenerArn);
  if (!weights.some((g) => g.targetGroupArn === blueTargetGroupArn && g.weight > 0)) {
    return `The production listener ${listenerArn} does not forward to the original target group ${blueTargetGroupArn}`;
  }
  return undefined;
}

/**
 * Writes the production forward as blue 100 / green 0. A target group that no listener
 * forwards to runs no health checks (elbv2/targets.ts), and green's tasks must pass them at
 * Install; a weight-0 entry attaches it without sending it traffic.
 */
export function attachGreen(
  world: World,
  region: string,
  listenerArn: string,
  blueTargetGroupArn: string,
  greenTargetGroupArn: string,
): void {
  setProductionWeights(world, region, listenerArn, blueTargetGroupArn, greenTargetGroupArn, 0);
}

/** Production traffic: `greenPercent` to green, the rest to blue. */
export function setProductionWeights(
  world: World,
  region: string,
  listenerArn: string,
  blueTargetGroupArn: string,
  greenTargetGroupArn: string,
  greenPercent: number,
): void {
  setForwardWeights(world, region, listenerArn, {
    [blueTargetGroupArn]: 100 - greenPercent,
    [greenTargetGroupArn]: greenPercent,
  });
}

/** Makes a listener's default action forward to one target group, keeping other actions. */
export function pointListenerAt(
  world: World,
  region: string,
  listenerArn: string,
  targetGroupArn: string,
): void {
  const state = elbState(world, region);
  if (!state.listeners.has(listenerArn)) return;
  const rule = resolveRule(state, listenerArn);
  const old = rule.actions.find((a) => ROUTING.has(a.type));
  const forward: ActionRec = {
    ...forwardAction(targetGroupArn, old?.order !== undefined ? { order: old.order } : {}),
    ...(old?.type === 'forward' && old.stickiness ? { stickiness: old.stickiness } : {}),
  };
  const actions = old
    ? rule.actions.map((a) => (a === old ? forward : a))
    : [...rule.actions, forward];
  setRuleActions(state, rule, actions);
}
