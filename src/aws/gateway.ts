import type { WorldClock } from './server-clock';
import type {
  Alarm,
  CallerIdentity,
  Cluster,
  CodeDeployApplication,
  CodeDeployDeployment,
  CreateCodeDeployDeploymentInput,
  DeploymentConfig,
  DeploymentGroup,
  EcsDeploymentTarget,
  ImageDetail,
  Listener,
  LoadBalancer,
  MetricQuery,
  MetricSeries,
  Rule,
  RuleAction,
  Service,
  ServiceDeployment,
  ServiceDeploymentBrief,
  ServiceRevision,
  Task,
  TaskDefinition,
  TaskDefinitionDocument,
  TaskSet,
  TargetGroup,
  TargetHealth,
  UpdateServiceInput,
} from './types';

/**
 * The only door to AWS. Everything above src/aws talks to these interfaces and gets domain
 * types back; the SDK implementation lives in sdk/ (one file per service). Every method takes an optional
 * AbortSignal so a screen that goes away cancels its calls. Mutating methods are refused
 * before anything is sent when the gateway is read-only.
 */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface EcsGateway {
  /** All cluster ARNs (every page). */
  listClusterArns(opts?: CallOptions): Promise<string[]>;
  describeClusters(clusters: string[], opts?: CallOptions): Promise<Cluster[]>;
  /** All service ARNs of a cluster, 100 per ListServices call. */
  listServiceArns(cluster: string, opts?: CallOptions): Promise<string[]>;
  /**
   * Services by name or ARN, in batches of 10 with bounded concurrency. Names AWS reports
   * MISSING come back in `missing`, not as an error.
   */
  describeServices(
    cluster: string,
    services: string[],
    opts?: CallOptions & { includeTags?: boolean },
  ): Promise<{ services: Service[]; missing: string[] }>;
  describeTaskDefinition(
    taskDefinition: string,
    opts?: CallOptions & { includeTags?: boolean },
  ): Promise<TaskDefinition>;
  listTaskDefinitionArns(
    query: {
      familyPrefix?: string;
      status?: 'ACTIVE' | 'INACTIVE';
      sort?: 'ASC' | 'DESC';
      max?: number;
    },
    opts?: CallOptions,
  ): Promise<string[]>;
  listTaskDefinitionFamilies(
    query: { familyPrefix?: string; max?: number },
    opts?: CallOptions,
  ): Promise<string[]>;
  /** Mutating. */
  registerTaskDefinition(
    document: TaskDefinitionDocument,
    tags: Record<string, string>,
    opts?: CallOptions,
  ): Promise<TaskDefinition>;
  /** Task ARNs of a cluster, optionally of one service; RUNNING unless asked for STOPPED. */
  listTaskArns(
    cluster: string,
    query: {
      serviceName?: string;
      desiredStatus?: 'RUNNING' | 'STOPPED' | 'PENDING';
      startedBy?: string;
      max?: number;
    },
    opts?: CallOptions,
  ): Promise<string[]>;
  /** Tasks in batches of 100. */
  describeTasks(cluster: string, tasks: string[], opts?: CallOptions): Promise<Task[]>;
  /** Mutating. Returns the service as AWS reports it right after the update. */
  updateService(input: UpdateServiceInput, opts?: CallOptions): Promise<Service>;
  /** Newest first. */
  listServiceDeployments(
    cluster: string,
    service: string,
    query?: { status?: string[]; max?: number },
    opts?: CallOptions,
  ): Promise<ServiceDeploymentBrief[]>;
  /** In batches of 20. */
  describeServiceDeployments(arns: string[], opts?: CallOptions): Promise<ServiceDeployment[]>;
  /** In batches of 20. */
  describeServiceRevisions(arns: string[], opts?: CallOptions): Promise<ServiceRevision[]>;
  /** Mutating. */
  stopServiceDeployment(
    arn: string,
    stopType: 'ROLLBACK' | 'ABORT',
    opts?: CallOptions,
  ): Promise<void>;
  /** Mutating. */
  continueServiceDeployment(
    arn: string,
    hookId: string,
    action: 'CONTINUE' | 'ROLLBACK',
    opts?: CallOptions,
  ): Promise<void>;
  describeTaskSets(cluster: string, service: string, opts?: CallOptions): Promise<TaskSet[]>;
  listTagsForResource(arn: string, opts?: CallOptions): Promise<Record<string, string>>;
}

export interface ElbGateway {
  describeLoadBalancers(
    query: { arns?: string[]; names?: string[] },
    opts?: CallOptions,
  ): Promise<LoadBalancer[]>;
  describeListeners(
    query: { loadBalancerArn?: string; listenerArns?: string[] },
    opts?: CallOptions,
  ): Promise<Listener[]>;
  describeRules(
    query: { listenerArn?: string; ruleArns?: string[] },
    opts?: CallOptions,
  ): Promise<Rule[]>;
  describeTargetGroups(
    query: { arns?: string[]; names?: string[]; loadBalancerArn?: string },
    opts?: CallOptions,
  ): Promise<TargetGroup[]>;
  describeTargetHealth(targetGroupArn: string, opts?: CallOptions): Promise<TargetHealth[]>;
  describeTargetGroupAttributes(
    targetGroupArn: string,
    opts?: CallOptions,
  ): Promise<Record<string, string>>;
  /** Mutating. Replaces the rule's whole action list (ELBv2 semantics); returns the rule as written. */
  modifyRuleActions(ruleArn: string, actions: RuleAction[], opts?: CallOptions): Promise<Rule>;
  /** Tags of up to 20 resources per call; batched beyond. */
  describeTags(arns: string[], opts?: CallOptions): Promise<Record<string, Record<string, string>>>;
  /** Mutating. */
  addTags(arn: string, tags: Record<string, string>, opts?: CallOptions): Promise<void>;
  /** Mutating. */
  removeTags(arn: string, keys: string[], opts?: CallOptions): Promise<void>;
}

export interface CodeDeployGateway {
  listApplications(opts?: CallOptions): Promise<string[]>;
  getApplication(name: string, opts?: CallOptions): Promise<CodeDeployApplication>;
  /** Applications by name, 100 per BatchGetApplications call. */
  batchGetApplications(names: string[], opts?: CallOptions): Promise<CodeDeployApplication[]>;
  listDeploymentGroups(applicationName: string, opts?: CallOptions): Promise<string[]>;
  /** Groups of one application, 100 per call; names that do not exist are left out. */
  batchGetDeploymentGroups(
    applicationName: string,
    groupNames: string[],
    opts?: CallOptions,
  ): Promise<DeploymentGroup[]>;
  getDeploymentGroup(
    applicationName: string,
    groupName: string,
    opts?: CallOptions,
  ): Promise<DeploymentGroup>;
  getDeploymentConfig(name: string, opts?: CallOptions): Promise<DeploymentConfig>;
  listDeploymentConfigs(opts?: CallOptions): Promise<string[]>;
  /** Newest first. */
  listDeployments(
    query: {
      applicationName: string;
      deploymentGroupName: string;
      statuses?: string[];
      max?: number;
    },
    opts?: CallOptions,
  ): Promise<string[]>;
  getDeployment(id: string, opts?: CallOptions): Promise<CodeDeployDeployment>;
  /** Up to 100 per call; batched beyond. */
  batchGetDeployments(ids: string[], opts?: CallOptions): Promise<CodeDeployDeployment[]>;
  /**
   * The ECS target of a deployment (one per deployment for ECS). Given the target id (from an
   * earlier answer) it costs one GetDeploymentTarget; without, a ListDeploymentTargets first.
   */
  getEcsDeploymentTarget(
    deploymentId: string,
    opts?: CallOptions & { targetId?: string },
  ): Promise<EcsDeploymentTarget | undefined>;
  /**
   * The AppSpec text of a revision, by its sha256 (GetDeployment returns the content as null,
   * aws-semantics D.1). Undefined when CodeDeploy has no such revision.
   */
  getAppSpecContent(
    applicationName: string,
    sha256: string,
    opts?: CallOptions,
  ): Promise<string | undefined>;
  /** Mutating. Returns the deployment id. */
  createDeployment(input: CreateCodeDeployDeploymentInput, opts?: CallOptions): Promise<string>;
  /** Mutating. */
  continueDeployment(
    id: string,
    waitType: 'READY_WAIT' | 'TERMINATION_WAIT',
    opts?: CallOptions,
  ): Promise<void>;
  /** Mutating. */
  stopDeployment(
    id: string,
    autoRollbackEnabled: boolean,
    opts?: CallOptions,
  ): Promise<{ status?: string; message?: string }>;
}

export interface EcrGateway {
  /** Images by tag or digest; images that do not exist come back in `missing`. */
  describeImages(
    repositoryName: string,
    ids: { tag?: string; digest?: string }[],
    opts?: CallOptions & { registryId?: string },
  ): Promise<{
    images: ImageDetail[];
    missing: { tag?: string; digest?: string; reason: string }[];
  }>;
}

export interface CloudWatchGateway {
  describeAlarms(names: string[], opts?: CallOptions): Promise<Alarm[]>;
  getMetricData(
    queries: MetricQuery[],
    start: Date,
    end: Date,
    opts?: CallOptions,
  ): Promise<MetricSeries[]>;
}

export interface StsGateway {
  getCallerIdentity(opts?: CallOptions): Promise<CallerIdentity>;
}

/** Counts of calls actually sent (and refused), per `service:Operation`. */
export interface CallCounter {
  count(service?: string, operation?: string): number;
  snapshot(): Readonly<Record<string, number>>;
  /** Mutating calls that were attempted (sent or refused in read-only mode). */
  mutatingAttempts(): number;
  /** Mutating calls actually sent to AWS. */
  mutatingSent(): number;
  reset(): void;
  /** Called after every call with the outcome; used for the throttled badge. */
  subscribe(listener: (event: CallEvent) => void): () => void;
  /** Mutating calls sent and not answered yet (what may or may not have happened at exit). */
  pendingWrites?(): readonly PendingWrite[];
  /** Told as a mutating call goes out, before its outcome is known. */
  onWriteStart?(listener: (write: PendingWrite) => void): () => void;
}

export interface CallEvent {
  service: string;
  operation: string;
  mutating: boolean;
  outcome: 'ok' | 'error' | 'refused';
  errorKind?: string;
  /** The AWS error code (`AccessDeniedException`), when the call failed. */
  errorCode?: string;
  /** Wall-clock duration of the call including SDK retries, in ms. */
  durationMs: number;
  /** HTTP attempts the SDK made for this call (retries included), when it reports them. */
  attempts?: number;
  /** What the call was about (`service "api" in cluster "prod"`), when its input names it. */
  resource?: string;
  /**
   * Named values of a mutating call (and of GetCallerIdentity): the revision registered, the
   * weights written, the deployment started. Picked by name: never environment or secret values.
   */
  details?: Readonly<Record<string, string>>;
  /** A write whose reply was lost: AWS may or may not have acted on it. */
  uncertain?: boolean;
}

/** A mutating call that has been sent and has not answered yet. */
export interface PendingWrite {
  service: string;
  operation: string;
  resource?: string;
  details?: Readonly<Record<string, string>>;
}

export interface GatewayContext {
  region: string;
  profile?: string;
  endpointUrl?: string;
  readOnly: boolean;
}

export interface AwsGateway {
  readonly ecs: EcsGateway;
  readonly elb: ElbGateway;
  readonly codedeploy: CodeDeployGateway;
  readonly ecr: EcrGateway;
  readonly cloudwatch: CloudWatchGateway;
  readonly sts: StsGateway;
  readonly calls: CallCounter;
  /**
   * The clock of the AWS side: real time, or the simulator's (faster, or manual in tests) when
   * the endpoint is `ecs-rollout sim`. Client-side timers use it.
   */
  readonly clock: WorldClock;
  readonly context: GatewayContext;
}

/** What `createGateway` returns: the gateway, plus a way to close its connections at exit. */
export interface ClosableAwsGateway extends AwsGateway {
  /** Closes idle keep-alive sockets of every client. The gateway must not be used after. */
  close(): void;
}
