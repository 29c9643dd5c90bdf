import type { World } from '../../world/world';
import {
  DEFAULT_SECURITY_GROUPS,
  DEFAULT_SUBNETS,
  appContainer,
  fargateTaskFields,
  httpHealthCheck,
} from './builder-defaults';
import { createDeployment, removeDeployment } from './deployments';
import { addServiceEvent, eventText } from './events';
import { randomHex } from './rand';
import { createCluster, createServiceRecord } from './services';
import { ecsScope, resolveTaskDefinition, type EcsScope } from './state';
import { registerTaskDefinition } from './task-definitions';
import { createTaskSet } from './task-sets';
import { startTask } from './tasks';
import type {
  ClusterRec,
  ContainerDefinition,
  DeploymentConfiguration,
  DeploymentControllerType,
  HealthCheck,
  LoadBalancer,
  ServiceRec,
  Tag,
  TaskDefinitionRec,
} from './types';

// Scenario and test builders: plain functions over a World that write state directly (no
// API round trips), so a `big` scenario of 5,000 services builds in well under a second.
// Services come out steady: tasks RUNNING and a COMPLETED deployment with its history.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function buildCluster(
  world: World,
  region: string,
  name: string,
  opts: { tags?: Tag[]; createdAt?: number; containerInsights?: 'enabled' | 'disabled' } = {},
): ClusterRec {
  return createCluster(ecsScope(world, region), name, {
    at: opts.createdAt ?? world.now - 90 * DAY,
    ...(opts.tags ? { tags: opts.tags } : {}),
    ...(opts.containerInsights ? { containerInsights: opts.containerInsights } : {}),
  });
}

export interface TaskDefinitionSpec {
  family: string;
  image: string;
  /** Default `app`. */
  containerName?: string;
  /** Default 8080. */
  containerPort?: number;
  /** Task-level Fargate size; default 256 CPU units and 512 MiB. */
  cpu?: number;
  memory?: number;
  /** Default an HTTP check on /health; `false` for none. */
  healthCheck?: HealthCheck | false;
  /** Extra plain environment variables. */
  environment?: Record<string, string>;
  /** Secrets Manager / SSM `secrets` entries; default true. */
  secrets?: boolean;
  /** Replaces the generated container list entirely. */
  containerDefinitions?: ContainerDefinition[];
  tags?: Tag[];
  registeredAt?: number;
}

/** Registers the next revision of a Fargate task definition with realistic containers. */
export function buildTaskDefinition(
  world: World,
  region: string,
  spec: TaskDefinitionSpec,
): TaskDefinitionRec {
  const scope = ecsScope(world, region);
  const port = spec.containerPort ?? 8080;
  const containers = spec.containerDefinitions ?? [
    appContainer({
      name: spec.containerName ?? 'app',
      image: spec.image,
      port,
      region,
      accountId: world.accountId,
      family: spec.family,
      healthCheck:
        spec.healthCheck === false ? undefined : (spec.healthCheck ?? httpHealthCheck(port)),
      ...(spec.environment ? { environment: spec.environment } : {}),
      secrets: spec.secrets ?? true,
      rng: world.rng,
    }),
  ];
  return registerTaskDefinition(
    scope,
    {
      family: spec.family,
      containerDefinitions: containers,
      fields: fargateTaskFields({
        family: spec.family,
        region,
        accountId: world.accountId,
        cpu: spec.cpu ?? 256,
        memory: spec.memory ?? 512,
      }),
      tags: spec.tags ?? [],
    },
    // generated containers are already in the form AWS returns; given ones get the defaults
    { at: spec.registeredAt ?? world.now - DAY, raw: spec.containerDefinitions === undefined },
  );
}

export interface ServiceSpec {
  /** Cluster name (created if missing) or record. */
  cluster: string | ClusterRec;
  name: string;
  /** A registered definition (record, ARN, `family` or `family:rev`)... */
  taskDefinition?: TaskDefinitionRec | string;
  /** ...or an image: a definition of family `name` is registered for it. */
  image?: string;
  /** Images deployed before the current one, oldest first; each becomes a past deployment. */
  previousImages?: string[];
  /** Default 2. */
  desiredCount?: number;
  controller?: DeploymentControllerType;
  deploymentConfiguration?: DeploymentConfiguration;
  loadBalancers?: LoadBalancer[];
  subnets?: string[];
  securityGroups?: string[];
  healthCheckGracePeriodSeconds?: number;
  tags?: Tag[];
  /** Default: 30 days before now. The last deployment completes an hour before now. */
  createdAt?: number;
}

/**
 * The definitions a spec deploys, oldest first, each registered ten minutes before the
 * deployment that uses it (`times[i]`).
 */
function specDefinitions(
  world: World,
  region: string,
  spec: ServiceSpec,
  times: number[],
): TaskDefinitionRec[] {
  const scope = ecsScope(world, region);
  const registered = (image: string, i: number) =>
    buildTaskDefinition(world, region, {
      family: spec.name,
      image,
      registeredAt: times[i]! - 10 * MINUTE,
    });
  const defs = (spec.previousImages ?? []).map(registered);
  const last = (spec.previousImages ?? []).length;
  let current: TaskDefinitionRec | undefined;
  if (typeof spec.taskDefinition === 'object') current = spec.taskDefinition;
  else if (typeof spec.taskDefinition === 'string')
    current = resolveTaskDefinition(scope.ecs, spec.taskDefinition);
  else if (spec.image !== undefined) current = registered(spec.image, last);
  if (!current) {
    throw new Error(`buildService ${spec.name}: give a registered taskDefinition or an image`);
  }
  defs.push(current);
  return defs;
}

/**
 * A steady service: `desiredCount` RUNNING (and HEALTHY, when the definition has a check)
 * tasks, a COMPLETED PRIMARY deployment with a SUCCESSFUL service deployment and revision,
 * past deployments for `previousImages`, and the events ECS wrote on the way. CODE_DEPLOY
 * and EXTERNAL services get one steady PRIMARY task set instead.
 */
export function buildService(world: World, region: string, spec: ServiceSpec): ServiceRec {
  const scope = ecsScope(world, region);
  const cluster =
    typeof spec.cluster === 'string' ? buildCluster(world, region, spec.cluster) : spec.cluster;
  const createdAt = spec.createdAt ?? world.now - 30 * DAY;
  // deployments spread from creation to an hour ago, each taking three minutes
  const count = (spec.previousImages?.length ?? 0) + 1;
  const lastAt = Math.max(createdAt, world.now - 60 * MINUTE - 3 * MINUTE);
  const step = count > 1 ? (lastAt - createdAt) / (count - 1) : 0;
  const times = Array.from({ length: count }, (_, i) => Math.round(createdAt + i * step));
  const all = specDefinitions(world, region, spec, times);
  const current = all[all.length - 1]!;
  const desired = spec.desiredCount ?? 2;
  const service = createServiceRecord(scope, {
    cluster,
    name: spec.name,
    desiredCount: desired,
    deploymentController: spec.controller ?? 'ECS',
    ...(spec.deploymentConfiguration
      ? { deploymentConfiguration: spec.deploymentConfiguration }
      : {}),
    loadBalancers: spec.loadBalancers ?? [],
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: spec.subnets ?? (DEFAULT_SUBNETS as string[]),
        securityGroups: spec.securityGroups ?? (DEFAULT_SECURITY_GROUPS as string[]),
        assignPublicIp: 'DISABLED',
      },
    },
    healthCheckGracePeriodSeconds:
      spec.healthCheckGracePeriodSeconds ?? (spec.loadBalancers?.length ? 60 : 0),
    tags: spec.tags ?? [],
    at: createdAt,
  });

  let ownerId = '';
  all.forEach((td, i) => {
    const at = times[i]!;
    if (service.deploymentController === 'ECS') {
      const cause = i === 0 ? 'create-service' : 'update-service';
      const { deployment } = createDeployment(scope, service, {
        taskDefinition: td,
        cause,
        at,
        completedAt: at + 3 * MINUTE,
      });
      for (const old of service.deployments.slice(1)) removeDeployment(service, old);
      ownerId = deployment.id;
      writeRolloutEvents(scope, service, deployment.id, desired, at);
    } else if (i === all.length - 1) {
      const set = createTaskSet(scope, service, {
        taskDefinition: td,
        primary: true,
        at,
        notify: false,
      });
      set.stabilityStatus = 'STEADY_STATE';
      set.stabilityStatusAt = at + 3 * MINUTE;
      ownerId = set.id;
      addServiceEvent(scope, service, eventText.steadyState(service.name), at + 3 * MINUTE);
    }
  });

  const startAt = times[count - 1]! + 5_000;
  const healthy = current.containerDefinitions.some(
    (c) => c.healthCheck !== undefined && c.essential !== false,
  );
  const network = service.networkConfiguration;
  for (let i = 0; i < desired; i++) {
    startTask(scope, {
      cluster,
      taskDefinition: current,
      service,
      ownerId,
      launchType: 'FARGATE',
      ...(service.platformVersion ? { platformVersion: service.platformVersion } : {}),
      ...(network ? { networkConfiguration: network } : {}),
      lastStatus: 'RUNNING',
      ...(healthy ? { healthStatus: 'HEALTHY' as const } : {}),
      at: startAt,
    });
  }
  return service;
}

/** The events of one healthy rollout (aws-semantics B.4), with plausible task ids. */
function writeRolloutEvents(
  scope: EcsScope,
  service: ServiceRec,
  deploymentId: string,
  desired: number,
  at: number,
) {
  const rng = scope.world.rng;
  if (desired > 0) {
    const ids = Array.from({ length: Math.min(desired, 10) }, () => randomHex(rng, 32));
    addServiceEvent(scope, service, eventText.startedTasks(service.name, ids), at + 5_000);
    for (const lb of service.loadBalancers) {
      if (lb.targetGroupArn) {
        addServiceEvent(
          scope,
          service,
          eventText.registeredTargets(service.name, desired, lb.targetGroupArn),
          at + 45_000,
        );
      }
    }
  }
  addServiceEvent(
    scope,
    service,
    eventText.deploymentCompleted(service.name, deploymentId),
    at + 3 * MINUTE,
  );
  addServiceEvent(scope, service, eventText.steadyState(service.name), at + 3 * MINUTE + 1);
}
