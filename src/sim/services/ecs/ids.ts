import { createHash } from 'node:crypto';
import type { Rng } from '../../rng';
import { flat, randomDigits, randomFrom, randomUuid } from './rand';

// ECS ids and ARNs exactly as AWS prints them (aws-semantics B.1, B.2, B.9, C.3, D.5).

function prefix(region: string, accountId: string): string {
  return flat('arn:aws:ecs:', region, ':', accountId);
}

export function clusterArn(region: string, accountId: string, name: string): string {
  return flat(prefix(region, accountId), ':cluster/', name);
}

export function serviceArn(region: string, accountId: string, cluster: string, name: string) {
  return flat(prefix(region, accountId), ':service/', cluster, '/', name);
}

export function taskArn(region: string, accountId: string, cluster: string, id: string): string {
  return flat(prefix(region, accountId), ':task/', cluster, '/', id);
}

export function containerArn(
  region: string,
  accountId: string,
  cluster: string,
  taskId: string,
  rng: Rng,
): string {
  return flat(prefix(region, accountId), ':container/', cluster, '/', taskId, '/', randomUuid(rng));
}

export function taskDefinitionArn(region: string, accountId: string, family: string, rev: number) {
  return flat(prefix(region, accountId), ':task-definition/', family, ':', String(rev));
}

export function taskSetArn(
  region: string,
  accountId: string,
  cluster: string,
  service: string,
  id: string,
): string {
  return flat(prefix(region, accountId), ':task-set/', cluster, '/', service, '/', id);
}

export function serviceDeploymentArn(
  region: string,
  accountId: string,
  cluster: string,
  service: string,
  rng: Rng,
): string {
  return flat(
    prefix(region, accountId),
    ':service-deployment/',
    cluster,
    '/',
    service,
    '/',
    serviceDeploymentId(rng),
  );
}

export function serviceRevisionArn(
  region: string,
  accountId: string,
  cluster: string,
  service: string,
  rng: Rng,
): string {
  return flat(
    prefix(region, accountId),
    ':service-revision/',
    cluster,
    '/',
    service,
    '/',
    randomDigits(rng, 19),
  );
}

/** `ecs-svc/` plus 19 digits: deployment ids and task-set ids share the form. */
export function deploymentId(rng: Rng): string {
  return flat('ecs-svc/', randomDigits(rng, 19));
}

const OPAQUE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Real ids look like `EXsdro8Rs9T3dIOLon0qU` or `NCWGC2ZR-taawPAYrIaU5` (21 characters). */
export function serviceDeploymentId(rng: Rng): string {
  return randomFrom(rng, 21, OPAQUE);
}

/** Hook ids look like `ecs-pause-Xk7rT2mP9sLwQn4vB8fYd3hJ6gA1cE5iO0uR_ZpWq`. */
export function lifecycleHookId(rng: Rng, targetType: 'AWS_LAMBDA' | 'PAUSE'): string {
  return flat(
    'ecs-',
    targetType === 'PAUSE' ? 'pause' : 'lambda',
    '-',
    randomFrom(rng, 42, OPAQUE),
  );
}

/**
 * A stable digest for an image that is not in the simulated ECR (nginx:1.27, public images):
 * the same reference always resolves to the same digest, as a registry would.
 */
export function syntheticImageDigest(image: string): string {
  // memoized: a pure function of the text, and thousands of tasks share a handful of images
  let digest = DIGESTS.get(image);
  if (digest === undefined) {
    digest = `sha256:${createHash('sha256').update(image).digest('hex')}`;
    if (DIGESTS.size >= 10_000) DIGESTS.clear();
    DIGESTS.set(image, digest);
  }
  return digest;
}

const DIGESTS = new Map<string, string>();

/** The last path segment of an ARN, or the value itself when it is a plain name. */
export function nameFromArnOrName(value: string): string {
  if (!value.startsWith('arn:')) return value;
  const slash = value.lastIndexOf('/');
  return slash >= 0 ? value.slice(slash + 1) : value;
}

export interface ParsedEcsArn {
  region: string;
  accountId: string;
  /** cluster, service, task, task-definition, task-set, service-deployment, ... */
  kind: string;
  /** The path after `<kind>/`, split on `/`. */
  parts: string[];
}

export function parseEcsArn(arn: string): ParsedEcsArn | undefined {
  const m = /^arn:aws[\w-]*:ecs:([^:]+):(\d{12}):([a-z-]+)\/(.+)$/.exec(arn);
  if (!m) return undefined;
  return { region: m[1]!, accountId: m[2]!, kind: m[3]!, parts: m[4]!.split('/') };
}

/** The cluster name inside a service/task/service-deployment ARN (long ARN format). */
export function clusterFromArn(arn: string): string | undefined {
  const parsed = parseEcsArn(arn);
  if (!parsed) return undefined;
  if (parsed.kind === 'cluster') return parsed.parts[0];
  return parsed.parts.length >= 2 ? parsed.parts[0] : undefined;
}
