import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { Service } from '../../aws/types';
import { imageShortRef } from '../image-ref';
import { revisionLabel } from '../revision-label';
import type { PreflightCheck } from '../types';
import type { ImageChange, NextDefinition } from './next-definition';
import { inProgressDeployment, stoppedDeployment } from './service-context';

// Checks every strategy runs before a deployment; strategy modules add their own.

export function imageChecks(changes: ImageChange[]): PreflightCheck[] {
  const checks: PreflightCheck[] = [];
  for (const c of changes) {
    checks.push({
      id: `image-exists:${c.container}`,
      label: `image exists (${c.container})`,
      status: c.inRegistry === false ? 'fail' : c.inRegistry ? 'pass' : 'warn',
      detail:
        c.inRegistry === false
          ? (c.registryNote ?? `${imageShortRef(c.to)} is not in the registry`)
          : c.inRegistry
            ? `${imageShortRef(c.to)} found in ECR`
            : (c.registryNote ?? 'not checked'),
    });
  }
  const unpinned = changes.filter((c) => !c.pinned);
  if (changes.length > 0) {
    checks.push({
      id: 'digest-pinned',
      label: 'image digest pinned',
      status: unpinned.length === 0 ? 'pass' : 'warn',
      detail:
        unpinned.length === 0
          ? 'every new image is registered by digest'
          : `registered by tag (mutable): ${unpinned.map((c) => c.container).join(', ')}`,
    });
  }
  return checks;
}

export function nothingInProgressCheck(service: Service): PreflightCheck {
  const running = inProgressDeployment(service);
  const stopped = running ? undefined : stoppedDeployment(service);
  if (stopped)
    return {
      id: 'nothing-in-progress',
      label: 'nothing else in progress',
      status: 'warn',
      detail: `${stopped.note}: this deployment replaces it, and ECS scales the stopped revision in`,
    };
  return running
    ? {
        id: 'nothing-in-progress',
        label: 'nothing else in progress',
        status: 'fail',
        detail: `${running.note}: watch it or wait for it to finish before deploying`,
      }
    : {
        id: 'nothing-in-progress',
        label: 'nothing else in progress',
        status: 'pass',
        detail: 'no deployment is running',
      };
}

export function changeCheck(next: NextDefinition, currentArn: string): PreflightCheck {
  if (next.kind === 'register' && next.unchanged) {
    return {
      id: 'changes-something',
      label: 'changes something',
      status: 'fail',
      detail: 'the new task definition is identical to the one running',
    };
  }
  if (next.kind === 'existing' && next.taskDefinition.arn === currentArn) {
    return {
      id: 'changes-something',
      label: 'changes something',
      status: 'fail',
      detail: `the service already runs ${revisionLabel(currentArn)}`,
    };
  }
  if (next.kind === 'existing' && next.needsReRegister) {
    return {
      id: 'changes-something',
      label: 'revision usable',
      status: 'warn',
      detail: `${revisionLabel(next.taskDefinition.arn)} is ${next.taskDefinition.status}: it will be registered again as a new revision`,
    };
  }
  return {
    id: 'changes-something',
    label: 'changes something',
    status: 'pass',
    detail: 'a new revision will run',
  };
}

/** Registered targets of the service's target groups are healthy now. */
export async function targetHealthCheck(
  gw: AwsGateway,
  service: Service,
  opts: CallOptions,
): Promise<PreflightCheck | undefined> {
  const tgs = [
    ...new Set(service.loadBalancers.map((l) => l.targetGroupArn).filter((a): a is string => !!a)),
  ];
  if (tgs.length === 0) return undefined;
  const unhealthy: string[] = [];
  let total = 0;
  for (const tg of tgs) {
    const targets = await gw.elb.describeTargetHealth(tg, opts);
    total += targets.length;
    const bad = targets.filter((t) => t.state !== 'healthy');
    if (bad.length > 0)
      unhealthy.push(`${tg.split('/')[1] ?? tg}: ${bad.length} of ${targets.length} not healthy`);
  }
  return {
    id: 'target-group-healthy',
    label: 'target group healthy',
    status: unhealthy.length === 0 && total > 0 ? 'pass' : 'warn',
    detail:
      unhealthy.length > 0
        ? unhealthy.join('; ')
        : total === 0
          ? 'no registered targets'
          : `${total} targets healthy`,
  };
}

export function desiredCountCheck(service: Service): PreflightCheck | undefined {
  if (service.desiredCount > 0) return undefined;
  return {
    id: 'desired-count',
    label: 'service has tasks',
    status: 'warn',
    detail: 'desired count is 0: the deployment completes at once without starting tasks',
  };
}

export function blockersOf(checks: PreflightCheck[]): string[] {
  return checks.filter((c) => c.status === 'fail').map((c) => `${c.label}: ${c.detail}`);
}
