/**
 * CloudWatch-alarm failure detection for rolling deployments (aws-semantics B.6):
 * `deploymentConfiguration.alarms{alarmNames, enable, rollback}`. While the PRIMARY
 * deployment is IN_PROGRESS, any named alarm in ALARM fails it (`deployment failed: alarm
 * detected.`) and, with rollback, rolls back as the circuit breaker does. ECS keeps watching
 * for a bake period after steady state; the deployment only turns COMPLETED when the bake is
 * over. AWS derives that period from the alarm configuration (exact rule unverified): here it
 * is the longest alarm's period x evaluation periods, plus one evaluation minute, between 2
 * and 10 minutes.
 *
 * Rollback deployments are not watched: the alarm that caused the rollback is usually still
 * in ALARM while the rollback runs, and must not fail it.
 */
import { alarmsInAlarm, type AlarmStateChange } from '../services/cloudwatch/alarms';
import type { DeploymentConfiguration, DeploymentRec } from '../services/ecs/types';
import { failDeployment } from './rollback';
import { deploymentRuntime, type EngineRuntime, type ServiceRuntime } from './runtime';

export function watchedAlarms(cfg: DeploymentConfiguration): string[] | undefined {
  const alarms = cfg.alarms;
  return alarms?.enable === true && alarms.alarmNames.length > 0 ? alarms.alarmNames : undefined;
}

function watching(rt: EngineRuntime, deployment: DeploymentRec): boolean {
  return (
    deployment.status === 'PRIMARY' &&
    deployment.rolloutState === 'IN_PROGRESS' &&
    !deploymentRuntime(rt, deployment).isRollback
  );
}

/** Fails the deployment if a watched alarm is in ALARM; true when it did. */
export function checkAlarms(rt: EngineRuntime, srt: ServiceRuntime, primary: DeploymentRec) {
  const names = watchedAlarms(srt.service.deploymentConfiguration);
  if (!names || !watching(rt, primary)) return false;
  const firing = alarmsInAlarm(rt.world, srt.scope.region, names);
  if (firing.length === 0) return false;
  failDeployment(rt, srt, primary, 'alarm detected', firing);
  return true;
}

/** Wakes the controllers of services whose rollout watches the alarm that went to ALARM. */
export function onAlarmChange(rt: EngineRuntime, change: AlarmStateChange): void {
  if (change.current !== 'ALARM') return;
  for (const srt of rt.services.values()) {
    if (srt.scope.region !== change.region) continue;
    const primary = srt.service.deployments[0];
    if (!primary || !watching(rt, primary)) continue;
    if (watchedAlarms(srt.service.deploymentConfiguration)?.includes(change.alarmName)) {
      rt.reconcile(srt);
    }
  }
}

/** How long alarms are watched after steady state before the deployment completes. */
export function bakeMs(rt: EngineRuntime, region: string, names: readonly string[]): number {
  let longest = 0;
  const alarms = rt.world.region(region).cloudwatch.alarms;
  for (const name of names) {
    const alarm = alarms.get(name);
    if (alarm) longest = Math.max(longest, alarm.periodSeconds * 1000 * alarm.evaluationPeriods);
  }
  return Math.min(600_000, Math.max(120_000, longest + 60_000));
}
