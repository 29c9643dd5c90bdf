import { asList } from '../../core/input';
import type { RequestContext } from '../../core/types';
import {
  listenerNotFound,
  loadBalancerNotFound,
  ruleNotFound,
  targetGroupNotFound,
  validationError,
} from './errors';
import { elbState, getListener, getLoadBalancer, loadBalancerArnsOf } from './model';
import { page } from './paging';
import { renderListener, renderLoadBalancer, renderRule, renderTargetGroup } from './render';
import type { ElbState, TargetGroupRec } from './state';
import type { Obj } from './wire-members';

// DescribeLoadBalancers, DescribeListeners, DescribeRules, DescribeTargetGroups. A missing
// resource named in the request fails the whole call (aws-semantics E.1).

const strList = (v: unknown): string[] => asList<unknown>(v).map(String);

function pick<T>(arns: string[], map: Map<string, T>, missing: () => Error): T[] {
  return arns.map((arn) => {
    const item = map.get(arn);
    if (!item) throw missing();
    return item;
  });
}

export function describeLoadBalancers(input: Obj, ctx: RequestContext): unknown {
  const state = elbState(ctx.world, ctx.region);
  const arns = strList(input['LoadBalancerArns']);
  const names = strList(input['Names']);
  let lbs = [...state.loadBalancers.values()];
  if (arns.length > 0) lbs = pick(arns, state.loadBalancers, loadBalancerNotFound);
  else if (names.length > 0) {
    lbs = pick(
      names.map((n) => state.lbByName.get(n) ?? ''),
      state.loadBalancers,
      loadBalancerNotFound,
    );
  }
  const { items, NextMarker } = page(lbs, input);
  return { LoadBalancers: items.map(renderLoadBalancer), ...(NextMarker ? { NextMarker } : {}) };
}

export function describeListeners(input: Obj, ctx: RequestContext): unknown {
  const state = elbState(ctx.world, ctx.region);
  const arns = strList(input['ListenerArns']);
  const lbArn = typeof input['LoadBalancerArn'] === 'string' ? input['LoadBalancerArn'] : '';
  if (arns.length === 0 && lbArn === '') {
    throw validationError('You must specify either listener ARNs or a load balancer ARN');
  }
  if (arns.length > 0 && lbArn !== '') {
    throw validationError(
      'Listener ARNs and a load balancer ARN cannot be specified at the same time',
    );
  }
  const listeners =
    arns.length > 0
      ? pick(arns, state.listeners, listenerNotFound)
      : getLoadBalancer(state, lbArn).listenerArns.map((a) => getListener(state, a));
  const { items, NextMarker } = page(listeners, input);
  return {
    Listeners: items.map((l) => renderListener(state, l)),
    ...(NextMarker ? { NextMarker } : {}),
  };
}

export function describeRules(input: Obj, ctx: RequestContext): unknown {
  const state = elbState(ctx.world, ctx.region);
  const arns = strList(input['RuleArns']);
  const listenerArn = typeof input['ListenerArn'] === 'string' ? input['ListenerArn'] : '';
  if (arns.length === 0 && listenerArn === '') {
    throw validationError('You must specify either a listener or rules');
  }
  if (arns.length > 0 && listenerArn !== '') {
    throw validationError(
      'Listener rules ARNs and a listener ARN cannot be specified at the same time',
    );
  }
  let rules;
  if (arns.length > 0) rules = pick(arns, state.rules, ruleNotFound);
  else {
    const listener = getListener(state, listenerArn);
    // priority order, the default rule last, as AWS lists them
    rules = [...listener.ruleArns, listener.defaultRuleArn].map((a) => state.rules.get(a)!);
  }
  const { items, NextMarker } = page(rules, input);
  return { Rules: items.map(renderRule), ...(NextMarker ? { NextMarker } : {}) };
}

function targetGroupsOfLoadBalancer(state: ElbState, lbArn: string): TargetGroupRec[] {
  getLoadBalancer(state, lbArn);
  return [...state.targetGroups.values()].filter((tg) =>
    loadBalancerArnsOf(state, tg.arn).includes(lbArn),
  );
}

export function describeTargetGroups(input: Obj, ctx: RequestContext): unknown {
  const state = elbState(ctx.world, ctx.region);
  const arns = strList(input['TargetGroupArns']);
  const names = strList(input['Names']);
  const lbArn = typeof input['LoadBalancerArn'] === 'string' ? input['LoadBalancerArn'] : '';
  let groups: TargetGroupRec[];
  if (arns.length > 0) groups = pick(arns, state.targetGroups, () => targetGroupNotFound());
  else if (names.length > 0) {
    groups = pick(
      names.map((n) => state.tgByName.get(n) ?? ''),
      state.targetGroups,
      () => targetGroupNotFound(),
    );
  } else if (lbArn !== '') groups = targetGroupsOfLoadBalancer(state, lbArn);
  else groups = [...state.targetGroups.values()];
  const { items, NextMarker } = page(groups, input);
  return {
    TargetGroups: items.map((tg) => renderTargetGroup(state, tg)),
    ...(NextMarker ? { NextMarker } : {}),
  };
}
