import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { Rule, Service, TargetGroup } from '../../aws/types';
import type { CanaryPairRef } from '../strategy-fit';
import {
  describeRule,
  forwardOf,
  listenerOfRule,
  loadBalancerOfListener,
  targetGroupName,
} from './rule-weights';

/** A canary pair with everything the plan needs: both services' groups and the shared rule. */
export interface CanaryPair {
  cluster: string;
  stableService: string;
  canaryService: string;
  ruleArn: string;
  listenerArn: string;
  loadBalancerArn: string;
  stableTargetGroup: TargetGroup;
  canaryTargetGroup: TargetGroup;
  /** The rule as read during detection. */
  rule: Rule;
}

export type PairDetection = { ok: true; pair: CanaryPair } | { ok: false; reason: string };

export interface PairHints {
  canaryService?: string;
  ruleArn?: string;
}

// Scanning a whole cluster for the service behind a target group costs one DescribeServices per
// 10 services; past this size the pair must be named (x / x-canary, or canaryService).
const SCAN_LIMIT = 200;
const CACHE_MS = 60_000;

type CacheEntry = { at: number; value: PairDetection };
const CACHE = new WeakMap<AwsGateway, Map<string, CacheEntry>>();

/**
 * The canary pair of a service for the wizard's fit check, or undefined. Found from the
 * listener rules forwarding to the service's target group; cached for a minute per gateway.
 */
export async function findCanaryPair(
  gw: AwsGateway,
  cluster: string,
  service: string,
  opts: CallOptions & { now?: () => Date } = {},
): Promise<CanaryPairRef | undefined> {
  const found = await detectCanaryPair(gw, cluster, service, {}, opts);
  if (!found.ok) return undefined;
  const { stableService, canaryService, ruleArn } = found.pair;
  return { stableService, canaryService, ruleArn };
}

/** Drops cached detections (after a plan changed the rule, or on refresh). */
export function clearCanaryPairCache(gw: AwsGateway): void {
  CACHE.delete(gw);
}

/**
 * Finds the pair, or says exactly why there is none (a rule forwarding to one group, a
 * partner that is no ECS service, ...). `hints` name the canary service or the rule explicitly.
 */
export async function detectCanaryPair(
  gw: AwsGateway,
  cluster: string,
  service: string,
  hints: PairHints = {},
  opts: CallOptions & { now?: () => Date; fresh?: boolean } = {},
): Promise<PairDetection> {
  const now = (opts.now?.() ?? new Date()).getTime();
  const cacheKey = JSON.stringify([cluster, service, hints.canaryService, hints.ruleArn]);
  let cache = CACHE.get(gw);
  const hit = opts.fresh ? undefined : cache?.get(cacheKey);
  if (hit && now - hit.at < CACHE_MS) return hit.value;
  const value = await detect(
    gw,
    cluster,
    service,
    hints,
    opts.signal ? { signal: opts.signal } : {},
  );
  if (!cache) CACHE.set(gw, (cache = new Map<string, CacheEntry>()));
  cache.set(cacheKey, { at: now, value });
  return value;
}

async function detect(
  gw: AwsGateway,
  cluster: string,
  serviceName: string,
  hints: PairHints,
  opts: CallOptions,
): Promise<PairDetection> {
  const { services } = await gw.ecs.describeServices(cluster, [serviceName], opts);
  const service = services[0];
  if (!service)
    return { ok: false, reason: `service "${serviceName}" not found in cluster "${cluster}"` };
  const ownGroups = serviceTargetGroups(service);
  if (ownGroups.length === 0) {
    return {
      ok: false,
      reason: `service "${serviceName}" has no load balancer target group, so no listener rule can weigh it against a canary`,
    };
  }

  const rules = hints.ruleArn
    ? await gw.elb.describeRules({ ruleArns: [hints.ruleArn] }, opts)
    : await rulesForwardingTo(gw, ownGroups, opts);
  const candidates = rules.filter((r) =>
    forwardOf(r)?.targetGroups.some((g) => ownGroups.includes(g.targetGroupArn)),
  );
  if (candidates.length === 0) {
    return {
      ok: false,
      reason: hints.ruleArn
        ? `rule ${hints.ruleArn} does not forward to a target group of "${serviceName}"`
        : `no listener rule forwards to the target group of "${serviceName}"`,
    };
  }

  const problems: string[] = [];
  // rules whose partner can be named (x / x-canary) first: they are the likely pair
  for (const rule of candidates) {
    const groups = forwardOf(rule)!.targetGroups;
    if (groups.length !== 2) {
      const names = groups.map((g) => targetGroupName(g.targetGroupArn)).join(', ');
      problems.push(
        groups.length === 1
          ? `${describeRule(rule)} forwards to one target group only (${names}): an ALB canary needs a rule that forwards to two, the stable's and the canary's`
          : `${describeRule(rule)} forwards to ${groups.length} target groups (${names}): an ALB canary needs exactly two`,
      );
      continue;
    }
    const ownArn = groups.find((g) => ownGroups.includes(g.targetGroupArn))!.targetGroupArn;
    const otherArn = groups.find((g) => g.targetGroupArn !== ownArn)?.targetGroupArn;
    if (!otherArn) {
      problems.push(`${describeRule(rule)} forwards to the same target group twice`);
      continue;
    }
    const partner = await findPartner(gw, cluster, service, otherArn, hints, opts);
    if (!partner.ok) {
      problems.push(`${describeRule(rule)}: ${partner.reason}`);
      continue;
    }
    const owner = nativeOwner([service, partner.service], rule.arn);
    if (owner) {
      problems.push(
        `${describeRule(rule)} is the production rule of ECS blue/green service "${owner}": ECS moves its weights, so a client-driven canary must not`,
      );
      continue;
    }
    const roles = decideRoles(service, partner.service, rule, ownArn, otherArn, hints);
    const tgs = await gw.elb.describeTargetGroups({ arns: [ownArn, otherArn] }, opts);
    const tgOf = (arn: string) => tgs.find((t) => t.arn === arn);
    const stableTg = tgOf(roles.stableTg);
    const canaryTg = tgOf(roles.canaryTg);
    if (!stableTg || !canaryTg) {
      problems.push(`${describeRule(rule)}: its target groups could not be read`);
      continue;
    }
    const listenerArn = listenerOfRule(rule.arn);
    return {
      ok: true,
      pair: {
        cluster,
        stableService: roles.stable,
        canaryService: roles.canary,
        ruleArn: rule.arn,
        listenerArn,
        loadBalancerArn: loadBalancerOfListener(listenerArn),
        stableTargetGroup: stableTg,
        canaryTargetGroup: canaryTg,
        rule,
      },
    };
  }
  return { ok: false, reason: problems.join('; ') };
}

export function serviceTargetGroups(service: Service): string[] {
  return [
    ...new Set(service.loadBalancers.map((l) => l.targetGroupArn).filter((a): a is string => !!a)),
  ];
}

async function rulesForwardingTo(
  gw: AwsGateway,
  targetGroupArns: string[],
  opts: CallOptions,
): Promise<Rule[]> {
  const groups = await gw.elb.describeTargetGroups({ arns: targetGroupArns }, opts);
  const lbs = [...new Set(groups.flatMap((g) => g.loadBalancerArns))];
  const rules: Rule[] = [];
  for (const lb of lbs) {
    const listeners = await gw.elb.describeListeners({ loadBalancerArn: lb }, opts);
    for (const l of listeners)
      rules.push(...(await gw.elb.describeRules({ listenerArn: l.arn }, opts)));
  }
  return rules;
}

/** The ECS service of the same cluster behind `targetGroupArn`. */
async function findPartner(
  gw: AwsGateway,
  cluster: string,
  service: Service,
  targetGroupArn: string,
  hints: PairHints,
  opts: CallOptions,
): Promise<{ ok: true; service: Service } | { ok: false; reason: string }> {
  const behind = (s: Service) => serviceTargetGroups(s).includes(targetGroupArn);
  const tgName = targetGroupName(targetGroupArn);
  // a hint naming this very service says which role it has, not who its partner is
  if (hints.canaryService && hints.canaryService !== service.name) {
    const { services } = await gw.ecs.describeServices(cluster, [hints.canaryService], opts);
    const named = services[0];
    if (!named)
      return {
        ok: false,
        reason: `canary service "${hints.canaryService}" not found in cluster "${cluster}"`,
      };
    if (!behind(named))
      return { ok: false, reason: `service "${named.name}" is not behind target group ${tgName}` };
    return { ok: true, service: named };
  }
  const names = relatedNames(service.name);
  if (names.length > 0) {
    const { services } = await gw.ecs.describeServices(cluster, names, opts);
    const byName = services.find(behind);
    if (byName) return { ok: true, service: byName };
  }
  const arns = await gw.ecs.listServiceArns(cluster, opts);
  if (arns.length > SCAN_LIMIT) {
    return {
      ok: false,
      reason: `cluster "${cluster}" has ${arns.length} services; name the canary service (canaryService) to pair it with ${tgName}`,
    };
  }
  const others = arns.filter(
    (a) => !a.endsWith(`/${service.name}`) && !names.some((n) => a.endsWith(`/${n}`)),
  );
  const { services } = await gw.ecs.describeServices(cluster, others, opts);
  const found = services.find(behind);
  return found
    ? { ok: true, service: found }
    : {
        ok: false,
        reason: `its other target group ${tgName} belongs to no ECS service of cluster "${cluster}"`,
      };
}

/** `x` ↔ `x-canary`: the naming that says which one is the canary. */
function relatedNames(name: string): string[] {
  return name.endsWith('-canary') ? [name.slice(0, -'-canary'.length)] : [`${name}-canary`];
}

function decideRoles(
  own: Service,
  partner: Service,
  rule: Rule,
  ownTg: string,
  otherTg: string,
  hints: PairHints,
): { stable: string; canary: string; stableTg: string; canaryTg: string } {
  const ownIsStable = {
    stable: own.name,
    canary: partner.name,
    stableTg: ownTg,
    canaryTg: otherTg,
  };
  const partnerIsStable = {
    stable: partner.name,
    canary: own.name,
    stableTg: otherTg,
    canaryTg: ownTg,
  };
  if (hints.canaryService === partner.name) return ownIsStable;
  if (hints.canaryService === own.name) return partnerIsStable;
  if (partner.name === `${own.name}-canary`) return ownIsStable;
  if (own.name === `${partner.name}-canary`) return partnerIsStable;
  // no name relation: the group taking the traffic now is the stable one
  const weight = (arn: string) =>
    forwardOf(rule)?.targetGroups.find((g) => g.targetGroupArn === arn)?.weight ?? 0;
  return weight(otherTg) > weight(ownTg) ? partnerIsStable : ownIsStable;
}

function nativeOwner(services: Service[], ruleArn: string): string | undefined {
  return services.find((s) =>
    s.loadBalancers.some(
      (l) =>
        l.advanced?.productionListenerRule === ruleArn || l.advanced?.testListenerRule === ruleArn,
    ),
  )?.name;
}
