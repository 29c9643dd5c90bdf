import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { Rule } from '../../aws/types';
import type { PreflightCheck } from '../types';
import type { NativeSettings } from './settings';
import {
  liveGroupOf,
  ruleProblem,
  sharesOf,
  shortRule,
  targetGroupName,
  type NativeLane,
} from './setup';

// Preflight checks of the ECS-native strategies (aws-semantics B.5, B.6, C.1, C.2), on top of
// the shared ones (nothing in progress, changes something, images, desired count).

/** Production and test rules exist and forward only; production is whole on one group. */
export function ruleChecks(
  lanes: readonly NativeLane[],
  rules: Map<string, Rule>,
  /** An earlier deployment was stopped where it stood (its split is expected, and reconciled). */
  stopped = false,
): PreflightCheck[] {
  const checks: PreflightCheck[] = [];
  for (const lane of lanes) {
    const production = rules.get(lane.productionRule);
    const problem = ruleProblem(lane.productionRule, production, 'production listener rule');
    checks.push({
      id: `production-rule:${lane.productionRule}`,
      label: 'production rule forwards only',
      status: problem ? 'fail' : 'pass',
      detail: problem ?? `${shortRule(lane.productionRule)} forwards to both target groups`,
    });
    if (!problem) checks.push(splitCheck(lane, production, stopped));
    if (lane.testRule) {
      const testProblem = ruleProblem(
        lane.testRule,
        rules.get(lane.testRule),
        'test listener rule',
      );
      checks.push({
        id: `test-rule:${lane.testRule}`,
        label: 'test rule forwards only',
        status: testProblem ? 'fail' : 'pass',
        detail:
          testProblem ?? `${shortRule(lane.testRule)}: green gets test traffic before production`,
      });
    } else {
      checks.push({
        id: 'test-rule',
        label: 'test traffic route',
        status: 'warn',
        detail: 'no test listener rule: green gets no traffic before production moves',
      });
    }
  }
  return checks;
}

/**
 * ECS starts from blue 100 %: a split rule means an earlier deployment stopped half-way. When
 * that deployment is still there (stopped where it stood), the new one begins with
 * RECONCILE_SERVICE, which puts production back on blue and scales the stopped revision in
 * (aws-semantics C.2): a warning, not a blocker.
 */
function splitCheck(
  lane: NativeLane,
  production: Rule | undefined,
  stopped: boolean,
): PreflightCheck {
  const shares = sharesOf(production);
  const live = liveGroupOf(lane, production);
  const green = lane.targetGroups[0] === live ? lane.targetGroups[1] : lane.targetGroups[0];
  const liveShare = shares.get(live) ?? 0;
  const whole = liveShare === 100 && (shares.get(green) ?? 0) === 0;
  const split = `production is split ${[...shares].map(([tg, p]) => `${targetGroupName(tg)} ${p} %`).join(', ')}`;
  return {
    id: `production-split:${lane.productionRule}`,
    label: 'production whole on blue',
    status: whole ? 'pass' : stopped ? 'warn' : 'fail',
    detail: whole
      ? `${targetGroupName(live)} 100 % (blue), ${targetGroupName(green)} 0 % (green registers here)`
      : stopped
        ? `${split} (left by the stopped deployment): ECS moves production back to blue at RECONCILE_SERVICE, before this deployment starts`
        : `${split}: finish or roll back the earlier deployment first`,
  };
}

/** Green's group should be empty (or draining): targets there are left from another rollout. */
export async function groupHealthChecks(
  gw: AwsGateway,
  lanes: readonly NativeLane[],
  rules: Map<string, Rule>,
  opts: CallOptions,
): Promise<PreflightCheck[]> {
  const checks: PreflightCheck[] = [];
  for (const lane of lanes) {
    const live = liveGroupOf(lane, rules.get(lane.productionRule));
    const green = lane.targetGroups[0] === live ? lane.targetGroups[1] : lane.targetGroups[0];
    const [blueTargets, greenTargets] = await Promise.all([
      gw.elb.describeTargetHealth(live, opts),
      gw.elb.describeTargetHealth(green, opts),
    ]);
    const bad = blueTargets.filter((t) => t.state !== 'healthy');
    checks.push({
      id: `target-group-healthy:${live}`,
      label: 'blue target group healthy',
      status: blueTargets.length > 0 && bad.length === 0 ? 'pass' : 'warn',
      detail:
        blueTargets.length === 0
          ? `${targetGroupName(live)} has no registered targets`
          : bad.length > 0
            ? `${targetGroupName(live)}: ${bad.length} of ${blueTargets.length} not healthy`
            : `${targetGroupName(live)}: ${blueTargets.length} targets healthy`,
    });
    const leftover = greenTargets.filter((t) => t.state !== 'draining' && t.state !== 'unused');
    checks.push({
      id: `green-group-empty:${green}`,
      label: 'green target group empty',
      status: leftover.length === 0 ? 'pass' : 'warn',
      detail:
        leftover.length === 0
          ? `${targetGroupName(green)} is free for the new revision`
          : `${targetGroupName(green)} already has ${leftover.length} targets (left from an earlier rollout?)`,
    });
  }
  return checks;
}

export function breakerCheck(s: NativeSettings): PreflightCheck {
  return {
    id: 'circuit-breaker',
    label: 'circuit breaker on',
    status: s.circuitBreaker === 'rollback' ? 'pass' : 'warn',
    detail:
      s.circuitBreaker === 'rollback'
        ? 'on, with rollback: failing green tasks send traffic back to blue'
        : s.circuitBreaker === 'on'
          ? 'on, but a failed deployment stops where it is instead of rolling back'
          : 'off: failing green tasks are retried until someone steps in',
  };
}

export async function alarmsCheck(
  gw: AwsGateway,
  s: NativeSettings,
  opts: CallOptions,
): Promise<PreflightCheck> {
  if (s.alarms.length === 0) {
    return {
      id: 'alarms',
      label: 'alarms set',
      status: 'warn',
      detail: 'no CloudWatch alarms watch this deployment or its bake time',
    };
  }
  const found = await gw.cloudwatch.describeAlarms(s.alarms, opts);
  const missing = s.alarms.filter((n) => !found.some((a) => a.name === n));
  if (missing.length > 0) {
    return {
      id: 'alarms',
      label: 'alarms set',
      status: 'fail',
      detail: `no such alarm: ${missing.join(', ')}`,
    };
  }
  const firing = found.filter((a) => a.state === 'ALARM');
  return {
    id: 'alarms',
    label: 'alarms set',
    status: firing.length > 0 ? 'warn' : 'pass',
    detail:
      firing.length > 0
        ? `already in ALARM: ${firing.map((a) => a.name).join(', ')} (the deployment would roll back at once)`
        : `${found.length} alarm${found.length === 1 ? '' : 's'} watched through the bake${s.alarmRollback ? ', rollback on ALARM' : ''}`,
  };
}

export function pauseCheck(s: NativeSettings): PreflightCheck {
  return {
    id: 'pause-hooks',
    label: 'pause hooks',
    status: 'pass',
    detail:
      s.pauseStages.length === 0
        ? 'none: ECS runs every stage without waiting for you'
        : `waits at ${s.pauseStages.join(', ')}; after ${s.pauseTimeoutMinutes} min without an answer ECS will ${s.pauseTimeoutAction}`,
  };
}
