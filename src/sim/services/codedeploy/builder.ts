/**
 * Builders for scenarios and tests: ECS applications, blue/green deployment groups, and
 * finished deployments with a believable history (lifecycle events, task sets, times).
 */
import type { World } from '../../world/world';
import { findDeploymentConfig, trafficSteps } from './configs';
import { createDeployment } from './deployments';
import {
  codeDeployState,
  createApplication,
  createDeploymentGroup,
  getGroup,
  type DeploymentGroupSpec,
} from './model';
import type { DeploymentCreator, DeploymentRec, LifecycleEventName, TaskSetInfo } from './state';
import { ECS_LIFECYCLE_EVENTS } from './state';

export interface AppSpecInput {
  taskDefinitionArn: string;
  containerName: string;
  containerPort: number;
  /** Lambda function names per hook. */
  hooks?: Partial<
    Record<
      | 'BeforeInstall'
      | 'AfterInstall'
      | 'AfterAllowTestTraffic'
      | 'BeforeAllowTraffic'
      | 'AfterAllowTraffic',
      string
    >
  >;
}

/** An ECS AppSpec in YAML (aws-semantics D.1). */
export function ecsAppSpec(input: AppSpecInput): string {
  const lines = [
    'version: 0.0',
    'Resources:',
    '  - TargetService:',
    '      Type: AWS::ECS::Service',
    '      Properties:',
    `        TaskDefinition: "${input.taskDefinitionArn}"`,
    '        LoadBalancerInfo:',
    `          ContainerName: "${input.containerName}"`,
    `          ContainerPort: ${input.containerPort}`,
  ];
  const hooks = Object.entries(input.hooks ?? {});
  if (hooks.length > 0) lines.push('Hooks:', ...hooks.map(([k, v]) => `  - ${k}: "${v}"`));
  return `${lines.join('\n')}\n`;
}

export function buildEcsApplication(world: World, spec: { region?: string; name: string }): string {
  return createApplication(world, spec.region ?? world.defaultRegion, spec.name, 'ECS').name;
}

export function buildEcsDeploymentGroup(
  world: World,
  spec: DeploymentGroupSpec & { region?: string },
): string {
  return createDeploymentGroup(world, spec.region ?? world.defaultRegion, spec).name;
}

export interface CompletedDeploymentSpec {
  region?: string;
  applicationName: string;
  groupName: string;
  /** Default Succeeded. */
  status?: 'Succeeded' | 'Failed' | 'Stopped';
  /** Epoch ms, usually in the past. */
  createdAt: number;
  taskDefinitionArn: string;
  containerName?: string;
  containerPort?: number;
  configName?: string;
  creator?: DeploymentCreator;
  description?: string;
  desiredCount?: number;
  /** Failed/Stopped: the event that failed (default AfterAllowTestTraffic / AllowTraffic). */
  failedAt?: LifecycleEventName;
  error?: { code: string; message: string };
  /** Failed/Stopped: also record the automatic rollback deployment, linked both ways. */
  rolledBack?: boolean;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** How long each lifecycle event of a healthy ECS deployment takes. */
function eventDurations(configName: string): Record<LifecycleEventName, number> {
  const config = findDeploymentConfig(configName);
  const steps = config ? trafficSteps(config) : [100];
  const shift = (steps.length - 1) * (config?.trafficRouting?.intervalMinutes ?? 0) * MINUTE;
  return {
    BeforeInstall: 2 * SECOND,
    Install: 95 * SECOND,
    AfterInstall: 2 * SECOND,
    AllowTestTraffic: 5 * SECOND,
    AfterAllowTestTraffic: 30 * SECOND,
    BeforeAllowTraffic: 2 * SECOND,
    AllowTraffic: 10 * SECOND + shift,
    AfterAllowTraffic: 2 * SECOND,
  };
}

/** A finished deployment with every field filled in as AWS would have left it. Returns its id. */
export function buildCompletedDeployment(world: World, spec: CompletedDeploymentSpec): string {
  const region = spec.region ?? world.defaultRegion;
  const state = codeDeployState(world, region);
  const group = getGroup(state, spec.applicationName, spec.groupName);
  const status = spec.status ?? 'Succeeded';
  const service = group.ecsServices[0]!;
  const rec = createDeployment(world, region, {
    applicationName: spec.applicationName,
    groupName: spec.groupName,
    ...(spec.configName ? { configName: spec.configName } : {}),
    appSpecContent: ecsAppSpec({
      taskDefinitionArn: spec.taskDefinitionArn,
      containerName: spec.containerName ?? service.serviceName,
      containerPort: spec.containerPort ?? 8080,
    }),
    ...(spec.creator ? { creator: spec.creator } : {}),
    ...(spec.description !== undefined ? { description: spec.description } : {}),
  });
  // blue is whichever group served before: they swap on each success (a rollback swaps nothing)
  const wins = group.deploymentIds
    .map((id) => state.deployments.get(id)!)
    .filter(
      (d) => d.id !== rec.id && d.status === 'Succeeded' && d.creator !== 'codeDeployRollback',
    ).length;
  const [blueTg, greenTg] =
    wins % 2 === 0
      ? group.targetGroupNames
      : [group.targetGroupNames[1], group.targetGroupNames[0]];
  const failedAt =
    status === 'Succeeded'
      ? undefined
      : (spec.failedAt ?? (status === 'Failed' ? 'AfterAllowTestTraffic' : 'AllowTraffic'));
  const durations = eventDurations(rec.configName);
  let t = spec.createdAt + 2 * SECOND;
  rec.createdAt = spec.createdAt;
  rec.startedAt = t;
  let failed = false;
  for (const event of rec.target.lifecycleEvents) {
    if (failed) {
      event.status = 'Skipped';
      continue;
    }
    event.startedAt = t;
    t += event.name === failedAt ? Math.round(durations[event.name] / 2) : durations[event.name];
    event.endedAt = t;
    event.status = event.name === failedAt ? 'Failed' : 'Succeeded';
    if (event.name === failedAt) {
      failed = true;
      if (isHook(event.name)) {
        event.diagnostics = {
          errorCode: 'ScriptFailed',
          scriptName: '',
          message: `The ${event.name} hook returned Failed`,
          logTail: '',
        };
      }
    }
  }
  const desired = spec.desiredCount ?? 2;
  const set = (label: 'Blue' | 'Green', serving: boolean, tg: string): TaskSetInfo => ({
    id: `ecs-svc/${world.rng.digits(19)}`,
    desiredCount: serving ? desired : 0,
    pendingCount: 0,
    runningCount: serving ? desired : 0,
    status: serving ? 'PRIMARY' : 'ACTIVE',
    trafficWeight: serving ? 100 : 0,
    targetGroupName: tg,
    label,
  });
  const ok = status === 'Succeeded';
  rec.target.taskSets = [set('Blue', !ok, blueTg), set('Green', ok, greenTg)];
  if (ok) {
    rec.instanceTerminationWaitTimeStarted = group.blueGreen.terminationAction === 'TERMINATE';
    if (rec.instanceTerminationWaitTimeStarted)
      t += group.blueGreen.terminationWaitMinutes * MINUTE;
  } else {
    rec.errorInformation = spec.error ?? defaultError(status, failedAt!, group.alarms.names);
  }
  rec.status = status;
  rec.target.status = ok ? 'Succeeded' : 'Failed';
  rec.target.lastUpdatedAt = t;
  rec.completedAt = t;
  if (!ok && spec.rolledBack) recordRollback(world, region, rec, t);
  return rec.id;
}

const isHook = (name: LifecycleEventName): boolean =>
  !['Install', 'AllowTestTraffic', 'AllowTraffic'].includes(name);

function defaultError(
  status: 'Failed' | 'Stopped',
  failedAt: LifecycleEventName,
  alarms: string[],
): { code: string; message: string } {
  if (status === 'Stopped') {
    return alarms.length > 0
      ? {
          code: 'ALARM_ACTIVE',
          message: `One or more alarms have been activated according to the Amazon CloudWatch metrics you selected, and the affected deployments have been stopped. Activated alarms: <${alarms[0]}>`,
        }
      : { code: 'MANUAL_STOP', message: 'The deployment was stopped by a user' };
  }
  return isHook(failedAt)
    ? {
        code: 'HOOK_EXECUTION_FAILURE',
        message: `The deployment failed because a specified lifecycle hook (${failedAt}) failed`,
      }
    : {
        code: 'HEALTH_CONSTRAINTS',
        message: 'The deployment failed because the replacement task set did not become healthy',
      };
}

function recordRollback(world: World, region: string, failed: DeploymentRec, at: number): void {
  const previous = failed.previousRevision;
  const rollback = createDeployment(world, region, {
    applicationName: failed.applicationName,
    groupName: failed.groupName,
    configName: 'CodeDeployDefault.ECSAllAtOnce',
    appSpecContent: previous?.content ?? failed.revision.content,
    creator: 'codeDeployRollback',
  });
  rollback.createdAt = at;
  rollback.startedAt = at + SECOND;
  let t = at + SECOND;
  for (const event of rollback.target.lifecycleEvents) {
    event.startedAt = t;
    t += ECS_LIFECYCLE_EVENTS.indexOf(event.name) === 1 ? 30 * SECOND : SECOND;
    event.endedAt = t;
    event.status = 'Succeeded';
  }
  rollback.target.taskSets = failed.target.taskSets.map((s) => ({ ...s }));
  rollback.target.status = 'Succeeded';
  rollback.target.lastUpdatedAt = t;
  rollback.status = 'Succeeded';
  rollback.completedAt = t;
  rollback.rollbackInfo = {
    rollbackTriggeringDeploymentId: failed.id,
    rollbackMessage: `Deployment ${failed.id} was rolled back by this deployment`,
  };
  failed.rollbackInfo = {
    rollbackDeploymentId: rollback.id,
    rollbackMessage: `Deployment rolled back by ${rollback.id}`,
  };
}
