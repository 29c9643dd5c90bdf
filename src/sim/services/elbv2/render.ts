import { renderAction } from './actions';
import { loadBalancerArnsOf } from './model';
import type { ElbState, ListenerRec, LoadBalancerRec, RuleRec, TargetGroupRec } from './state';

// Records -> the ELBv2 output shapes (PascalCase members; Dates for timestamps).

export function renderLoadBalancer(lb: LoadBalancerRec): Record<string, unknown> {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: lb.canonicalHostedZoneId,
    CreatedTime: new Date(lb.createdAt),
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: lb.state },
    Type: 'application',
    AvailabilityZones: lb.availabilityZones.map((z) => ({
      ZoneName: z.zoneName,
      SubnetId: z.subnetId,
      LoadBalancerAddresses: [],
    })),
    SecurityGroups: lb.securityGroups,
    IpAddressType: lb.ipAddressType,
  };
}

export function renderRule(rule: RuleRec): Record<string, unknown> {
  return {
    RuleArn: rule.arn,
    Priority: String(rule.priority),
    Conditions: rule.conditions,
    Actions: rule.actions.map(renderAction),
    IsDefault: rule.priority === 'default',
  };
}

export function renderListener(state: ElbState, listener: ListenerRec): Record<string, unknown> {
  const defaultRule = state.rules.get(listener.defaultRuleArn);
  const out: Record<string, unknown> = {
    ListenerArn: listener.arn,
    LoadBalancerArn: listener.loadBalancerArn,
    Port: listener.port,
    Protocol: listener.protocol,
    DefaultActions: (defaultRule?.actions ?? []).map(renderAction),
  };
  if (listener.protocol === 'HTTPS') {
    out['Certificates'] = listener.certificates.map((CertificateArn) => ({ CertificateArn }));
    out['SslPolicy'] = listener.sslPolicy;
  }
  return out;
}

export function renderTargetGroup(state: ElbState, tg: TargetGroupRec): Record<string, unknown> {
  const hc = tg.healthCheck;
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: tg.vpcId,
    HealthCheckProtocol: hc.protocol,
    HealthCheckPort: hc.port,
    HealthCheckEnabled: hc.enabled,
    HealthCheckIntervalSeconds: hc.intervalSeconds,
    HealthCheckTimeoutSeconds: hc.timeoutSeconds,
    HealthyThresholdCount: hc.healthyThreshold,
    UnhealthyThresholdCount: hc.unhealthyThreshold,
    HealthCheckPath: hc.path,
    Matcher: { HttpCode: hc.matcher },
    LoadBalancerArns: loadBalancerArnsOf(state, tg.arn),
    TargetType: tg.targetType,
    ProtocolVersion: tg.protocolVersion,
    IpAddressType: tg.ipAddressType,
  };
}

export function renderTags(tags: Map<string, string> | undefined): Record<string, string>[] {
  return [...(tags ?? new Map<string, string>())].map(([Key, Value]) => ({ Key, Value }));
}
