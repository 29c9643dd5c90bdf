/**
 * Scenario builders create steady services straight in the records: tasks RUNNING, but not
 * registered in any target group. Adopting puts each such task behind its service's target
 * groups as a `healthy` target (no warm-up, no checks for a good image, so nothing is
 * scheduled) and records its image behaviour, so traffic reaches it, DescribeTargetHealth
 * lists it, and a later rollout deregisters and drains it like any task.
 *
 * Only ECS-controller services on the ROLLING strategy are adopted: CODE_DEPLOY task sets and
 * ECS-native blue/green services belong to their own engines.
 */
import type { ServiceRec } from '../services/ecs/types';
import { behaviourOfTask } from './task-lifecycle';
import { registerTaskTarget } from './task-health';
import {
  serviceRuntime,
  serviceTargetGroups,
  type EngineRuntime,
  type ServiceRuntime,
} from './runtime';

export function isRollingService(service: ServiceRec): boolean {
  return (
    service.deploymentController === 'ECS' &&
    (service.deploymentConfiguration.strategy ?? 'ROLLING') === 'ROLLING'
  );
}

/** Adopts the RUNNING tasks of one service that the engine does not know yet. */
export function adoptService(rt: EngineRuntime, srt: ServiceRuntime): void {
  const { service, scope } = srt;
  if (!isRollingService(service) || service.status !== 'ACTIVE') return;
  const groups = serviceTargetGroups(service);
  for (const task of service.tasks.values()) {
    if (rt.tasks.has(task) || task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') {
      continue;
    }
    rt.tasks.set(task, {
      service,
      region: scope.region,
      behaviour: behaviourOfTask(rt.world, task),
      targets: [],
      wasHealthy: true,
    });
    rt.ipOwners.set(`${scope.region}|${task.privateIp}`, task);
    for (const tg of groups) registerTaskTarget(rt, task, tg, true);
  }
}

/** Adopts every load-balanced rolling service of the world (after a scenario is built). */
export function adoptWorld(rt: EngineRuntime): void {
  const { world } = rt;
  for (const region of world.regionNames()) {
    for (const cluster of world.region(region).ecs.clusters.values()) {
      for (const service of cluster.services.values()) {
        if (service.status !== 'ACTIVE' || !isRollingService(service)) continue;
        if (serviceTargetGroups(service).length === 0) continue;
        adoptService(rt, serviceRuntime(rt, service));
      }
    }
  }
}
