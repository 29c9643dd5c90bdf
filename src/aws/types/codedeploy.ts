// CodeDeploy domain types (ECS compute platform only).

export interface CodeDeployApplication {
  name: string;
  id?: string;
  computePlatform?: string;
}

export interface DeploymentGroup {
  applicationName: string;
  name: string;
  id?: string;
  deploymentConfigName?: string;
  serviceRoleArn?: string;
  ecsServices: { clusterName: string; serviceName: string }[];
  /** The blue/green pair, in the order CodeDeploy lists them. */
  targetGroupNames: string[];
  prodListenerArns: string[];
  testListenerArns: string[];
  readyOption?: {
    actionOnTimeout?: 'CONTINUE_DEPLOYMENT' | 'STOP_DEPLOYMENT' | (string & {});
    waitTimeInMinutes?: number;
  };
  termination?: { action?: 'TERMINATE' | 'KEEP_ALIVE' | (string & {}); waitTimeInMinutes?: number };
  autoRollback: { enabled: boolean; events: string[] };
  alarms: { enabled: boolean; names: string[] };
}

export interface DeploymentConfig {
  name: string;
  computePlatform?: string;
  trafficRouting: {
    type: 'AllAtOnce' | 'TimeBasedCanary' | 'TimeBasedLinear' | (string & {});
    percentage?: number;
    intervalMinutes?: number;
  };
}

export type CodeDeployStatus =
  'Created' | 'Queued' | 'InProgress' | 'Baking' | 'Ready' | 'Succeeded' | 'Failed' | 'Stopped';

export interface CodeDeployDeployment {
  id: string;
  applicationName: string;
  deploymentGroupName: string;
  deploymentConfigName?: string;
  status: CodeDeployStatus | (string & {});
  errorInformation?: { code?: string; message?: string };
  createTime?: Date;
  startTime?: Date;
  completeTime?: Date;
  creator?: string;
  description?: string;
  rollbackInfo?: {
    rollbackDeploymentId?: string;
    rollbackTriggeringDeploymentId?: string;
    rollbackMessage?: string;
  };
  instanceTerminationWaitTimeStarted?: boolean;
  /** sha256 of the AppSpec content; its text comes from getAppSpecContent. */
  revisionSha256?: string;
  readyOption?: { actionOnTimeout?: string; waitTimeInMinutes?: number };
  termination?: { action?: string; waitTimeInMinutes?: number };
}

export interface LifecycleEvent {
  name: string;
  status: 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped' | 'Unknown' | (string & {});
  startTime?: Date;
  endTime?: Date;
  diagnostics?: { errorCode?: string; message?: string };
}

export interface EcsDeploymentTarget {
  targetId: string;
  targetArn?: string;
  status: string;
  lastUpdatedAt?: Date;
  lifecycleEvents: LifecycleEvent[];
  taskSets: {
    id: string;
    desiredCount: number;
    pendingCount: number;
    runningCount: number;
    status: string;
    trafficWeight: number;
    targetGroupName?: string;
    label?: 'Blue' | 'Green' | (string & {});
  }[];
}

export interface CreateCodeDeployDeploymentInput {
  applicationName: string;
  deploymentGroupName: string;
  deploymentConfigName?: string;
  description?: string;
  /** AppSpec content (YAML or JSON). */
  appSpecContent: string;
}
