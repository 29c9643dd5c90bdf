import type { World } from '../../world/world';
import { elbState, getTargetGroup, loadBalancerArnsOf } from './model';
import type { ElbState, ProbeResult, TargetGroupRec, TargetHealthView, TargetRec } from './state';

// Reading target health, and judging one health check. See targets.ts for the timeline.

export interface TargetRef {
  id: string;
  /** Default: the target group's port. */
  port?: number;
  availabilityZone?: string;
}

export interface TargetSnapshot {
  id: string;
  port: number;
  availabilityZone?: string;
  health: TargetHealthView;
  registeredAt: number;
}

export const keyOf = (id: string, port: number): string => `${id}:${port}`;

export const NOT_REGISTERED: TargetHealthView = {
  state: 'unused',
  reason: 'Target.NotRegistered',
  description: 'Target is not registered to the target group',
};
const NOT_IN_USE: TargetHealthView = {
  state: 'unused',
  reason: 'Target.NotInUse',
  description: 'Target group is not configured to receive traffic from the load balancer',
};

/** The health DescribeTargetHealth would show for this target (unused if not registered). */
export function targetHealth(
  world: World,
  region: string,
  targetGroupArn: string,
  target: TargetRef,
): TargetHealthView {
  const state = elbState(world, region);
  const tg = getTargetGroup(state, targetGroupArn);
  const rec = tg.targets.get(keyOf(target.id, target.port ?? tg.port));
  return rec ? effectiveHealth(state, tg, rec) : NOT_REGISTERED;
}

/** Every registered target (draining ones included), in registration order. */
export function listTargets(
  world: World,
  region: string,
  targetGroupArn: string,
): TargetSnapshot[] {
  const state = elbState(world, region);
  const tg = getTargetGroup(state, targetGroupArn);
  return [...tg.targets.values()].map((rec) => ({
    id: rec.id,
    port: rec.port,
    ...(rec.availabilityZone ? { availabilityZone: rec.availabilityZone } : {}),
    health: effectiveHealth(state, tg, rec),
    registeredAt: rec.registeredAt,
  }));
}

export function effectiveHealth(
  state: ElbState,
  tg: TargetGroupRec,
  rec: TargetRec,
): TargetHealthView {
  const s = rec.health.state;
  if ((s === 'initial' || s === 'healthy' || s === 'unhealthy') && !isInUse(state, tg))
    return NOT_IN_USE;
  return rec.health;
}

export function isInUse(state: ElbState, tg: TargetGroupRec): boolean {
  return loadBalancerArnsOf(state, tg.arn).length > 0;
}

/** undefined for a pass, else the unhealthy reason and AWS's description text. */
export function judge(
  result: ProbeResult,
  matcher: string,
): Omit<TargetHealthView, 'state'> | undefined {
  if (result === 'ok') return undefined;
  if (result === 'timeout') return { reason: 'Target.Timeout', description: 'Request timed out' };
  const code = result === 'fail' ? 502 : result;
  if (matchesCode(code, matcher)) return undefined;
  return {
    reason: 'Target.ResponseCodeMismatch',
    description: `Health checks failed with these codes: [${code}]`,
  };
}

/** Matcher.HttpCode: "200", "200,202" or "200-299". */
export function matchesCode(code: number, matcher: string): boolean {
  return matcher.split(',').some((part) => {
    const [lo, hi] = part.trim().split('-').map(Number);
    return hi === undefined ? code === lo : code >= lo! && code <= hi;
  });
}
