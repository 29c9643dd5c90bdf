/**
 * What an AWS call was about, read from its input, so an error message can say
 * `service "api" not found in cluster "production"` whichever code path made the call.
 */
export type ResourceKind =
  | 'cluster'
  | 'service'
  | 'task definition'
  | 'task'
  | 'task set'
  | 'service deployment'
  | 'service revision'
  | 'resource'
  | 'load balancer'
  | 'listener'
  | 'rule'
  | 'target group'
  | 'repository'
  | 'image'
  | 'application'
  | 'deployment group'
  | 'deployment'
  | 'deployment config'
  | 'deployment target'
  | 'application revision'
  | 'alarm';

export type ResourceRefs = Partial<Record<ResourceKind, string>>;

/** Input member (camelCase for JSON services, PascalCase for query ones) -> resource kind. */
const INPUT_KEYS: [string, ResourceKind][] = [
  ['cluster', 'cluster'],
  ['service', 'service'],
  ['serviceName', 'service'],
  ['services', 'service'],
  ['taskDefinition', 'task definition'],
  ['family', 'task definition'],
  ['tasks', 'task'],
  ['taskSets', 'task set'],
  ['serviceDeploymentArn', 'service deployment'],
  ['serviceDeploymentArns', 'service deployment'],
  ['serviceRevisionArns', 'service revision'],
  ['resourceArn', 'resource'],
  ['ResourceArns', 'resource'],
  ['LoadBalancerArn', 'load balancer'],
  ['LoadBalancerArns', 'load balancer'],
  ['Names', 'load balancer'],
  ['ListenerArn', 'listener'],
  ['ListenerArns', 'listener'],
  ['RuleArn', 'rule'],
  ['RuleArns', 'rule'],
  ['TargetGroupArn', 'target group'],
  ['TargetGroupArns', 'target group'],
  ['repositoryName', 'repository'],
  ['imageIds', 'image'],
  ['applicationName', 'application'],
  ['deploymentGroupName', 'deployment group'],
  ['deploymentId', 'deployment'],
  ['deploymentIds', 'deployment'],
  ['deploymentConfigName', 'deployment config'],
  ['targetId', 'deployment target'],
  ['AlarmNames', 'alarm'],
];

/** Pulls the names a call was about out of its input. */
export function resourceRefs(input: unknown, operation = ''): ResourceRefs {
  const refs: ResourceRefs = {};
  if (typeof input !== 'object' || input === null) return refs;
  const record = input as Record<string, unknown>;
  for (const [key, kind] of INPUT_KEYS) {
    const value = record[key];
    let shown: string | undefined;
    if (typeof value === 'string' && value !== '') shown = shortName(value);
    else if (Array.isArray(value) && value.length === 1) {
      // with several, which one an error is about is unknown: name none rather than guess
      const first: unknown = value[0];
      if (typeof first === 'string') shown = shortName(first);
      else if (first && typeof first === 'object')
        shown = imageName(first as Record<string, unknown>);
    }
    // `Names` means load balancers or target groups depending on the call
    const actualKind: ResourceKind =
      key === 'Names' && operation === 'DescribeTargetGroups' ? 'target group' : kind;
    if (shown && refs[actualKind] === undefined) refs[actualKind] = shown;
  }
  return refs;
}

function imageName(id: Record<string, unknown>): string | undefined {
  const tag = id.imageTag;
  const digest = id.imageDigest;
  if (typeof tag === 'string') return tag;
  if (typeof digest === 'string') return digest;
  return undefined;
}

/**
 * The readable part of an ARN: `arn:aws:ecs:r:a:service/prod/api` -> `api`,
 * `...:targetgroup/blue/0123` -> `blue`, `...:task-definition/web:7` -> `web:7`.
 * Anything that is not an ARN is returned as given.
 */
export function shortName(value: string): string {
  if (!value.startsWith('arn:')) return value;
  const parts = value.split(':');
  const resource = parts.slice(5).join(':');
  const segments = resource.split('/');
  const type = segments[0] ?? '';
  if ((type === 'targetgroup' || type === 'loadbalancer') && segments.length >= 2) {
    // loadbalancer/app/<name>/<id>
    return type === 'loadbalancer' && segments.length >= 3 ? segments[2]! : segments[1]!;
  }
  if (type === 'listener' || type === 'listener-rule') return value;
  return segments[segments.length - 1] ?? value;
}

/** `service "api" in cluster "production"`, `deployment group "g" in application "a"`, ... */
export function describeResource(kind: ResourceKind, refs: ResourceRefs): string {
  const name = refs[kind];
  const named = `${kind} "${name ?? '?'}"`;
  if (kind === 'service' || kind === 'task' || kind === 'task set')
    return `${named} in cluster "${refs.cluster ?? 'default'}"`;
  if (kind === 'deployment group' && refs.application)
    return `${named} in application "${refs.application}"`;
  if (kind === 'image' && refs.repository) return `${named} in repository "${refs.repository}"`;
  return named;
}

/** The most specific thing a call was about, for messages that are not about one kind. */
export function mainResource(refs: ResourceRefs): string | undefined {
  const order: ResourceKind[] = [
    'service deployment',
    'service revision',
    'task',
    'task set',
    'service',
    'task definition',
    'rule',
    'listener',
    'target group',
    'load balancer',
    'image',
    'repository',
    'deployment',
    'deployment group',
    'application',
    'deployment config',
    'alarm',
    'resource',
    'cluster',
  ];
  const kind = order.find((k) => refs[k] !== undefined);
  return kind ? describeResource(kind, refs) : undefined;
}
