import { SimError } from '../../core/errors';
import { validation } from '../../core/input';
import type {
  CapacityProviderStrategyItem,
  DeploymentConfiguration,
  LoadBalancer,
  NetworkConfiguration,
  Tag,
} from './types';

// Defensive readers for the nested members of ECS requests. A wrong type becomes
// InvalidParameterException (through `validation`), never a crash.

export type Json = Record<string, unknown>;

/** A wire value for an error message: strings as they are, anything else as JSON. */
export function shown(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined');
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function optObject(input: Json, key: string): Json | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw validation(`${key} must be an object`);
  return v;
}

export function optList(input: Json, key: string): unknown[] | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw validation(`${key} must be a list`);
  return v as unknown[];
}

export function optStringList(input: Json, key: string): string[] | undefined {
  const list = optList(input, key);
  if (list === undefined) return undefined;
  for (const item of list) {
    if (typeof item !== 'string') throw validation(`${key} must be a list of strings`);
  }
  return list as string[];
}

export function objectList(input: Json, key: string): Json[] | undefined {
  const list = optList(input, key);
  if (list === undefined) return undefined;
  for (const item of list)
    if (!isObject(item)) throw validation(`${key} must be a list of objects`);
  return list as Json[];
}

function checkType(obj: Json, key: string, type: 'string' | 'number' | 'boolean', where: string) {
  const v = obj[key];
  if (v !== undefined && v !== null && typeof v !== type) {
    throw validation(`${where}.${key} must be a ${type}`);
  }
}

function invalid(message: string): SimError {
  return new SimError('InvalidParameterException', message);
}

/** ECS tags: `{key, value}`, at most 50, key 1..128 characters, value up to 256. */
export function readTags(input: Json, key = 'tags'): Tag[] | undefined {
  const list = objectList(input, key);
  if (list === undefined) return undefined;
  if (list.length > 50) throw invalid('The number of tags exceeds the limit of 50.');
  return list.map((t) => {
    if (typeof t.key !== 'string' || t.key.length < 1 || t.key.length > 128) {
      throw validation('tags.key must be a string of 1 to 128 characters');
    }
    const value = t.value ?? '';
    if (typeof value !== 'string' || value.length > 256) {
      throw validation('tags.value must be a string of at most 256 characters');
    }
    return { key: t.key, value };
  });
}

export function readNetworkConfiguration(input: Json): NetworkConfiguration | undefined {
  const nc = optObject(input, 'networkConfiguration');
  if (!nc) return undefined;
  const vpc = optObject(nc, 'awsvpcConfiguration');
  if (!vpc) return {};
  const subnets = optStringList(vpc, 'subnets') ?? [];
  if (subnets.length === 0) throw invalid('subnets can not be empty.');
  const out: NetworkConfiguration = { awsvpcConfiguration: { subnets } };
  const groups = optStringList(vpc, 'securityGroups');
  if (groups) out.awsvpcConfiguration!.securityGroups = groups;
  const ip = vpc.assignPublicIp;
  if (ip !== undefined && ip !== null) {
    if (ip !== 'ENABLED' && ip !== 'DISABLED')
      throw invalid('assignPublicIp must be ENABLED or DISABLED.');
    out.awsvpcConfiguration!.assignPublicIp = ip;
  }
  return out;
}

export function readLoadBalancers(input: Json): LoadBalancer[] | undefined {
  const list = objectList(input, 'loadBalancers');
  if (!list) return undefined;
  return list.map((lb) => {
    for (const k of ['targetGroupArn', 'loadBalancerName', 'containerName']) {
      checkType(lb, k, 'string', 'loadBalancers');
    }
    checkType(lb, 'containerPort', 'number', 'loadBalancers');
    const adv = optObject(lb, 'advancedConfiguration');
    if (adv) {
      for (const k of [
        'alternateTargetGroupArn',
        'productionListenerRule',
        'testListenerRule',
        'roleArn',
      ]) {
        checkType(adv, k, 'string', 'loadBalancers.advancedConfiguration');
      }
    }
    return lb;
  });
}

export function readCapacityProviderStrategy(
  input: Json,
): CapacityProviderStrategyItem[] | undefined {
  const list = objectList(input, 'capacityProviderStrategy');
  if (!list) return undefined;
  return list.map((item) => {
    if (typeof item.capacityProvider !== 'string') {
      throw validation('capacityProviderStrategy.capacityProvider is required');
    }
    checkType(item, 'weight', 'number', 'capacityProviderStrategy');
    checkType(item, 'base', 'number', 'capacityProviderStrategy');
    return item as unknown as CapacityProviderStrategyItem;
  });
}

const STRATEGIES = new Set(['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY']);
const HOOK_STAGES = new Set([
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
]);

/**
 * Reads and checks `deploymentConfiguration` (aws-semantics B.3, C.1). Rules AWS states in its
 * docs are enforced; the message texts for them are ours (AWS's exact wording is unverified).
 */
export function readDeploymentConfiguration(input: Json): DeploymentConfiguration | undefined {
  const dc = optObject(input, 'deploymentConfiguration');
  if (!dc) return undefined;
  checkType(dc, 'maximumPercent', 'number', 'deploymentConfiguration');
  checkType(dc, 'minimumHealthyPercent', 'number', 'deploymentConfiguration');
  checkType(dc, 'bakeTimeInMinutes', 'number', 'deploymentConfiguration');
  const breaker = optObject(dc, 'deploymentCircuitBreaker');
  if (breaker) {
    if (typeof breaker.enable !== 'boolean' || typeof breaker.rollback !== 'boolean') {
      throw validation('deploymentCircuitBreaker.enable and .rollback are required booleans');
    }
    checkType(breaker, 'resetOnHealthyTask', 'boolean', 'deploymentCircuitBreaker');
  }
  const alarms = optObject(dc, 'alarms');
  if (alarms) {
    optStringList(alarms, 'alarmNames');
    if (typeof alarms.enable !== 'boolean' || typeof alarms.rollback !== 'boolean') {
      throw validation('alarms.enable and alarms.rollback are required booleans');
    }
  }
  const strategy = dc.strategy;
  if (strategy !== undefined && (typeof strategy !== 'string' || !STRATEGIES.has(strategy))) {
    throw invalid(
      `Invalid deployment strategy '${shown(strategy)}'. Valid values: ROLLING, BLUE_GREEN, LINEAR, CANARY.`,
    );
  }
  optObject(dc, 'canaryConfiguration');
  optObject(dc, 'linearConfiguration');
  for (const hook of objectList(dc, 'lifecycleHooks') ?? []) {
    const type = hook.targetType ?? 'AWS_LAMBDA';
    if (type !== 'AWS_LAMBDA' && type !== 'PAUSE')
      throw invalid(`Invalid lifecycle hook targetType '${shown(type)}'.`);
    if (type === 'AWS_LAMBDA' && typeof hook.hookTargetArn !== 'string') {
      throw invalid('hookTargetArn is required for AWS_LAMBDA lifecycle hooks.');
    }
    const stages = optStringList(hook, 'lifecycleStages') ?? [];
    for (const stage of stages) {
      if (!HOOK_STAGES.has(stage)) throw invalid(`Invalid lifecycle stage '${stage}'.`);
      // PAUSE hooks cannot sit on the traffic-shift stages themselves (aws-semantics C.1)
      if (
        type === 'PAUSE' &&
        (stage === 'TEST_TRAFFIC_SHIFT' || stage === 'PRODUCTION_TRAFFIC_SHIFT')
      ) {
        throw invalid(`PAUSE lifecycle hooks are not supported for the ${stage} lifecycle stage.`);
      }
    }
  }
  return dc;
}

/** Rules across members, checked on the configuration as it will be (after an update merges). */
export function checkStrategyRules(dc: DeploymentConfiguration): void {
  const strategy = dc.strategy ?? 'ROLLING';
  if (dc.canaryConfiguration && strategy !== 'CANARY') {
    throw invalid('canaryConfiguration is only valid with the CANARY deployment strategy.');
  }
  if (dc.linearConfiguration && strategy !== 'LINEAR') {
    throw invalid('linearConfiguration is only valid with the LINEAR deployment strategy.');
  }
}
