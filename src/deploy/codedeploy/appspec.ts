import type { HookableEvent } from './settings';

/**
 * The AppSpec CodeDeploy gets for an ECS deployment (aws-semantics D.1): the task definition
 * to run, the container and port the load balancer sends traffic to, and optional Lambda
 * hooks. YAML laid out as the docs write it (`version: 0.0`); strings are double-quoted JSON
 * strings, which YAML reads as the same text.
 */
export function buildAppSpec(input: {
  taskDefinitionArn: string;
  containerName: string;
  containerPort: number;
  hooks?: Partial<Record<HookableEvent, string>>;
}): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = [
    'version: 0.0',
    'Resources:',
    '  - TargetService:',
    '      Type: AWS::ECS::Service',
    '      Properties:',
    `        TaskDefinition: ${q(input.taskDefinitionArn)}`,
    '        LoadBalancerInfo:',
    `          ContainerName: ${q(input.containerName)}`,
    `          ContainerPort: ${input.containerPort}`,
  ];
  const hooks = Object.entries(input.hooks ?? {});
  if (hooks.length > 0) lines.push('Hooks:', ...hooks.map(([e, fn]) => `  - ${e}: ${q(fn)}`));
  return `${lines.join('\n')}\n`;
}
