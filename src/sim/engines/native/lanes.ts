/**
 * Target groups and listener rules of an ECS-native deployment (aws-semantics C.1, C.2).
 *
 * Roles: each `loadBalancers[]` entry names a target group and, in advancedConfiguration,
 * the alternate one. Which of the two is blue swaps on every deployment. We judge that ECS
 * does not rewrite `service.loadBalancers` for it (terraform-provider-aws#45678: re-applying
 * the same configuration makes ECS stop alternating, so the live role is kept outside that
 * configuration; unverified): the simulator leaves the service's configuration exactly as set
 * and reads the live group from where blue's tasks are registered, else from the production
 * rule's weights (the heavier group). The green revision's `resolvedConfiguration` names the
 * group it registered in, as DescribeServiceRevisions does on AWS (SDK ResolvedConfiguration).
 *
 * Weights: ECS changes only the forward weights of the production rule (and test rule), as
 * `setForwardWeights` does. A whole percent p is written as (100 - p, p); a percent with a
 * tenth (canary 0.5 %) as (1000 - 10p, 10p), within ELB's 0..999. AWS's exact numbers are
 * unverified; the share of traffic is what matters and what DescribeRules shows.
 */
import { SimError } from '../../core/errors';
import { elbState, getRule } from '../../services/elbv2/model';
import { getForwardWeights, setForwardWeights } from '../../services/elbv2/weights';
import type { DeploymentRec, ServiceRevisionRec } from '../../services/ecs/types';
import type { EngineRuntime, ServiceRuntime } from '../runtime';
import type { Lane, Run } from './model';

/** The lanes of a service for a deployment whose blue is `blue`. */
export function planLanes(rt: EngineRuntime, srt: ServiceRuntime, blue?: DeploymentRec): Lane[] {
  const lanes: Lane[] = [];
  for (const lb of srt.service.loadBalancers) {
    const adv = lb.advancedConfiguration;
    if (!lb.targetGroupArn || !adv?.alternateTargetGroupArn || !adv.productionListenerRule) {
      continue;
    }
    const pair: [string, string] = [lb.targetGroupArn, adv.alternateTargetGroupArn];
    const live = liveGroup(rt, srt, pair, adv.productionListenerRule, blue);
    lanes.push({
      liveTg: live,
      greenTg: live === pair[0] ? pair[1] : pair[0],
      port: lb.containerPort ?? 80,
      productionRule: adv.productionListenerRule,
      ...(adv.testListenerRule ? { testRule: adv.testListenerRule } : {}),
    });
  }
  return lanes;
}

function liveGroup(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  pair: [string, string],
  productionRule: string,
  blue: DeploymentRec | undefined,
): string {
  if (blue) {
    for (const task of srt.service.tasks.values()) {
      if (task.ownerId !== blue.id || task.desiredStatus !== 'RUNNING') continue;
      const registered = rt.tasks.get(task)?.targets ?? [];
      const hit = pair.find((tg) => registered.some((t) => t.targetGroupArn === tg));
      if (hit) return hit;
    }
  }
  try {
    const weights = getForwardWeights(rt.world, srt.scope.region, productionRule);
    const w = (tg: string) => weights.find((g) => g.targetGroupArn === tg)?.weight ?? 0;
    return w(pair[1]) > w(pair[0]) ? pair[1] : pair[0];
  } catch (error) {
    if (error instanceof SimError) return pair[0];
    throw error;
  }
}

/**
 * What makes a rule unusable for a native deployment, or undefined: it must exist and
 * forward, and an ALB rule must not mix forward with other actions (C.1).
 */
export function ruleProblem(
  rt: EngineRuntime,
  region: string,
  ruleArn: string,
): string | undefined {
  const state = elbState(rt.world, region);
  const listener = state.listeners.get(ruleArn);
  let actions;
  try {
    actions = getRule(state, listener ? listener.defaultRuleArn : ruleArn).actions;
  } catch (error) {
    if (error instanceof SimError) return `listener rule ${ruleArn} does not exist`;
    throw error;
  }
  if (!actions.some((a) => a.type === 'forward')) {
    return `listener rule ${ruleArn} does not forward to a target group`;
  }
  const other = actions.find((a) => a.type !== 'forward');
  if (other) {
    return `listener rule ${ruleArn} mixes a forward action with ${other.type}; blue/green needs forward-only rules`;
  }
  return undefined;
}

/** ELB weights (live, green) for green's percent of traffic. */
export function weightsFor(greenPercent: number): { live: number; green: number } {
  const p = Math.min(100, Math.max(0, Math.round(greenPercent * 10) / 10));
  if (Number.isInteger(p)) return { live: 100 - p, green: p };
  const tenths = Math.round(p * 10);
  return { live: 1000 - tenths, green: tenths };
}

export type Route = 'production' | 'test';

/**
 * Moves `route` of every lane to green's percent and records the requested weights per
 * revision (ServiceRevisionSummary.requested*TrafficWeight). Returns an error text when a rule
 * could not be changed (deleted meanwhile), else undefined.
 */
export function shiftTraffic(run: Run, route: Route, greenPercent: number): string | undefined {
  const { rt, srt, sd } = run;
  const w = weightsFor(greenPercent);
  for (const lane of run.lanes) {
    const rule = route === 'production' ? lane.productionRule : lane.testRule;
    if (!rule) continue;
    try {
      setForwardWeights(rt.world, srt.scope.region, rule, {
        [lane.liveTg]: w.live,
        [lane.greenTg]: w.green,
      });
    } catch (error) {
      if (error instanceof SimError)
        return `ECS could not update listener rule ${rule}: ${error.message}`;
      throw error;
    }
  }
  if (route === 'test' && !run.lanes.some((l) => l.testRule)) return undefined;
  const weights = (sd.trafficWeights ??= new Map());
  const set = (arn: string | undefined, percent: number) => {
    if (!arn) return;
    weights.set(arn, { ...weights.get(arn), [route]: percent });
  };
  set(run.green.serviceRevisionArn, greenPercent);
  set(run.blue?.serviceRevisionArn, 100 - greenPercent);
  sd.updatedAt = rt.world.now;
  return undefined;
}

/** Names the groups green registered in on its revision (DescribeServiceRevisions). */
export function resolveGreenRevision(run: Run, revision: ServiceRevisionRec | undefined): void {
  if (!revision || run.lanes.length === 0) return;
  revision.resolvedLoadBalancers = run.lanes.map((l) => ({
    targetGroupArn: l.greenTg,
    productionListenerRule: l.productionRule,
  }));
}
