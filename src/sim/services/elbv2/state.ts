/**
 * ELBv2 resources of one account and region. Records keep epoch milliseconds and our own
 * field names; `render.ts` turns them into the wire shapes. The listener's DefaultActions live
 * only in its default rule, so the two can never drift apart (aws-semantics E.1).
 */

export type ActionType =
  | 'forward'
  | 'authenticate-oidc'
  | 'authenticate-cognito'
  | 'redirect'
  | 'fixed-response'
  | 'jwt-validation';

export interface WeightedTargetGroup {
  targetGroupArn: string;
  weight: number;
}

/** One rule action. Non-forward configs are kept in wire form (PascalCase members). */
export interface ActionRec {
  type: ActionType;
  order?: number;
  /** forward only */
  targetGroups?: WeightedTargetGroup[];
  /** forward only */
  stickiness?: { enabled: boolean; durationSeconds?: number };
  /** authenticate-*, redirect, fixed-response, jwt-validation: the config as given */
  config?: Record<string, unknown>;
  /** authenticate-oidc: kept, never described (AWS omits it from every Describe call) */
  clientSecret?: string;
}

/** A rule condition in wire form (Field plus Values and/or the matching *Config). */
export type ConditionRec = Record<string, unknown>;

export interface LoadBalancerRec {
  arn: string;
  name: string;
  dnsName: string;
  canonicalHostedZoneId: string;
  createdAt: number;
  scheme: 'internet-facing' | 'internal';
  vpcId: string;
  state: 'active' | 'provisioning';
  availabilityZones: { zoneName: string; subnetId: string }[];
  securityGroups: string[];
  ipAddressType: 'ipv4' | 'dualstack';
  listenerArns: string[];
}

export interface ListenerRec {
  arn: string;
  loadBalancerArn: string;
  port: number;
  protocol: 'HTTP' | 'HTTPS';
  certificates: string[];
  sslPolicy?: string;
  defaultRuleArn: string;
  /** Non-default rules, kept sorted by priority. */
  ruleArns: string[];
}

export interface RuleRec {
  arn: string;
  listenerArn: string;
  priority: number | 'default';
  conditions: ConditionRec[];
  actions: ActionRec[];
}

export interface HealthCheckSettings {
  enabled: boolean;
  protocol: 'HTTP' | 'HTTPS';
  port: string;
  path: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  matcher: string;
}

/** What a health check sees: a pass, a failure (502), a timeout, or an HTTP status code. */
export type ProbeResult = 'ok' | 'fail' | 'timeout' | number;
export type HealthProbe = () => ProbeResult;

export type TargetHealthState =
  | 'initial'
  | 'healthy'
  | 'unhealthy'
  | 'unused'
  | 'draining'
  | 'unavailable'
  | 'unhealthy.draining';

export interface TargetHealthView {
  state: TargetHealthState;
  reason?: string;
  description?: string;
}

export interface TargetRec {
  id: string;
  port: number;
  availabilityZone?: string;
  health: TargetHealthView;
  probe?: HealthProbe;
  registeredAt: number;
  /** Consecutive passing / failing checks. */
  passes: number;
  failures: number;
  /** Bumped on every (re)registration and deregistration: stale scheduled events check it. */
  gen: number;
  /** True while a check loop is scheduled for this generation. */
  checking: boolean;
  /** Run once when a draining target is finally removed. */
  onDrained: (() => void)[];
}

export interface TargetGroupRec {
  arn: string;
  name: string;
  protocol: 'HTTP' | 'HTTPS';
  port: number;
  vpcId: string;
  targetType: 'ip' | 'instance';
  protocolVersion: 'HTTP1' | 'HTTP2' | 'GRPC';
  ipAddressType: 'ipv4' | 'ipv6';
  createdAt: number;
  healthCheck: HealthCheckSettings;
  attributes: Map<string, string>;
  /** Keyed by `id:port`. */
  targets: Map<string, TargetRec>;
}

export interface TargetHealthChange {
  region: string;
  targetGroupArn: string;
  target: { id: string; port: number; availabilityZone?: string };
  /** Undefined for a fresh registration. */
  previous?: TargetHealthView;
  current: TargetHealthView;
  /** True when the target left the group (drained, or deregistered with no delay). */
  removed: boolean;
  at: number;
}

export type TargetHealthListener = (change: TargetHealthChange) => void;

export interface ElbState {
  loadBalancers: Map<string, LoadBalancerRec>;
  listeners: Map<string, ListenerRec>;
  rules: Map<string, RuleRec>;
  targetGroups: Map<string, TargetGroupRec>;
  lbByName: Map<string, string>;
  tgByName: Map<string, string>;
  /** Which rules forward to a target group: gives TargetGroup.LoadBalancerArns cheaply. */
  rulesByTargetGroup: Map<string, Set<string>>;
  tags: Map<string, Map<string, string>>;
  healthListeners: Set<TargetHealthListener>;
  /**
   * Gives a probe for targets registered through the API (RegisterTargets), so an engine that
   * owns the IPs (ECS tasks) decides whether they answer. Absent: such targets always pass.
   */
  probeResolver?: (targetGroupArn: string, id: string, port: number) => HealthProbe | undefined;
}

export function createElbState(): ElbState {
  return {
    loadBalancers: new Map(),
    listeners: new Map(),
    rules: new Map(),
    targetGroups: new Map(),
    lbByName: new Map(),
    tgByName: new Map(),
    rulesByTargetGroup: new Map(),
    tags: new Map(),
    healthListeners: new Set(),
  };
}
