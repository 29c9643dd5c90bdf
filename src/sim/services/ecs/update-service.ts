import { isDeepStrictEqual } from 'node:util';
import { optBool, optNumber, optString, reqString } from '../../core/input';
import type { Handler } from '../../core/types';
import { createDeployment, primaryDeployment } from './deployments';
import { runnableTaskDefinition } from './handlers-services';
import { emitEcs } from './hooks';
import {
  type Json,
  objectList,
  optObject,
  readCapacityProviderStrategy,
  readDeploymentConfiguration,
  readLoadBalancers,
  checkStrategyRules,
  readNetworkConfiguration,
  shown,
} from './input';
import { activeServiceOrThrow, clusterOrThrow, ecsError, scopeOf } from './lookup';
import { checkNativeStrategy } from './native-strategy';
import { projectService } from './project-service';
import { mergeDeploymentConfiguration } from './services';
import { taskDefinitionByArn } from './state';
import type { ServiceRec } from './types';

/**
 * CODE_DEPLOY services take task definition, network, platform and load-balancer changes
 * only through CodeDeploy (aws-semantics B.10, G.13). The first three texts are AWS's; the
 * platform and load-balancer ones follow the same pattern (unverified). EXTERNAL services
 * change those through task sets, with the same shape of message.
 */
function rejectTaskSetControlled(
  service: ServiceRec,
  change: {
    taskDefinition: boolean;
    force: boolean;
    network: boolean;
    platform: boolean;
    lbs: boolean;
  },
): void {
  const type = service.deploymentController;
  const how =
    type === 'CODE_DEPLOY'
      ? 'Use AWS CodeDeploy to trigger a new deployment.'
      : 'Use CreateTaskSet to deploy a new task set.';
  const unable = (what: string) =>
    ecsError.invalid(
      `Unable to update ${what} on services with a ${type} deployment controller. ${how}`,
    );
  if (change.taskDefinition) throw unable('task definition');
  if (change.force) {
    throw ecsError.invalid(
      `Cannot force a new deployment on services with a ${type} deployment controller. ${how}`,
    );
  }
  if (change.network) throw unable('network parameters');
  if (change.platform) throw unable('platform version');
  if (change.lbs) throw unable('load balancers');
}

function differs(a: unknown, b: unknown): boolean {
  return !isDeepStrictEqual(a, b);
}

/**
 * UpdateService. Settings that do not need new tasks (desiredCount, deploymentConfiguration,
 * healthCheckGracePeriodSeconds, tags options) change in place; anything that does (task
 * definition, network, load balancers, platform, placement, capacity providers, force) starts
 * a new PRIMARY deployment whose rollout an engine drives (`deploymentCreated` hook).
 */
export const updateService: Handler = (input: Json, ctx) => {
  const scope = scopeOf(ctx);
  const cluster = clusterOrThrow(scope, optString(input, 'cluster'));
  const service = activeServiceOrThrow(scope, cluster, reqString(input, 'service'));

  const tdRef = optString(input, 'taskDefinition');
  const force = optBool(input, 'forceNewDeployment') === true;
  const network = readNetworkConfiguration(input);
  const lbs = readLoadBalancers(input);
  const platformVersion = optString(input, 'platformVersion');
  if (service.deploymentController !== 'ECS') {
    rejectTaskSetControlled(service, {
      taskDefinition: tdRef !== undefined,
      force,
      network: network !== undefined,
      platform: platformVersion !== undefined,
      lbs: lbs !== undefined,
    });
  }
  const controller = optObject(input, 'deploymentController')?.type;
  if (controller !== undefined && controller !== service.deploymentController) {
    throw ecsError.invalid(
      `Changing the deployment controller from ${service.deploymentController} to ${shown(controller)} is not supported by the simulator.`,
    );
  }

  const desired = optNumber(input, 'desiredCount');
  if (desired !== undefined && (!Number.isInteger(desired) || desired < 0)) {
    throw ecsError.invalid('desiredCount must be a whole number of 0 or more.');
  }
  const grace = optNumber(input, 'healthCheckGracePeriodSeconds');
  if (grace !== undefined && (!Number.isInteger(grace) || grace < 0 || grace > 2147483647)) {
    throw ecsError.invalid('healthCheckGracePeriodSeconds must be between 0 and 2147483647.');
  }
  const dc = readDeploymentConfiguration(input);
  const merged = dc ? mergeDeploymentConfiguration(service.deploymentConfiguration, dc) : undefined;
  if (merged) checkStrategyRules(merged);
  if (merged || lbs) {
    checkNativeStrategy(merged ?? service.deploymentConfiguration, lbs ?? service.loadBalancers);
  }
  if (
    merged &&
    (merged.strategy ?? 'ROLLING') !== 'ROLLING' &&
    service.deploymentController !== 'ECS'
  ) {
    throw ecsError.invalid(
      `The ${merged.strategy} deployment strategy requires the ECS deployment controller.`,
    );
  }
  const td = tdRef !== undefined ? runnableTaskDefinition(scope, tdRef) : undefined;
  const capacity = readCapacityProviderStrategy(input);
  const constraints = objectList(input, 'placementConstraints');
  const placement = objectList(input, 'placementStrategy');
  const registries = objectList(input, 'serviceRegistries');

  // Only real changes start a deployment: the same task definition again is a no-op (B.3).
  const needsDeployment =
    force ||
    (td !== undefined && td.arn !== service.taskDefinition) ||
    (network !== undefined && differs(network, service.networkConfiguration)) ||
    (lbs !== undefined && differs(lbs, service.loadBalancers)) ||
    (registries !== undefined && differs(registries, service.serviceRegistries)) ||
    (platformVersion !== undefined && platformVersion !== service.platformVersion) ||
    (capacity !== undefined && differs(capacity, service.capacityProviderStrategy)) ||
    (constraints !== undefined && differs(constraints, service.placementConstraints)) ||
    (placement !== undefined && differs(placement, service.placementStrategy)) ||
    (input.volumeConfigurations !== undefined && input.volumeConfigurations !== null);

  const before = service.desiredCount;
  if (desired !== undefined) {
    service.desiredCount = desired;
    const primary = primaryDeployment(service);
    if (primary) {
      primary.desiredCount = desired;
      primary.updatedAt = scope.world.now;
    }
  }
  if (merged) service.deploymentConfiguration = merged;
  if (grace !== undefined) service.healthCheckGracePeriodSeconds = grace;
  if (network) service.networkConfiguration = network;
  if (lbs) service.loadBalancers = lbs;
  if (registries) service.serviceRegistries = registries;
  if (platformVersion !== undefined) service.platformVersion = platformVersion;
  if (capacity) {
    service.capacityProviderStrategy = capacity;
    delete service.launchType;
  }
  if (constraints) service.placementConstraints = constraints;
  if (placement) service.placementStrategy = placement;
  const exec = optBool(input, 'enableExecuteCommand');
  if (exec !== undefined) service.enableExecuteCommand = exec;
  const managedTags = optBool(input, 'enableECSManagedTags');
  if (managedTags !== undefined) service.enableECSManagedTags = managedTags;
  const propagate = optString(input, 'propagateTags');
  if (propagate !== undefined) service.propagateTags = propagate;
  const rebalancing = optString(input, 'availabilityZoneRebalancing');
  if (rebalancing === 'ENABLED' || rebalancing === 'DISABLED')
    service.availabilityZoneRebalancing = rebalancing;

  if (needsDeployment && service.deploymentController === 'ECS') {
    const current = service.taskDefinition
      ? taskDefinitionByArn(scope.ecs, service.taskDefinition)
      : undefined;
    const target = td ?? current;
    if (!target) throw ecsError.taskDefinitionNotFound();
    createDeployment(scope, service, { taskDefinition: target, cause: 'update-service' });
  } else if (service.desiredCount !== before) {
    // no new deployment: an engine scales the existing one(s) to the new count
    emitEcs(scope.world, 'desiredCountChanged', {
      scope,
      service,
      from: before,
      to: service.desiredCount,
    });
  }
  return { service: projectService(scope, service, false) };
};
