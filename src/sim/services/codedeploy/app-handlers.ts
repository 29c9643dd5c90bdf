import { SimError } from '../../core/errors';
import type { RequestContext } from '../../core/types';
import { findDeploymentConfig, PREDEFINED_CONFIGS } from './configs';
import { batchLimit, configNotFound } from './errors';
import { byName, names, pageOf, required, type Obj } from './input';
import { codeDeployState, getApplication, getGroup } from './model';
import { renderApplication, renderConfig, renderGroup } from './render';

// Applications, deployment groups and deployment configurations.

const MAX_BATCH = 100;

const appName = (input: Obj): string =>
  required(input, 'applicationName', 'ApplicationNameRequiredException', 'An application name');

export function listApplications(input: Obj, ctx: RequestContext): unknown {
  const all = [...codeDeployState(ctx.world, ctx.region).applications.keys()].sort(byName);
  const { items, nextToken } = pageOf(all, input['nextToken']);
  return { applications: items, ...(nextToken ? { nextToken } : {}) };
}

export function getApplicationHandler(input: Obj, ctx: RequestContext): unknown {
  return {
    application: renderApplication(
      getApplication(codeDeployState(ctx.world, ctx.region), appName(input)),
    ),
  };
}

export function batchGetApplications(input: Obj, ctx: RequestContext): unknown {
  const list = names(input, 'applicationNames');
  if (list.length === 0)
    throw new SimError(
      'ApplicationNameRequiredException',
      'At least one application name must be specified.',
    );
  if (list.length > MAX_BATCH) throw batchLimit(MAX_BATCH);
  const state = codeDeployState(ctx.world, ctx.region);
  return { applicationsInfo: list.map((n) => renderApplication(getApplication(state, n))) };
}

export function listDeploymentGroups(input: Obj, ctx: RequestContext): unknown {
  const app = getApplication(codeDeployState(ctx.world, ctx.region), appName(input));
  const { items, nextToken } = pageOf([...app.groups.keys()].sort(byName), input['nextToken']);
  return {
    applicationName: app.name,
    deploymentGroups: items,
    ...(nextToken ? { nextToken } : {}),
  };
}

export function getDeploymentGroup(input: Obj, ctx: RequestContext): unknown {
  const state = codeDeployState(ctx.world, ctx.region);
  const name = required(
    input,
    'deploymentGroupName',
    'DeploymentGroupNameRequiredException',
    'A deployment group name',
  );
  return { deploymentGroupInfo: renderGroup(state, getGroup(state, appName(input), name)) };
}

export function batchGetDeploymentGroups(input: Obj, ctx: RequestContext): unknown {
  const state = codeDeployState(ctx.world, ctx.region);
  const app = getApplication(state, appName(input));
  const list = names(input, 'deploymentGroupNames');
  if (list.length === 0) {
    throw new SimError(
      'DeploymentGroupNameRequiredException',
      'At least one deployment group name must be specified.',
    );
  }
  if (list.length > MAX_BATCH) throw batchLimit(MAX_BATCH);
  const missing = list.filter((n) => !app.groups.has(n));
  return {
    deploymentGroupsInfo: list
      .filter((n) => app.groups.has(n))
      .map((n) => renderGroup(state, app.groups.get(n)!)),
    ...(missing.length > 0
      ? {
          errorMessage: `Deployment groups not found for application ${app.name}: ${missing.join(', ')}`,
        }
      : {}),
  };
}

export function listDeploymentConfigs(input: Obj): unknown {
  const { items, nextToken } = pageOf(
    PREDEFINED_CONFIGS.map((c) => c.name),
    input['nextToken'],
  );
  return { deploymentConfigsList: items, ...(nextToken ? { nextToken } : {}) };
}

export function getDeploymentConfig(input: Obj): unknown {
  const name = required(
    input,
    'deploymentConfigName',
    'DeploymentConfigNameRequiredException',
    'A deployment configuration name',
  );
  const config = findDeploymentConfig(name);
  if (!config) throw configNotFound(name);
  return { deploymentConfigInfo: renderConfig(config) };
}
