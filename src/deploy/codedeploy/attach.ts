import { parse } from 'yaml';
import type { AwsGateway, CallOptions } from '../../aws/gateway';
import { ExpectedError } from '../../errors';
import { ACTIVE_STATUSES } from './checks';
import { CodeDeployController } from './controller';
import { findDeploymentGroup } from './discover';

/**
 * A CodeDeploy deployment of this service's group that has not finished (Created, Queued,
 * InProgress, Baking, Ready), started by anyone: the console, CI, another operator. Undefined
 * when there is none, or when no deployment group deploys the service. Costs the group lookup
 * (remembered per gateway), ListDeployments, and one GetApplicationRevision for the revision
 * it deploys.
 */
export async function attachCodeDeploy(
  gw: AwsGateway,
  cluster: string,
  service: string,
  opts: CallOptions & { now?: () => Date } = {},
): Promise<CodeDeployController | undefined> {
  let group;
  try {
    group = await findDeploymentGroup(gw, cluster, service, {}, opts);
  } catch (error) {
    if (error instanceof ExpectedError) return undefined;
    throw error;
  }
  const [id] = await gw.codedeploy.listDeployments(
    {
      applicationName: group.applicationName,
      deploymentGroupName: group.name,
      statuses: ACTIVE_STATUSES,
      max: 1,
    },
    opts,
  );
  if (!id) return undefined;
  const deployment = await gw.codedeploy.getDeployment(id, opts);
  const appSpec = deployment.revisionSha256
    ? await gw.codedeploy.getAppSpecContent(group.applicationName, deployment.revisionSha256, opts)
    : undefined;
  const taskDefinitionArn = appSpec ? appSpecTaskDefinition(appSpec) : undefined;
  return new CodeDeployController(
    gw,
    {
      cluster,
      service,
      deploymentId: id,
      group,
      ...(taskDefinitionArn ? { taskDefinitionArn } : {}),
      ...(deployment.createTime ? { startedAt: deployment.createTime } : {}),
    },
    opts.now,
  );
}

/** TaskDefinition of an ECS AppSpec (aws-semantics D.1), or undefined if it is not one. */
export function appSpecTaskDefinition(content: string): string | undefined {
  try {
    const doc = parse(content) as {
      Resources?: { TargetService?: { Properties?: { TaskDefinition?: unknown } } }[];
    };
    const td = doc.Resources?.[0]?.TargetService?.Properties?.TaskDefinition;
    return typeof td === 'string' ? td : undefined;
  } catch {
    return undefined;
  }
}
