import { SimError } from '../../core/errors';
import { asList } from '../../core/input';
import type { RequestContext } from '../../core/types';
import { resourceKind } from './arns';
import {
  constraintError,
  listenerNotFound,
  loadBalancerNotFound,
  ruleNotFound,
  targetGroupNotFound,
  validationError,
} from './errors';
import { elbState } from './model';
import { renderTags } from './render';
import type { ElbState } from './state';
import { isObj, type Obj } from './wire-members';

// AddTags, RemoveTags, DescribeTags. An unknown resource answers with the NotFound code of
// its kind (a target group ARN gets TargetGroupNotFound, and so on).

const MAX_RESOURCES = 20;
const MAX_TAGS = 50;

function resourceArns(input: Obj): string[] {
  const arns = asList<unknown>(input['ResourceArns']).map(String);
  if (arns.length === 0) throw validationError('ResourceArns must contain at least one ARN');
  if (arns.length > MAX_RESOURCES) {
    throw constraintError(
      `[${arns.length} ARNs]`,
      'resourceArns',
      `Member must have length less than or equal to ${MAX_RESOURCES}`,
    );
  }
  return arns;
}

function checkExists(state: ElbState, arn: string): void {
  switch (resourceKind(arn)) {
    case 'loadbalancer':
      if (!state.loadBalancers.has(arn)) throw loadBalancerNotFound();
      return;
    case 'listener':
      if (!state.listeners.has(arn)) throw listenerNotFound();
      return;
    case 'listener-rule':
      if (!state.rules.has(arn)) throw ruleNotFound();
      return;
    case 'targetgroup':
      if (!state.targetGroups.has(arn)) throw targetGroupNotFound();
      return;
    case undefined:
      throw validationError(
        `'${arn}' is not a valid load balancer, listener, rule or target group ARN`,
      );
  }
}

export function describeTags(input: Obj, ctx: RequestContext): unknown {
  const state = elbState(ctx.world, ctx.region);
  const arns = resourceArns(input);
  for (const arn of arns) checkExists(state, arn);
  return {
    TagDescriptions: arns.map((arn) => ({
      ResourceArn: arn,
      Tags: renderTags(state.tags.get(arn)),
    })),
  };
}

export function addTags(input: Obj, ctx: RequestContext): unknown {
  const state = elbState(ctx.world, ctx.region);
  const arns = resourceArns(input);
  const tags = asList<unknown>(input['Tags']).map((t, i) => {
    const tag = isObj(t) ? t : {};
    const key = tag['Key'];
    if (typeof key !== 'string' || key === '')
      throw validationError(`tags.${i + 1}.member.key is required`);
    return [key, typeof tag['Value'] === 'string' ? tag['Value'] : ''] as const;
  });
  if (tags.length === 0) throw validationError('Tags must contain at least one tag');
  const keys = new Set<string>();
  for (const [k] of tags) {
    if (keys.has(k))
      throw new SimError('DuplicateTagKeys', `Tag key was specified more than once: ${k}`);
    keys.add(k);
  }
  for (const arn of arns) {
    checkExists(state, arn);
    const merged = new Map<string, string>(state.tags.get(arn));
    for (const [k, v] of tags) merged.set(k, v);
    if (merged.size > MAX_TAGS) {
      throw new SimError(
        'TooManyTags',
        `The quota of ${MAX_TAGS} tags for resource '${arn}' has been reached`,
      );
    }
  }
  for (const arn of arns) {
    let current = state.tags.get(arn);
    if (!current) state.tags.set(arn, (current = new Map<string, string>()));
    for (const [k, v] of tags) current.set(k, v);
  }
  return {};
}

export function removeTags(input: Obj, ctx: RequestContext): unknown {
  const state = elbState(ctx.world, ctx.region);
  const arns = resourceArns(input);
  const keys = asList<unknown>(input['TagKeys']).map(String);
  for (const arn of arns) checkExists(state, arn);
  for (const arn of arns) for (const k of keys) state.tags.get(arn)?.delete(k);
  return {};
}
