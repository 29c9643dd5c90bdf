import { SimError } from '../../core/errors';
import type { DeploymentConfiguration, LoadBalancer } from './types';

/**
 * CreateService / UpdateService rules for the ECS-native strategies (aws-semantics C.1), on
 * the configuration as it will be after the update merges: the ranges the SDK documents
 * (canaryPercent 0.1..100 in steps of 0.1, stepPercent 3..100 in steps of 0.1, the bake
 * times 0..1440 minutes), bakeTimeInMinutes required for BLUE_GREEN, hook timeouts, and a
 * target group on the service without the advancedConfiguration ECS needs to shift traffic.
 * Services with no load balancer pass (ECS also runs these strategies with Service Connect,
 * which the simulator does not model). AWS's exact message texts are unverified.
 */
export function checkNativeStrategy(dc: DeploymentConfiguration, lbs: LoadBalancer[]): void {
  const strategy = dc.strategy ?? 'ROLLING';
  if (strategy === 'ROLLING') return;
  const invalid = (message: string) => new SimError('InvalidParameterException', message);
  const range = (what: string, v: number | undefined, min: number, max: number, tenths = false) => {
    if (v === undefined) return;
    const onStep = !tenths || Math.abs(v * 10 - Math.round(v * 10)) < 1e-9;
    const whole = tenths || Number.isInteger(v);
    if (!Number.isFinite(v) || v < min || v > max || !onStep || !whole) {
      const unit = tenths ? ` in steps of 0.1` : ' (whole minutes)';
      throw invalid(`Invalid ${what} ${String(v)}. It must be between ${min} and ${max}${unit}.`);
    }
  };
  range('bakeTimeInMinutes', dc.bakeTimeInMinutes, 0, 1440);
  if (strategy === 'BLUE_GREEN' && dc.bakeTimeInMinutes === undefined) {
    throw invalid('bakeTimeInMinutes is required for the BLUE_GREEN deployment strategy.');
  }
  const canary = dc.canaryConfiguration;
  range('canaryConfiguration.canaryPercent', canary?.canaryPercent, 0.1, 100, true);
  range('canaryConfiguration.canaryBakeTimeInMinutes', canary?.canaryBakeTimeInMinutes, 0, 1440);
  const linear = dc.linearConfiguration;
  range('linearConfiguration.stepPercent', linear?.stepPercent, 3, 100, true);
  range('linearConfiguration.stepBakeTimeInMinutes', linear?.stepBakeTimeInMinutes, 0, 1440);
  for (const hook of dc.lifecycleHooks ?? []) {
    const minutes = hook.timeoutConfiguration?.timeoutInMinutes;
    if (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 1)) {
      throw invalid(
        `Invalid lifecycle hook timeoutInMinutes ${String(minutes)}. It must be a whole number of minutes of at least 1.`,
      );
    }
    const action = hook.timeoutConfiguration?.action;
    if (action !== undefined && action !== 'CONTINUE' && action !== 'ROLLBACK') {
      throw invalid(
        `Invalid lifecycle hook timeout action '${String(action)}'. Valid values: CONTINUE, ROLLBACK.`,
      );
    }
  }
  for (const lb of lbs) {
    if (!lb.targetGroupArn) continue;
    const adv = lb.advancedConfiguration;
    if (!adv?.alternateTargetGroupArn || !adv.productionListenerRule) {
      throw invalid(
        `The ${strategy} deployment strategy requires loadBalancers[].advancedConfiguration with an alternateTargetGroupArn and a productionListenerRule for target group ${lb.targetGroupArn}.`,
      );
    }
    if (adv.alternateTargetGroupArn === lb.targetGroupArn) {
      throw invalid(
        'advancedConfiguration.alternateTargetGroupArn must be a different target group than targetGroupArn.',
      );
    }
  }
}
