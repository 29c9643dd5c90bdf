import type {
  Action as SdkAction,
  Listener as SdkListener,
  LoadBalancer as SdkLoadBalancer,
  Rule as SdkRule,
  TargetGroup as SdkTargetGroup,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Listener, LoadBalancer, Rule, RuleAction, TargetGroup, TargetHealth } from '../types';
import { defined, plain } from './map-util';

export function mapLoadBalancer(lb: SdkLoadBalancer): LoadBalancer {
  return defined({
    arn: lb.LoadBalancerArn ?? '',
    name: lb.LoadBalancerName ?? '',
    dnsName: lb.DNSName,
    type: lb.Type,
    scheme: lb.Scheme,
    vpcId: lb.VpcId,
    state: lb.State?.Code,
  });
}

export function mapAction(a: SdkAction): RuleAction {
  const fc = a.ForwardConfig;
  const groups = fc?.TargetGroups?.map((t) => ({
    targetGroupArn: t.TargetGroupArn ?? '',
    weight: t.Weight ?? 1,
  }));
  const sticky = fc?.TargetGroupStickinessConfig;
  // a plain `TargetGroupArn` forward is one group at weight 1 (that is how AWS reads it back)
  const forward =
    groups && groups.length > 0
      ? defined({
          targetGroups: groups,
          stickiness: sticky
            ? defined({ enabled: sticky.Enabled ?? false, durationSeconds: sticky.DurationSeconds })
            : undefined,
        })
      : a.Type === 'forward' && a.TargetGroupArn
        ? { targetGroups: [{ targetGroupArn: a.TargetGroupArn, weight: 1 }] }
        : undefined;
  return defined({
    type: a.Type ?? '',
    order: a.Order,
    targetGroupArn:
      a.TargetGroupArn ?? (groups?.length === 1 ? groups[0]?.targetGroupArn : undefined),
    forward,
    raw: plain(a) as Record<string, unknown>,
  });
}

/**
 * A domain action back to the ELBv2 shape for ModifyRule: `raw` as AWS returned it, with the
 * domain's forward weights (and stickiness, when set) applied. Everything else in `raw`
 * (authenticate configs, Order, redirect and fixed-response settings) goes back unchanged.
 */
export function toSdkAction(action: RuleAction): SdkAction {
  const raw = plain(action.raw) as Record<string, unknown>;
  const out = raw as unknown as SdkAction & Record<string, unknown>;
  out.Type = (raw.Type as SdkAction['Type']) ?? (action.type as SdkAction['Type']);
  if (action.order !== undefined) out.Order = action.order;
  const single =
    action.forward?.targetGroups.length === 1 ? action.forward.targetGroups[0] : undefined;
  if (single && !out.ForwardConfig && !action.forward?.stickiness && single.weight === 1) {
    // a plain one-group forward stays in the form it was written in
    out.TargetGroupArn = single.targetGroupArn;
  } else if (action.forward) {
    const groups = action.forward.targetGroups.map((g) => ({
      TargetGroupArn: g.targetGroupArn,
      Weight: g.weight,
    }));
    const config: NonNullable<SdkAction['ForwardConfig']> = {
      ...(out.ForwardConfig ?? {}),
      TargetGroups: groups,
    };
    if (action.forward.stickiness) {
      config.TargetGroupStickinessConfig = defined({
        Enabled: action.forward.stickiness.enabled,
        DurationSeconds: action.forward.stickiness.durationSeconds,
      });
    }
    out.ForwardConfig = config;
    // AWS refuses TargetGroupArn next to a ForwardConfig that holds any other group
    if (groups.length === 1 && out.TargetGroupArn !== undefined)
      out.TargetGroupArn = groups[0]!.TargetGroupArn;
    else delete out.TargetGroupArn;
  } else if (action.targetGroupArn !== undefined && out.Type === 'forward') {
    // the caller changed only the plain target group
    out.TargetGroupArn = action.targetGroupArn;
    delete out.ForwardConfig;
  }
  return out;
}

export function mapListener(l: SdkListener): Listener {
  return defined({
    arn: l.ListenerArn ?? '',
    loadBalancerArn: l.LoadBalancerArn ?? '',
    port: l.Port,
    protocol: l.Protocol,
    defaultActions: (l.DefaultActions ?? []).map(mapAction),
  });
}

export function mapRule(r: SdkRule): Rule {
  return {
    arn: r.RuleArn ?? '',
    priority: r.Priority ?? '',
    isDefault: r.IsDefault ?? false,
    conditions: (r.Conditions ?? []).map((c) =>
      defined({
        field: c.Field,
        // the typed configs hold the values when `Values` is not used
        values:
          c.Values ??
          c.HostHeaderConfig?.Values ??
          c.PathPatternConfig?.Values ??
          c.HttpRequestMethodConfig?.Values ??
          c.SourceIpConfig?.Values ??
          c.HttpHeaderConfig?.Values ??
          (c.QueryStringConfig?.Values ?? []).map((kv) =>
            kv.Key ? `${kv.Key}=${kv.Value ?? ''}` : (kv.Value ?? ''),
          ),
        raw: plain(c) as Record<string, unknown>,
      }),
    ),
    actions: (r.Actions ?? []).map(mapAction),
  };
}

export function mapTargetGroup(t: SdkTargetGroup): TargetGroup {
  return defined({
    arn: t.TargetGroupArn ?? '',
    name: t.TargetGroupName ?? '',
    protocol: t.Protocol,
    port: t.Port,
    vpcId: t.VpcId,
    targetType: t.TargetType,
    loadBalancerArns: t.LoadBalancerArns ?? [],
    healthCheck: defined({
      enabled: t.HealthCheckEnabled,
      protocol: t.HealthCheckProtocol,
      path: t.HealthCheckPath,
      port: t.HealthCheckPort,
      intervalSeconds: t.HealthCheckIntervalSeconds,
      timeoutSeconds: t.HealthCheckTimeoutSeconds,
      healthyThreshold: t.HealthyThresholdCount,
      unhealthyThreshold: t.UnhealthyThresholdCount,
      matcher: t.Matcher?.HttpCode ?? t.Matcher?.GrpcCode,
    }),
  });
}

export function mapTargetHealth(d: TargetHealthDescription): TargetHealth {
  return defined({
    targetId: d.Target?.Id ?? '',
    port: d.Target?.Port,
    availabilityZone: d.Target?.AvailabilityZone,
    state: d.TargetHealth?.State ?? 'unavailable',
    reason: d.TargetHealth?.Reason,
    description: d.TargetHealth?.Description,
  });
}
