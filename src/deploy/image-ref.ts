import { ExpectedError } from '../errors';

/**
 * A container image reference: `[registry/]repository[:tag][@sha256:digest]`.
 * Parsed by the Docker reference grammar, simplified to what ECS accepts.
 */
export interface ImageRef {
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const REPO_PART = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const ECR_REGISTRY = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

export class ImageRefError extends ExpectedError {}

function looksLikeRegistry(part: string): boolean {
  return part.includes('.') || part.includes(':') || part === 'localhost';
}

export function parseImageRef(text: string): ImageRef {
  const input = text.trim();
  if (input === '')
    throw new ImageRefError(
      'image reference is empty',
      'give repository:tag or repository@sha256:<digest>',
    );
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) {
      throw new ImageRefError(
        `"${input}" has a malformed digest "${digest}"`,
        'a digest is sha256: followed by 64 lowercase hex characters',
      );
    }
  }
  const parts = rest.split('/');
  let registry: string | undefined;
  if (parts.length > 1 && looksLikeRegistry(parts[0]!)) registry = parts.shift();
  let last = parts.pop() ?? '';
  let tag: string | undefined;
  const colon = last.indexOf(':');
  if (colon >= 0) {
    tag = last.slice(colon + 1);
    last = last.slice(0, colon);
    if (!TAG.test(tag)) {
      throw new ImageRefError(
        `"${input}" has a malformed tag "${tag}"`,
        'a tag is up to 128 letters, digits, _, . or - and does not start with . or -',
      );
    }
  }
  parts.push(last);
  for (const part of parts) {
    if (!REPO_PART.test(part)) {
      throw new ImageRefError(
        `"${input}" is not a valid image reference (bad repository part "${part}")`,
        'repository names are lowercase letters, digits and separators (. _ - /)',
      );
    }
  }
  return {
    ...(registry ? { registry } : {}),
    repository: parts.join('/'),
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
  };
}

export function formatImageRef(ref: ImageRef): string {
  const base = ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository;
  if (ref.digest) return `${base}@${ref.digest}`;
  return `${base}:${ref.tag ?? 'latest'}`;
}

/** The account and region of an ECR registry, or undefined for other registries. */
export function ecrRegistry(ref: ImageRef): { registryId: string; region: string } | undefined {
  const m = ref.registry ? ECR_REGISTRY.exec(ref.registry) : null;
  return m ? { registryId: m[1]!, region: m[2]! } : undefined;
}

/**
 * What the person typed for a container, applied to the image it runs now: a full reference
 * replaces it; `:tag` or `@sha256:...` keeps the current repository (the common case: ship
 * a new build of the same thing).
 */
export function resolveRequestedImage(requested: string, current: string): ImageRef {
  const text = requested.trim();
  if (text.startsWith(':') || text.startsWith('@')) {
    const base = parseImageRef(current);
    return parseImageRef(`${base.registry ? `${base.registry}/` : ''}${base.repository}${text}`);
  }
  return parseImageRef(text);
}

/** `sha256:0123abcd…` shortened for tables: `@sha256:0123abcd`. */
export function shortDigest(digest: string): string {
  return `@${digest.slice(0, 'sha256:'.length + 8)}`;
}

/** The tag, or the short digest, of an image string, for tables. */
export function imageLabel(image: string): string {
  try {
    const ref = parseImageRef(image);
    if (ref.tag && ref.digest) return `${ref.tag}${shortDigest(ref.digest)}`;
    if (ref.digest) return shortDigest(ref.digest);
    return ref.tag ?? 'latest';
  } catch {
    return image;
  }
}

/** `123….amazonaws.com/shop/api@sha256:ee54…` → `shop/api@sha256:ee5432bb`, for one-line notes. */
export function imageShortRef(image: string): string {
  try {
    const ref = parseImageRef(image);
    return `${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? shortDigest(ref.digest) : ''}`;
  } catch {
    return image;
  }
}
