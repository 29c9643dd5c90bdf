import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { TaskDefinition, TaskDefinitionDocument } from '../../aws/types';
import { ExpectedError, isAwsError } from '../../errors';
import { ecrRegistry, formatImageRef, resolveRequestedImage } from '../image-ref';
import { containerNames, defaultContainer, sameDocument, withImages } from '../task-definition';
import type { DeployTarget } from '../types';

export interface ImageChange {
  container: string;
  from: string;
  /** What gets registered (the digest form when pinned). */
  to: string;
  /** The tag the person asked for, if any. */
  tag?: string;
  digest?: string;
  pinned: boolean;
  /** true: found in ECR; false: ECR says it does not exist; undefined: not an ECR image. */
  inRegistry?: boolean;
  registryNote?: string;
}

/** What the deployment will run: a document to register, or an existing revision. */
export type NextDefinition =
  | {
      kind: 'register';
      document: TaskDefinitionDocument;
      tags: Record<string, string>;
      changes: ImageChange[];
      unchanged: boolean;
    }
  | { kind: 'existing'; taskDefinition: TaskDefinition; needsReRegister: boolean };

export async function resolveNextDefinition(
  gw: AwsGateway,
  current: TaskDefinition,
  target: DeployTarget,
  opts: CallOptions = {},
): Promise<NextDefinition> {
  if (target.kind === 'revision') {
    let td: TaskDefinition;
    try {
      td = await gw.ecs.describeTaskDefinition(target.taskDefinition, {
        ...opts,
        includeTags: true,
      });
    } catch (error) {
      if (isAwsError(error, 'not-found') || isAwsError(error, 'invalid-input')) {
        throw new ExpectedError(
          `task definition "${target.taskDefinition}" does not exist`,
          'give family:revision or a task definition ARN',
        );
      }
      throw error;
    }
    // An INACTIVE revision cannot be used by UpdateService; it can be registered again as new.
    return { kind: 'existing', taskDefinition: td, needsReRegister: td.status !== 'ACTIVE' };
  }
  const names = containerNames(current.document);
  const requested = target.images.map((img) => {
    const container = img.container ?? defaultContainer(current.document);
    if (!container) {
      throw new ExpectedError(
        `task definition ${current.family} has ${names.length} containers; say which one gets the image`,
        `use CONTAINER=IMAGE, containers are: ${names.join(', ')}`,
      );
    }
    if (!names.includes(container)) {
      throw new ExpectedError(
        `task definition ${current.family} has no container "${container}"`,
        `containers are: ${names.join(', ')}`,
      );
    }
    return { container, ref: img.ref };
  });
  const changes: ImageChange[] = [];
  for (const { container, ref } of requested) {
    const from = current.containers.find((c) => c.name === container)?.image ?? '';
    changes.push(await resolveImage(gw, container, from, ref, target.pinDigest, opts));
  }
  const document = withImages(
    current.document,
    changes.map((c) => ({ container: c.container, image: c.to })),
  );
  return {
    kind: 'register',
    document,
    tags: current.tags,
    changes,
    unchanged: sameDocument(document, current.document),
  };
}

async function resolveImage(
  gw: AwsGateway,
  container: string,
  from: string,
  requested: string,
  pin: boolean,
  opts: CallOptions,
): Promise<ImageChange> {
  const ref = resolveRequestedImage(requested, from);
  const asGiven = formatImageRef(ref);
  const registry = ecrRegistry(ref);
  const base: ImageChange = {
    container,
    from,
    to: asGiven,
    pinned: !!ref.digest,
    ...(ref.tag ? { tag: ref.tag } : {}),
    ...(ref.digest ? { digest: ref.digest } : {}),
  };
  if (!registry) {
    return { ...base, registryNote: 'not an ECR image: existence and digest cannot be checked' };
  }
  const { images, missing } = await gw.ecr.describeImages(
    ref.repository,
    [ref.digest ? { digest: ref.digest } : { tag: ref.tag ?? 'latest' }],
    { ...opts, registryId: registry.registryId },
  );
  const found = images[0];
  if (!found || missing.length > 0) {
    return {
      ...base,
      inRegistry: false,
      registryNote: missing[0]?.reason ?? `${asGiven} is not in ECR`,
    };
  }
  if (ref.digest || !pin) return { ...base, inRegistry: true, digest: found.digest };
  const pinned = formatImageRef({ ...ref, tag: undefined, digest: found.digest });
  return { ...base, to: pinned, digest: found.digest, pinned: true, inRegistry: true };
}

/** The next revision as a TaskDefinition, for diffs and review screens. */
export function nextTaskDefinitionView(
  current: TaskDefinition,
  next: NextDefinition,
): TaskDefinition {
  if (next.kind === 'existing') return next.taskDefinition;
  const byName = new Map(next.changes.map((c) => [c.container, c.to]));
  return {
    ...current,
    containers: current.containers.map((c) =>
      byName.has(c.name) ? { ...c, image: byName.get(c.name)! } : c,
    ),
    document: next.document,
  };
}
