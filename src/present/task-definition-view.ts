import type {
  ContainerDefinition,
  ContainerHealthCheck,
  PortMapping,
  TaskDefinition,
} from '../aws/types';
import { roleName, shortDigest, splitImage } from './labels';
import { MASK, maskSecretSource } from './mask';
import { NONE, type Token } from './tokens';

export interface ContainerView {
  name: string;
  essential: boolean;
  /** The reference as registered (repository, tag and/or digest). */
  image: string;
  tag: string;
  /** `@sha256:abcd1234` when the reference is pinned to a digest. */
  digest: string;
  cpu: string;
  memory: string;
  ports: string;
  healthCheck: string;
  /** Names with the value masked: the value never leaves the domain object. */
  environment: { name: string; value: string }[];
  /** Names with the source store masked. */
  secrets: { name: string; valueFrom: string }[];
}

export interface TaskDefinitionView {
  title: string;
  status: string;
  statusToken: Token;
  cpu: string;
  memory: string;
  networkMode: string;
  compatibilities: string;
  taskRole: string;
  executionRole: string;
  registeredBy: string;
  containers: ContainerView[];
}

export function taskDefinitionView(definition: TaskDefinition): TaskDefinitionView {
  return {
    title: `${definition.family}:${definition.revision}`,
    status: definition.status,
    statusToken: definition.status === 'ACTIVE' ? 'status.ok' : 'status.warn',
    cpu: definition.cpu ?? NONE,
    memory: definition.memory ?? NONE,
    networkMode: definition.networkMode ?? NONE,
    compatibilities: definition.requiresCompatibilities.join(', ') || NONE,
    taskRole: roleName(definition.taskRoleArn),
    executionRole: roleName(definition.executionRoleArn),
    registeredBy: definition.registeredBy ? roleName(definition.registeredBy) : NONE,
    containers: definition.containers.map(containerView),
  };
}

export function containerView(container: ContainerDefinition): ContainerView {
  const parts = splitImage(container.image);
  return {
    name: container.name,
    essential: container.essential,
    image: container.image,
    tag: parts.tag ?? (parts.digest ? NONE : 'latest'),
    digest: parts.digest ? shortDigest(parts.digest) : NONE,
    cpu: container.cpu !== undefined ? String(container.cpu) : NONE,
    memory: memoryLabel(container),
    ports: portsLabel(container.portMappings),
    healthCheck: healthCheckLabel(container.healthCheck),
    environment: container.environment.map((e) => ({ name: e.name, value: MASK })),
    secrets: container.secrets.map((s) => ({
      name: s.name,
      valueFrom: maskSecretSource(s.valueFrom),
    })),
  };
}

/** The view as indented text lines, for simple panes and the headless `status` command. */
export function taskDefinitionLines(view: TaskDefinitionView): string[] {
  const lines = [
    `${view.title} (${view.status})  cpu ${view.cpu}  memory ${view.memory}  ${view.networkMode}`,
    `task role ${view.taskRole}  execution role ${view.executionRole}`,
  ];
  for (const c of view.containers) {
    lines.push(`container ${c.name}${c.essential ? '' : ' (not essential)'}`);
    lines.push(`  image ${c.image}`);
    lines.push(`  tag ${c.tag}  digest ${c.digest}  cpu ${c.cpu}  memory ${c.memory}`);
    lines.push(`  ports ${c.ports}`);
    lines.push(`  health check ${c.healthCheck}`);
    for (const e of c.environment) lines.push(`  env ${e.name}=${e.value}`);
    for (const s of c.secrets) lines.push(`  secret ${s.name} from ${s.valueFrom}`);
  }
  return lines;
}

export function portsLabel(ports: readonly PortMapping[]): string {
  if (!ports.length) return NONE;
  return ports
    .map((p) => {
      const host =
        p.hostPort !== undefined && p.hostPort !== p.containerPort ? `${p.hostPort}→` : '';
      return `${host}${p.containerPort}/${p.protocol ?? 'tcp'}`;
    })
    .join(', ');
}

/** `CMD-SHELL curl -f localhost/health · every 30s, timeout 5s, 3 retries, start 10s`. */
export function healthCheckLabel(check: ContainerHealthCheck | undefined): string {
  if (!check) return NONE;
  const timing = [
    check.intervalSeconds !== undefined ? `every ${check.intervalSeconds}s` : '',
    check.timeoutSeconds !== undefined ? `timeout ${check.timeoutSeconds}s` : '',
    check.retries !== undefined ? `${check.retries} retries` : '',
    check.startPeriodSeconds !== undefined ? `start ${check.startPeriodSeconds}s` : '',
  ].filter(Boolean);
  const command = check.command.join(' ');
  return timing.length ? `${command} · ${timing.join(', ')}` : command;
}

function memoryLabel(container: ContainerDefinition): string {
  if (container.memory !== undefined) return String(container.memory);
  if (container.memoryReservation !== undefined) return `${container.memoryReservation} (soft)`;
  return NONE;
}
