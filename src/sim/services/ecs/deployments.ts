import { resolveEcrImage } from '../ecr/state';
import { addServiceEvent, eventText, rolloutReason } from './events';
import { emitEcs, type DeploymentCause } from './hooks';
import {
  deploymentId,
  serviceDeploymentArn,
  serviceRevisionArn,
  syntheticImageDigest,
} from './ids';
import type { EcsScope } from './state';
import type {
  DeploymentConfiguration,
  DeploymentRec,
  ServiceDeploymentRec,
  ServiceDeploymentStatus,
  ServiceRec,
  ServiceRevisionRec,
  TaskDefinitionRec,
} from './types';

/**
 * Circuit-breaker threshold (aws-semantics B.5): ceil(50 % of desired) clamped to 3..200 by
 * default; the 2026 thresholdConfiguration can change the percentage, drop the clamp
 * (UNBOUNDED_PERCENT) or fix a count (COUNT).
 */
export function circuitBreakerThreshold(desired: number, cfg: DeploymentConfiguration): number {
  const t = cfg.deploymentCircuitBreaker?.thresholdConfiguration;
  const value = t?.value ?? 50;
  if (t?.type === 'COUNT') return value;
  const raw = Math.ceil((desired * value) / 100);
  return t?.type === 'UNBOUNDED_PERCENT' ? raw : Math.min(200, Math.max(3, raw));
}

/** Snapshot of what a revision runs, for DescribeServiceRevisions. */
export function createServiceRevision(
  scope: EcsScope,
  service: ServiceRec,
  td: TaskDefinitionRec,
  ownerId: string,
  at: number,
): ServiceRevisionRec {
  const rev: ServiceRevisionRec = {
    arn: serviceRevisionArn(
      scope.region,
      scope.accountId,
      service.clusterName,
      service.name,
      scope.world.rng,
    ),
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    ownerId,
    taskDefinition: td.arn,
    loadBalancers: service.loadBalancers,
    serviceRegistries: service.serviceRegistries,
    containerImages: td.containerDefinitions.map((c) => {
      const resolved = resolveEcrImage(scope.world, c.image);
      const image: ServiceRevisionRec['containerImages'][number] = {
        containerName: c.name,
        image: c.image,
      };
      if (resolved.kind === 'found') image.imageDigest = resolved.digest;
      else if (resolved.kind === 'external') image.imageDigest = syntheticImageDigest(c.image);
      return image;
    }),
    createdAt: at,
  };
  if (service.launchType) rev.launchType = service.launchType;
  if (service.capacityProviderStrategy)
    rev.capacityProviderStrategy = service.capacityProviderStrategy;
  if (service.platformVersion) rev.platformVersion = service.platformVersion;
  if (service.platformFamily) rev.platformFamily = service.platformFamily;
  if (service.networkConfiguration) rev.networkConfiguration = service.networkConfiguration;
  scope.ecs.serviceRevisions.set(rev.arn, rev);
  return rev;
}

const FINISHED: ReadonlySet<ServiceDeploymentStatus> = new Set([
  'SUCCESSFUL',
  'STOPPED',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED',
]);

export function isServiceDeploymentFinished(status: ServiceDeploymentStatus): boolean {
  return FINISHED.has(status);
}

/** Changes a service deployment's status and stamps startedAt/finishedAt/stoppedAt. */
export function setServiceDeploymentStatus(
  sd: ServiceDeploymentRec,
  status: ServiceDeploymentStatus,
  at: number,
  statusReason?: string,
): void {
  sd.status = status;
  sd.updatedAt = at;
  if (statusReason !== undefined) sd.statusReason = statusReason;
  if (status === 'IN_PROGRESS' || status === 'ROLLBACK_IN_PROGRESS') sd.startedAt ??= at;
  if (status === 'STOPPED' || status === 'STOP_REQUESTED' || status === 'ROLLBACK_REQUESTED') {
    sd.stoppedAt ??= at;
  }
  if (FINISHED.has(status)) {
    sd.startedAt ??= at;
    sd.finishedAt = at;
    if (sd.circuitBreaker.status === 'MONITORING') sd.circuitBreaker.status = 'MONITORING_COMPLETE';
    if (sd.alarms.status === 'MONITORING') sd.alarms.status = 'MONITORING_COMPLETE';
  }
}

export interface CreateDeploymentOptions {
  taskDefinition: TaskDefinitionRec;
  cause: DeploymentCause;
  at?: number;
  /** Scenario history: the deployment is born COMPLETED (SUCCESSFUL) at this time; no hooks. */
  completedAt?: number;
  /** For rollback deployments: recorded on the service deployment. */
  rollback?: { reason: string; serviceRevisionArn: string };
  rolloutStateReason?: string;
  /**
   * A rollback continues the service deployment that failed or was stopped (its status goes
   * ROLLBACK_IN_PROGRESS and its `rollback` names the revision deployed, aws-semantics C.3)
   * and re-deploys that revision: pass both to drive them instead of recording new ones.
   */
  continueServiceDeployment?: ServiceDeploymentRec;
  reuseRevision?: ServiceRevisionRec;
}

export interface CreatedDeployment {
  deployment: DeploymentRec;
  serviceDeployment: ServiceDeploymentRec;
  revision: ServiceRevisionRec;
}

/**
 * Starts a new PRIMARY deployment (ECS controller): the old PRIMARY becomes ACTIVE, a new
 * service revision and service deployment are recorded, and the `deploymentCreated` hook
 * fires so an engine can roll it out. No task changes happen here.
 */
export function createDeployment(
  scope: EcsScope,
  service: ServiceRec,
  opts: CreateDeploymentOptions,
): CreatedDeployment {
  const { world } = scope;
  const at = opts.at ?? world.now;
  const id = deploymentId(world.rng);
  const revision =
    opts.reuseRevision ?? createServiceRevision(scope, service, opts.taskDefinition, id, at);
  // the revision's task counts follow the deployment that runs it now
  revision.ownerId = id;
  const previous = [...service.deployments];
  const completed = opts.completedAt !== undefined;

  if (opts.cause === 'update-service') {
    // a new deployment supersedes one still running (aws-semantics B.3; reason text unverified)
    for (const d of previous) {
      const old = scope.ecs.serviceDeployments.get(d.serviceDeploymentArn);
      if (old && !FINISHED.has(old.status)) {
        setServiceDeploymentStatus(old, 'STOPPED', at, 'Superseded by a new service deployment.');
      }
    }
  }
  for (const d of previous) {
    if (d.status === 'PRIMARY') {
      d.status = 'ACTIVE';
      d.updatedAt = at;
    }
  }

  const deployment: DeploymentRec = {
    id,
    status: 'PRIMARY',
    taskDefinition: opts.taskDefinition.arn,
    desiredCount: service.desiredCount,
    failedTasks: 0,
    createdAt: at,
    updatedAt: completed ? opts.completedAt! : at,
    rolloutState: completed ? 'COMPLETED' : 'IN_PROGRESS',
    rolloutStateReason:
      opts.rolloutStateReason ??
      (completed ? rolloutReason.completed(id) : rolloutReason.inProgress(id)),
    serviceRevisionArn: revision.arn,
    serviceDeploymentArn: '',
  };
  if (service.launchType) deployment.launchType = service.launchType;
  if (service.capacityProviderStrategy)
    deployment.capacityProviderStrategy = service.capacityProviderStrategy;
  if (service.platformVersion) deployment.platformVersion = service.platformVersion;
  if (service.platformFamily) deployment.platformFamily = service.platformFamily;
  if (service.networkConfiguration) deployment.networkConfiguration = service.networkConfiguration;

  const cfg = service.deploymentConfiguration;
  const strategy = cfg.strategy ?? 'ROLLING';
  const breakerOn = cfg.deploymentCircuitBreaker?.enable === true;
  const alarmsOn = cfg.alarms?.enable === true;
  const continued = opts.continueServiceDeployment;
  const sd: ServiceDeploymentRec = continued ?? {
    arn: serviceDeploymentArn(
      scope.region,
      scope.accountId,
      service.clusterName,
      service.name,
      world.rng,
    ),
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    serviceName: service.name,
    clusterName: service.clusterName,
    deploymentId: id,
    createdAt: at,
    updatedAt: at,
    sourceRevisionArns: previous.map((d) => d.serviceRevisionArn),
    targetRevisionArn: revision.arn,
    status: 'PENDING',
    lifecycleHooks: [],
    deploymentConfiguration: cfg,
    circuitBreaker: {
      status: breakerOn ? 'MONITORING' : 'DISABLED',
      failureCount: 0,
      threshold: circuitBreakerThreshold(service.desiredCount, cfg),
    },
    alarms: {
      status: alarmsOn ? 'MONITORING' : 'DISABLED',
      alarmNames: cfg.alarms?.alarmNames ?? [],
      triggeredAlarmNames: [],
    },
  };
  if (strategy !== 'ROLLING' && !continued) {
    // more than one live revision at the start means ECS reconciles first (aws-semantics C.2)
    sd.lifecycleStage = completed
      ? 'CLEAN_UP'
      : previous.length > 1
        ? 'RECONCILE_SERVICE'
        : 'PRE_SCALE_UP';
  }
  if (opts.rollback) {
    sd.rollback = { ...opts.rollback, startedAt: at };
  }
  if (!continued) {
    setServiceDeploymentStatus(sd, 'IN_PROGRESS', at);
    if (completed) setServiceDeploymentStatus(sd, 'SUCCESSFUL', opts.completedAt!);
  }
  deployment.serviceDeploymentArn = sd.arn;

  service.deployments.unshift(deployment);
  service.taskDefinition = opts.taskDefinition.arn;
  if (!continued) {
    service.serviceDeploymentArns.push(sd.arn);
    scope.ecs.serviceDeployments.set(sd.arn, sd);
  }

  if (!completed) {
    emitEcs(world, 'deploymentCreated', {
      scope,
      service,
      deployment,
      serviceDeployment: sd,
      previous,
      cause: opts.cause,
    });
  }
  return { deployment, serviceDeployment: sd, revision };
}

/**
 * A deployment reached steady state: rolloutState COMPLETED, the service deployment
 * SUCCESSFUL, and the two events AWS writes within a millisecond of each other (B.4).
 */
export function markDeploymentCompleted(
  scope: EcsScope,
  service: ServiceRec,
  deployment: DeploymentRec,
  at: number = scope.world.now,
): void {
  deployment.rolloutState = 'COMPLETED';
  deployment.rolloutStateReason = rolloutReason.completed(deployment.id);
  deployment.updatedAt = at;
  const sd = scope.ecs.serviceDeployments.get(deployment.serviceDeploymentArn);
  if (sd && !FINISHED.has(sd.status)) {
    setServiceDeploymentStatus(sd, sd.rollback ? 'ROLLBACK_SUCCESSFUL' : 'SUCCESSFUL', at);
  }
  addServiceEvent(scope, service, eventText.deploymentCompleted(service.name, deployment.id), at);
  addServiceEvent(scope, service, eventText.steadyState(service.name), at + 1);
}

/**
 * The circuit breaker or an alarm failed a deployment: rolloutState FAILED and the
 * "deployment failed" event. Rolling back (a new deployment with cause 'rollback') and the
 * service deployment's final status are the engine's decision.
 */
export function markDeploymentFailed(
  scope: EcsScope,
  service: ServiceRec,
  deployment: DeploymentRec,
  why: 'tasks failed to start' | 'alarm detected',
  at: number = scope.world.now,
): void {
  deployment.rolloutState = 'FAILED';
  deployment.updatedAt = at;
  // the alarm-triggered rolloutStateReason text is unverified (aws-semantics B.2)
  deployment.rolloutStateReason =
    why === 'alarm detected'
      ? 'ECS deployment failed: alarm detected.'
      : rolloutReason.circuitBreakerFailed();
  addServiceEvent(scope, service, eventText.deploymentFailed(service.name, deployment.id, why), at);
}

/** Takes a fully replaced deployment out of `deployments[]` (AWS drops it from the array). */
export function removeDeployment(service: ServiceRec, deployment: DeploymentRec): void {
  deployment.status = 'INACTIVE';
  service.deployments = service.deployments.filter((d) => d !== deployment);
}

export function primaryDeployment(service: ServiceRec): DeploymentRec | undefined {
  return service.deployments.find((d) => d.status === 'PRIMARY');
}
