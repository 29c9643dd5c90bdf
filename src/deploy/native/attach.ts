import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { Service } from '../../aws/types';
import { NativeController } from './controller';
import { nativeDefaults, type NativeStrategyId } from './settings';

const BY_AWS: Readonly<Record<string, NativeStrategyId>> = {
  BLUE_GREEN: 'blue-green',
  LINEAR: 'linear',
  CANARY: 'canary',
};

const FINISHED = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);

/** The ECS-native strategy a service is configured with, if any. */
export function nativeStrategyOfService(service: Service): NativeStrategyId | undefined {
  if (service.deploymentController !== 'ECS') return undefined;
  return BY_AWS[service.deploymentConfiguration.strategy];
}

/**
 * Follows the service's current service deployment when it has not finished, whoever
 * started it (console, CI, another operator). The settings shown (steps, bakes) are the ones
 * the deployment runs with, from its own deploymentConfiguration. One
 * DescribeServiceDeployments; undefined when nothing is in progress.
 */
export async function attachNative(
  gw: AwsGateway,
  cluster: string,
  service: Service,
  opts: CallOptions & { now?: () => Date } = {},
): Promise<NativeController | undefined> {
  const strategy = nativeStrategyOfService(service);
  const arn = service.currentServiceDeploymentArn;
  if (!strategy || !arn) return undefined;
  const [sd] = await gw.ecs.describeServiceDeployments([arn], opts);
  if (!sd || FINISHED.has(sd.status)) return undefined;
  const config = sd.deploymentConfiguration ?? service.deploymentConfiguration;
  // the deployment may run another native strategy than the service is set to now
  const running = BY_AWS[config.strategy] ?? strategy;
  return new NativeController(
    gw,
    {
      cluster,
      service: service.name,
      strategy: running,
      serviceDeploymentArn: arn,
      settings: nativeDefaults({ ...service, deploymentConfiguration: config }, running),
      ...(sd.startedAt
        ? { startedAt: sd.startedAt }
        : sd.createdAt
          ? { startedAt: sd.createdAt }
          : {}),
    },
    opts.now,
  );
}
