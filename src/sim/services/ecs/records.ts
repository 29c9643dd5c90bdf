/**
 * ECS records. Times are epoch milliseconds; `project-*.ts` turns them into wire shapes.
 */
import type {
  CapacityProviderStrategyItem,
  ContainerDefinition,
  DeploymentConfiguration,
  LoadBalancer,
  NetworkConfiguration,
} from './config-types';
import type {
  DeploymentControllerType,
  DeploymentStatus,
  DesiredStatus,
  HealthStatus,
  HookAction,
  HookStatus,
  LaunchType,
  LifecycleStage,
  MonitorStatus,
  RolloutState,
  SchedulingStrategy,
  ServiceDeploymentStatus,
  ServiceStatus,
  Tag,
  TaskSetStatus,
  TaskStatus,
  TaskStopCode,
} from './types';

export interface ClusterRec {
  name: string;
  arn: string;
  status: 'ACTIVE' | 'INACTIVE';
  createdAt: number;
  tags: Tag[];
  capacityProviders: string[];
  settings: { name: string; value: string }[];
  /** By service name, in creation order (ListServices order). */
  services: Map<string, ServiceRec>;
  /** Every task of the cluster (service and standalone), by 32-hex task id. */
  tasks: Map<string, TaskRec>;
}

export interface TaskDefinitionRec {
  arn: string;
  family: string;
  revision: number;
  status: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';
  registeredAt: number;
  registeredBy: string;
  deregisteredAt?: number;
  containerDefinitions: ContainerDefinition[];
  /** Every other registered task-level member (cpu, memory, networkMode, ...) as given. */
  fields: Record<string, unknown>;
  tags: Tag[];
}

export interface TaskDefinitionFamily {
  name: string;
  /** Index = revision - 1. */
  revisions: TaskDefinitionRec[];
}

export interface ServiceEventRec {
  id: string;
  createdAt: number;
  message: string;
}

/** One entry of `service.deployments[]` (ECS controller). */
export interface DeploymentRec {
  id: string;
  status: DeploymentStatus;
  taskDefinition: string;
  desiredCount: number;
  failedTasks: number;
  createdAt: number;
  updatedAt: number;
  launchType?: LaunchType;
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  platformVersion?: string;
  platformFamily?: string;
  networkConfiguration?: NetworkConfiguration;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  serviceRevisionArn: string;
  serviceDeploymentArn: string;
}

export interface TaskSetRec {
  id: string;
  arn: string;
  startedBy?: string;
  externalId?: string;
  status: TaskSetStatus;
  taskDefinition: string;
  scale: { value: number; unit: 'PERCENT' };
  createdAt: number;
  updatedAt: number;
  launchType?: LaunchType;
  platformVersion?: string;
  platformFamily?: string;
  networkConfiguration?: NetworkConfiguration;
  loadBalancers: LoadBalancer[];
  stabilityStatus: 'STEADY_STATE' | 'STABILIZING';
  stabilityStatusAt: number;
  tags: Tag[];
  serviceRevisionArn: string;
}

export interface ServiceRec {
  name: string;
  arn: string;
  clusterName: string;
  clusterArn: string;
  status: ServiceStatus;
  desiredCount: number;
  /** Task definition ARN of the PRIMARY deployment (or primary task set). */
  taskDefinition?: string;
  launchType?: LaunchType;
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  platformVersion?: string;
  platformFamily?: string;
  deploymentController: DeploymentControllerType;
  deploymentConfiguration: DeploymentConfiguration;
  loadBalancers: LoadBalancer[];
  serviceRegistries: Record<string, unknown>[];
  networkConfiguration?: NetworkConfiguration;
  placementConstraints: Record<string, unknown>[];
  placementStrategy: Record<string, unknown>[];
  healthCheckGracePeriodSeconds: number;
  schedulingStrategy: SchedulingStrategy;
  propagateTags?: string;
  enableECSManagedTags: boolean;
  enableExecuteCommand: boolean;
  availabilityZoneRebalancing: 'ENABLED' | 'DISABLED';
  roleArn?: string;
  tags: Tag[];
  createdAt: number;
  createdBy: string;
  /** Newest first: the PRIMARY deployment is at index 0. */
  deployments: DeploymentRec[];
  /** CODE_DEPLOY and EXTERNAL controllers only. */
  taskSets: TaskSetRec[];
  /** Newest first, at most 100. */
  events: ServiceEventRec[];
  /** Oldest first; the last one is `currentServiceDeployment`. */
  serviceDeploymentArns: string[];
  /** Tasks of this service by task id, including recently STOPPED ones. */
  tasks: Map<string, TaskRec>;
}

export interface ContainerRec {
  arn: string;
  name: string;
  image: string;
  imageDigest?: string;
  runtimeId?: string;
  lastStatus: string;
  exitCode?: number;
  reason?: string;
  healthStatus: HealthStatus;
  essential: boolean;
  /** Whether the definition has a healthCheck; decides task health. */
  hasHealthCheck: boolean;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
}

export interface TaskRec {
  id: string;
  arn: string;
  clusterName: string;
  clusterArn: string;
  taskDefinitionArn: string;
  serviceName?: string;
  group?: string;
  startedBy?: string;
  /** Deployment or task-set id this task belongs to (equal to startedBy for service tasks). */
  ownerId?: string;
  lastStatus: TaskStatus;
  desiredStatus: DesiredStatus;
  healthStatus: HealthStatus;
  launchType: LaunchType;
  platformVersion?: string;
  platformFamily?: string;
  cpu?: string;
  memory?: string;
  availabilityZone: string;
  subnetId: string;
  privateIp: string;
  eniId: string;
  macAddress: string;
  attachmentId: string;
  containers: ContainerRec[];
  createdAt: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  connectivityAt?: number;
  stoppingAt?: number;
  executionStoppedAt?: number;
  stoppedAt?: number;
  stopCode?: TaskStopCode;
  stoppedReason?: string;
  version: number;
  tags: Tag[];
  enableExecuteCommand: boolean;
}

export interface LifecycleHookRec {
  hookId: string;
  targetType: 'AWS_LAMBDA' | 'PAUSE';
  targetArn?: string;
  stage: LifecycleStage;
  status: HookStatus;
  expiresAt?: number;
  timeoutAction: HookAction;
  /** Set by ContinueServiceDeployment; an engine acts on it. */
  requestedAction?: HookAction;
}

export interface ServiceRevisionRec {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  /** The deployment (or task set) whose tasks run this revision, for task counts. */
  ownerId: string;
  taskDefinition: string;
  launchType?: LaunchType;
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  platformVersion?: string;
  platformFamily?: string;
  loadBalancers: LoadBalancer[];
  serviceRegistries: Record<string, unknown>[];
  networkConfiguration?: NetworkConfiguration;
  containerImages: { containerName: string; image: string; imageDigest?: string }[];
  createdAt: number;
  /**
   * The target groups this revision's tasks actually registered in (`resolvedConfiguration`):
   * for ECS-native blue/green the group that was not live when it deployed (aws-semantics C.2).
   */
  resolvedLoadBalancers?: { targetGroupArn: string; productionListenerRule?: string }[];
}

export interface ServiceDeploymentRec {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  serviceName: string;
  clusterName: string;
  /** The `deployments[]` entry this service deployment drives. */
  deploymentId: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  stoppedAt?: number;
  updatedAt: number;
  sourceRevisionArns: string[];
  targetRevisionArn: string;
  status: ServiceDeploymentStatus;
  statusReason?: string;
  lifecycleStage?: LifecycleStage;
  lifecycleHooks: LifecycleHookRec[];
  deploymentConfiguration: DeploymentConfiguration;
  rollback?: { reason: string; startedAt: number; serviceRevisionArn: string };
  circuitBreaker: { status: MonitorStatus; failureCount: number; threshold: number };
  alarms: { status: MonitorStatus; alarmNames: string[]; triggeredAlarmNames: string[] };
  /**
   * Traffic weights an ECS-native B/G, linear or canary engine asked for, per revision ARN.
   * Created by the engine on first use (most deployments never shift traffic).
   */
  trafficWeights?: Map<string, { test?: number; production?: number }>;
  /** Set by StopServiceDeployment; an engine acts on it. */
  stopRequest?: { stopType: 'ROLLBACK' | 'ABORT'; at: number };
}
