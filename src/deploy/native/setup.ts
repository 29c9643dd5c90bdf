import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { Rule, RuleAction, Service } from '../../aws/types';

/**
 * The load-balancer side of an ECS-native deployment, read from the service's
 * `loadBalancers[].advancedConfiguration` (aws-semantics C.1): the two target groups, the
 * production listener rule and the optional test rule. ECS moves their weights itself; this
 * client only reads them back (DescribeRules) to show what really happened.
 */
export interface NativeLane {
  /** `loadBalancers[].targetGroupArn` and the alternate: which is blue swaps every deployment. */
  targetGroups: [string, string];
  productionRule: string;
  testRule?: string;
  containerName?: string;
  containerPort?: number;
}

export function nativeLanes(service: Service): NativeLane[] {
  const lanes: NativeLane[] = [];
  for (const lb of service.loadBalancers) {
    if (!lb.targetGroupArn || !lb.advanced) continue;
    lanes.push({
      targetGroups: [lb.targetGroupArn, lb.advanced.alternateTargetGroupArn],
      productionRule: lb.advanced.productionListenerRule,
      ...(lb.advanced.testListenerRule ? { testRule: lb.advanced.testListenerRule } : {}),
      ...(lb.containerName ? { containerName: lb.containerName } : {}),
      ...(lb.containerPort !== undefined ? { containerPort: lb.containerPort } : {}),
    });
  }
  return lanes;
}

/** Every production and test rule ARN of the lanes, once each. */
export function ruleArns(lanes: readonly NativeLane[]): string[] {
  const arns = new Set<string>();
  for (const l of lanes) {
    arns.add(l.productionRule);
    if (l.testRule) arns.add(l.testRule);
  }
  return [...arns];
}

/** An NLB lane names listeners, not rules (C.1): their default actions are what ECS moves. */
const isListenerArn = (arn: string) => /:listener\//.test(arn);

/** The rules (or NLB listeners as rules) by ARN, in one DescribeRules (+ DescribeListeners). */
export async function readRules(
  gw: AwsGateway,
  lanes: readonly NativeLane[],
  opts: CallOptions,
): Promise<Map<string, Rule>> {
  const all = ruleArns(lanes);
  const out = new Map<string, Rule>();
  const rules = all.filter((a) => !isListenerArn(a));
  const listeners = all.filter(isListenerArn);
  if (rules.length > 0) {
    for (const r of await gw.elb.describeRules({ ruleArns: rules }, opts)) out.set(r.arn, r);
  }
  if (listeners.length > 0) {
    for (const l of await gw.elb.describeListeners({ listenerArns: listeners }, opts)) {
      out.set(l.arn, {
        arn: l.arn,
        priority: 'default',
        isDefault: true,
        conditions: [],
        actions: l.defaultActions,
      });
    }
  }
  return out;
}

function forwardOf(rule: Rule | undefined): RuleAction | undefined {
  return rule?.actions.find((a) => a.type === 'forward');
}

/** Each group's share of the rule's new connections, in percent (weights as ELB spreads them). */
export function sharesOf(rule: Rule | undefined): Map<string, number> {
  const forward = forwardOf(rule);
  const groups =
    forward?.forward?.targetGroups ??
    (forward?.targetGroupArn ? [{ targetGroupArn: forward.targetGroupArn, weight: 1 }] : []);
  const total = groups.reduce((sum, g) => sum + g.weight, 0);
  return new Map(
    groups.map((g) => [
      g.targetGroupArn,
      total > 0 ? Math.round((g.weight / total) * 1000) / 10 : 0,
    ]),
  );
}

/** What makes a rule unusable for ECS blue/green, or undefined (C.1: forward-only rules). */
export function ruleProblem(arn: string, rule: Rule | undefined, what: string): string | undefined {
  if (!rule) return `the ${what} ${arn} does not exist`;
  const forward = forwardOf(rule);
  if (!forward) return `the ${what} ${shortRule(arn)} does not forward to a target group`;
  const other = rule.actions.find((a) => a.type !== 'forward');
  if (other) {
    return `the ${what} ${shortRule(arn)} mixes forward with ${other.type}; ECS blue/green needs forward-only rules (make a separate rule for ${other.type})`;
  }
  return undefined;
}

/**
 * Which group of a lane serves production now (blue): the one with the larger share; with an
 * even split (a deployment stopped half-way) the service's own `targetGroupArn`.
 */
export function liveGroupOf(lane: NativeLane, production: Rule | undefined): string {
  const shares = sharesOf(production);
  const [a, b] = lane.targetGroups;
  return (shares.get(b) ?? 0) > (shares.get(a) ?? 0) ? b : a;
}

/** `.../listener-rule/app/web/abc/def/123` → `listener-rule …/123`. */
export function shortRule(arn: string): string {
  const parts = arn.split('/');
  return parts.length > 1 ? `${parts[0]!.split(':').pop()} …/${parts.at(-1)}` : arn;
}

/** `arn:...:targetgroup/web-blue/abc` → `web-blue`. */
export function targetGroupName(arn: string): string {
  return arn.split('/')[1] ?? arn;
}
