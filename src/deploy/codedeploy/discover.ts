import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { DeploymentGroup } from '../../aws/types';
import { ExpectedError, isAwsError } from '../../errors';

/**
 * The CodeDeploy deployment group that deploys an ECS service. Named (application and
 * group): one GetDeploymentGroup. Application named: its groups, batched. Neither: every ECS
 * application of the account, batched 100 at a time (ListApplications, BatchGetApplications,
 * then ListDeploymentGroups + BatchGetDeploymentGroups per application), the application named
 * like the service first; the answer is remembered per gateway, so the next plan, apply or
 * attach of the same service costs one GetDeploymentGroup.
 */

const FOUND = new WeakMap<AwsGateway, Map<string, { application: string; group: string }>>();

const clusterName = (cluster: string) => cluster.split('/').pop() ?? cluster;
const key = (cluster: string, service: string) => `${clusterName(cluster)}/${service}`;

export function deploysService(group: DeploymentGroup, cluster: string, service: string): boolean {
  return group.ecsServices.some(
    (s) => clusterName(s.clusterName) === clusterName(cluster) && s.serviceName === service,
  );
}

export interface GroupQuery {
  application?: string;
  deploymentGroup?: string;
}

export async function findDeploymentGroup(
  gw: AwsGateway,
  cluster: string,
  service: string,
  query: GroupQuery,
  opts: CallOptions = {},
): Promise<DeploymentGroup> {
  const where = `service "${service}" in cluster "${clusterName(cluster)}"`;
  const remembered = FOUND.get(gw)?.get(key(cluster, service));
  const application = query.application || remembered?.application;
  const groupName = query.deploymentGroup || (query.application ? undefined : remembered?.group);
  if (query.deploymentGroup && !query.application) {
    throw new ExpectedError(
      `a deployment group is named without its application`,
      'give --application with --deployment-group',
    );
  }
  if (application && groupName) {
    const group = await namedGroup(gw, application, groupName, opts);
    if (deploysService(group, cluster, service)) return remember(gw, cluster, service, group);
    if (!query.deploymentGroup) FOUND.get(gw)?.delete(key(cluster, service));
    else {
      const targets = group.ecsServices.map((s) => `${s.clusterName}/${s.serviceName}`);
      throw new ExpectedError(
        `deployment group ${application}/${groupName} deploys ${targets.join(', ') || 'no ECS service'}, not ${where}`,
        'name the group that deploys this service, or leave the names out to find it',
      );
    }
  }
  const apps = application ? [application] : await ecsApplications(gw, service, opts);
  for (const app of apps) {
    const names = await gw.codedeploy.listDeploymentGroups(app, opts).catch((error: unknown) => {
      if (application && isAwsError(error, 'not-found')) {
        throw new ExpectedError(`CodeDeploy application "${app}" does not exist`);
      }
      throw error;
    });
    if (names.length === 0) continue;
    const groups = await gw.codedeploy.batchGetDeploymentGroups(app, names, opts);
    const match = groups.find((g) => deploysService(g, cluster, service));
    if (match) return remember(gw, cluster, service, match);
  }
  throw new ExpectedError(
    `no CodeDeploy deployment group deploys ${where}${application ? ` in application "${application}"` : ''}`,
    'create an ECS blue/green deployment group for it, or name one with --application and --deployment-group',
  );
}

async function namedGroup(
  gw: AwsGateway,
  application: string,
  group: string,
  opts: CallOptions,
): Promise<DeploymentGroup> {
  try {
    return await gw.codedeploy.getDeploymentGroup(application, group, opts);
  } catch (error) {
    if (isAwsError(error, 'not-found')) {
      throw new ExpectedError(
        `CodeDeploy deployment group ${application}/${group} does not exist`,
        'check the names with `aws deploy list-deployment-groups --application-name ' +
          application +
          '`',
      );
    }
    throw error;
  }
}

/** ECS applications of the account, the one named like the service first. */
async function ecsApplications(
  gw: AwsGateway,
  service: string,
  opts: CallOptions,
): Promise<string[]> {
  const names = await gw.codedeploy.listApplications(opts);
  if (names.length === 0) return [];
  const apps = await gw.codedeploy.batchGetApplications(names, opts);
  const ecs = apps.filter((a) => a.computePlatform === 'ECS').map((a) => a.name);
  return [...ecs.filter((n) => n === service), ...ecs.filter((n) => n !== service)];
}

function remember(
  gw: AwsGateway,
  cluster: string,
  service: string,
  group: DeploymentGroup,
): DeploymentGroup {
  let found = FOUND.get(gw);
  if (!found) {
    found = new Map<string, { application: string; group: string }>();
    FOUND.set(gw, found);
  }
  found.set(key(cluster, service), { application: group.applicationName, group: group.name });
  return group;
}
