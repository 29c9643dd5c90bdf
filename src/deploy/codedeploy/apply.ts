import type { AwsGateway, CallOptions } from '../../aws/gateway';
import { describeError, ExpectedError, isAwsError, UserAbort } from '../../errors';
import type { IoHost } from '../io-host';
import { serviceFingerprint } from '../plan/fingerprint';
import { materializeRevision } from '../plan/register';
import { loadServiceContext } from '../plan/service-context';
import type { DeployPlan } from '../plan/types';
import { revisionLabel } from '../revision-label';
import { buildAppSpec } from './appspec';
import { CodeDeployController } from './controller';
import { findDeploymentGroup } from './discover';
import { parseCodeDeploySettings } from './plan';
import { GROUP_DEFAULT_CONFIG, hookMap } from './settings';
import { findCreated } from './verify';
import { writeOnce } from '../write-check';

/**
 * Runs a reviewed plan: re-checks the service is as planned, confirms, registers the revision
 * (or reuses an identical latest one), CreateDeployment with the AppSpec, and hands back a
 * controller that follows the deployment. A refused CreateDeployment (another deployment
 * started meanwhile, a bad AppSpec) says what exists and that the service is unchanged.
 */
export async function applyCodeDeploy(
  gw: AwsGateway,
  plan: DeployPlan,
  io: IoHost,
  opts: CallOptions & { now?: () => Date; confirmed?: boolean; startedBy?: string } = {},
): Promise<CodeDeployController> {
  const { cluster, service } = plan.request;
  const ctx = await loadServiceContext(gw, cluster, service, opts);
  if (serviceFingerprint(ctx.service) !== plan.fingerprint) {
    throw new ExpectedError(
      `service "${service}" changed since the plan was made (it now runs ${revisionLabel(ctx.taskDefinition.arn)})`,
      'make a new plan and review it again',
    );
  }
  if (plan.blockers.length > 0)
    throw new ExpectedError(`the plan has failing checks: ${plan.blockers.join('; ')}`);
  const settings = parseCodeDeploySettings(plan.request.settings, ctx);
  // the plan named the group: one GetDeploymentGroup, no search
  const group = await findDeploymentGroup(
    gw,
    cluster,
    service,
    { application: settings.application, deploymentGroup: settings.deploymentGroup },
    opts,
  );

  if (!opts.confirmed) {
    const ok = await io.confirm({
      title: `Deploy ${service} (CodeDeploy blue/green)`,
      lines: plan.calls.map((c) => `${c.service} ${c.operation}: ${c.summary}`),
      dangerous: false,
      ...(plan.protectedService ? { typeToConfirm: service } : {}),
    });
    if (!ok) throw new UserAbort('deployment cancelled; nothing was changed');
  }

  const { taskDefinitionArn, registered } = await materializeRevision(gw, ctx, plan, io, opts);
  const appSpecContent = buildAppSpec({
    taskDefinitionArn,
    containerName: settings.containerName,
    containerPort: settings.containerPort,
    hooks: hookMap(settings.hooks),
  });
  let deploymentId: string;
  try {
    deploymentId = await writeOnce(
      `CreateDeployment ${group.name}`,
      () =>
        gw.codedeploy.createDeployment(
          {
            applicationName: group.applicationName,
            deploymentGroupName: group.name,
            // the group's own configuration applies when none is named
            ...(settings.deploymentConfig !== GROUP_DEFAULT_CONFIG
              ? { deploymentConfigName: settings.deploymentConfig }
              : {}),
            description: `ecs-rollout: ${service} → ${revisionLabel(taskDefinitionArn)}`,
            appSpecContent,
          },
          opts,
        ),
      () => findCreated(gw, group, appSpecContent, opts),
      io,
    );
  } catch (error) {
    const { message, hint } = describeError(error);
    const what = registered ? `registered ${revisionLabel(taskDefinitionArn)}, but ` : '';
    const busy = isAwsError(error) && error.code === 'DeploymentLimitExceededException';
    const wrapped = new ExpectedError(
      `${what}CreateDeployment failed: ${message}. The service was not changed and still runs ${revisionLabel(ctx.taskDefinition.arn)}`,
      busy
        ? `watch the running deployment with: ecs-rollout watch --cluster ${cluster} --service ${service}`
        : hint,
    );
    // the CLI follows `cause` to exit 7 on access denied
    wrapped.cause = error;
    throw wrapped;
  }
  io.notify({
    code: 'ECSR_CODEDEPLOY_I5001',
    level: 'info',
    text: `CodeDeploy deployment ${deploymentId} created: ${service} → ${revisionLabel(taskDefinitionArn)}`,
    data: {
      deploymentId,
      applicationName: group.applicationName,
      deploymentGroupName: group.name,
      taskDefinitionArn,
    },
  });
  return new CodeDeployController(
    gw,
    {
      cluster,
      service,
      deploymentId,
      group,
      taskDefinitionArn,
      startedAt: opts.now?.() ?? new Date(),
      ...(opts.startedBy ? { startedBy: opts.startedBy } : {}),
    },
    opts.now,
  );
}
