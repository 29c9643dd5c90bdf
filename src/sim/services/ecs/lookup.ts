import { SimError } from '../../core/errors';
import type { RequestContext } from '../../core/types';
import { nameFromArnOrName, parseEcsArn } from './ids';
import { ecsScope, type EcsScope } from './state';
import type { ClusterRec, ServiceRec } from './types';

// Request-side lookups that answer with ECS's exact errors (aws-semantics B.10).

export const ecsError = {
  clusterNotFound: () => new SimError('ClusterNotFoundException', 'Cluster not found.'),
  serviceNotFound: () => new SimError('ServiceNotFoundException', 'Service not found.'),
  serviceNotActive: () => new SimError('ServiceNotActiveException', 'Service was not ACTIVE.'),
  taskDefinitionNotFound: () => new SimError('ClientException', 'TaskDefinition not found.'),
  invalid: (message: string) => new SimError('InvalidParameterException', message),
  client: (message: string) => new SimError('ClientException', message),
};

export function scopeOf(ctx: RequestContext): EcsScope {
  return ecsScope(ctx.world, ctx.region);
}

/** An ARN from another region or account names nothing here. */
function foreignArn(scope: EcsScope, ref: string): boolean {
  if (!ref.startsWith('arn:')) return false;
  const parsed = parseEcsArn(ref);
  return !parsed || parsed.region !== scope.region || parsed.accountId !== scope.accountId;
}

/** `cluster` may be a name or an ARN; absent means `default`, as on AWS. */
export function clusterOrThrow(scope: EcsScope, ref: string | undefined): ClusterRec {
  const value = ref ?? 'default';
  if (foreignArn(scope, value)) throw ecsError.clusterNotFound();
  const cluster = scope.ecs.clusters.get(nameFromArnOrName(value));
  if (!cluster || cluster.status !== 'ACTIVE') throw ecsError.clusterNotFound();
  return cluster;
}

export function findServiceRef(
  scope: EcsScope,
  cluster: ClusterRec,
  ref: string,
): ServiceRec | undefined {
  if (foreignArn(scope, ref)) return undefined;
  // a service ARN names its cluster; it must be the one the call is about
  if (ref.startsWith('arn:') && parseEcsArn(ref)?.parts[0] !== cluster.name) return undefined;
  return cluster.services.get(nameFromArnOrName(ref));
}

export function serviceOrThrow(scope: EcsScope, cluster: ClusterRec, ref: string): ServiceRec {
  const service = findServiceRef(scope, cluster, ref);
  if (!service) throw ecsError.serviceNotFound();
  return service;
}

/** For calls that change a service: it must exist and be ACTIVE. */
export function activeServiceOrThrow(
  scope: EcsScope,
  cluster: ClusterRec,
  ref: string,
): ServiceRec {
  const service = serviceOrThrow(scope, cluster, ref);
  if (service.status !== 'ACTIVE') throw ecsError.serviceNotActive();
  return service;
}

/** `include: ["TAGS", ...]` as a set; unknown values are ignored like AWS does. */
export function includeSet(input: Record<string, unknown>): ReadonlySet<string> {
  const v = input.include;
  return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
}
