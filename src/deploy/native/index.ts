/**
 * ECS-native blue/green, linear and canary deployments (deployment controller ECS, strategy
 * BLUE_GREEN / LINEAR / CANARY; aws-semantics C): plan (settings, the load-balancer set-up
 * found from the service's advancedConfiguration, checks), apply (RegisterTaskDefinition +
 * UpdateService; ECS runs the stages and moves the listener weights itself) and a controller
 * that follows the service deployment and carries out p / P / R / a.
 */
import { applyNative } from './apply';
import { planNative } from './plan';

export { attachNative, nativeStrategyOfService } from './attach';
export { NativeController, type NativeRef } from './controller';
export {
  blueGreenSettingsSchema,
  canarySettingsSchema,
  linearSettingsSchema,
  nativeDefaults,
  nativeSettingsSchema,
  PAUSE_STAGES,
  type NativeSettings,
  type NativeStrategyId,
} from './settings';

export const planBlueGreen = planNative('blue-green');
export const applyBlueGreen = applyNative('blue-green');
export const planLinear = planNative('linear');
export const applyLinear = applyNative('linear');
export const planCanary = planNative('canary');
export const applyCanary = applyNative('canary');
