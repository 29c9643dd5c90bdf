import type { Service } from '../aws/types';
import type { StrategyId } from './types';

export type Fit = { ok: true; note?: string } | { ok: false; reason: string };

/** A known ALB canary pair: this service and its partner forward from one weighted rule. */
export interface CanaryPairRef {
  stableService: string;
  canaryService: string;
  ruleArn: string;
}

/**
 * Which strategies can deploy this service, and why not for the others. The wizard lists them
 * all, disabled ones with the reason (product.md: "Strategy list shows only what fits").
 */
export function strategyFit(service: Service, strategy: StrategyId, pair?: CanaryPairRef): Fit {
  const controller = service.deploymentController;
  const configured = service.deploymentConfiguration.strategy;
  switch (strategy) {
    case 'rolling':
      if (controller !== 'ECS')
        return { ok: false, reason: needsEcsController(controller, 'A rolling update') };
      return configured === 'ROLLING'
        ? { ok: true }
        : { ok: true, note: `switches the service's strategy from ${configured} to ROLLING` };
    case 'blue-green':
    case 'linear':
    case 'canary': {
      const label = strategy === 'blue-green' ? 'ECS blue/green' : `ECS ${strategy}`;
      if (controller !== 'ECS') return { ok: false, reason: needsEcsController(controller, label) };
      const missing = missingNativeSetup(service);
      if (missing.length > 0) {
        const where = service.loadBalancers.some((l) => l.targetGroupArn)
          ? ' (loadBalancers[].advancedConfiguration)'
          : '';
        return { ok: false, reason: `${label} needs ${joinAnd(missing)}${where}` };
      }
      return { ok: true };
    }
    case 'codedeploy':
      if (controller !== 'CODE_DEPLOY') {
        return {
          ok: false,
          reason: `CodeDeploy blue/green needs deployment controller CODE_DEPLOY (this service uses ${controller})`,
        };
      }
      return { ok: true };
    case 'alb-canary':
      if (controller !== 'ECS')
        return { ok: false, reason: needsEcsController(controller, 'An ALB weighted canary') };
      if (!pair) {
        return {
          ok: false,
          reason:
            'ALB canary needs a second service whose target group shares a weighted listener rule with this one',
        };
      }
      return { ok: true };
  }
}

function needsEcsController(controller: string, what: string): string {
  if (controller === 'CODE_DEPLOY') {
    return `${what} needs deployment controller ECS; this service is deployed by CodeDeploy (use CodeDeploy blue/green)`;
  }
  return `${what} needs deployment controller ECS (this service uses ${controller})`;
}

/** What an ECS-native blue/green/linear/canary deployment needs that the service lacks. */
export function missingNativeSetup(service: Service): string[] {
  const lb = service.loadBalancers.find((l) => l.targetGroupArn);
  if (!lb) return ['a load balancer target group on the service'];
  const missing: string[] = [];
  if (!lb.advanced?.alternateTargetGroupArn) missing.push('an alternate target group');
  if (!lb.advanced?.productionListenerRule) missing.push('a production listener rule');
  if (lb.advanced && !lb.advanced.roleArn) missing.push('a role for ECS to change the listener');
  return missing;
}

function joinAnd(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}
