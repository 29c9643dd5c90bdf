import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { DeploymentGroup, Listener, Service, TaskDefinition } from '../../aws/types';
import { healthCounts } from '../view-parts';
import { isAwsError } from '../../errors';
import type { PreflightCheck } from '../types';
import type { CodeDeploySettings } from './settings';

// Preflight checks of a CodeDeploy blue/green deployment (aws-semantics D.1, D.6).

/** Statuses of a deployment that has not finished: one per group at a time (D.6). */
export const ACTIVE_STATUSES = ['Created', 'Queued', 'InProgress', 'Baking', 'Ready'];

export async function groupIdleCheck(
  gw: AwsGateway,
  group: DeploymentGroup,
  opts: CallOptions,
): Promise<{ check: PreflightCheck; activeId?: string }> {
  const [activeId] = await gw.codedeploy.listDeployments(
    {
      applicationName: group.applicationName,
      deploymentGroupName: group.name,
      statuses: ACTIVE_STATUSES,
      max: 1,
    },
    opts,
  );
  const label = 'nothing else in progress';
  if (!activeId) {
    return {
      check: {
        id: 'nothing-in-progress',
        label,
        status: 'pass',
        detail: `no deployment is running in group ${group.name}`,
      },
    };
  }
  const active = await gw.codedeploy.getDeployment(activeId, opts);
  return {
    activeId,
    check: {
      id: 'nothing-in-progress',
      label,
      status: 'fail',
      detail: `deployment ${activeId} is ${active.status} in group ${group.applicationName}/${group.name} (CodeDeploy runs one at a time): watch it or wait for it to finish`,
    },
  };
}

/** The AppSpec's container and port: in the new revision, and what the load balancer uses. */
export function containerCheck(
  settings: CodeDeploySettings,
  next: TaskDefinition,
  service: Service,
): PreflightCheck {
  const fail = (detail: string): PreflightCheck => ({
    id: 'container',
    label: 'container and port',
    status: 'fail',
    detail,
  });
  const { containerName: name, containerPort: port } = settings;
  const container = next.containers.find((c) => c.name === name);
  if (!container) {
    return fail(
      `${next.family} has no container "${name}" (containers: ${next.containers.map((c) => c.name).join(', ')})`,
    );
  }
  const ports = container.portMappings.map((p) => p.containerPort).filter((p) => p !== undefined);
  if (!ports.includes(port))
    return fail(`container ${name} maps no port ${port} (it maps ${ports.join(', ') || 'none'})`);
  const lb = service.loadBalancers.find((l) => l.containerName);
  if (lb && (lb.containerName !== name || lb.containerPort !== port)) {
    return fail(
      `the load balancer sends traffic to ${lb.containerName}:${lb.containerPort}, not ${name}:${port}`,
    );
  }
  return {
    id: 'container',
    label: 'container and port',
    status: 'pass',
    detail: `${name}:${port} is in the new revision and behind the load balancer`,
  };
}

/** The target-group pair exists; the production (and test) listener resolve. */
export async function loadBalancerChecks(
  gw: AwsGateway,
  group: DeploymentGroup,
  opts: CallOptions,
): Promise<{ checks: PreflightCheck[]; listeners: Listener[]; targetGroupArns: string[] }> {
  const checks: PreflightCheck[] = [];
  let targetGroupArns: string[] = [];
  try {
    const tgs = await gw.elb.describeTargetGroups({ names: group.targetGroupNames }, opts);
    targetGroupArns = group.targetGroupNames.map((n) => tgs.find((t) => t.name === n)?.arn ?? '');
  } catch (error) {
    if (!isAwsError(error, 'not-found')) throw error;
  }
  const pairOk = group.targetGroupNames.length === 2 && targetGroupArns.every(Boolean);
  checks.push({
    id: 'target-groups',
    label: 'target group pair',
    status: pairOk ? 'pass' : 'fail',
    detail: pairOk
      ? group.targetGroupNames.join(' / ')
      : `the group's target groups (${group.targetGroupNames.join(', ') || 'none'}) do not all exist`,
  });
  const arns = [...group.prodListenerArns, ...group.testListenerArns];
  let listeners: Listener[] = [];
  try {
    if (arns.length > 0) listeners = await gw.elb.describeListeners({ listenerArns: arns }, opts);
  } catch (error) {
    if (!isAwsError(error, 'not-found')) throw error;
  }
  const prod = listeners.find((l) => l.arn === group.prodListenerArns[0]);
  const forwards = prod?.defaultActions.some((a) =>
    (a.forward?.targetGroups ?? []).some(
      (g) => g.weight > 0 && targetGroupArns.includes(g.targetGroupArn),
    ),
  );
  checks.push({
    id: 'production-listener',
    label: 'production listener',
    status: prod && forwards ? 'pass' : 'fail',
    detail: !prod
      ? `production listener ${group.prodListenerArns[0] ?? '(none)'} does not exist`
      : forwards
        ? `port ${prod.port ?? '?'} forwards to the pair`
        : `port ${prod.port ?? '?'} does not forward to ${group.targetGroupNames.join(' or ')}`,
  });
  const test = listeners.find((l) => l.arn === group.testListenerArns[0]);
  const waits = (group.readyOption?.waitTimeInMinutes ?? 0) > 0;
  checks.push({
    id: 'test-listener',
    label: 'test listener',
    status: test ? 'pass' : waits ? 'warn' : 'pass',
    detail: test
      ? `green is reachable on port ${test.port ?? '?'} before production moves`
      : group.testListenerArns.length > 0
        ? `test listener ${group.testListenerArns[0]} does not exist`
        : waits
          ? 'no test listener: the ready wait holds traffic, but green cannot be tried first'
          : 'none configured (not needed without a ready wait)',
  });
  return { checks, listeners, targetGroupArns };
}

export function autoRollbackCheck(group: DeploymentGroup): PreflightCheck {
  const { enabled, events } = group.autoRollback;
  const onFailure = enabled && events.includes('DEPLOYMENT_FAILURE');
  return {
    id: 'auto-rollback',
    label: 'auto-rollback on',
    status: onFailure ? 'pass' : 'warn',
    detail: onFailure
      ? `rolls back on ${events.map((e) => e.replace('DEPLOYMENT_', '').toLowerCase()).join(', ')}`
      : 'the group does not roll back a failed deployment by itself: roll it back by hand',
  };
}

export async function groupAlarmsCheck(
  gw: AwsGateway,
  group: DeploymentGroup,
  opts: CallOptions,
): Promise<PreflightCheck> {
  const label = 'alarms set';
  if (!group.alarms.enabled || group.alarms.names.length === 0) {
    return {
      id: 'alarms',
      label,
      status: 'warn',
      detail: 'the deployment group watches no CloudWatch alarms',
    };
  }
  const found = await gw.cloudwatch.describeAlarms(group.alarms.names, opts);
  const missing = group.alarms.names.filter((n) => !found.some((a) => a.name === n));
  const firing = found.filter((a) => a.state === 'ALARM').map((a) => a.name);
  const rollback =
    group.autoRollback.enabled && group.autoRollback.events.includes('DEPLOYMENT_STOP_ON_ALARM');
  if (firing.length > 0 || missing.length > 0) {
    return {
      id: 'alarms',
      label,
      status: 'warn',
      detail: [
        firing.length > 0
          ? `already in ALARM: ${firing.join(', ')} (CodeDeploy would stop at once)`
          : '',
        missing.length > 0 ? `no such alarm: ${missing.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    };
  }
  return {
    id: 'alarms',
    label,
    status: 'pass',
    detail: `${found.length} alarm${found.length === 1 ? '' : 's'} watched${rollback ? ', rollback on ALARM' : ', stop (no rollback) on ALARM'}`,
  };
}

/**
 * The targets that serve now are healthy: those of the PRIMARY task set's target group, which
 * after a deployment is the other one of the pair than the service's own load balancer entry.
 */
export async function servingHealthCheck(
  gw: AwsGateway,
  service: Service,
  opts: CallOptions,
): Promise<PreflightCheck | undefined> {
  const primary = service.taskSets.find((t) => t.status === 'PRIMARY');
  const tg = primary?.targetGroupArns[0];
  if (!tg) return undefined;
  const counts = healthCounts(await gw.elb.describeTargetHealth(tg, opts));
  const total = counts.healthy + counts.unhealthy + counts.draining + counts.initial;
  const name = tg.split('/')[1] ?? tg;
  return {
    id: 'target-group-healthy',
    label: 'target group healthy',
    status: total > 0 && counts.healthy === total ? 'pass' : 'warn',
    detail:
      total === 0
        ? `${name}: no registered targets`
        : `${name}: ${counts.healthy} of ${total} targets healthy`,
  };
}
