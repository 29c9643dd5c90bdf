import { ExpectedError } from '../errors';
import type { TaskDefinitionDocument } from '../aws/types';

/**
 * Response-only fields of DescribeTaskDefinition. The SDK drops them silently on register, the
 * AWS CLI rejects them: strip them explicitly (aws-semantics B.9).
 */
export const RESPONSE_ONLY_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
] as const;

export function stripResponseOnly(doc: Record<string, unknown>): TaskDefinitionDocument {
  const out: Record<string, unknown> = { ...doc };
  for (const key of RESPONSE_ONLY_FIELDS) delete out[key];
  return out as TaskDefinitionDocument;
}

export function containerNames(doc: TaskDefinitionDocument): string[] {
  return doc.containerDefinitions.map((c) => String(c['name']));
}

/**
 * A copy of the document with new images for the named containers. A container name that is
 * not in the definition is an error that lists the ones that are.
 */
export function withImages(
  doc: TaskDefinitionDocument,
  images: { container: string; image: string }[],
): TaskDefinitionDocument {
  const names = containerNames(doc);
  for (const { container } of images) {
    if (!names.includes(container)) {
      throw new ExpectedError(
        `task definition ${doc.family} has no container "${container}"`,
        `containers are: ${names.join(', ')}`,
      );
    }
  }
  const byName = new Map(images.map((i) => [i.container, i.image]));
  return {
    ...doc,
    containerDefinitions: doc.containerDefinitions.map((c) => {
      const next = byName.get(String(c['name']));
      return next === undefined ? c : { ...c, image: next };
    }),
  };
}

/**
 * The container a single-image change applies to: the one named, or the only one, or the only
 * essential one with port mappings (the app container next to sidecars).
 */
export function defaultContainer(doc: TaskDefinitionDocument): string | undefined {
  const defs = doc.containerDefinitions;
  if (defs.length === 1) return String(defs[0]!['name']);
  const candidates = defs.filter(
    (c) =>
      c['essential'] !== false &&
      Array.isArray(c['portMappings']) &&
      (c['portMappings'] as unknown[]).length > 0,
  );
  return candidates.length === 1 ? String(candidates[0]!['name']) : undefined;
}

/** Structural equality of two documents, ignoring key order (to skip a needless register). */
export function sameDocument(a: TaskDefinitionDocument, b: TaskDefinitionDocument): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
