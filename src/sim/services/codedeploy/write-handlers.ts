import { SimError } from '../../core/errors';
import type { RequestContext } from '../../core/types';
import { parseEcsAppSpec } from './appspec';
import { findDeploymentConfig } from './configs';
import { activeDeployment, createDeployment, getDeployment, isTerminal } from './deployments';
import { configNotFound } from './errors';
import { emitCodeDeploy } from './hooks';
import { optional, required, type Obj } from './input';
import { codeDeployState, getApplication, getGroup } from './model';
import type { AutoRollbackEvent, AutoRollbackSettings, DeploymentRec } from './state';

// CreateDeployment, ContinueDeployment and StopDeployment (aws-semantics D.1, D.6). They check
// the request against the records and hand the work to the deployment engine (hooks.ts).

const ROLLBACK_EVENTS: readonly AutoRollbackEvent[] = [
  'DEPLOYMENT_FAILURE',
  'DEPLOYMENT_STOP_ON_ALARM',
  'DEPLOYMENT_STOP_ON_REQUEST',
];

const deploymentIdOf = (input: Obj): string =>
  required(input, 'deploymentId', 'DeploymentIdRequiredException', 'A deployment ID');

/** The AppSpec text of an `AppSpecContent` revision; other revision types are not for ECS. */
export function appSpecContentOf(input: Obj): { content: string; sha256?: string } {
  const revision = input['revision'];
  if (revision === undefined || revision === null)
    throw new SimError('RevisionRequiredException', 'The revision ID was not specified.');
  if (typeof revision !== 'object')
    throw new SimError('InvalidRevisionException', 'The revision must be a RevisionLocation.');
  const r = revision as Obj;
  if (r['revisionType'] !== 'AppSpecContent') {
    throw new SimError(
      'InvalidRevisionException',
      `Revision type ${String(r['revisionType'])} is not supported for the ECS compute platform; use AppSpecContent.`,
    );
  }
  const spec = (r['appSpecContent'] ?? {}) as Obj;
  const content = optional(spec, 'content');
  const sha256 = optional(spec, 'sha256');
  return { content: content ?? '', ...(sha256 ? { sha256 } : {}) };
}

function readAutoRollback(input: Obj): AutoRollbackSettings | undefined {
  const value = input['autoRollbackConfiguration'];
  if (value === undefined || value === null) return undefined;
  const cfg = value as Obj;
  const events = Array.isArray(cfg['events']) ? (cfg['events'] as unknown[]) : [];
  for (const e of events) {
    if (!ROLLBACK_EVENTS.includes(e as AutoRollbackEvent)) {
      throw new SimError(
        'InvalidAutoRollbackConfigException',
        `${String(e)} is not an automatic rollback event; use ${ROLLBACK_EVENTS.join(', ')}`,
      );
    }
  }
  return { enabled: cfg['enabled'] === true, events: events as AutoRollbackEvent[] };
}

export function createDeploymentHandler(input: Obj, ctx: RequestContext): unknown {
  const state = codeDeployState(ctx.world, ctx.region);
  const appName = required(
    input,
    'applicationName',
    'ApplicationNameRequiredException',
    'An application name',
  );
  const groupName = required(
    input,
    'deploymentGroupName',
    'DeploymentGroupNameRequiredException',
    'A deployment group name',
  );
  getApplication(state, appName);
  const group = getGroup(state, appName, groupName);
  const configName = optional(input, 'deploymentConfigName');
  if (configName !== undefined) {
    const config = findDeploymentConfig(configName);
    if (!config) throw configNotFound(configName);
    if (config.computePlatform !== 'ECS') {
      throw new SimError(
        'InvalidDeploymentConfigNameException',
        `Deployment configuration ${configName} is for the ${config.computePlatform} compute platform, not ECS.`,
      );
    }
  }
  const { content, sha256 } = appSpecContentOf(input);
  if (content === '')
    throw new SimError('InvalidRevisionException', 'The AppSpec content is empty.');
  parseEcsAppSpec(content);
  const autoRollback = readAutoRollback(input);
  // One deployment at a time per group, not adjustable (perf-reliability 1.3); the text is
  // what the CLI prints (unverified beyond observation).
  const running = activeDeployment(ctx.world, ctx.region, appName, groupName);
  if (running) {
    throw new SimError(
      'DeploymentLimitExceededException',
      `The Deployment Group '${group.name}' already has an active Deployment '${running.id}'`,
    );
  }
  const description = optional(input, 'description');
  const rec = createDeployment(ctx.world, ctx.region, {
    applicationName: appName,
    groupName,
    ...(configName ? { configName } : {}),
    appSpecContent: content,
    ...(description !== undefined ? { description } : {}),
    ...(autoRollback ? { autoRollback } : {}),
  });
  if (sha256 !== undefined && sha256 !== rec.revision.sha256) {
    // roll the record back: nothing of a refused request may remain
    state.deployments.delete(rec.id);
    group.deploymentIds.pop();
    throw new SimError(
      'InvalidRevisionException',
      'The sha256 of the AppSpec content does not match the content.',
    );
  }
  emitCodeDeploy(ctx.world, 'deploymentCreated', { region: ctx.region, deployment: rec });
  return { deploymentId: rec.id };
}

function completed(rec: DeploymentRec): SimError {
  return new SimError(
    'DeploymentAlreadyCompletedException',
    `The deployment ${rec.id} has already completed with status ${rec.status}.`,
  );
}

/** True while the original (blue) task set is kept after traffic moved (D.5 step 4). */
export function inTerminationWait(rec: DeploymentRec): boolean {
  return rec.status === 'InProgress' && rec.instanceTerminationWaitTimeStarted;
}

export function continueDeploymentHandler(input: Obj, ctx: RequestContext): unknown {
  const rec = getDeployment(codeDeployState(ctx.world, ctx.region), deploymentIdOf(input));
  const raw = input['deploymentWaitType'] ?? 'READY_WAIT';
  if (raw !== 'READY_WAIT' && raw !== 'TERMINATION_WAIT')
    throw new SimError(
      'InvalidDeploymentWaitTypeException',
      `The wait type ${JSON.stringify(raw)} is invalid.`,
    );
  if (isTerminal(rec.status)) throw completed(rec);
  if (raw === 'READY_WAIT' && rec.status !== 'Ready') {
    throw new SimError(
      'DeploymentIsNotInReadyStateException',
      `The deployment ${rec.id} is not in the Ready state (it is ${rec.status}); traffic can only be rerouted while it waits.`,
    );
  }
  // The exception for TERMINATION_WAIT outside the wait is not documented; this one says the
  // same kind of thing (unverified).
  if (raw === 'TERMINATION_WAIT' && !inTerminationWait(rec)) {
    throw new SimError(
      'DeploymentIsNotInReadyStateException',
      `The deployment ${rec.id} is not waiting to terminate the original task set (it is ${rec.status}).`,
    );
  }
  emitCodeDeploy(ctx.world, 'continueRequested', {
    region: ctx.region,
    deployment: rec,
    waitType: raw,
  });
  return {};
}

export function stopDeploymentHandler(input: Obj, ctx: RequestContext): unknown {
  const rec = getDeployment(codeDeployState(ctx.world, ctx.region), deploymentIdOf(input));
  if (isTerminal(rec.status)) throw completed(rec);
  const flag = input['autoRollbackEnabled'];
  if (flag !== undefined && flag !== null && typeof flag !== 'boolean')
    throw new SimError('InvalidInputException', 'autoRollbackEnabled must be a boolean.');
  emitCodeDeploy(ctx.world, 'stopRequested', {
    region: ctx.region,
    deployment: rec,
    ...(typeof flag === 'boolean' ? { autoRollbackEnabled: flag } : {}),
  });
  // What the CLI prints for a stop that CodeDeploy has accepted and will carry out (observed).
  return { status: 'Pending', statusMessage: 'Stopping Pending. Stopping to be processed' };
}

/** GetApplicationRevision: the AppSpec text GetDeployment leaves out (D.1), found by sha256. */
export function getApplicationRevisionHandler(input: Obj, ctx: RequestContext): unknown {
  const state = codeDeployState(ctx.world, ctx.region);
  const appName = required(
    input,
    'applicationName',
    'ApplicationNameRequiredException',
    'An application name',
  );
  const app = getApplication(state, appName);
  const { content, sha256 } = appSpecContentOf(input);
  const deployments = [...app.groups.values()]
    .flatMap((g) => g.deploymentIds)
    .map((id) => state.deployments.get(id)!)
    .filter((d) =>
      sha256 ? d.revision.sha256 === sha256 : content !== '' && d.revision.content === content,
    )
    .sort((a, b) => a.createdAt - b.createdAt);
  const first = deployments[0];
  if (!first) {
    throw new SimError(
      'RevisionDoesNotExistException',
      `No application revision found for application ${app.name} with sha256 ${sha256 ?? '(none)'}`,
    );
  }
  return {
    applicationName: app.name,
    revision: {
      revisionType: 'AppSpecContent',
      appSpecContent: { content: first.revision.content, sha256: first.revision.sha256 },
    },
    revisionInfo: {
      deploymentGroups: [...new Set(deployments.map((d) => d.groupName))],
      firstUsedTime: new Date(first.createdAt),
      lastUsedTime: new Date(deployments[deployments.length - 1]!.createdAt),
      registerTime: new Date(first.createdAt),
    },
  };
}
