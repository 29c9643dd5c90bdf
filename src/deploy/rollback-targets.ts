import type { AwsGateway, CallOptions } from '../aws/gateway';
import type { Service, TaskDefinition } from '../aws/types';
import { revisionLabel } from './revision-label';

/** A deployment that really completed on this service: something it is safe to go back to. */
export interface RollbackCandidate {
  serviceDeploymentArn: string;
  taskDefinitionArn: string;
  revisionLabel: string;
  startedAt?: Date;
  finishedAt?: Date;
  /** How long it ran as the live revision (until the next deployment started), when known. */
  ranForMs?: number;
  images: { container: string; image: string; digest?: string }[];
  /** ACTIVE can be deployed as is; INACTIVE must be registered again as a new revision. */
  taskDefinitionStatus: string;
  /** The service runs this revision now. */
  current: boolean;
  taskDefinition: TaskDefinition;
}

/**
 * The service's real history of completed deployments, newest first, one per revision — not
 * "revision minus one", which may be a failed build or a deregistered revision
 * (perf-reliability 4.1, 4.4). Costs: 1 ListServiceDeployments, 1 DescribeServiceDeployments,
 * 1 DescribeServiceRevisions, and one DescribeTaskDefinition per distinct revision.
 */
export async function rollbackCandidates(
  gw: AwsGateway,
  service: Service,
  cluster: string,
  opts: CallOptions = {},
): Promise<RollbackCandidate[]> {
  const briefs = await gw.ecs.listServiceDeployments(cluster, service.name, { max: 50 }, opts);
  const sorted = [...briefs].sort(
    (a, b) => time(b.createdAt ?? b.startedAt) - time(a.createdAt ?? a.startedAt),
  );
  const successful = sorted.filter((b) => b.status === 'SUCCESSFUL').slice(0, 20);
  if (successful.length === 0) return [];
  const deployments = await gw.ecs.describeServiceDeployments(
    successful.map((b) => b.arn),
    opts,
  );
  const revisionArns = deployments
    .map((d) => d.targetServiceRevision?.arn ?? d.targetServiceRevisionArn)
    .filter((a): a is string => !!a);
  const revisions = new Map(
    (await gw.ecs.describeServiceRevisions(revisionArns, opts)).map((r) => [r.arn, r]),
  );

  const seen = new Set<string>();
  const out: RollbackCandidate[] = [];
  for (const brief of successful) {
    const d = deployments.find((x) => x.arn === brief.arn);
    const revArn =
      d?.targetServiceRevision?.arn ??
      d?.targetServiceRevisionArn ??
      brief.targetServiceRevisionArn;
    const revision = revArn ? revisions.get(revArn) : undefined;
    if (!revision || seen.has(revision.taskDefinitionArn)) continue;
    seen.add(revision.taskDefinitionArn);
    const td = await gw.ecs.describeTaskDefinition(revision.taskDefinitionArn, opts);
    // it ran until the next deployment (of any outcome) started
    const next = sorted
      .filter((b) => time(b.createdAt ?? b.startedAt) > time(brief.createdAt ?? brief.startedAt))
      .at(-1);
    const until = next ? time(next.createdAt ?? next.startedAt) : undefined;
    const from = time(brief.finishedAt ?? brief.startedAt);
    out.push({
      serviceDeploymentArn: brief.arn,
      taskDefinitionArn: revision.taskDefinitionArn,
      revisionLabel: revisionLabel(revision.taskDefinitionArn),
      ...(brief.startedAt ? { startedAt: brief.startedAt } : {}),
      ...(brief.finishedAt ? { finishedAt: brief.finishedAt } : {}),
      ...(until !== undefined && from > 0 ? { ranForMs: Math.max(0, until - from) } : {}),
      images: td.containers.map((c) => {
        const fromRevision = revision.containerImages.find((i) => i.containerName === c.name);
        return {
          container: c.name,
          image: c.image,
          ...(fromRevision?.imageDigest ? { digest: fromRevision.imageDigest } : {}),
        };
      }),
      taskDefinitionStatus: td.status,
      current: revision.taskDefinitionArn === service.taskDefinitionArn,
      taskDefinition: td,
    });
  }
  return out;
}

function time(d: Date | undefined): number {
  return d ? d.getTime() : 0;
}
