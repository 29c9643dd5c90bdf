import type { AwsGateway, CallOptions } from '../aws/gateway';
import type { Service } from '../aws/types';
import { attachAlbCanary } from './alb-canary/attach';
import { attachCodeDeploy } from './codedeploy/attach';
import { attachNative, nativeStrategyOfService } from './native';
import { RollingController } from './rolling/controller';
import type { RolloutController } from './types';

/**
 * Finds a rollout of this service that has not finished, started by anyone (console, CI,
 * another operator), and returns a controller that follows it. Undefined when nothing runs.
 */
export async function attachRollout(
  gw: AwsGateway,
  cluster: string,
  service: Service,
  opts: CallOptions & { now?: () => Date } = {},
): Promise<RolloutController | undefined> {
  if (service.deploymentController === 'CODE_DEPLOY')
    return attachCodeDeploy(gw, cluster, service.name, opts);
  // ECS-native blue/green, linear, canary: follow the current service deployment
  if (nativeStrategyOfService(service)) return attachNative(gw, cluster, service, opts);
  // An ALB canary plan first: while it prepares, the canary service also has a rolling
  // deployment, which is only one stage of the plan.
  if (
    service.deploymentController === 'ECS' &&
    service.loadBalancers.some((l) => l.targetGroupArn)
  ) {
    const canary = await attachAlbCanary(gw, cluster, service.name, opts);
    if (canary) return canary;
  }
  return findRollingRollout(gw, cluster, service, opts.now);
}

function findRollingRollout(
  gw: AwsGateway,
  cluster: string,
  service: Service,
  now: (() => Date) | undefined,
): RolloutController | undefined {
  if (service.deploymentController !== 'ECS') return undefined;
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  if (!primary) return undefined;
  const inProgress = primary.rolloutState === 'IN_PROGRESS' || service.deployments.length > 1;
  if (!inProgress) return undefined;
  if (service.deploymentConfiguration.strategy !== 'ROLLING') return undefined;
  return new RollingController(
    gw,
    {
      cluster,
      service: service.name,
      deploymentId: primary.id,
      taskDefinitionArn: primary.taskDefinitionArn,
      ...(service.currentServiceDeploymentArn
        ? { serviceDeploymentArn: service.currentServiceDeploymentArn }
        : {}),
      ...(primary.createdAt ? { startedAt: primary.createdAt } : {}),
    },
    now,
  );
}
