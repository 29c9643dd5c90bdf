import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { Service, TaskDefinition } from '../../aws/types';
import { ExpectedError } from '../../errors';

/** What every strategy reads first: the service as it is and the task definition it runs. */
export interface ServiceContext {
  cluster: string;
  service: Service;
  taskDefinition: TaskDefinition;
}

export async function loadServiceContext(
  gw: AwsGateway,
  cluster: string,
  serviceName: string,
  opts: CallOptions = {},
): Promise<ServiceContext> {
  const { services, missing } = await gw.ecs.describeServices(cluster, [serviceName], {
    ...opts,
    includeTags: true,
  });
  const service = services[0];
  if (!service || missing.length > 0) {
    throw new ExpectedError(
      `service "${serviceName}" not found in cluster "${cluster}"`,
      'check the name with `ecs-rollout status --cluster ' +
        cluster +
        ' --all`, or pick it in the TUI',
    );
  }
  if (service.status !== 'ACTIVE') {
    throw new ExpectedError(
      `service "${serviceName}" is ${service.status}, not ACTIVE`,
      'only ACTIVE services can be deployed',
    );
  }
  const current =
    service.taskDefinitionArn ??
    service.taskSets.find((t) => t.status === 'PRIMARY')?.taskDefinitionArn;
  if (!current) throw new ExpectedError(`service "${serviceName}" has no task definition`);
  const taskDefinition = await gw.ecs.describeTaskDefinition(current, {
    ...opts,
    includeTags: true,
  });
  return { cluster, service, taskDefinition };
}

/**
 * A deployment of this service that has not finished, started by anyone. A PRIMARY whose
 * rolloutState is FAILED is not one: it was stopped where it stood (StopServiceDeployment
 * ABORT, or a failure detector with rollback off) and launches nothing more (aws-semantics B.2,
 * C.3: STOPPED is a completed state), even while the revisions it left keep running.
 */
export function inProgressDeployment(service: Service): { id: string; note: string } | undefined {
  if (service.deploymentController === 'ECS') {
    const primary = service.deployments.find((d) => d.status === 'PRIMARY');
    if (primary?.rolloutState === 'FAILED') return undefined;
    if (primary?.rolloutState === 'IN_PROGRESS' || service.deployments.length > 1) {
      return {
        id: primary?.id ?? service.deployments[0]?.id ?? 'unknown',
        note: `deployment ${primary?.id ?? ''} is ${primary?.rolloutState ?? 'in progress'}`.trim(),
      };
    }
  }
  // A DRAINING task set is the old blue going away after a finished deployment: not a rollout.
  const live = service.taskSets.filter((t) => t.status !== 'DRAINING');
  if (live.length > 1) {
    const active = live.find((t) => t.status === 'ACTIVE');
    return {
      id: active?.externalId ?? active?.id ?? 'unknown',
      note: 'a task set rollout is in progress',
    };
  }
  return undefined;
}

/**
 * A deployment that was stopped where it stood and left more than one revision running (the
 * traffic split, for blue/green): the next deployment replaces it. ECS scales the revisions
 * it left in first (RECONCILE_SERVICE for blue/green, linear and canary; aws-semantics C.2).
 */
export function stoppedDeployment(service: Service): { id: string; note: string } | undefined {
  if (service.deploymentController !== 'ECS') return undefined;
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  if (primary?.rolloutState !== 'FAILED' || service.deployments.length < 2) return undefined;
  return {
    id: primary.id,
    note: `deployment ${primary.id} stopped where it stood (FAILED); ${service.deployments.length} revisions still run`,
  };
}
