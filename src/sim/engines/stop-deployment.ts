/**
 * StopServiceDeployment (aws-semantics C.3). The handler has already moved the service
 * deployment to ROLLBACK_REQUESTED or STOP_REQUESTED (and refuses finished ones with
 * ConflictException); the scheduler acts about a second later.
 *
 * - ROLLBACK: rolls back to the last COMPLETED deployment exactly as the circuit breaker does
 *   (it works whether or not rollback was configured): ROLLBACK_IN_PROGRESS, then
 *   ROLLBACK_SUCCESSFUL. The stopped deployment becomes ACTIVE and drains like a superseded one.
 * - ABORT (in the enum, though the API doc lists only ROLLBACK): our reading is "stop here":
 *   the deployment turns FAILED, launches nothing more and keeps the tasks it has, and the
 *   service deployment is STOPPED. AWS's behaviour for ABORT on a rolling service is
 *   unverified.
 */
import { setServiceDeploymentStatus } from '../services/ecs/deployments';
import { rolloutReason } from '../services/ecs/events';
import type { ServiceDeploymentRec } from '../services/ecs/types';
import { startRollback } from './rollback';
import type { EngineRuntime, ServiceRuntime } from './runtime';

export function handleStopRequest(
  rt: EngineRuntime,
  srt: ServiceRuntime,
  sd: ServiceDeploymentRec,
  stopType: 'ROLLBACK' | 'ABORT',
): void {
  const now = rt.world.now;
  const { service } = srt;
  if (sd.status !== 'ROLLBACK_REQUESTED' && sd.status !== 'STOP_REQUESTED') return;
  const deployment = service.deployments.find((d) => d.id === sd.deploymentId);
  if (stopType === 'ROLLBACK') {
    if (!deployment) {
      setServiceDeploymentStatus(
        sd,
        'ROLLBACK_FAILED',
        now,
        'The deployment has no tasks left to roll back.',
      );
      return;
    }
    startRollback(rt, srt, deployment, sd, 'user');
    return;
  }
  if (deployment && deployment.rolloutState === 'IN_PROGRESS') {
    deployment.rolloutState = 'FAILED';
    deployment.rolloutStateReason = rolloutReason.stopped(deployment.id);
    deployment.updatedAt = now;
  }
  setServiceDeploymentStatus(sd, 'STOPPED', now, 'Service deployment stopped by request.');
  rt.reconcile(srt);
}
