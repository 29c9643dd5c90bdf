/**
 * AWS configuration shapes the simulator keeps in wire form (field names as on the wire), so
 * DescribeServices and DescribeTaskDefinition return exactly what was set.
 */
import type { DeploymentStrategy, HookAction } from './types';

export interface DeploymentLifecycleHook {
  targetType?: 'AWS_LAMBDA' | 'PAUSE';
  hookTargetArn?: string;
  roleArn?: string;
  lifecycleStages?: string[];
  hookDetails?: unknown;
  timeoutConfiguration?: { timeoutInMinutes?: number; action?: HookAction };
}

export interface DeploymentConfiguration {
  deploymentCircuitBreaker?: {
    enable: boolean;
    rollback: boolean;
    resetOnHealthyTask?: boolean;
    thresholdConfiguration?: {
      type?: 'BOUNDED_PERCENT' | 'UNBOUNDED_PERCENT' | 'COUNT';
      value?: number;
    };
  };
  maximumPercent?: number;
  minimumHealthyPercent?: number;
  alarms?: { alarmNames: string[]; rollback: boolean; enable: boolean };
  strategy?: DeploymentStrategy;
  bakeTimeInMinutes?: number;
  lifecycleHooks?: DeploymentLifecycleHook[];
  linearConfiguration?: { stepPercent?: number; stepBakeTimeInMinutes?: number };
  canaryConfiguration?: { canaryPercent?: number; canaryBakeTimeInMinutes?: number };
  earlySuccessCriteria?: Record<string, unknown>;
}

export interface LoadBalancer {
  targetGroupArn?: string;
  loadBalancerName?: string;
  containerName?: string;
  containerPort?: number;
  advancedConfiguration?: {
    alternateTargetGroupArn?: string;
    productionListenerRule?: string;
    testListenerRule?: string;
    roleArn?: string;
  };
}

export interface NetworkConfiguration {
  awsvpcConfiguration?: {
    subnets: string[];
    securityGroups?: string[];
    assignPublicIp?: 'ENABLED' | 'DISABLED';
  };
}

export interface CapacityProviderStrategyItem {
  capacityProvider: string;
  weight?: number;
  base?: number;
}

export interface HealthCheck {
  command: string[];
  interval?: number;
  timeout?: number;
  retries?: number;
  startPeriod?: number;
}

/** A container definition in wire form; unknown members are kept as registered. */
export interface ContainerDefinition {
  name: string;
  image: string;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  essential?: boolean;
  portMappings?: {
    containerPort?: number;
    hostPort?: number;
    protocol?: string;
    name?: string;
    appProtocol?: string;
  }[];
  healthCheck?: HealthCheck;
  environment?: { name?: string; value?: string }[];
  secrets?: { name: string; valueFrom: string }[];
  [member: string]: unknown;
}
