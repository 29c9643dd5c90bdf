import type { AwsGateway, CallOptions } from '../aws/gateway';
import type { Rule, Service } from '../aws/types';
import { detectCanaryPair } from './alb-canary/detection';
import { forwardOf } from './alb-canary/rule-weights';
import type { PlanState } from './alb-canary/state';
import { decodePlan, isActivePlan } from './alb-canary/tags';
import { nativeStrategyOfService } from './native';
import { inProgressDeployment } from './plan/service-context';

/**
 * What `status` says about a service's rollout beyond what DescribeServices shows: a paused
 * ECS-native rollout or a CodeDeploy deployment waiting in Ready is awaiting action, not just
 * "in progress"; a deployment stopped where it stood is stopped, not failed; and an ALB canary
 * plan, which lives only on a listener rule's tags, shows on its stable service's line.
 */
export interface ServiceActivity {
  /** Replaces the rollout column. */
  label: string;
  /** The rollout in progress (deployment id, CodeDeploy id, canary plan id); absent when none. */
  inProgress?: string;
}

export const PAUSED_LABEL = 'paused (awaiting action)';

/**
 * Calls, on top of status's own ListServices/DescribeServices, and only for services that need
 * them: DescribeServiceDeployments for ECS services whose deployment runs natively (blue/green,
 * linear, canary) or stopped, 20 per call (its own 50/20 bucket); BatchGetDeployments for
 * CodeDeploy services with a task set rollout, 25 per call. ALB canary plans: with `all`, only
 * pairs named as the product names them (`x` and `x-canary`, both in the cluster, both behind a
 * target group): DescribeTargetGroups for their groups, DescribeListeners per load balancer and
 * DescribeRules per listener they share, and DescribeTags for the rules forwarding to both,
 * 20 per call. Finding a pair named otherwise means reading every rule of every load balancer of
 * the cluster, which a 1,000-service cluster cannot afford within ELB's 40-call burst; status of
 * one service does the full detection (as `watch` does), so such a pair shows there.
 */
export async function serviceActivities(
  gw: AwsGateway,
  cluster: string,
  services: readonly Service[],
  options: CallOptions & { all: boolean },
): Promise<{ activities: Map<string, ServiceActivity>; unread: string[] }> {
  const opts: CallOptions = options.signal ? { signal: options.signal } : {};
  const activities = new Map<string, ServiceActivity>();
  const parts: [string, Promise<void>][] = [
    ['service deployments', ecsActivities(gw, services, activities, opts)],
    ['CodeDeploy deployments', codeDeployActivities(gw, services, activities, opts)],
    ['ALB canary plans', canaryActivities(gw, cluster, services, options.all, activities, opts)],
  ];
  // a read that fails (throttled, denied) leaves those lines as DescribeServices shows them
  const settled = await Promise.allSettled(parts.map(([, p]) => p));
  if (options.signal?.aborted) throw options.signal.reason;
  const unread = parts.filter((_, i) => settled[i]!.status === 'rejected').map(([what]) => what);
  return { activities, unread };
}

async function ecsActivities(
  gw: AwsGateway,
  services: readonly Service[],
  out: Map<string, ServiceActivity>,
  opts: CallOptions,
): Promise<void> {
  const wanted = services.filter((s) => {
    if (s.deploymentController !== 'ECS' || !s.currentServiceDeploymentArn) return false;
    const primary = s.deployments.find((d) => d.status === 'PRIMARY');
    if (primary?.rolloutState === 'FAILED') return true;
    return nativeStrategyOfService(s) !== undefined && inProgressDeployment(s) !== undefined;
  });
  if (wanted.length === 0) return;
  const arns = wanted.map((s) => s.currentServiceDeploymentArn!);
  const byArn = new Map(
    (await gw.ecs.describeServiceDeployments(arns, opts)).map((d) => [d.arn, d]),
  );
  for (const s of wanted) {
    const sd = byArn.get(s.currentServiceDeploymentArn!);
    if (!sd) continue;
    const running = inProgressDeployment(s);
    const detector = sd.circuitBreaker?.status === 'TRIGGERED' || sd.alarms?.status === 'TRIGGERED';
    // stopped where it stood by a person (abort), not failed: the next deploy replaces it
    if (sd.status === 'STOPPED' && !detector) out.set(s.name, { label: 'stopped' });
    else if (running && sd.lifecycleHooks.some((h) => h.status === 'AWAITING_ACTION'))
      out.set(s.name, { label: PAUSED_LABEL, inProgress: running.id });
  }
}

async function codeDeployActivities(
  gw: AwsGateway,
  services: readonly Service[],
  out: Map<string, ServiceActivity>,
  opts: CallOptions,
): Promise<void> {
  const ids = new Map<string, string>();
  for (const s of services) {
    if (s.deploymentController !== 'CODE_DEPLOY') continue;
    const running = inProgressDeployment(s);
    if (running && /^d-/.test(running.id)) ids.set(s.name, running.id);
  }
  if (ids.size === 0) return;
  const found = await gw.codedeploy.batchGetDeployments([...new Set(ids.values())], opts);
  for (const [name, id] of ids) {
    const d = found.find((x) => x.id === id);
    if (d?.status === 'Ready') out.set(name, { label: PAUSED_LABEL, inProgress: id });
  }
}

/** The line of a canary plan still on its rule; a plan held by abort has stopped. */
export function canaryActivity(s: PlanState): ServiceActivity {
  const at =
    s.stepIndex >= 0
      ? `step ${s.stepIndex + 1}/${s.steps.length}, canary ${s.lastWritten.canary} %`
      : '';
  switch (s.status) {
    case 'paused':
      if (s.pause?.reason === 'abort')
        return { label: `canary stopped (held at ${s.lastWritten.canary} % by abort)` };
      return {
        label: `canary paused${s.pause?.reason === 'conflict' ? ' (weights changed by someone else)' : ''}${at ? ` at ${at}` : ''}`,
        inProgress: s.id,
      };
    case 'preparing':
      return { label: `canary preparing (deploying ${s.canaryService})`, inProgress: s.id };
    case 'running':
      return { label: `canary ${at}`, inProgress: s.id };
    case 'promoting':
      return { label: 'canary promoting', inProgress: s.id };
    default:
      return { label: `canary ${s.status}`, inProgress: s.id };
  }
}

function groupsOf(service: Service): string[] {
  return [
    ...new Set(service.loadBalancers.map((l) => l.targetGroupArn).filter((a): a is string => !!a)),
  ];
}

async function canaryActivities(
  gw: AwsGateway,
  cluster: string,
  services: readonly Service[],
  all: boolean,
  out: Map<string, ServiceActivity>,
  opts: CallOptions,
): Promise<void> {
  const candidate = (s: Service) =>
    s.deploymentController === 'ECS' && !nativeStrategyOfService(s) && groupsOf(s).length > 0;
  if (!all) {
    const [one] = services;
    if (!one || !candidate(one)) return;
    const found = await detectCanaryPair(gw, cluster, one.name, {}, opts);
    if (!found.ok) return;
    const tags = (await gw.elb.describeTags([found.pair.ruleArn], opts))[found.pair.ruleArn] ?? {};
    const plan = decodePlan(tags);
    if (isActivePlan(plan)) out.set(one.name, canaryActivity(plan.state));
    return;
  }
  const byName = new Map(services.filter(candidate).map((s) => [s.name, s]));
  const pairs = [...byName.values()]
    .filter((s) => byName.has(`${s.name}-canary`))
    .map((s) => ({ stable: s, canary: byName.get(`${s.name}-canary`)! }));
  if (pairs.length === 0) return;
  const rules = await rulesOfPairs(gw, pairs, opts);
  if (rules.size === 0) return;
  const tags = await gw.elb.describeTags([...rules.keys()], opts);
  for (const [ruleArn, stable] of rules) {
    const plan = decodePlan(tags[ruleArn] ?? {});
    if (isActivePlan(plan) && plan.state.stableService === stable)
      out.set(stable, canaryActivity(plan.state));
  }
}

/** Rules forwarding to both groups of a pair: rule ARN → the stable service's name. */
async function rulesOfPairs(
  gw: AwsGateway,
  pairs: { stable: Service; canary: Service }[],
  opts: CallOptions,
): Promise<Map<string, string>> {
  const arns = [...new Set(pairs.flatMap((p) => [...groupsOf(p.stable), ...groupsOf(p.canary)]))];
  const lbsOf = new Map<string, string[]>();
  for (let i = 0; i < arns.length; i += 20) {
    const groups = await gw.elb.describeTargetGroups({ arns: arns.slice(i, i + 20) }, opts);
    for (const g of groups) lbsOf.set(g.arn, g.loadBalancerArns);
  }
  const rulesOfLb = new Map<string, Promise<Rule[]>>();
  const readLb = (lb: string) => {
    let rules = rulesOfLb.get(lb);
    if (!rules) {
      rules = gw.elb
        .describeListeners({ loadBalancerArn: lb }, opts)
        .then(async (listeners) =>
          (
            await Promise.all(
              listeners.map((l) => gw.elb.describeRules({ listenerArn: l.arn }, opts)),
            )
          ).flat(),
        );
      rulesOfLb.set(lb, rules);
    }
    return rules;
  };
  const found = new Map<string, string>();
  for (const { stable, canary } of pairs) {
    const mine = groupsOf(stable);
    const theirs = groupsOf(canary);
    const lbs = new Set(mine.flatMap((g) => lbsOf.get(g) ?? []));
    const shared = [...new Set(theirs.flatMap((g) => lbsOf.get(g) ?? []))].filter((lb) =>
      lbs.has(lb),
    );
    for (const lb of shared) {
      for (const rule of await readLb(lb)) {
        const targets = forwardOf(rule)?.targetGroups.map((g) => g.targetGroupArn) ?? [];
        if (targets.some((t) => mine.includes(t)) && targets.some((t) => theirs.includes(t)))
          found.set(rule.arn, stable.name);
      }
    }
  }
  return found;
}
