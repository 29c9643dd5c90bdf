/**
 * CodeDeploy resources of one account and region: ECS applications, deployment groups and
 * deployments. Records keep epoch milliseconds; `render.ts` makes the wire shapes. The
 * deployment engine (later) drives DeploymentRec through `deployments.ts`.
 */

export type ComputePlatform = 'ECS' | 'Server' | 'Lambda';

export type DeploymentStatus =
  'Created' | 'Queued' | 'InProgress' | 'Baking' | 'Ready' | 'Succeeded' | 'Failed' | 'Stopped';

export type TargetStatus =
  'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped' | 'Unknown' | 'Ready';

export type LifecycleEventStatus =
  'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped' | 'Unknown';

/** ECS lifecycle events in the order they run (aws-semantics D.4). */
export const ECS_LIFECYCLE_EVENTS = [
  'BeforeInstall',
  'Install',
  'AfterInstall',
  'AllowTestTraffic',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AllowTraffic',
  'AfterAllowTraffic',
] as const;
export type LifecycleEventName = (typeof ECS_LIFECYCLE_EVENTS)[number];

export type DeploymentCreator =
  | 'user'
  | 'autoscaling'
  | 'codeDeployRollback'
  | 'CodeDeploy'
  | 'CodeDeployAutoUpdate'
  | 'CloudFormation'
  | 'CloudFormationRollback'
  | 'autoscalingTermination';

export type AutoRollbackEvent =
  'DEPLOYMENT_FAILURE' | 'DEPLOYMENT_STOP_ON_ALARM' | 'DEPLOYMENT_STOP_ON_REQUEST';

export interface ApplicationRec {
  id: string;
  name: string;
  createdAt: number;
  computePlatform: ComputePlatform;
  /** By group name, in creation order. */
  groups: Map<string, DeploymentGroupRec>;
}

export interface BlueGreenSettings {
  readyAction: 'CONTINUE_DEPLOYMENT' | 'STOP_DEPLOYMENT';
  readyWaitMinutes: number;
  terminationAction: 'TERMINATE' | 'KEEP_ALIVE';
  terminationWaitMinutes: number;
}

export interface AutoRollbackSettings {
  enabled: boolean;
  events: AutoRollbackEvent[];
}

export interface AlarmSettings {
  enabled: boolean;
  ignorePollAlarmFailure: boolean;
  names: string[];
}

export interface DeploymentGroupRec {
  id: string;
  applicationName: string;
  name: string;
  createdAt: number;
  deploymentConfigName: string;
  serviceRoleArn: string;
  ecsServices: { serviceName: string; clusterName: string }[];
  /** Target group names (blue first) and the listeners CodeDeploy rewrites. */
  targetGroupNames: [string, string];
  prodListenerArns: string[];
  testListenerArns: string[];
  blueGreen: BlueGreenSettings;
  autoRollback: AutoRollbackSettings;
  alarms: AlarmSettings;
  /** In creation order. */
  deploymentIds: string[];
}

export interface TaskSetInfo {
  /** The ECS task set id (`ecs-svc/...`); goes out as the misspelt `identifer`. */
  id: string;
  desiredCount: number;
  pendingCount: number;
  runningCount: number;
  status: 'PRIMARY' | 'ACTIVE' | 'DRAINING';
  /** 0..100 */
  trafficWeight: number;
  targetGroupName: string;
  label: 'Blue' | 'Green';
}

export interface LifecycleEventRec {
  name: LifecycleEventName;
  status: LifecycleEventStatus;
  startedAt?: number;
  endedAt?: number;
  diagnostics?: { errorCode: string; scriptName: string; message: string; logTail: string };
}

export interface EcsTargetRec {
  /** `<cluster>:<service>` */
  id: string;
  /** The ECS service ARN. */
  arn: string;
  status: TargetStatus;
  lastUpdatedAt: number;
  lifecycleEvents: LifecycleEventRec[];
  taskSets: TaskSetInfo[];
}

export interface RevisionRec {
  content: string;
  sha256: string;
}

export interface DeploymentRec {
  id: string;
  applicationName: string;
  groupName: string;
  configName: string;
  status: DeploymentStatus;
  createdAt: number;
  startedAt?: number;
  completedAt?: number;
  creator: DeploymentCreator;
  description?: string;
  revision: RevisionRec;
  previousRevision?: RevisionRec;
  errorInformation?: { code: string; message: string };
  rollbackInfo?: {
    rollbackDeploymentId?: string;
    rollbackTriggeringDeploymentId?: string;
    rollbackMessage?: string;
  };
  instanceTerminationWaitTimeStarted: boolean;
  autoRollback: AutoRollbackSettings;
  blueGreen: BlueGreenSettings;
  externalId?: string;
  statusMessages: string[];
  target: EcsTargetRec;
}

export interface DeploymentChange {
  region: string;
  deploymentId: string;
  previous: DeploymentStatus;
  current: DeploymentStatus;
  at: number;
}

export type DeploymentListener = (change: DeploymentChange) => void;

export interface CodeDeployState {
  applications: Map<string, ApplicationRec>;
  deployments: Map<string, DeploymentRec>;
  listeners: Set<DeploymentListener>;
}

export function createCodeDeployState(): CodeDeployState {
  return { applications: new Map(), deployments: new Map(), listeners: new Set() };
}
