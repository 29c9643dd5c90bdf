/** Short labels for ARNs and image references, forgiving of anything AWS may return. */

/** `arn:...:task-definition/api:42` (or `api:42`) → `api:42`. */
export function taskDefinitionLabel(arn: string | undefined, none = '—'): string {
  if (!arn) return none;
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** The last path segment of an ARN: a service name, a 32-hex task id, a deployment id. */
export function arnName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** `role/deploy/ecsTaskRole` style ARN → `ecsTaskRole`. */
export function roleName(arn: string | undefined, none = '—'): string {
  return arn ? arnName(arn) : none;
}

export interface ImageParts {
  /** Everything before the tag or digest (registry and repository). */
  repository: string;
  tag?: string;
  /** `sha256:<64 hex>` when the reference is pinned. */
  digest?: string;
}

/** Splits `[registry[:port]/]repo[:tag][@sha256:...]` without judging it. */
export function splitImage(image: string): ImageParts {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  // a colon before the last slash belongs to a registry port, not a tag
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { repository: rest, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** `sha256:abcdef12...` → `@sha256:abcdef12` (8 hex digits, enough to tell images apart). */
export function shortDigest(digest: string): string {
  const [algo, hex] = digest.includes(':') ? digest.split(':', 2) : ['sha256', digest];
  return `@${algo}:${(hex ?? '').slice(0, 8)}`;
}

/** What a row shows for an image: its tag, else its short digest, else `latest`. */
export function imageLabel(image: string | undefined, none = '—'): string {
  if (!image) return none;
  const parts = splitImage(image);
  if (parts.tag) return parts.tag;
  if (parts.digest) return shortDigest(parts.digest);
  return 'latest';
}

/** Repository without the registry host: `123.dkr.ecr.../team/api` → `team/api`. */
export function repositoryName(image: string): string {
  const { repository } = splitImage(image);
  const first = repository.split('/')[0] ?? '';
  const hasRegistry =
    repository.includes('/') &&
    (first.includes('.') || first.includes(':') || first === 'localhost');
  return hasRegistry ? repository.slice(first.length + 1) : repository;
}
