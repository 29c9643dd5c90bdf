import type { World } from '../../world/world';
import type {
  ClusterRec,
  ServiceDeploymentRec,
  ServiceRec,
  ServiceRevisionRec,
  TaskDefinitionFamily,
  TaskDefinitionRec,
} from './types';

export type * from './types';

/**
 * ECS resources of one account and region. Handlers and engines change it only through the
 * mutation functions in this folder (`tasks.ts`, `deployments.ts`, `services.ts`,
 * `task-definitions.ts`, `task-sets.ts`, `events.ts`), so counts, indexes and hooks stay right.
 */
export interface EcsState {
  /** By cluster name, in creation order. */
  readonly clusters: Map<string, ClusterRec>;
  /** By family name, in registration order. */
  readonly taskDefinitions: Map<string, TaskDefinitionFamily>;
  /** By ARN, for DescribeServiceDeployments and StopServiceDeployment. */
  readonly serviceDeployments: Map<string, ServiceDeploymentRec>;
  /** By ARN, for DescribeServiceRevisions. */
  readonly serviceRevisions: Map<string, ServiceRevisionRec>;
}

export function createEcsState(): EcsState {
  return {
    clusters: new Map(),
    taskDefinitions: new Map(),
    serviceDeployments: new Map(),
    serviceRevisions: new Map(),
  };
}

/** Where a mutation happens: the world (rng, clock, hooks) plus one region's ECS state. */
export interface EcsScope {
  readonly world: World;
  readonly region: string;
  readonly accountId: string;
  readonly ecs: EcsState;
}

export function ecsScope(world: World, region: string = world.defaultRegion): EcsScope {
  return { world, region, accountId: world.accountId, ecs: world.region(region).ecs };
}

// ---- plain lookups (undefined when absent; the handlers turn that into AWS errors) ----

export function findCluster(state: EcsState, name: string): ClusterRec | undefined {
  return state.clusters.get(name);
}

export function findService(cluster: ClusterRec, name: string): ServiceRec | undefined {
  return cluster.services.get(name);
}

/** Latest revision of a family whose status is ACTIVE. */
export function latestActiveRevision(
  state: EcsState,
  family: string,
): TaskDefinitionRec | undefined {
  const fam = state.taskDefinitions.get(family);
  if (!fam) return undefined;
  for (let i = fam.revisions.length - 1; i >= 0; i--) {
    const rev = fam.revisions[i]!;
    if (rev.status === 'ACTIVE') return rev;
  }
  return undefined;
}

/** A task definition by ARN (`...:task-definition/family:rev`); undefined if unknown. */
export function taskDefinitionByArn(state: EcsState, arn: string): TaskDefinitionRec | undefined {
  const m = /:task-definition\/([^:/]+):(\d+)$/.exec(arn);
  if (!m) return undefined;
  return state.taskDefinitions.get(m[1]!)?.revisions[Number(m[2]) - 1];
}

/**
 * `family`, `family:revision` or a full ARN, as every ECS call that takes a task definition
 * accepts. A bare family resolves to its latest ACTIVE revision.
 */
export function resolveTaskDefinition(state: EcsState, ref: string): TaskDefinitionRec | undefined {
  if (ref.startsWith('arn:')) return taskDefinitionByArn(state, ref);
  const colon = ref.lastIndexOf(':');
  if (colon < 0) return latestActiveRevision(state, ref);
  const rev = Number(ref.slice(colon + 1));
  if (!Number.isInteger(rev) || rev < 1) return undefined;
  return state.taskDefinitions.get(ref.slice(0, colon))?.revisions[rev - 1];
}
