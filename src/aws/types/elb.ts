// ELBv2 domain types. Actions keep their full original form (`raw`) so a weight change can
// write back every other part of the rule unchanged (ModifyRule replaces the whole list).

export interface LoadBalancer {
  arn: string;
  name: string;
  dnsName?: string;
  type?: string;
  scheme?: string;
  vpcId?: string;
  state?: string;
}

export interface Listener {
  arn: string;
  loadBalancerArn: string;
  port?: number;
  protocol?: string;
  defaultActions: RuleAction[];
}

export interface WeightedTargetGroup {
  targetGroupArn: string;
  weight: number;
}

export interface RuleAction {
  type: string;
  order?: number;
  targetGroupArn?: string;
  forward?: {
    targetGroups: WeightedTargetGroup[];
    stickiness?: { enabled: boolean; durationSeconds?: number };
  };
  /** The action exactly as ELBv2 returned it (PascalCase members), for lossless write-back. */
  raw: Record<string, unknown>;
}

export interface RuleCondition {
  field?: string;
  values: string[];
  raw: Record<string, unknown>;
}

export interface Rule {
  arn: string;
  priority: string;
  isDefault: boolean;
  conditions: RuleCondition[];
  actions: RuleAction[];
}

export interface TargetGroup {
  arn: string;
  name: string;
  protocol?: string;
  port?: number;
  vpcId?: string;
  targetType?: string;
  loadBalancerArns: string[];
  healthCheck: {
    enabled?: boolean;
    protocol?: string;
    path?: string;
    port?: string;
    intervalSeconds?: number;
    timeoutSeconds?: number;
    healthyThreshold?: number;
    unhealthyThreshold?: number;
    matcher?: string;
  };
}

export type TargetHealthState =
  | 'initial'
  | 'healthy'
  | 'unhealthy'
  | 'unused'
  | 'draining'
  | 'unavailable'
  | 'unhealthy.draining';

export interface TargetHealth {
  targetId: string;
  port?: number;
  availabilityZone?: string;
  state: TargetHealthState | (string & {});
  reason?: string;
  description?: string;
}
