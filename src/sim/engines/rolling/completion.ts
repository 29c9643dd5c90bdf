/**
 * Steady state (aws-semantics B.4, B.6): the PRIMARY is the only deployment and runs
 * `desired` healthy tasks. An IN_PROGRESS rollout then completes: rolloutState COMPLETED,
 * service deployment SUCCESSFUL (ROLLBACK_SUCCESSFUL for a rollback), and
 * "(deployment X) deployment completed." with "has reached a steady state." a millisecond
 * apart. With deployment alarms it first bakes: alarms are watched a while longer and the
 * rollout completes only if none fires. A service that was only scaled writes the
 * steady-state event again.
 */
import { markDeploymentCompleted } from '../../services/ecs/deployments';
import { addServiceEvent, eventText } from '../../services/ecs/events';
import type { DeploymentRec } from '../../services/ecs/types';
import { bakeMs, watchedAlarms } from '../alarm-rollback';
import { deploymentRuntime, type EngineRuntime, type ServiceRuntime } from '../runtime';

export function settle(rt: EngineRuntime, srt: ServiceRuntime, primary: DeploymentRec): void {
  const { scope, service } = srt;
  const { world } = rt;
  if (primary.rolloutState === 'IN_PROGRESS') {
    const alarms = watchedAlarms(service.deploymentConfiguration);
    if (alarms && !deploymentRuntime(rt, primary).isRollback) {
      if (srt.bake?.deploymentId !== primary.id) {
        srt.bake = {
          deploymentId: primary.id,
          until: world.now + bakeMs(rt, scope.region, alarms),
        };
        world.scheduler.at(srt.bake.until, () => rt.reconcile(srt));
        return;
      }
      if (world.now < srt.bake.until) return;
    }
    srt.bake = undefined;
    markDeploymentCompleted(scope, service, primary, world.now);
    srt.lastCompleted = { deploymentId: primary.id, revisionArn: primary.serviceRevisionArn };
    srt.settling = false;
    return;
  }
  if (srt.settling) {
    srt.settling = false;
    addServiceEvent(scope, service, eventText.steadyState(service.name));
  }
}
