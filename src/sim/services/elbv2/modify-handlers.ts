import { SimError } from '../../core/errors';
import { asList, reqString } from '../../core/input';
import type { RequestContext } from '../../core/types';
import { parseActions } from './actions';
import { parseConditions } from './conditions';
import { validationError } from './errors';
import { elbState, getListener, getRule, getTargetGroup, setRuleActions } from './model';
import { renderListener, renderRule } from './render';
import { intMember, isObj, text, type Obj } from './wire-members';

// ModifyRule and ModifyListener replace whole lists: Actions / DefaultActions and Conditions
// are swapped for what the request carries, and anything left out stays (aws-semantics E.2).

export function modifyRule(input: Obj, ctx: RequestContext): unknown {
  const state = elbState(ctx.world, ctx.region);
  const rule = getRule(state, reqString(input, 'RuleArn'));
  const hasActions = input['Actions'] !== undefined;
  const hasConditions = input['Conditions'] !== undefined;
  if (!hasActions && !hasConditions) {
    throw validationError('Either conditions or actions must be specified');
  }
  const listener = getListener(state, rule.listenerArn);
  // validate everything before changing anything
  const actions = hasActions
    ? parseActions(input['Actions'], {
        path: 'actions',
        protocol: listener.protocol,
        targetGroupExists: (arn: string) => state.targetGroups.has(arn),
        previous: rule.actions,
      })
    : undefined;
  let conditions;
  if (hasConditions) {
    conditions = parseConditions(input['Conditions']);
    if (rule.priority === 'default' && conditions.length > 0) {
      throw new SimError(
        'OperationNotPermitted',
        'The conditions of a default rule cannot be modified',
      );
    }
    if (rule.priority !== 'default' && conditions.length === 0) {
      throw validationError('A rule that is not the default rule needs at least one condition');
    }
  }
  if (actions) setRuleActions(state, rule, actions);
  if (conditions) rule.conditions = conditions;
  return { Rules: [renderRule(rule)] };
}

export function modifyListener(input: Obj, ctx: RequestContext): unknown {
  const state = elbState(ctx.world, ctx.region);
  const listener = getListener(state, reqString(input, 'ListenerArn'));
  const lb = state.loadBalancers.get(listener.loadBalancerArn)!;
  let port = listener.port;
  if (input['Port'] !== undefined && input['Port'] !== '') {
    port = intMember(input['Port'], 'port', 1, 65535);
    if (
      port !== listener.port &&
      lb.listenerArns.some((a) => state.listeners.get(a)?.port === port)
    ) {
      throw new SimError(
        'DuplicateListener',
        'A listener already exists on this port for this load balancer',
      );
    }
  }
  let protocol = listener.protocol;
  if (typeof input['Protocol'] === 'string' && input['Protocol'] !== '') {
    const p = input['Protocol'];
    if (p !== 'HTTP' && p !== 'HTTPS') {
      throw new SimError(
        'UnsupportedProtocol',
        `protocol '${p}' is not supported by application load balancers; use HTTP or HTTPS`,
      );
    }
    protocol = p;
  }
  const certificates =
    input['Certificates'] === undefined
      ? listener.certificates
      : asList<unknown>(input['Certificates']).map((c) =>
          text(isObj(c) ? c['CertificateArn'] : ''),
        );
  if (protocol === 'HTTPS' && certificates.length === 0) {
    throw validationError('an HTTPS listener needs a certificate; pass Certificates');
  }
  const defaultRule = getRule(state, listener.defaultRuleArn);
  const actions =
    input['DefaultActions'] === undefined
      ? undefined
      : parseActions(input['DefaultActions'], {
          path: 'defaultActions',
          protocol,
          targetGroupExists: (arn: string) => state.targetGroups.has(arn),
          previous: defaultRule.actions,
        });
  listener.port = port;
  listener.protocol = protocol;
  listener.certificates = certificates;
  if (protocol === 'HTTPS')
    listener.sslPolicy =
      typeof input['SslPolicy'] === 'string' && input['SslPolicy'] !== ''
        ? input['SslPolicy']
        : (listener.sslPolicy ?? 'ELBSecurityPolicy-2016-08');
  else delete listener.sslPolicy;
  // the default rule holds the DefaultActions, so DescribeRules shows the change too
  if (actions) setRuleActions(state, defaultRule, actions);
  return { Listeners: [renderListener(state, listener)] };
}

export function describeTargetGroupAttributes(input: Obj, ctx: RequestContext): unknown {
  const tg = getTargetGroup(elbState(ctx.world, ctx.region), reqString(input, 'TargetGroupArn'));
  return { Attributes: [...tg.attributes].map(([Key, Value]) => ({ Key, Value })) };
}

const ATTRIBUTE_RANGES: Readonly<Record<string, [number, number]>> = {
  'deregistration_delay.timeout_seconds': [0, 3600],
  'slow_start.duration_seconds': [0, 900],
  'stickiness.lb_cookie.duration_seconds': [1, 604800],
  'stickiness.app_cookie.duration_seconds': [1, 604800],
};

export function modifyTargetGroupAttributes(input: Obj, ctx: RequestContext): unknown {
  const tg = getTargetGroup(elbState(ctx.world, ctx.region), reqString(input, 'TargetGroupArn'));
  const changes = asList<unknown>(input['Attributes']).map((a, i) => {
    const attr = isObj(a) ? a : {};
    const key = text(attr['Key']);
    const value = text(attr['Value']);
    if (!tg.attributes.has(key)) {
      throw validationError(
        `attribute '${key}' is not a target group attribute this simulator knows; known: ${[...tg.attributes.keys()].join(', ')}`,
      );
    }
    const range = ATTRIBUTE_RANGES[key];
    if (range) intMember(value, `attributes.${i + 1}.member.value`, range[0], range[1]);
    return [key, value] as const;
  });
  for (const [k, v] of changes) tg.attributes.set(k, v);
  return { Attributes: [...tg.attributes].map(([Key, Value]) => ({ Key, Value })) };
}
