/**
 * AWS/ApplicationELB metrics the way ALB publishes them, for the traffic engine to feed and
 * for alarms to watch. Dimensions use ARN suffixes, as AWS does:
 * TargetGroup = `targetgroup/<name>/<id>`, LoadBalancer = `app/<name>/<id>`.
 */
import type { World } from '../../world/world';
import { putDatapoint } from './metrics';

export const ALB_NAMESPACE = 'AWS/ApplicationELB';

/** `targetgroup/web/0123456789abcdef` from a target group ARN. */
export function targetGroupDimension(targetGroupArn: string): string {
  return targetGroupArn.slice(targetGroupArn.indexOf(':targetgroup/') + 1);
}

/** `app/shop/0123456789abcdef` from a load balancer ARN. */
export function loadBalancerDimension(loadBalancerArn: string): string {
  return loadBalancerArn.slice(loadBalancerArn.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
}

export function targetGroupDimensions(
  targetGroupArn: string,
  loadBalancerArn: string,
): { TargetGroup: string; LoadBalancer: string } {
  return {
    TargetGroup: targetGroupDimension(targetGroupArn),
    LoadBalancer: loadBalancerDimension(loadBalancerArn),
  };
}

export interface TargetGroupTraffic {
  targetGroupArn: string;
  loadBalancerArn: string;
  requests: number;
  target5xx: number;
  /** Average seconds per request; no sample when there were no requests. */
  responseTimeSeconds?: number;
  /** Default: world.now. */
  at?: number;
}

/**
 * One tick of traffic for a target group: RequestCount, HTTPCode_Target_5XX_Count and
 * TargetResponseTime per {TargetGroup, LoadBalancer}, and RequestCount per {LoadBalancer}.
 */
export function recordTargetGroupTraffic(
  world: World,
  region: string,
  t: TargetGroupTraffic,
): void {
  const at = t.at ?? world.now;
  const dims = targetGroupDimensions(t.targetGroupArn, t.loadBalancerArn);
  putDatapoint(world, region, ALB_NAMESPACE, 'RequestCount', dims, at, t.requests);
  putDatapoint(world, region, ALB_NAMESPACE, 'HTTPCode_Target_5XX_Count', dims, at, t.target5xx);
  if (t.requests > 0 && t.responseTimeSeconds !== undefined) {
    putDatapoint(
      world,
      region,
      ALB_NAMESPACE,
      'TargetResponseTime',
      dims,
      at,
      t.responseTimeSeconds,
    );
  }
  putDatapoint(
    world,
    region,
    ALB_NAMESPACE,
    'RequestCount',
    { LoadBalancer: dims.LoadBalancer },
    at,
    t.requests,
  );
}
