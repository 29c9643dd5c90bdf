import { optBool, optNumber, optString, reqString } from '../../core/input';
import type { HandlerTable } from '../../core/types';
import { createDeployment } from './deployments';
import { serviceArn } from './ids';
import {
  checkStrategyRules,
  type Json,
  objectList,
  optObject,
  optStringList,
  readCapacityProviderStrategy,
  readDeploymentConfiguration,
  readLoadBalancers,
  readNetworkConfiguration,
  readTags,
  shown,
} from './input';
import {
  clusterOrThrow,
  ecsError,
  findServiceRef,
  includeSet,
  scopeOf,
  serviceOrThrow,
} from './lookup';
import { pageOf } from './paging';
import { checkNativeStrategy } from './native-strategy';
import { projectService, projectTaskSet } from './project-service';
import { createServiceRecord, deleteService } from './services';
import { resolveTaskDefinition, type EcsScope } from './state';
import { createTaskSet } from './task-sets';
import { countServiceTasks } from './tasks';
import type { DeploymentControllerType, LaunchType, TaskDefinitionRec } from './types';

const CONTROLLERS = new Set(['ECS', 'CODE_DEPLOY', 'EXTERNAL']);
const LAUNCH_TYPES = new Set(['FARGATE', 'EC2', 'EXTERNAL', 'MANAGED_INSTANCES']);

/** A task definition a service may run: known (ClientException otherwise) and ACTIVE. */
export function runnableTaskDefinition(scope: EcsScope, ref: string): TaskDefinitionRec {
  const td = resolveTaskDefinition(scope.ecs, ref);
  if (!td) throw ecsError.taskDefinitionNotFound();
  if (td.status !== 'ACTIVE') throw ecsError.client('TaskDefinition is inactive');
  return td;
}

function readLaunchType(input: Json): LaunchType | undefined {
  const v = optString(input, 'launchType');
  if (v === undefined) return undefined;
  if (!LAUNCH_TYPES.has(v)) throw ecsError.invalid(`Invalid launch type '${v}'.`);
  return v as LaunchType;
}

export const serviceHandlers: HandlerTable = {
  ListServices: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const cluster = clusterOrThrow(scope, optString(input, 'cluster'));
    const launchType = readLaunchType(input);
    const scheduling = optString(input, 'schedulingStrategy');
    // every simulated service is customer-managed; an ECS-managed (Express) filter matches none
    const managed = optString(input, 'resourceManagementType');
    const arns: string[] = [];
    for (const s of cluster.services.values()) {
      if (s.status === 'INACTIVE') continue;
      if (launchType !== undefined && s.launchType !== launchType) continue;
      if (scheduling !== undefined && s.schedulingStrategy !== scheduling) continue;
      if (managed === 'ECS') continue;
      arns.push(s.arn);
    }
    const page = pageOf(arns, input, {
      listing: `ListServices/${cluster.name}`,
      defaultSize: 10,
      max: 100,
    });
    return { serviceArns: page.items, nextToken: page.nextToken };
  },

  DescribeServices: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const cluster = clusterOrThrow(scope, optString(input, 'cluster'));
    const refs = optStringList(input, 'services') ?? [];
    if (refs.length === 0) throw ecsError.invalid('Services cannot be empty.');
    if (refs.length > 10) throw ecsError.invalid('service names can have at most 10 items.');
    const tags = includeSet(input).has('TAGS');
    const services = [];
    const failures = [];
    for (const ref of refs) {
      const service = findServiceRef(scope, cluster, ref);
      if (service) services.push(projectService(scope, service, tags));
      else {
        const arn = ref.startsWith('arn:')
          ? ref
          : serviceArn(scope.region, scope.accountId, cluster.name, ref);
        failures.push({ arn, reason: 'MISSING' });
      }
    }
    return { services, failures };
  },

  CreateService: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const cluster = clusterOrThrow(scope, optString(input, 'cluster'));
    const name = reqString(input, 'serviceName');
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
      throw ecsError.invalid(
        'Service name can only contain letters, numbers, underscores and hyphens, up to 255 characters.',
      );
    }
    const existing = cluster.services.get(name);
    if (existing && existing.status !== 'INACTIVE') {
      throw ecsError.invalid('Creation of service was not idempotent.');
    }
    const controllerType = optObject(input, 'deploymentController')?.type ?? 'ECS';
    if (typeof controllerType !== 'string' || !CONTROLLERS.has(controllerType)) {
      throw ecsError.invalid(`Invalid deployment controller type '${shown(controllerType)}'.`);
    }
    const controller = controllerType as DeploymentControllerType;
    const tdRef = optString(input, 'taskDefinition');
    if (tdRef === undefined && controller !== 'EXTERNAL') {
      throw ecsError.invalid(
        'A task definition must be specified for this deployment controller type.',
      );
    }
    const td = tdRef === undefined ? undefined : runnableTaskDefinition(scope, tdRef);
    const launchType = readLaunchType(input);
    const capacityProviderStrategy = readCapacityProviderStrategy(input);
    if (launchType !== undefined && capacityProviderStrategy !== undefined) {
      throw ecsError.invalid(
        'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
      );
    }
    const networkConfiguration = readNetworkConfiguration(input);
    if (td?.fields.networkMode === 'awsvpc' && !networkConfiguration?.awsvpcConfiguration) {
      throw ecsError.invalid(
        "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
      );
    }
    const deploymentConfiguration = readDeploymentConfiguration(input);
    if (deploymentConfiguration) checkStrategyRules(deploymentConfiguration);
    const strategy = deploymentConfiguration?.strategy ?? 'ROLLING';
    if (strategy !== 'ROLLING' && controller !== 'ECS') {
      throw ecsError.invalid(
        `The ${strategy} deployment strategy requires the ECS deployment controller.`,
      );
    }
    if (deploymentConfiguration) {
      checkNativeStrategy(deploymentConfiguration, readLoadBalancers(input) ?? []);
    }
    const desiredCount = optNumber(input, 'desiredCount') ?? 0;
    if (!Number.isInteger(desiredCount) || desiredCount < 0) {
      throw ecsError.invalid('desiredCount must be a whole number of 0 or more.');
    }
    const scheduling = optString(input, 'schedulingStrategy');
    if (scheduling !== undefined && scheduling !== 'REPLICA' && scheduling !== 'DAEMON') {
      throw ecsError.invalid(`Invalid scheduling strategy '${scheduling}'.`);
    }
    const service = createServiceRecord(scope, {
      cluster,
      name,
      desiredCount,
      ...(launchType ? { launchType } : {}),
      ...(capacityProviderStrategy ? { capacityProviderStrategy } : {}),
      ...(optString(input, 'platformVersion')
        ? { platformVersion: optString(input, 'platformVersion')! }
        : {}),
      deploymentController: controller,
      ...(deploymentConfiguration ? { deploymentConfiguration } : {}),
      loadBalancers: readLoadBalancers(input) ?? [],
      serviceRegistries: objectList(input, 'serviceRegistries') ?? [],
      ...(networkConfiguration ? { networkConfiguration } : {}),
      placementConstraints: objectList(input, 'placementConstraints') ?? [],
      placementStrategy: objectList(input, 'placementStrategy') ?? [],
      healthCheckGracePeriodSeconds: optNumber(input, 'healthCheckGracePeriodSeconds') ?? 0,
      schedulingStrategy: scheduling === 'DAEMON' ? 'DAEMON' : 'REPLICA',
      ...(optString(input, 'propagateTags')
        ? { propagateTags: optString(input, 'propagateTags')! }
        : {}),
      enableECSManagedTags: optBool(input, 'enableECSManagedTags') ?? false,
      enableExecuteCommand: optBool(input, 'enableExecuteCommand') ?? false,
      availabilityZoneRebalancing:
        optString(input, 'availabilityZoneRebalancing') === 'DISABLED' ? 'DISABLED' : 'ENABLED',
      ...(optString(input, 'role') ? { roleArn: optString(input, 'role')! } : {}),
      tags: readTags(input) ?? [],
    });
    if (td && controller === 'ECS')
      createDeployment(scope, service, { taskDefinition: td, cause: 'create-service' });
    if (td && controller === 'CODE_DEPLOY')
      createTaskSet(scope, service, { taskDefinition: td, primary: true });
    return { service: projectService(scope, service, true) };
  },

  DeleteService: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const cluster = clusterOrThrow(scope, optString(input, 'cluster'));
    const service = serviceOrThrow(scope, cluster, reqString(input, 'service'));
    if (service.status === 'INACTIVE') throw ecsError.serviceNotActive();
    if (service.status === 'ACTIVE') {
      if (service.desiredCount > 0 && optBool(input, 'force') !== true) {
        throw ecsError.invalid('The service cannot be stopped while it is scaled above 0.');
      }
      deleteService(scope, service);
    }
    return { service: projectService(scope, service, false) };
  },

  DescribeTaskSets: (input: Json, ctx) => {
    const scope = scopeOf(ctx);
    const cluster = clusterOrThrow(scope, reqString(input, 'cluster'));
    const service = serviceOrThrow(scope, cluster, reqString(input, 'service'));
    if (service.status !== 'ACTIVE') throw ecsError.serviceNotActive();
    if (service.deploymentController === 'ECS') {
      throw ecsError.invalid(
        'Amazon ECS only supports task set management on services configured to use external deployment controllers.',
      );
    }
    const refs = optStringList(input, 'taskSets');
    const tags = includeSet(input).has('TAGS');
    const counts = countServiceTasks(service);
    if (!refs || refs.length === 0) {
      return {
        taskSets: service.taskSets.map((s) => projectTaskSet(service, s, counts, tags)),
        failures: [],
      };
    }
    const taskSets = [];
    const failures = [];
    for (const ref of refs) {
      const set = service.taskSets.find((s) => s.id === ref || s.arn === ref);
      if (set) taskSets.push(projectTaskSet(service, set, counts, tags));
      else failures.push({ arn: ref, reason: 'MISSING' });
    }
    return { taskSets, failures };
  },
};
