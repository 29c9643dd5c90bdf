import type { CallOptions } from '../../aws/gateway';
import type { CodeDeployDeployment } from '../../aws/types';
import { appSpecTaskDefinition } from '../../deploy/codedeploy/attach';
import { findDeploymentGroup } from '../../deploy/codedeploy/discover';
import { ExpectedError, isAwsError } from '../../errors';
import type { CallCost } from '../budget';
import type { PollHub } from '../poll-hub';
import { HistoryStore } from './history-store';
import { DEFAULT_INTERVALS, type ActivityIntervals } from './intervals';

export interface CodeDeployHistory {
  readonly application: string;
  readonly deploymentGroup: string;
  /** The newest page, newest first. */
  readonly deployments: readonly CodeDeployDeployment[];
  /**
   * The task definition each AppSpec revision deploys, by the revision's sha256; null when
   * CodeDeploy no longer has the revision or it names no task definition. A sha256 not in the
   * map is not read yet.
   */
  readonly revisions: ReadonlyMap<string, string | null>;
}

export interface CodeDeployHistoryOptions {
  cluster: string;
  service: string;
  /** Deployments per page (ListDeployments is cut there). Default 20. */
  pageSize?: number;
  intervals?: ActivityIntervals;
}

const FINISHED = new Set(['Succeeded', 'Failed', 'Stopped']);
/**
 * GetApplicationRevision calls per poll, newest rows first: about a screen of rows at once,
 * the rest on the next poll, rather than a page's worth in one burst (perf-reliability 1.3:
 * bursts of CodeDeploy reads get throttled).
 */
const REVISIONS_PER_POLL = 10;

/**
 * The Deployments tab of a CODE_DEPLOY service, which has no ECS service deployments: the
 * history of its CodeDeploy deployment group. The group is looked up once per store (the
 * strategy's lookup, remembered per gateway). A steady poll is one ListDeployments; a
 * BatchGetDeployments only for entries not seen yet or still running (finished deployments
 * never change); one GetApplicationRevision per AppSpec revision, once; task definitions (for
 * the image) through the hub's cache.
 */
export class CodeDeployHistoryStore extends HistoryStore<CodeDeployHistory> {
  private group: { application: string; name: string } | undefined;
  /** No group deploys the service: said again without an account-wide search until refresh(). */
  private noGroup: Error | undefined;
  private readonly deployments = new Map<string, CodeDeployDeployment>();
  private readonly revisions = new Map<string, string | null>();
  /** Task definitions DescribeTaskDefinition refused: not asked again. */
  private readonly missingDefinitions = new Set<string>();
  private unsettled = true;
  private pendingRevisions = 0;

  constructor(
    hub: PollHub,
    private readonly options: CodeDeployHistoryOptions,
  ) {
    super(
      hub,
      `codedeploy-history:${options.cluster}/${options.service}`,
      options.intervals ?? DEFAULT_INTERVALS.history,
    );
  }

  /** Reads now; a group found missing earlier is looked for again. */
  override refresh(): Promise<void> {
    this.noGroup = undefined;
    return super.refresh();
  }

  protected cost(): CallCost {
    const list = this.noGroup ? 0 : 1;
    const batch = this.unsettled ? 1 : 0;
    return {
      'codedeploy.read': list + batch + Math.min(this.pendingRevisions, REVISIONS_PER_POLL),
    };
  }

  protected async fetch(signal: AbortSignal): Promise<CodeDeployHistory> {
    const opts: CallOptions = { signal };
    const codedeploy = this.hub.gateway.codedeploy;
    const group = await this.findGroup(opts);
    let ids: string[];
    try {
      ids = await codedeploy.listDeployments(
        {
          applicationName: group.application,
          deploymentGroupName: group.name,
          max: this.options.pageSize ?? 20,
        },
        opts,
      );
    } catch (error) {
      // the group was deleted or renamed: look for the service's group again next time
      if (isAwsError(error, 'not-found')) this.group = undefined;
      throw error;
    }
    const stale = ids.filter((id) => !FINISHED.has(this.deployments.get(id)?.status ?? ''));
    if (stale.length > 0) {
      for (const d of await codedeploy.batchGetDeployments(stale, opts)) {
        this.deployments.set(d.id, d);
      }
    }
    const page = ids.flatMap((id) => this.deployments.get(id) ?? []);
    await this.readRevisions(group.application, page, opts);
    await this.loadDefinitions(page, signal);

    // forget what fell off the page, so a long session does not grow without end
    const onPage = new Set(ids);
    for (const id of this.deployments.keys()) if (!onPage.has(id)) this.deployments.delete(id);
    const shas = new Set(page.flatMap((d) => d.revisionSha256 ?? []));
    for (const sha of this.revisions.keys()) if (!shas.has(sha)) this.revisions.delete(sha);
    const definitions = new Set(this.revisions.values());
    for (const td of this.missingDefinitions)
      if (!definitions.has(td)) this.missingDefinitions.delete(td);

    const before = this.cost()['codedeploy.read'];
    this.unsettled = page.length < ids.length || page.some((d) => !FINISHED.has(d.status));
    this.pendingRevisions = [...shas].filter((s) => !this.revisions.has(s)).length;
    if (this.cost()['codedeploy.read'] !== before) this.hub.rebalance();
    return {
      application: group.application,
      deploymentGroup: group.name,
      deployments: page,
      revisions: new Map(this.revisions),
    };
  }

  private async findGroup(opts: CallOptions): Promise<{ application: string; name: string }> {
    if (this.group) return this.group;
    if (this.noGroup) throw this.noGroup;
    const { cluster, service } = this.options;
    try {
      const found = await findDeploymentGroup(this.hub.gateway, cluster, service, {}, opts);
      this.group = { application: found.applicationName, name: found.name };
      return this.group;
    } catch (error) {
      // finding none searched every ECS application of the account: not again every poll
      if (error instanceof ExpectedError) this.noGroup = error;
      throw error;
    }
  }

  /** The task definition of each AppSpec revision not read yet, newest deployments first. */
  private async readRevisions(
    application: string,
    page: readonly CodeDeployDeployment[],
    opts: CallOptions,
  ): Promise<void> {
    const unread = [...new Set(page.flatMap((d) => d.revisionSha256 ?? []))].filter(
      (sha) => !this.revisions.has(sha),
    );
    for (const sha of unread.slice(0, REVISIONS_PER_POLL)) {
      const content = await this.hub.gateway.codedeploy.getAppSpecContent(application, sha, opts);
      this.revisions.set(sha, content ? (appSpecTaskDefinition(content) ?? null) : null);
    }
  }

  /** Task definitions of the page's revisions into the hub's cache, for the image column. */
  private async loadDefinitions(
    page: readonly CodeDeployDeployment[],
    signal: AbortSignal,
  ): Promise<void> {
    const cache = this.hub.taskDefinitions;
    const arns = new Set<string>();
    for (const d of page) {
      const td = d.revisionSha256 ? this.revisions.get(d.revisionSha256) : undefined;
      if (td && !cache.get(td) && !this.missingDefinitions.has(td)) arns.add(td);
    }
    await Promise.all(
      [...arns].map((arn) =>
        cache.load(arn, signal).catch((error: unknown) => {
          if (isAwsError(error, 'not-found') || isAwsError(error, 'invalid-input')) {
            this.missingDefinitions.add(arn);
          }
        }),
      ),
    );
  }
}
