import { SimError } from '../../core/errors';
import { asList } from '../../core/input';
import { constraintError, targetGroupNotFound, validationError } from './errors';
import { CONFIG_MEMBER, parseConfigured, renderConfig } from './action-configs';
import type { ActionRec, ActionType, WeightedTargetGroup } from './state';
import { boolMember, intMember, isObj, type Obj, text } from './wire-members';

// Reads Actions / DefaultActions from a decoded awsQuery request and checks them the way ALB
// does (aws-semantics E.1, E.2). Path strings in messages follow AWS ("actions.1.member.type").

const ACTION_TYPES: readonly ActionType[] = [
  'forward',
  'authenticate-oidc',
  'authenticate-cognito',
  'redirect',
  'fixed-response',
  'jwt-validation',
];
const ROUTING: ReadonlySet<ActionType> = new Set(['forward', 'redirect', 'fixed-response']);
export const MAX_TARGET_GROUPS_PER_FORWARD = 5;

export interface ParseActionsContext {
  /** `actions` for rules, `defaultActions` for listeners. */
  path: string;
  protocol: 'HTTP' | 'HTTPS';
  targetGroupExists(arn: string): boolean;
  /** The actions being replaced, to keep an OIDC client secret under UseExistingClientSecret. */
  previous: readonly ActionRec[];
}

function parseForward(raw: Obj, path: string, ctx: ParseActionsContext): Partial<ActionRec> {
  const single =
    typeof raw['TargetGroupArn'] === 'string' && raw['TargetGroupArn'] !== ''
      ? raw['TargetGroupArn']
      : undefined;
  const config = isObj(raw['ForwardConfig']) ? raw['ForwardConfig'] : undefined;
  const tuples = asList<unknown>(config?.['TargetGroups']);
  if (!single && tuples.length === 0) {
    throw validationError(
      `${path}: a forward action needs TargetGroupArn or ForwardConfig.TargetGroups`,
    );
  }
  const groupsPath = `${path}.forwardConfig.targetGroups`;
  if (tuples.length > MAX_TARGET_GROUPS_PER_FORWARD) {
    throw constraintError(
      `[${tuples.length} target groups]`,
      groupsPath,
      `Member must have length less than or equal to ${MAX_TARGET_GROUPS_PER_FORWARD}`,
    );
  }
  const groups: WeightedTargetGroup[] = tuples.map((t, j) => {
    const tuple = isObj(t) ? t : {};
    const arn = tuple['TargetGroupArn'];
    if (typeof arn !== 'string' || arn === '') {
      throw validationError(`${groupsPath}.${j + 1}.member.targetGroupArn is required`);
    }
    const weight =
      tuple['Weight'] === undefined
        ? 1
        : intMember(tuple['Weight'], `${groupsPath}.${j + 1}.member.weight`, 0, 999);
    return { targetGroupArn: arn, weight };
  });
  const seen = new Set<string>();
  for (const g of groups) {
    if (seen.has(g.targetGroupArn)) {
      throw validationError(
        `target group '${g.targetGroupArn}' appears more than once in ${groupsPath}`,
      );
    }
    seen.add(g.targetGroupArn);
  }
  if (
    single &&
    groups.length > 0 &&
    (groups.length !== 1 || groups[0]!.targetGroupArn !== single)
  ) {
    throw new SimError(
      'InvalidLoadBalancerAction',
      'when TargetGroupArn and ForwardConfig are both given, ForwardConfig may hold only that target group',
    );
  }
  const targetGroups = groups.length > 0 ? groups : [{ targetGroupArn: single!, weight: 1 }];
  for (const g of targetGroups) {
    if (!ctx.targetGroupExists(g.targetGroupArn)) throw targetGroupNotFound(g.targetGroupArn);
  }
  const sticky = isObj(config?.['TargetGroupStickinessConfig'])
    ? config['TargetGroupStickinessConfig']
    : undefined;
  const stickiness: ActionRec['stickiness'] = { enabled: false };
  if (sticky) {
    const stickyPath = `${path}.forwardConfig.targetGroupStickinessConfig`;
    stickiness.enabled =
      sticky['Enabled'] === undefined
        ? false
        : boolMember(sticky['Enabled'], `${stickyPath}.enabled`);
    if (sticky['DurationSeconds'] !== undefined && sticky['DurationSeconds'] !== '') {
      stickiness.durationSeconds = intMember(
        sticky['DurationSeconds'],
        `${stickyPath}.durationSeconds`,
        1,
        604800,
      );
    } else if (stickiness.enabled) {
      throw validationError(`${stickyPath}.durationSeconds is required when stickiness is enabled`);
    }
  }
  return { targetGroups, stickiness };
}

/**
 * Parses and validates a whole Actions list. Throws ValidationError for constraint and enum
 * violations, TargetGroupNotFound for unknown groups, InvalidLoadBalancerAction for bad
 * combinations (no or several routing actions, routing action not last, auth on HTTP).
 */
export function parseActions(value: unknown, ctx: ParseActionsContext): ActionRec[] {
  const items = asList<unknown>(value);
  if (items.length === 0) throw validationError(`${ctx.path} must contain at least one action`);
  const actions = items.map((item, i): ActionRec => {
    const raw = isObj(item) ? item : {};
    const path = `${ctx.path}.${i + 1}.member`;
    const type = raw['Type'];
    if (typeof type !== 'string' || !(ACTION_TYPES as readonly string[]).includes(type)) {
      throw constraintError(
        text(type),
        `${path}.type`,
        `Member must satisfy enum value set: [${ACTION_TYPES.join(', ')}]`,
      );
    }
    const t = type as ActionType;
    const action: ActionRec = { type: t };
    if (raw['Order'] !== undefined && raw['Order'] !== '')
      action.order = intMember(raw['Order'], `${path}.order`, 1, 50000);
    Object.assign(
      action,
      t === 'forward' ? parseForward(raw, path, ctx) : parseConfigured(t, raw, path, ctx),
    );
    return action;
  });
  return checkRouting(actions);
}

/** Exactly one routing action, and it runs last; several actions each need a distinct Order. */
function checkRouting(actions: ActionRec[]): ActionRec[] {
  if (actions.length > 1) {
    const orders = actions.map((a) => a.order);
    if (orders.some((o) => o === undefined)) {
      throw new SimError(
        'InvalidLoadBalancerAction',
        'every action needs an Order when a rule has more than one action',
      );
    }
    if (new Set(orders).size !== orders.length) {
      throw new SimError(
        'InvalidLoadBalancerAction',
        `action orders must be unique, got [${orders.join(', ')}]`,
      );
    }
  }
  const sorted = actions.length > 1 ? [...actions].sort((a, b) => a.order! - b.order!) : actions;
  const routing = sorted.filter((a) => ROUTING.has(a.type));
  if (routing.length !== 1) {
    throw new SimError(
      'InvalidLoadBalancerAction',
      `a rule needs exactly one forward, redirect or fixed-response action, got ${routing.length}`,
    );
  }
  if (!ROUTING.has(sorted[sorted.length - 1]!.type)) {
    throw new SimError(
      'InvalidLoadBalancerAction',
      `the ${routing[0]!.type} action must be the last action (highest Order)`,
    );
  }
  return sorted;
}

/** The action as DescribeRules shows it: a single-TG forward carries both forms (E.1). */
export function renderAction(action: ActionRec): Record<string, unknown> {
  const out: Record<string, unknown> = { Type: action.type };
  if (action.type === 'forward' && action.targetGroups) {
    if (action.targetGroups.length === 1)
      out['TargetGroupArn'] = action.targetGroups[0]!.targetGroupArn;
    const sticky = action.stickiness ?? { enabled: false };
    out['ForwardConfig'] = {
      TargetGroups: action.targetGroups.map((g) => ({
        TargetGroupArn: g.targetGroupArn,
        Weight: g.weight,
      })),
      TargetGroupStickinessConfig: sticky.enabled
        ? { Enabled: true, DurationSeconds: sticky.durationSeconds }
        : { Enabled: false },
    };
  }
  if (action.config) {
    const member = CONFIG_MEMBER[action.type];
    out[member] = renderConfig(action.config);
  }
  if (action.order !== undefined) out['Order'] = action.order;
  return out;
}

/** The routing forward action of a rule, if it forwards. */
export function forwardAction(actions: readonly ActionRec[]): ActionRec | undefined {
  return actions.find((a) => a.type === 'forward');
}
