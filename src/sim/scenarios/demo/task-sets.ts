import { DEFAULT_SECURITY_GROUPS, DEFAULT_SUBNETS } from '../../services/ecs/builder-defaults';
import { addServiceEvent, eventText } from '../../services/ecs/events';
import { createServiceRecord } from '../../services/ecs/services';
import { ecsScope } from '../../services/ecs/state';
import { createTaskSet } from '../../services/ecs/task-sets';
import { startTask } from '../../services/ecs/tasks';
import type {
  DeploymentControllerType,
  LoadBalancer,
  ServiceRec,
  TaskDefinitionRec,
} from '../../services/ecs/types';
import { envOf, familyName, planReleases, sized, teamTags, type ClusterCtx } from './context';
import { MINUTE } from './calendar';
import { appProfile } from './task-definitions';

// Services whose tasks belong to task sets (aws-semantics D.5): CODE_DEPLOY and EXTERNAL. At
// rest they have one PRIMARY set in steady state and no `deployments[]` history of their own;
// whatever deploys them (CodeDeploy, an outside tool) keeps that.

export interface TaskSetServiceSpec {
  name: string;
  controller: Exclude<DeploymentControllerType, 'ECS'>;
  desiredCount: number;
  createdAt: number;
  /** The definition the PRIMARY set runs, and when that set was created. */
  current: TaskDefinitionRec;
  currentAt: number;
  externalId?: string;
  startedBy?: string;
  /** The service's own load balancers (as created) and the set's (where it runs now). */
  serviceLoadBalancers?: LoadBalancer[];
  setLoadBalancers?: LoadBalancer[];
  tags: Record<string, string>;
  createdBy: string;
}

export function buildTaskSetService(ctx: ClusterCtx, spec: TaskSetServiceSpec): ServiceRec {
  const { world, region } = ctx;
  const scope = ecsScope(world, region);
  const service = createServiceRecord(scope, {
    cluster: ctx.cluster,
    name: spec.name,
    desiredCount: spec.desiredCount,
    deploymentController: spec.controller,
    loadBalancers: spec.serviceLoadBalancers ?? [],
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: DEFAULT_SUBNETS as string[],
        securityGroups: DEFAULT_SECURITY_GROUPS as string[],
        assignPublicIp: 'DISABLED',
      },
    },
    healthCheckGracePeriodSeconds: spec.serviceLoadBalancers?.length ? 30 : 0,
    tags: Object.entries(spec.tags).map(([key, value]) => ({ key, value })),
    at: spec.createdAt,
  });
  service.createdBy = spec.createdBy;
  const set = createTaskSet(scope, service, {
    taskDefinition: spec.current,
    primary: true,
    ...(spec.externalId ? { externalId: spec.externalId } : {}),
    ...(spec.startedBy ? { startedBy: spec.startedBy } : {}),
    ...(spec.setLoadBalancers ? { loadBalancers: spec.setLoadBalancers } : {}),
    at: spec.currentAt,
    notify: false,
  });
  const steadyAt = spec.currentAt + 3 * MINUTE;
  set.stabilityStatus = 'STEADY_STATE';
  set.stabilityStatusAt = steadyAt;
  set.updatedAt = steadyAt;

  const checked = spec.current.containerDefinitions.some((c) => c.healthCheck);
  const ids: string[] = [];
  for (let i = 0; i < spec.desiredCount; i++) {
    const task = startTask(scope, {
      cluster: ctx.cluster,
      taskDefinition: spec.current,
      service,
      ownerId: set.id,
      ...(spec.startedBy ? { startedBy: spec.startedBy } : {}),
      launchType: 'FARGATE',
      ...(service.platformVersion ? { platformVersion: service.platformVersion } : {}),
      ...(service.networkConfiguration
        ? { networkConfiguration: service.networkConfiguration }
        : {}),
      lastStatus: 'RUNNING',
      ...(checked ? { healthStatus: 'HEALTHY' as const } : {}),
      at: spec.currentAt + 10_000,
    });
    ids.push(task.id);
  }
  // task-set services name the set in their events
  const prefix = `(service ${spec.name}, taskSet ${set.id})`;
  if (ids.length > 0) {
    const list = ids.map((id) => `(task ${id})`).join(' ');
    addServiceEvent(
      scope,
      service,
      `${prefix} has started ${ids.length} tasks: ${list}.`,
      spec.currentAt + 15_000,
    );
  }
  for (const lb of set.loadBalancers) {
    if (!lb.targetGroupArn || ids.length === 0) continue;
    addServiceEvent(
      scope,
      service,
      `${prefix} registered ${ids.length} targets in (target-group ${lb.targetGroupArn})`,
      spec.currentAt + 55_000,
    );
  }
  addServiceEvent(scope, service, eventText.steadyState(spec.name), steadyAt);
  return service;
}

/**
 * `notifications`: deployed by an outside tool through task sets (EXTERNAL controller). The
 * app shows it but none of its strategies can deploy it.
 */
export function buildNotifications(ctx: ClusterCtx): ServiceRec {
  const { world, region } = ctx;
  const profile = appProfile(world, region, {
    family: familyName(ctx, 'notifications'),
    container: 'notifications',
    cpu: 256,
    memory: 512,
    env: envOf(ctx),
    command: ['./notifications', 'serve', '--consumer'],
    environment: {
      APNS_KEY_ID: world.rng.alnum(10),
      FCM_SERVER_KEY: `AAAA${world.rng.alnum(7)}:APA91b${world.rng.alnum(40, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-')}`,
    },
  });
  const { releases, tags } = planReleases(ctx, 'notifications', profile);
  const current = releases[releases.length - 1]!;
  return buildTaskSetService(ctx, {
    name: 'notifications',
    controller: 'EXTERNAL',
    desiredCount: sized(ctx, 2),
    createdAt: releases[0]!.at - 2 * MINUTE,
    current: current.td,
    currentAt: current.at,
    externalId: `spinnaker:notifications:${tags[tags.length - 1]}`,
    tags: teamTags(ctx, 'messaging'),
    createdBy: ctx.people[6] ?? ctx.people[0]!,
  });
}
