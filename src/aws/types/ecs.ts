// ECS domain types: what the app needs from ECS, with Date timestamps and no SDK types.

export type DeploymentControllerType = 'ECS' | 'CODE_DEPLOY' | 'EXTERNAL';
export type DeploymentStrategy = 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY';

export type LifecycleStage =
  | 'RECONCILE_SERVICE'
  | 'PRE_SCALE_UP'
  | 'SCALE_UP'
  | 'POST_SCALE_UP'
  | 'TEST_TRAFFIC_SHIFT'
  | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRE_PRODUCTION_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT'
  | 'BAKE_TIME'
  | 'CLEAN_UP';

export interface Cluster {
  arn: string;
  name: string;
  status: string;
  activeServicesCount: number;
  runningTasksCount: number;
  pendingTasksCount: number;
  capacityProviders: string[];
}

export interface LifecycleHook {
  targetType: 'AWS_LAMBDA' | 'PAUSE';
  hookTargetArn?: string;
  roleArn?: string;
  lifecycleStages: LifecycleStage[];
  timeout?: { timeoutInMinutes: number; action: 'CONTINUE' | 'ROLLBACK' };
  /** The JSON document ECS passes to a Lambda hook; kept so a re-sent hook loses nothing. */
  hookDetails?: unknown;
}

export interface DeploymentConfiguration {
  strategy: DeploymentStrategy;
  minimumHealthyPercent?: number;
  maximumPercent?: number;
  circuitBreaker?: { enable: boolean; rollback: boolean };
  alarms?: { alarmNames: string[]; enable: boolean; rollback: boolean };
  bakeTimeInMinutes?: number;
  canary?: { canaryPercent: number; canaryBakeTimeInMinutes: number };
  linear?: { stepPercent: number; stepBakeTimeInMinutes: number };
  lifecycleHooks: LifecycleHook[];
}

/** An entry of `service.deployments[]` (rolling deployments). */
export interface Deployment {
  id: string;
  /** PRIMARY (newest), ACTIVE (older, still has tasks), INACTIVE. */
  status: string;
  taskDefinitionArn: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  failedTasks: number;
  rolloutState?: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  rolloutStateReason?: string;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface ServiceEvent {
  id: string;
  createdAt: Date;
  message: string;
}

export interface ServiceLoadBalancer {
  targetGroupArn?: string;
  loadBalancerName?: string;
  containerName?: string;
  containerPort?: number;
  /** ECS-native blue/green set-up. */
  advanced?: {
    alternateTargetGroupArn: string;
    productionListenerRule: string;
    testListenerRule?: string;
    roleArn?: string;
  };
}

/** CODE_DEPLOY and EXTERNAL services run task sets instead of deployments. */
export interface TaskSet {
  id: string;
  arn: string;
  status: string;
  taskDefinitionArn: string;
  computedDesiredCount: number;
  runningCount: number;
  pendingCount: number;
  scalePercent?: number;
  stabilityStatus?: string;
  externalId?: string;
  startedBy?: string;
  createdAt?: Date;
  updatedAt?: Date;
  targetGroupArns: string[];
}

export interface Service {
  arn: string;
  name: string;
  clusterArn: string;
  status: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  taskDefinitionArn?: string;
  deploymentController: DeploymentControllerType;
  deploymentConfiguration: DeploymentConfiguration;
  deployments: Deployment[];
  taskSets: TaskSet[];
  /** Newest first, at most 100 (AWS keeps no more). */
  events: ServiceEvent[];
  loadBalancers: ServiceLoadBalancer[];
  launchType?: string;
  capacityProviders: string[];
  createdAt?: Date;
  createdBy?: string;
  currentServiceDeploymentArn?: string;
  healthCheckGracePeriodSeconds?: number;
  schedulingStrategy?: string;
  /** Only filled when asked for (DescribeServices include TAGS). */
  tags: Record<string, string>;
}

export interface PortMapping {
  containerPort: number;
  hostPort?: number;
  protocol?: string;
  name?: string;
}

export interface ContainerHealthCheck {
  command: string[];
  intervalSeconds?: number;
  timeoutSeconds?: number;
  retries?: number;
  startPeriodSeconds?: number;
}

export interface ContainerDefinition {
  name: string;
  image: string;
  essential: boolean;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  portMappings: PortMapping[];
  /** Values are data here; the presentation layer masks them. */
  environment: { name: string; value: string }[];
  secrets: { name: string; valueFrom: string }[];
  healthCheck?: ContainerHealthCheck;
  command?: string[];
}

/**
 * A task definition as the ECS register API takes it (camelCase JSON), with the response-only
 * fields removed (taskDefinitionArn, revision, status, requiresAttributes, compatibilities,
 * registeredAt, registeredBy, deregisteredAt, deleteRequestedAt). Re-registering it unchanged
 * gives an identical revision.
 */
export type TaskDefinitionDocument = Record<string, unknown> & {
  family: string;
  containerDefinitions: Record<string, unknown>[];
};

export interface TaskDefinition {
  arn: string;
  family: string;
  revision: number;
  status: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS' | (string & {});
  cpu?: string;
  memory?: string;
  networkMode?: string;
  taskRoleArn?: string;
  executionRoleArn?: string;
  requiresCompatibilities: string[];
  containers: ContainerDefinition[];
  registeredAt?: Date;
  registeredBy?: string;
  deregisteredAt?: Date;
  /** Only filled when asked for (include TAGS). */
  tags: Record<string, string>;
  /** The full definition, ready for RegisterTaskDefinition. */
  document: TaskDefinitionDocument;
}

export interface TaskContainer {
  name: string;
  image?: string;
  imageDigest?: string;
  lastStatus?: string;
  exitCode?: number;
  reason?: string;
  healthStatus?: string;
}

export interface Task {
  arn: string;
  /** The 32-hex id at the end of the ARN. */
  id: string;
  clusterArn: string;
  taskDefinitionArn: string;
  lastStatus: string;
  desiredStatus: string;
  healthStatus?: string;
  /** The deployment (ecs-svc/...) or task set that started it. */
  startedBy?: string;
  group?: string;
  launchType?: string;
  availabilityZone?: string;
  privateIp?: string;
  createdAt?: Date;
  startedAt?: Date;
  stoppingAt?: Date;
  stoppedAt?: Date;
  stopCode?: string;
  stoppedReason?: string;
  containers: TaskContainer[];
}

export type ServiceDeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'STOP_REQUESTED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

export interface ServiceDeploymentBrief {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  status: ServiceDeploymentStatus | (string & {});
  statusReason?: string;
  createdAt?: Date;
  startedAt?: Date;
  finishedAt?: Date;
  targetServiceRevisionArn?: string;
}

export interface ServiceRevisionSummary {
  arn: string;
  requestedTaskCount: number;
  runningTaskCount: number;
  pendingTaskCount: number;
  requestedTestTrafficWeight?: number;
  requestedProductionTrafficWeight?: number;
}

export interface LifecycleHookDetail {
  hookId: string;
  targetType: 'AWS_LAMBDA' | 'PAUSE' | (string & {});
  targetArn?: string;
  status: 'AWAITING_ACTION' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | (string & {});
  expiresAt?: Date;
  timeoutAction?: 'CONTINUE' | 'ROLLBACK' | (string & {});
  lifecycleStage?: LifecycleStage;
}

export type MonitorStatus = 'DISABLED' | 'MONITORING' | 'MONITORING_COMPLETE' | 'TRIGGERED';

export interface ServiceDeployment extends ServiceDeploymentBrief {
  sourceServiceRevisions: ServiceRevisionSummary[];
  targetServiceRevision?: ServiceRevisionSummary;
  lifecycleStage?: LifecycleStage;
  lifecycleHooks: LifecycleHookDetail[];
  rollback?: { reason?: string; startedAt?: Date; serviceRevisionArn?: string };
  circuitBreaker?: {
    status: MonitorStatus | (string & {});
    failureCount: number;
    threshold: number;
  };
  alarms?: {
    status: MonitorStatus | (string & {});
    alarmNames: string[];
    triggeredAlarmNames: string[];
  };
  deploymentConfiguration?: DeploymentConfiguration;
  stoppedAt?: Date;
  updatedAt?: Date;
}

export interface ServiceRevision {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  taskDefinitionArn: string;
  containerImages: { containerName: string; image?: string; imageDigest?: string }[];
  loadBalancers: ServiceLoadBalancer[];
  /**
   * The target groups this revision's tasks actually registered in (`resolvedConfiguration`):
   * for ECS-native blue/green, the group that was not live when it deployed.
   */
  resolvedTargetGroupArns?: string[];
  createdAt?: Date;
}

/** What UpdateService may change; fields left out stay as they are. */
export interface UpdateServiceInput {
  cluster: string;
  service: string;
  taskDefinition?: string;
  desiredCount?: number;
  forceNewDeployment?: boolean;
  deploymentConfiguration?: Partial<Omit<DeploymentConfiguration, 'strategy'>> & {
    strategy?: DeploymentStrategy;
  };
  loadBalancers?: ServiceLoadBalancer[];
  healthCheckGracePeriodSeconds?: number;
}
