/**
 * Attach mode (`w` on a service): the rollout in progress, started by anyone, or — when none
 * runs — how the last deployment ended, so the monitor can say so instead of showing nothing.
 */
import type { AwsGateway } from '../../aws/gateway';
import { attachRollout } from '../../deploy/attach';
import type { Outcome } from '../../deploy/outcome';
import { revisionLabel } from '../../deploy/revision-label';
import { serviceDeploymentOutcome } from '../../deploy/rolling/service-deployment-outcome';
import type { RolloutController } from '../../deploy/types';
import { ExpectedError } from '../../errors';

export interface LastRollout {
  outcome: Outcome;
  finishedAt?: Date;
  startedAt?: Date;
  revision?: string;
}

export type Found =
  | { kind: 'rollout'; controller: RolloutController }
  | { kind: 'idle'; last: LastRollout | undefined };

export async function findRollout(
  gw: AwsGateway,
  cluster: string,
  serviceName: string,
  now: () => Date,
  signal?: AbortSignal,
): Promise<Found> {
  const opts = signal ? { signal } : {};
  const { services } = await gw.ecs.describeServices(cluster, [serviceName], opts);
  const service = services[0];
  if (!service) {
    throw new ExpectedError(
      `service "${serviceName}" not found in cluster "${cluster}"`,
      'esc goes back to the services',
    );
  }
  const controller = await attachRollout(gw, cluster, service, { ...opts, now });
  if (controller) return { kind: 'rollout', controller };
  return { kind: 'idle', last: await lastRollout(gw, cluster, serviceName, opts) };
}

async function lastRollout(
  gw: AwsGateway,
  cluster: string,
  service: string,
  opts: { signal?: AbortSignal },
): Promise<LastRollout | undefined> {
  const [brief] = await gw.ecs.listServiceDeployments(cluster, service, { max: 1 }, opts);
  if (!brief) return undefined;
  const [sd] = await gw.ecs.describeServiceDeployments([brief.arn], opts);
  if (!sd) return undefined;
  const revisionArn = sd.targetServiceRevision?.arn ?? sd.targetServiceRevisionArn;
  const [revision] = revisionArn ? await gw.ecs.describeServiceRevisions([revisionArn], opts) : [];
  return {
    outcome: serviceDeploymentOutcome(sd),
    ...(sd.finishedAt ? { finishedAt: sd.finishedAt } : {}),
    ...(sd.startedAt ? { startedAt: sd.startedAt } : {}),
    ...(revision ? { revision: revisionLabel(revision.taskDefinitionArn) } : {}),
  };
}
