import type { ServiceDeployment, ServiceDeploymentBrief, ServiceRevision } from '../../aws/types';
import type { CallCost } from '../budget';
import type { PollHub } from '../poll-hub';
import { HistoryStore } from './history-store';
import { DEFAULT_INTERVALS, type ActivityIntervals } from './intervals';

export interface DeploymentHistory {
  /** The newest page, newest first. */
  readonly deployments: readonly ServiceDeployment[];
  /** Target and source revisions of those deployments, by ARN (for revision and image). */
  readonly revisions: ReadonlyMap<string, ServiceRevision>;
}

export interface DeploymentHistoryOptions {
  cluster: string;
  service: string;
  /** Deployments per page (ListServiceDeployments maxResults). Default 20. */
  pageSize?: number;
  intervals?: ActivityIntervals;
}

const FINISHED = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);

/**
 * The Deployments tab: ListServiceDeployments of the newest page, then DescribeServiceDeployments
 * only for entries not seen yet or still running (finished history never changes), and
 * DescribeServiceRevisions once per revision. A steady poll costs one list call plus one
 * describe while something runs, however long the history.
 */
export class DeploymentHistoryStore extends HistoryStore<DeploymentHistory> {
  private readonly described = new Map<string, ServiceDeployment>();
  private readonly revisions = new Map<string, ServiceRevision>();
  /** ARNs AWS would not describe (MISSING): not asked again while they stay on the page. */
  private readonly unavailable = new Set<string>();

  constructor(
    hub: PollHub,
    private readonly options: DeploymentHistoryOptions,
  ) {
    super(
      hub,
      `history:${options.cluster}/${options.service}`,
      options.intervals ?? DEFAULT_INTERVALS.history,
    );
  }

  protected cost(): CallCost {
    return { 'ecs.serviceDeployment': this.isActive ? 2 : 1 };
  }

  protected async fetch(signal: AbortSignal): Promise<DeploymentHistory> {
    const ecs = this.hub.gateway.ecs;
    const briefs = await ecs.listServiceDeployments(
      this.options.cluster,
      this.options.service,
      { max: this.options.pageSize ?? 20 },
      { signal },
    );
    const stale = briefs.filter((b) => {
      const known = this.described.get(b.arn);
      if (!known) return !this.unavailable.has(b.arn);
      return !FINISHED.has(known.status) || known.status !== b.status;
    });
    if (stale.length) {
      const got = await ecs.describeServiceDeployments(
        stale.map((b) => b.arn),
        { signal },
      );
      for (const d of got) this.described.set(d.arn, d);
      for (const b of stale) if (!this.described.has(b.arn)) this.unavailable.add(b.arn);
    }
    const deployments = briefs.map((b) => this.described.get(b.arn) ?? toDeployment(b));
    const wanted = new Set<string>();
    for (const d of deployments) {
      const target = d.targetServiceRevision?.arn ?? d.targetServiceRevisionArn;
      if (target) wanted.add(target);
      for (const s of d.sourceServiceRevisions) wanted.add(s.arn);
    }
    const missing = [...wanted].filter(
      (arn) => !this.revisions.has(arn) && !this.unavailable.has(arn),
    );
    if (missing.length) {
      for (const r of await ecs.describeServiceRevisions(missing, { signal })) {
        this.revisions.set(r.arn, r);
      }
      for (const arn of missing) if (!this.revisions.has(arn)) this.unavailable.add(arn);
    }
    // forget what fell off the page, so a long session does not grow without end
    const onPage = new Set(briefs.map((b) => b.arn));
    for (const arn of this.described.keys()) if (!onPage.has(arn)) this.described.delete(arn);
    for (const arn of this.revisions.keys()) if (!wanted.has(arn)) this.revisions.delete(arn);
    for (const arn of this.unavailable)
      if (!onPage.has(arn) && !wanted.has(arn)) this.unavailable.delete(arn);
    return { deployments, revisions: new Map(this.revisions) };
  }
}

/** A brief AWS would not describe (e.g. created before 2024-10-25): show what the list gave. */
function toDeployment(brief: ServiceDeploymentBrief): ServiceDeployment {
  return { sourceServiceRevisions: [], lifecycleHooks: [], ...brief };
}
