/**
 * Which AWS operations change something. Read-only mode refuses these before anything is
 * sent (SDK middleware in sdk/middleware.ts). The list names what ecs-rollout and the tools
 * around it can call; anything else that is not plainly a read (Describe/List/Get/BatchGet)
 * is treated as mutating too, so an operation nobody thought of cannot slip through.
 */
export const MUTATING_OPERATIONS: ReadonlySet<string> = new Set([
  // ECS
  'RegisterTaskDefinition',
  'DeregisterTaskDefinition',
  'DeleteTaskDefinitions',
  'CreateService',
  'UpdateService',
  'DeleteService',
  'StopServiceDeployment',
  'ContinueServiceDeployment',
  'CreateTaskSet',
  'UpdateTaskSet',
  'DeleteTaskSet',
  'UpdateServicePrimaryTaskSet',
  'RunTask',
  'StartTask',
  'StopTask',
  'ExecuteCommand',
  'TagResource',
  'UntagResource',
  'PutAttributes',
  'DeleteAttributes',
  // ELBv2
  'ModifyRule',
  'ModifyListener',
  'CreateRule',
  'DeleteRule',
  'SetRulePriorities',
  'CreateListener',
  'DeleteListener',
  'CreateTargetGroup',
  'DeleteTargetGroup',
  'ModifyTargetGroup',
  'ModifyTargetGroupAttributes',
  'AddTags',
  'RemoveTags',
  'RegisterTargets',
  'DeregisterTargets',
  // CodeDeploy
  'CreateDeployment',
  'ContinueDeployment',
  'StopDeployment',
  'PutLifecycleEventHookExecutionStatus',
  'RegisterApplicationRevision',
  'UpdateDeploymentGroup',
  // ECR
  'PutImage',
  'BatchDeleteImage',
  'PutImageTagMutability',
  // CloudWatch
  'PutMetricAlarm',
  'PutMetricData',
  'SetAlarmState',
  'DeleteAlarms',
  'EnableAlarmActions',
  'DisableAlarmActions',
]);

const READ_PREFIX = /^(Describe|List|Get|BatchGet)[A-Z]/;

/** True for anything that is not known to be a pure read. */
export function isMutatingOperation(operation: string): boolean {
  return MUTATING_OPERATIONS.has(operation) || !READ_PREFIX.test(operation);
}
