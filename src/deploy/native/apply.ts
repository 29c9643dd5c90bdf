import type { AwsGateway, CallOptions } from '../../aws/gateway';
import { ExpectedError, UserAbort } from '../../errors';
import type { IoHost } from '../io-host';
import { serviceFingerprint } from '../plan/fingerprint';
import { materializeRevision } from '../plan/register';
import { loadServiceContext } from '../plan/service-context';
import type { DeployPlan } from '../plan/types';
import { revisionLabel } from '../revision-label';
import { STRATEGY_LABELS } from '../types';
import { NativeController } from './controller';
import { parseNativeSettings } from './plan';
import { deploymentConfigurationFor, type NativeStrategyId } from './settings';
import { liveGroupOf, nativeLanes, readRules } from './setup';
import { afterFailedUpdate } from '../write-check';

export type NativeApplyOptions = CallOptions & {
  now?: () => Date;
  confirmed?: boolean;
  startedBy?: string;
};

/**
 * Runs a reviewed plan: re-checks the service is as planned, confirms, registers the
 * revision and calls UpdateService with the strategy's deploymentConfiguration; ECS does the
 * rest (stages, weights, hooks). Returns a controller that follows the service deployment.
 * If UpdateService fails after a register, it says what exists and that the service is as it was.
 */
export function applyNative(strategy: NativeStrategyId) {
  return async (
    gw: AwsGateway,
    plan: DeployPlan,
    io: IoHost,
    opts: NativeApplyOptions = {},
  ): Promise<NativeController> => {
    const { cluster, service } = plan.request;
    const ctx = await loadServiceContext(gw, cluster, service, opts);
    if (serviceFingerprint(ctx.service) !== plan.fingerprint) {
      throw new ExpectedError(
        `service "${service}" changed since the plan was made (it now runs ${revisionLabel(ctx.taskDefinition.arn)})`,
        'make a new plan and review it again',
      );
    }
    if (plan.blockers.length > 0) {
      throw new ExpectedError(`the plan has failing checks: ${plan.blockers.join('; ')}`);
    }
    const settings = parseNativeSettings(strategy, plan.request.settings, ctx);
    if (!opts.confirmed) {
      const ok = await io.confirm({
        title: `Deploy ${service} (${STRATEGY_LABELS[strategy]})`,
        lines: plan.calls.map((c) => `${c.service} ${c.operation}: ${c.summary}`),
        dangerous: false,
        ...(plan.protectedService ? { typeToConfirm: service } : {}),
      });
      if (!ok) throw new UserAbort('deployment cancelled; nothing was changed');
    }
    // green goes where production is not now: known before ECS starts moving weights
    const lanes = nativeLanes(ctx.service);
    const rules = await readRules(gw, lanes, opts);
    const greenByRule: Record<string, string> = {};
    for (const l of lanes) {
      const live = liveGroupOf(l, rules.get(l.productionRule));
      greenByRule[l.productionRule] =
        l.targetGroups[0] === live ? l.targetGroups[1] : l.targetGroups[0];
    }

    const { taskDefinitionArn, registered } = await materializeRevision(gw, ctx, plan, io, opts);
    let updated;
    try {
      updated = await gw.ecs.updateService(
        {
          cluster,
          service,
          taskDefinition: taskDefinitionArn,
          deploymentConfiguration: deploymentConfigurationFor(strategy, settings, ctx.service),
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
    const sdArn = updated.currentServiceDeploymentArn;
    const primary = updated.deployments.find(
      (d) => d.status === 'PRIMARY' && d.taskDefinitionArn === taskDefinitionArn,
    );
    if (!sdArn || !primary) {
      throw new ExpectedError(
        `UpdateService succeeded but ECS reports no service deployment of ${revisionLabel(taskDefinitionArn)} yet`,
        `watch it with: ecs-rollout watch --cluster ${cluster} --service ${service}`,
      );
    }
    io.notify({
      code: 'ECSR_DEPLOY_I2003',
      level: 'info',
      text: `${STRATEGY_LABELS[strategy]} deployment started: ${service} → ${revisionLabel(taskDefinitionArn)}`,
      data: { deploymentId: primary.id, taskDefinitionArn, serviceDeploymentArn: sdArn },
    });
    return new NativeController(
      gw,
      {
        cluster,
        service,
        strategy,
        serviceDeploymentArn: sdArn,
        settings,
        taskDefinitionArn,
        greenByRule,
        startedAt: primary.createdAt ?? opts.now?.() ?? new Date(),
        ...(opts.startedBy ? { startedBy: opts.startedBy } : {}),
      },
      opts.now,
    );
  };
}
