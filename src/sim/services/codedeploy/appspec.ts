/**
 * The ECS AppSpec (aws-semantics D.1), YAML or JSON (YAML is a superset, one parser reads
 * both). CreateDeployment refuses content it cannot read with InvalidRevisionException, the
 * SDK's "revision was specified in an invalid format". Whether the task definition, container
 * and port exist is ECS's business and is judged later, at Install, as CodeDeploy does when it
 * calls CreateTaskSet (unverified: see the engine).
 */
import { parse } from 'yaml';
import { SimError } from '../../core/errors';

/** Hooks an ECS AppSpec may name; Install, AllowTestTraffic and AllowTraffic are not hookable. */
export const ECS_HOOKS = [
  'BeforeInstall',
  'AfterInstall',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AfterAllowTraffic',
] as const;
export type EcsHookName = (typeof ECS_HOOKS)[number];

export interface EcsAppSpec {
  taskDefinition: string;
  containerName: string;
  containerPort: number;
  platformVersion?: string;
  /** Lambda function name or ARN per hook. */
  hooks: Partial<Record<EcsHookName, string>>;
}

const invalid = (why: string): SimError =>
  new SimError('InvalidRevisionException', `The AppSpec content is not valid: ${why}`);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads one member case-insensitively: CodeDeploy accepts `taskDefinition` and `TaskDefinition`. */
function member(obj: Obj, name: string): unknown {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

export function parseEcsAppSpec(content: string): EcsAppSpec {
  let doc: unknown;
  try {
    doc = parse(content);
  } catch (error) {
    throw invalid(`it is neither YAML nor JSON (${(error as Error).message.split('\n')[0]})`);
  }
  if (!isObj(doc)) throw invalid('the top level must be a mapping with version and Resources');
  const resources = member(doc, 'Resources');
  if (!Array.isArray(resources) || resources.length !== 1)
    throw invalid('Resources must list exactly one TargetService');
  const entry = resources[0] as unknown;
  const target = isObj(entry) ? member(entry, 'TargetService') : undefined;
  if (!isObj(target)) throw invalid('Resources[0] must be a TargetService');
  const type = member(target, 'Type');
  if (type !== 'AWS::ECS::Service')
    throw invalid(`TargetService Type must be AWS::ECS::Service, got ${String(type)}`);
  const props = member(target, 'Properties');
  if (!isObj(props)) throw invalid('TargetService has no Properties');
  const taskDefinition = member(props, 'TaskDefinition');
  if (typeof taskDefinition !== 'string' || taskDefinition === '')
    throw invalid('Properties.TaskDefinition must be a task definition ARN');
  const lb = member(props, 'LoadBalancerInfo');
  if (!isObj(lb)) throw invalid('Properties.LoadBalancerInfo is required for ECS');
  const containerName = member(lb, 'ContainerName');
  if (typeof containerName !== 'string' || containerName === '')
    throw invalid('LoadBalancerInfo.ContainerName must be a container name');
  const rawPort = member(lb, 'ContainerPort');
  const containerPort = typeof rawPort === 'string' ? Number(rawPort) : rawPort;
  if (typeof containerPort !== 'number' || !Number.isInteger(containerPort) || containerPort < 1)
    throw invalid(`LoadBalancerInfo.ContainerPort must be a port number, got ${String(rawPort)}`);
  const platformVersion = member(props, 'PlatformVersion');
  return {
    taskDefinition,
    containerName,
    containerPort,
    ...(typeof platformVersion === 'string' ? { platformVersion } : {}),
    hooks: readHooks(member(doc, 'Hooks')),
  };
}

function readHooks(value: unknown): Partial<Record<EcsHookName, string>> {
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value)) throw invalid('Hooks must be a list of {EventName: function}');
  const hooks: Partial<Record<EcsHookName, string>> = {};
  for (const item of value as unknown[]) {
    if (!isObj(item)) throw invalid('each Hooks entry must be {EventName: function}');
    for (const [name, fn] of Object.entries(item)) {
      const hook = ECS_HOOKS.find((h) => h === name);
      if (!hook)
        throw invalid(`${name} is not a hookable ECS lifecycle event; use ${ECS_HOOKS.join(', ')}`);
      if (typeof fn !== 'string' || fn === '')
        throw invalid(`the ${name} hook must name a Lambda function`);
      hooks[hook] = fn;
    }
  }
  return hooks;
}
