import {
  AddTagsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ModifyRuleCommand,
  RemoveTagsCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { BugError } from '../../errors';
import type { ElbGateway } from '../gateway';
import {
  mapListener,
  mapLoadBalancer,
  mapRule,
  mapTargetGroup,
  mapTargetHealth,
  toSdkAction,
} from './map-elb';
import { chunk, collectPages, mapLimit } from './paging';
import { abortable } from './send';

/** ELBv2 pages go up to 400; load balancer names/ARNs and tag lookups take 20 at a time. */
const PAGE = 400;
const LB_BATCH = 20;
const TAGS_BATCH = 20;

export function createElbGateway(
  client: ElasticLoadBalancingV2Client,
  concurrency: number,
): ElbGateway {
  return {
    async describeLoadBalancers(query, opts) {
      if (query.arns?.length === 0 || query.names?.length === 0) return [];
      // one selector at a time, as ELBv2 wants; ARNs win over names
      const selectors: ({ LoadBalancerArns: string[] } | { Names: string[] } | object)[] =
        query.arns
          ? chunk(query.arns, LB_BATCH).map((b) => ({ LoadBalancerArns: b }))
          : query.names
            ? chunk(query.names, LB_BATCH).map((b) => ({ Names: b }))
            : [{}];
      const pages = await mapLimit(selectors, concurrency, (selector) =>
        collectPages(async (Marker) => {
          const out = await client.send(
            new DescribeLoadBalancersCommand({ ...selector, Marker, PageSize: PAGE }),
            abortable(opts),
          );
          return { items: out.LoadBalancers, next: out.NextMarker };
        }),
      );
      return pages.flat().map(mapLoadBalancer);
    },

    async describeListeners(query, opts) {
      if (query.listenerArns?.length === 0) return [];
      const listeners = await collectPages(async (Marker) => {
        const out = await client.send(
          new DescribeListenersCommand({
            ...(query.listenerArns
              ? { ListenerArns: query.listenerArns }
              : { LoadBalancerArn: query.loadBalancerArn }),
            Marker,
            PageSize: PAGE,
          }),
          abortable(opts),
        );
        return { items: out.Listeners, next: out.NextMarker };
      });
      return listeners.map(mapListener);
    },

    async describeRules(query, opts) {
      if (query.ruleArns?.length === 0) return [];
      const rules = await collectPages(async (Marker) => {
        const out = await client.send(
          new DescribeRulesCommand({
            ...(query.ruleArns ? { RuleArns: query.ruleArns } : { ListenerArn: query.listenerArn }),
            Marker,
            PageSize: PAGE,
          }),
          abortable(opts),
        );
        return { items: out.Rules, next: out.NextMarker };
      });
      return rules.map(mapRule);
    },

    async describeTargetGroups(query, opts) {
      if (query.arns?.length === 0 || query.names?.length === 0) return [];
      const selector = query.arns
        ? { TargetGroupArns: query.arns }
        : query.names
          ? { Names: query.names }
          : query.loadBalancerArn
            ? { LoadBalancerArn: query.loadBalancerArn }
            : {};
      const groups = await collectPages(async (Marker) => {
        const out = await client.send(
          new DescribeTargetGroupsCommand({ ...selector, Marker, PageSize: PAGE }),
          abortable(opts),
        );
        return { items: out.TargetGroups, next: out.NextMarker };
      });
      return groups.map(mapTargetGroup);
    },

    async describeTargetHealth(targetGroupArn, opts) {
      const out = await client.send(
        new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }),
        abortable(opts),
      );
      return (out.TargetHealthDescriptions ?? []).map(mapTargetHealth);
    },

    async describeTargetGroupAttributes(targetGroupArn, opts) {
      const out = await client.send(
        new DescribeTargetGroupAttributesCommand({ TargetGroupArn: targetGroupArn }),
        abortable(opts),
      );
      const attributes: Record<string, string> = {};
      for (const a of out.Attributes ?? [])
        if (a.Key !== undefined) attributes[a.Key] = a.Value ?? '';
      return attributes;
    },

    async modifyRuleActions(ruleArn, actions, opts) {
      const out = await client.send(
        new ModifyRuleCommand({ RuleArn: ruleArn, Actions: actions.map(toSdkAction) }),
        abortable(opts),
      );
      const rule = out.Rules?.[0];
      if (!rule) throw new BugError(`ModifyRule ${ruleArn} returned no rule`);
      return mapRule(rule);
    },

    async describeTags(arns, opts) {
      const pages = await mapLimit(chunk(arns, TAGS_BATCH), concurrency, async (batch) => {
        const out = await client.send(
          new DescribeTagsCommand({ ResourceArns: batch }),
          abortable(opts),
        );
        return out.TagDescriptions ?? [];
      });
      const tags: Record<string, Record<string, string>> = {};
      for (const description of pages.flat()) {
        if (!description.ResourceArn) continue;
        const own: Record<string, string> = {};
        for (const t of description.Tags ?? []) if (t.Key !== undefined) own[t.Key] = t.Value ?? '';
        tags[description.ResourceArn] = own;
      }
      return tags;
    },

    async addTags(arn, tags, opts) {
      await client.send(
        new AddTagsCommand({
          ResourceArns: [arn],
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        }),
        abortable(opts),
      );
    },

    async removeTags(arn, keys, opts) {
      await client.send(
        new RemoveTagsCommand({ ResourceArns: [arn], TagKeys: keys }),
        abortable(opts),
      );
    },
  };
}
