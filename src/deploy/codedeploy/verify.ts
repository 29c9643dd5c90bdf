import { createHash } from 'node:crypto';
import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { CodeDeployDeployment, DeploymentGroup } from '../../aws/types';

// What a CodeDeploy write whose reply was lost left behind (perf-reliability 4.3: no client
// tokens), read back before anything is sent again.

const ACTIVE = ['Created', 'Queued', 'InProgress', 'Baking', 'Ready'];

/**
 * The group's active deployment when it carries this exact AppSpec (CodeDeploy keeps its
 * sha256): the CreateDeployment whose reply was lost. A group runs one deployment at a time,
 * so anything else active is someone else's and is left for CreateDeployment to refuse.
 */
export async function findCreated(
  gw: AwsGateway,
  group: DeploymentGroup,
  appSpecContent: string,
  opts: CallOptions,
): Promise<string | undefined> {
  const sha256 = createHash('sha256').update(appSpecContent).digest('hex');
  const ids = await gw.codedeploy.listDeployments(
    {
      applicationName: group.applicationName,
      deploymentGroupName: group.name,
      statuses: ACTIVE,
      max: 5,
    },
    opts,
  );
  if (ids.length === 0) return undefined;
  const found = await gw.codedeploy.batchGetDeployments(ids, opts);
  return found.find((d) => d.revisionSha256 === sha256)?.id;
}

/**
 * Whether a ContinueDeployment whose reply was lost went through: after READY_WAIT the
 * deployment no longer waits in Ready; after TERMINATION_WAIT it no longer keeps blue.
 */
export async function continued(
  gw: AwsGateway,
  id: string,
  waitType: 'READY_WAIT' | 'TERMINATION_WAIT',
  opts: CallOptions,
): Promise<CodeDeployDeployment | undefined> {
  const d = await gw.codedeploy.getDeployment(id, opts);
  if (waitType === 'READY_WAIT') return d.status !== 'Ready' ? d : undefined;
  const keepsBlue = d.status === 'InProgress' && d.instanceTerminationWaitTimeStarted === true;
  return keepsBlue ? undefined : d;
}
