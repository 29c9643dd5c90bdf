import type { AwsGateway, CallOptions } from '../../aws/gateway';
import { ExpectedError, UserAbort } from '../../errors';
import type { IoHost } from '../io-host';
import { serviceFingerprint } from '../plan/fingerprint';
import { materializeRevision } from '../plan/register';
import { loadServiceContext } from '../plan/service-context';
import type { DeployPlan } from '../plan/types';
import { revisionLabel } from '../revision-label';
import { rollingSettingsSchema } from '../settings';
import { afterFailedUpdate } from '../write-check';
import { RollingController } from './controller';

/**
 * Runs a reviewed plan: re-checks that the service is as planned, confirms, registers the
 * revision, updates the service, and hands back a controller that follows the deployment.
 * If UpdateService fails after a register, it says exactly what exists and that the service
 * is unchanged.
 */
export async function applyRolling(
  gw: AwsGateway,
  plan: DeployPlan,
  io: IoHost,
  opts: CallOptions & { now?: () => Date; confirmed?: boolean; startedBy?: string } = {},
): Promise<RollingController> {
  const { cluster, service } = plan.request;
  const ctx = await loadServiceContext(gw, cluster, service, opts);
  const fingerprint = serviceFingerprint(ctx.service);
  if (fingerprint !== plan.fingerprint) {
    throw new ExpectedError(
      `service "${service}" changed since the plan was made (it now runs ${revisionLabel(ctx.taskDefinition.arn)})`,
      'make a new plan and review it again',
    );
  }
  if (plan.blockers.length > 0)
    throw new ExpectedError(`the plan has failing checks: ${plan.blockers.join('; ')}`);
  const settings = rollingSettingsSchema.parse(plan.request.settings);

  if (!opts.confirmed) {
    const ok = await io.confirm({
      title: `Deploy ${service} (rolling update)`,
      lines: plan.calls.map((c) => `${c.service} ${c.operation}: ${c.summary}`),
      dangerous: false,
      ...(plan.protectedService ? { typeToConfirm: service } : {}),
    });
    if (!ok) throw new UserAbort('deployment cancelled; nothing was changed');
  }

  const { taskDefinitionArn, registered } = await materializeRevision(gw, ctx, plan, io, opts);
  let updated;
  try {
    updated = await gw.ecs.updateService(
      {
        cluster,
        service,
        taskDefinition: taskDefinitionArn,
        deploymentConfiguration: {
          strategy: 'ROLLING',
          minimumHealthyPercent: settings.minimumHealthyPercent,
          maximumPercent: settings.maximumPercent,
          circuitBreaker: {
            enable: settings.circuitBreaker !== 'off',
            rollback: settings.circuitBreaker === 'rollback',
          },
          alarms: {
            alarmNames: settings.alarms,
            enable: settings.alarms.length > 0,
            rollback: settings.alarmRollback,
          },
        },
      },
      opts,
    );
  } catch (error) {
    // a lost reply may hide an update that happened: ECS is asked before saying it did not
    updated = await afterFailedUpdate(
      gw,
      { cluster, service, taskDefinitionArn, previousArn: ctx.taskDefinition.arn, registered },
      error,
      io,
      opts,
    );
  }

  const primary = updated.deployments.find(
    (d) => d.status === 'PRIMARY' && d.taskDefinitionArn === taskDefinitionArn,
  );
  if (!primary) {
    throw new ExpectedError(
      `UpdateService succeeded but ECS reports no PRIMARY deployment of ${revisionLabel(taskDefinitionArn)} yet`,
      `watch it with: ecs-rollout watch --cluster ${cluster} --service ${service}`,
    );
  }
  const now = opts.now?.() ?? new Date();
  io.notify({
    code: 'ECSR_DEPLOY_I2003',
    level: 'info',
    text: `deployment ${primary.id} started: ${service} → ${revisionLabel(taskDefinitionArn)}`,
    data: {
      deploymentId: primary.id,
      taskDefinitionArn,
      serviceDeploymentArn: updated.currentServiceDeploymentArn,
    },
  });
  return new RollingController(
    gw,
    {
      cluster,
      service,
      deploymentId: primary.id,
      taskDefinitionArn,
      ...(updated.currentServiceDeploymentArn
        ? { serviceDeploymentArn: updated.currentServiceDeploymentArn }
        : {}),
      startedAt: primary.createdAt ?? now,
      ...(opts.startedBy ? { startedBy: opts.startedBy } : {}),
    },
    opts.now,
  );
}
