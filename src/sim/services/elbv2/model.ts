import { SimError } from '../../core/errors';
import type { World } from '../../world/world';
import * as arns from './arns';
import {
  listenerNotFound,
  loadBalancerNotFound,
  ruleNotFound,
  targetGroupNotFound,
} from './errors';
import type {
  ActionRec,
  ConditionRec,
  ElbState,
  ListenerRec,
  LoadBalancerRec,
  RuleRec,
  TargetGroupRec,
} from './state';

// Creating and looking up ELBv2 resources. Handlers, builders and engines all go through
// here, so the indexes (names, target group -> rules) stay right.

export function elbState(world: World, region: string): ElbState {
  return world.region(region).elbv2;
}

export function getLoadBalancer(state: ElbState, arn: string): LoadBalancerRec {
  const lb = state.loadBalancers.get(arn);
  if (!lb) throw loadBalancerNotFound();
  return lb;
}

export function getListener(state: ElbState, arn: string): ListenerRec {
  const l = state.listeners.get(arn);
  if (!l) throw listenerNotFound();
  return l;
}

export function getRule(state: ElbState, arn: string): RuleRec {
  const r = state.rules.get(arn);
  if (!r) throw ruleNotFound();
  return r;
}

export function getTargetGroup(state: ElbState, arn: string): TargetGroupRec {
  const tg = state.targetGroups.get(arn);
  if (!tg) throw targetGroupNotFound();
  return tg;
}

/** The load balancers whose rules forward to this group (TargetGroup.LoadBalancerArns). */
export function loadBalancerArnsOf(state: ElbState, targetGroupArn: string): string[] {
  const out = new Set<string>();
  for (const ruleArn of state.rulesByTargetGroup.get(targetGroupArn) ?? []) {
    const rule = state.rules.get(ruleArn);
    const listener = rule && state.listeners.get(rule.listenerArn);
    if (listener) out.add(listener.loadBalancerArn);
  }
  return [...out];
}

/** Replaces a rule's actions and keeps the target group -> rules index in step. */
export function setRuleActions(state: ElbState, rule: RuleRec, actions: ActionRec[]): void {
  for (const a of rule.actions) {
    for (const g of a.targetGroups ?? [])
      state.rulesByTargetGroup.get(g.targetGroupArn)?.delete(rule.arn);
  }
  rule.actions = actions;
  for (const a of actions) {
    for (const g of a.targetGroups ?? []) {
      let set = state.rulesByTargetGroup.get(g.targetGroupArn);
      if (!set) state.rulesByTargetGroup.set(g.targetGroupArn, (set = new Set()));
      set.add(rule.arn);
    }
  }
}

export interface LoadBalancerSpec {
  name: string;
  scheme?: 'internet-facing' | 'internal';
  vpcId?: string;
  /** Zone letters or names; default a, b, c of the region. */
  availabilityZones?: string[];
  securityGroups?: string[];
}

export function createLoadBalancer(
  world: World,
  region: string,
  spec: LoadBalancerSpec,
): LoadBalancerRec {
  const state = elbState(world, region);
  if (
    !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(spec.name) ||
    spec.name.startsWith('internal-')
  ) {
    throw new SimError(
      'ValidationError',
      `load balancer name '${spec.name}' must be 1-32 letters, digits or hyphens, not starting or ending with a hyphen`,
    );
  }
  if (state.lbByName.has(spec.name)) {
    throw new SimError(
      'DuplicateLoadBalancerName',
      `A load balancer with the name '${spec.name}' already exists`,
    );
  }
  const scheme = spec.scheme ?? 'internet-facing';
  const zones = (spec.availabilityZones ?? ['a', 'b', 'c']).map((z) =>
    z.length === 1 ? `${region}${z}` : z,
  );
  const lb: LoadBalancerRec = {
    arn: arns.loadBalancerArn(region, world.accountId, spec.name, world.rng),
    name: spec.name,
    dnsName: arns.dnsName(spec.name, region, scheme, world.rng),
    canonicalHostedZoneId: arns.canonicalHostedZoneId(region),
    createdAt: world.now,
    scheme,
    vpcId: spec.vpcId ?? 'vpc-0a1b2c3d4e5f60789',
    state: 'active',
    availabilityZones: zones.map((zoneName) => ({
      zoneName,
      subnetId: `subnet-0${world.rng.hex(16)}`,
    })),
    securityGroups: spec.securityGroups ?? [`sg-0${world.rng.hex(16)}`],
    ipAddressType: 'ipv4',
    listenerArns: [],
  };
  state.loadBalancers.set(lb.arn, lb);
  state.lbByName.set(lb.name, lb.arn);
  return lb;
}

export interface ListenerSpec {
  loadBalancerArn: string;
  port: number;
  protocol: 'HTTP' | 'HTTPS';
  certificateArns?: string[];
  sslPolicy?: string;
  defaultActions: ActionRec[];
}

export function createListener(world: World, region: string, spec: ListenerSpec): ListenerRec {
  const state = elbState(world, region);
  const lb = getLoadBalancer(state, spec.loadBalancerArn);
  if (lb.listenerArns.some((a) => state.listeners.get(a)?.port === spec.port)) {
    throw new SimError(
      'DuplicateListener',
      'A listener already exists on this port for this load balancer',
    );
  }
  const arn = arns.listenerArn(lb.arn, world.rng);
  const defaultRule: RuleRec = {
    arn: arns.ruleArn(arn, world.rng),
    listenerArn: arn,
    priority: 'default',
    conditions: [],
    actions: [],
  };
  const listener: ListenerRec = {
    arn,
    loadBalancerArn: lb.arn,
    port: spec.port,
    protocol: spec.protocol,
    certificates: spec.certificateArns ?? [],
    ...(spec.protocol === 'HTTPS'
      ? { sslPolicy: spec.sslPolicy ?? 'ELBSecurityPolicy-2016-08' }
      : {}),
    defaultRuleArn: defaultRule.arn,
    ruleArns: [],
  };
  state.listeners.set(arn, listener);
  state.rules.set(defaultRule.arn, defaultRule);
  setRuleActions(state, defaultRule, spec.defaultActions);
  lb.listenerArns.push(arn);
  return listener;
}

export interface RuleSpec {
  listenerArn: string;
  priority: number;
  conditions: ConditionRec[];
  actions: ActionRec[];
}

export function createRule(world: World, region: string, spec: RuleSpec): RuleRec {
  const state = elbState(world, region);
  const listener = getListener(state, spec.listenerArn);
  if (!Number.isInteger(spec.priority) || spec.priority < 1 || spec.priority > 50000) {
    throw new SimError(
      'ValidationError',
      `rule priority must be a whole number from 1 to 50000, got ${spec.priority}`,
    );
  }
  if (listener.ruleArns.some((a) => state.rules.get(a)?.priority === spec.priority)) {
    throw new SimError('PriorityInUse', `Priority '${spec.priority}' is currently in use`);
  }
  const rule: RuleRec = {
    arn: arns.ruleArn(listener.arn, world.rng),
    listenerArn: listener.arn,
    priority: spec.priority,
    conditions: spec.conditions,
    actions: [],
  };
  state.rules.set(rule.arn, rule);
  setRuleActions(state, rule, spec.actions);
  listener.ruleArns.push(rule.arn);
  const prio = (a: string) => state.rules.get(a)?.priority as number;
  listener.ruleArns.sort((a, b) => prio(a) - prio(b));
  return rule;
}
