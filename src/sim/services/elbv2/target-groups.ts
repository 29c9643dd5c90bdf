import { SimError } from '../../core/errors';
import type { World } from '../../world/world';
import * as arns from './arns';
import { elbState } from './model';
import type { HealthCheckSettings, TargetGroupRec } from './state';

// Target groups: creation with AWS's defaults for an ip-type HTTP(S) group behind an ALB.

export interface TargetGroupSpec {
  name: string;
  port?: number;
  protocol?: 'HTTP' | 'HTTPS';
  vpcId?: string;
  targetType?: 'ip' | 'instance';
  healthCheck?: Partial<HealthCheckSettings>;
  /** deregistration_delay.timeout_seconds; default 300 (aws-semantics E.1). */
  deregistrationDelaySeconds?: number;
  attributes?: Record<string, string>;
}

/** Health-check defaults of an HTTP(S) target group (aws-semantics E.1). */
export function defaultHealthCheck(protocol: 'HTTP' | 'HTTPS'): HealthCheckSettings {
  return {
    enabled: true,
    protocol,
    port: 'traffic-port',
    path: '/',
    intervalSeconds: 30,
    timeoutSeconds: protocol === 'HTTP' ? 6 : 10,
    healthyThreshold: 5,
    unhealthyThreshold: 2,
    matcher: '200',
  };
}

/** What DescribeTargetGroupAttributes shows for a new ip target group behind an ALB. */
function defaultAttributes(delaySeconds: number): Map<string, string> {
  return new Map([
    ['stickiness.enabled', 'false'],
    ['deregistration_delay.timeout_seconds', String(delaySeconds)],
    ['stickiness.type', 'lb_cookie'],
    ['stickiness.lb_cookie.duration_seconds', '86400'],
    ['stickiness.app_cookie.cookie_name', ''],
    ['stickiness.app_cookie.duration_seconds', '86400'],
    ['slow_start.duration_seconds', '0'],
    ['load_balancing.algorithm.type', 'round_robin'],
    ['load_balancing.algorithm.anomaly_mitigation', 'off'],
    ['load_balancing.cross_zone.enabled', 'use_load_balancer_configuration'],
    ['target_group_health.dns_failover.minimum_healthy_targets.count', '1'],
    ['target_group_health.dns_failover.minimum_healthy_targets.percentage', 'off'],
    ['target_group_health.unhealthy_state_routing.minimum_healthy_targets.count', '1'],
    ['target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage', 'off'],
  ]);
}

export function createTargetGroup(
  world: World,
  region: string,
  spec: TargetGroupSpec,
): TargetGroupRec {
  const state = elbState(world, region);
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(spec.name)) {
    throw new SimError(
      'ValidationError',
      `target group name '${spec.name}' must be 1-32 letters, digits or hyphens, not starting or ending with a hyphen`,
    );
  }
  if (state.tgByName.has(spec.name)) {
    throw new SimError(
      'DuplicateTargetGroupName',
      `A target group with the name '${spec.name}' already exists`,
    );
  }
  const protocol = spec.protocol ?? 'HTTP';
  const attributes = defaultAttributes(spec.deregistrationDelaySeconds ?? 300);
  for (const [k, v] of Object.entries(spec.attributes ?? {})) attributes.set(k, v);
  const tg: TargetGroupRec = {
    arn: arns.targetGroupArn(region, world.accountId, spec.name, world.rng),
    name: spec.name,
    protocol,
    port: spec.port ?? 80,
    vpcId: spec.vpcId ?? 'vpc-0a1b2c3d4e5f60789',
    targetType: spec.targetType ?? 'ip',
    protocolVersion: 'HTTP1',
    ipAddressType: 'ipv4',
    createdAt: world.now,
    healthCheck: { ...defaultHealthCheck(protocol), ...spec.healthCheck },
    attributes,
    targets: new Map(),
  };
  state.targetGroups.set(tg.arn, tg);
  state.tgByName.set(tg.name, tg.arn);
  return tg;
}

/** deregistration_delay.timeout_seconds in ms. */
export function deregistrationDelayMs(tg: TargetGroupRec): number {
  const s = Number(tg.attributes.get('deregistration_delay.timeout_seconds') ?? '300');
  return Number.isFinite(s) ? s * 1000 : 300_000;
}
