import type { HandlerTable } from '../../core/types';
import {
  describeListeners,
  describeLoadBalancers,
  describeRules,
  describeTargetGroups,
} from './describe-handlers';
import {
  describeTargetGroupAttributes,
  modifyListener,
  modifyRule,
  modifyTargetGroupAttributes,
} from './modify-handlers';
import { addTags, describeTags, removeTags } from './tag-handlers';
import { deregisterTargets, describeTargetHealth, registerTargets } from './target-handlers';

/** elbv2 operations by name. */
export const elbv2Handlers: HandlerTable = {
  DescribeLoadBalancers: describeLoadBalancers,
  DescribeListeners: describeListeners,
  DescribeRules: describeRules,
  DescribeTargetGroups: describeTargetGroups,
  DescribeTargetHealth: describeTargetHealth,
  DescribeTargetGroupAttributes: describeTargetGroupAttributes,
  ModifyTargetGroupAttributes: modifyTargetGroupAttributes,
  ModifyRule: modifyRule,
  ModifyListener: modifyListener,
  AddTags: addTags,
  RemoveTags: removeTags,
  DescribeTags: describeTags,
  RegisterTargets: registerTargets,
  DeregisterTargets: deregisterTargets,
};
