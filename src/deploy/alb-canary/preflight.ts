import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { Rule, Service } from '../../aws/types';
import type { PreflightCheck } from '../types';
import type { CanaryPair } from './detection';
import { describeRule, readWeights, targetGroupName } from './rule-weights';
import { canaryShare, formatWeights } from './state';
import { encodeNameList, TAG_VALUE_MAX } from './tag-text';
import type { DecodeResult } from './tags';

// Checks only an ALB canary needs; each failing one stops the plan before anything changes.

export function pairCheck(pair: CanaryPair): PreflightCheck {
  return {
    id: 'canary-pair',
    label: 'canary pair',
    status: 'pass',
    detail: `${pair.stableService} (${pair.stableTargetGroup.name}, stable) and ${pair.canaryService} (${pair.canaryTargetGroup.name}, canary) on ${describeRule(pair.rule)}`,
  };
}

export function sameNetworkCheck(pair: CanaryPair): PreflightCheck {
  const s = pair.stableTargetGroup;
  const c = pair.canaryTargetGroup;
  const problems: string[] = [];
  if (s.vpcId !== c.vpcId)
    problems.push(`${s.name} is in VPC ${s.vpcId ?? '?'} but ${c.name} is in ${c.vpcId ?? '?'}`);
  if (s.port !== c.port)
    problems.push(`${s.name} uses port ${s.port ?? '?'} but ${c.name} uses ${c.port ?? '?'}`);
  if (s.protocol !== c.protocol)
    problems.push(
      `${s.name} speaks ${s.protocol ?? '?'} but ${c.name} speaks ${c.protocol ?? '?'}`,
    );
  return {
    id: 'same-network',
    label: 'target groups alike',
    status: problems.length > 0 ? 'fail' : 'pass',
    detail:
      problems.length > 0
        ? `${problems.join('; ')}: both target groups of a canary must serve the same app the same way`
        : `same VPC ${s.vpcId ?? ''}, port ${s.port ?? ''}`.trim(),
  };
}

export function canaryDesiredCheck(canary: Service): PreflightCheck {
  return canary.desiredCount > 0
    ? {
        id: 'canary-desired',
        label: 'canary service has tasks',
        status: 'pass',
        detail: `${canary.name} runs ${canary.desiredCount} task${canary.desiredCount === 1 ? '' : 's'}`,
      }
    : {
        id: 'canary-desired',
        label: 'canary service has tasks',
        status: 'fail',
        detail: `canary service ${canary.name} has desired count 0: it could take no traffic; give it at least one task (UpdateService --desired-count 1) first`,
      };
}

export function notMidPlanCheck(
  plan: DecodeResult,
  cluster: string,
  service: string,
): PreflightCheck {
  const id = 'not-mid-plan';
  const label = 'no canary plan on the rule';
  if (plan.kind === 'none')
    return { id, label, status: 'pass', detail: 'the rule carries no plan' };
  if (plan.kind === 'unreadable') return { id, label, status: 'fail', detail: plan.reason };
  const s = plan.state;
  if (s.status === 'done' || s.status === 'rolled-back')
    return { id, label, status: 'pass', detail: `the last plan (${s.id}) ended: ${s.status}` };
  const where =
    s.stepIndex < 0
      ? 'PREPARE'
      : `step ${s.stepIndex + 1}/${s.steps.length} (canary ${s.steps[s.stepIndex]}%)`;
  return {
    id,
    label,
    status: 'fail',
    detail: `the rule is mid-plan: ${s.id} is ${s.status} at ${where}, started by ${s.startedBy} at ${s.startedAt.toISOString()}; attach to it instead (w on the service, or ecs-rollout watch --cluster ${cluster} --service ${service})`,
  };
}

export function weightsAtStableCheck(rule: Rule, pair: CanaryPair): PreflightCheck {
  const id = 'weights-at-stable';
  const label = 'weights at stable 100';
  const found = readWeights(rule, {
    stableTargetGroupArn: pair.stableTargetGroup.arn,
    canaryTargetGroupArn: pair.canaryTargetGroup.arn,
  });
  if (!found.ok) return { id, label, status: 'fail', detail: found.reason };
  const w = found.weights;
  if (w.canary === 0 && w.stable > 0)
    return {
      id,
      label,
      status: 'pass',
      detail: `${formatWeights(w)}: all traffic on ${pair.stableService}`,
    };
  return {
    id,
    label,
    status: 'fail',
    detail: `the rule's weights are ${targetGroupName(pair.stableTargetGroup.arn)} ${w.stable}, ${targetGroupName(pair.canaryTargetGroup.arn)} ${w.canary} (canary ${canaryShare(w) ?? 0}%), not stable 100: someone else's rollout holds them; finish it or set them back first`,
  };
}

export async function canaryAlarmsCheck(
  gw: AwsGateway,
  names: string[],
  opts: CallOptions,
): Promise<PreflightCheck> {
  const id = 'alarms';
  const label = 'gate alarms exist';
  if (names.length === 0)
    return {
      id,
      label,
      status: 'warn',
      detail: 'no alarm gate: only target health and the 5xx rate guard the canary',
    };
  if (encodeNameList(names) === undefined)
    return {
      id,
      label,
      status: 'fail',
      detail: `the alarm names take more than ${TAG_VALUE_MAX} characters, too long to keep on the rule's tags; use fewer or shorter alarms`,
    };
  const found = await gw.cloudwatch.describeAlarms(names, opts);
  const missing = names.filter((n) => !found.some((a) => a.name === n));
  if (missing.length > 0)
    return { id, label, status: 'fail', detail: `no such alarm: ${missing.join(', ')}` };
  const firing = found.filter((a) => a.state === 'ALARM');
  if (firing.length > 0)
    return {
      id,
      label,
      status: 'warn',
      detail: `already in ALARM: ${firing.map((a) => a.name).join(', ')} (the canary would roll back at its first check)`,
    };
  return {
    id,
    label,
    status: 'pass',
    detail: `${found.length} alarm${found.length === 1 ? '' : 's'} OK`,
  };
}
