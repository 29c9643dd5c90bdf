/**
 * Builders for scenarios and tests: alarms on a target group's ALB metrics.
 */
import type { World } from '../../world/world';
import { ALB_NAMESPACE, targetGroupDimensions } from './alb-metrics';
import { putMetricAlarm, type MetricAlarmSpec } from './alarms';

export interface TargetGroupAlarmSpec {
  region?: string;
  name: string;
  targetGroupArn: string;
  loadBalancerArn: string;
  /** Default HTTPCode_Target_5XX_Count (Sum). */
  metricName?: string;
  statistic?: string;
  /** Default 5 (more than 5 errors a minute). */
  threshold?: number;
  comparison?: MetricAlarmSpec['comparison'];
  periodSeconds?: number;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
  /** Default notBreaching: no errors reported is good news, as for most 5xx alarms. */
  treatMissingData?: MetricAlarmSpec['treatMissingData'];
  initialState?: MetricAlarmSpec['initialState'];
}

/** An alarm on a target group's 5xx count (or another AWS/ApplicationELB metric); returns its name. */
export function buildTargetGroupAlarm(world: World, spec: TargetGroupAlarmSpec): string {
  putMetricAlarm(world, spec.region ?? world.defaultRegion, {
    name: spec.name,
    description: `${spec.metricName ?? 'HTTPCode_Target_5XX_Count'} of ${targetGroupDimensions(spec.targetGroupArn, spec.loadBalancerArn).TargetGroup}`,
    namespace: ALB_NAMESPACE,
    metricName: spec.metricName ?? 'HTTPCode_Target_5XX_Count',
    statistic: spec.statistic ?? 'Sum',
    dimensions: targetGroupDimensions(spec.targetGroupArn, spec.loadBalancerArn),
    periodSeconds: spec.periodSeconds ?? 60,
    evaluationPeriods: spec.evaluationPeriods ?? 1,
    ...(spec.datapointsToAlarm !== undefined ? { datapointsToAlarm: spec.datapointsToAlarm } : {}),
    threshold: spec.threshold ?? 5,
    comparison: spec.comparison ?? 'GreaterThanThreshold',
    treatMissingData: spec.treatMissingData ?? 'notBreaching',
    ...(spec.initialState ? { initialState: spec.initialState } : {}),
  });
  return spec.name;
}
