import type { ContainerDefinition, TaskDefinition } from '../aws/types';
import { repositoryName, shortDigest, splitImage } from './labels';
import { maskSecretSource } from './mask';
import { healthCheckLabel, portsLabel } from './task-definition-view';
import { NONE, type Token } from './tokens';

export type DiffMarker = '+' | '-' | '~';

export interface DiffLine {
  marker: DiffMarker;
  /** Which part changed: `cpu`, `app.image`, `app.env.DB_HOST`. */
  path: string;
  /** Human text without the marker. Never an environment value or a secret source. */
  text: string;
  token: Token;
}

const TOKENS: Record<DiffMarker, Token> = {
  '+': 'status.ok',
  '-': 'status.error',
  '~': 'status.warn',
};

/**
 * What changes from revision `from` to revision `to`: images, environment keys (values are
 * never shown, only that they changed), secrets, cpu/memory, ports, health checks, roles.
 */
export function diffTaskDefinitions(from: TaskDefinition, to: TaskDefinition): DiffLine[] {
  const lines: DiffLine[] = [];
  const add = (marker: DiffMarker, path: string, text: string) =>
    lines.push({ marker, path, text, token: TOKENS[marker] });
  const change = (path: string, label: string, a: string | undefined, b: string | undefined) => {
    if ((a ?? NONE) !== (b ?? NONE)) add('~', path, `${label}: ${a ?? NONE} → ${b ?? NONE}`);
  };

  change('cpu', 'task cpu', from.cpu, to.cpu);
  change('memory', 'task memory', from.memory, to.memory);
  change('networkMode', 'network mode', from.networkMode, to.networkMode);
  change('taskRole', 'task role', from.taskRoleArn, to.taskRoleArn);
  change('executionRole', 'execution role', from.executionRoleArn, to.executionRoleArn);

  const before = new Map(from.containers.map((c) => [c.name, c]));
  const after = new Map(to.containers.map((c) => [c.name, c]));
  for (const [name, c] of before) {
    if (!after.has(name)) add('-', name, `container ${name} (${c.image})`);
  }
  for (const [name, b] of after) {
    const a = before.get(name);
    if (!a) {
      add('+', name, `container ${name} (${b.image})`);
      continue;
    }
    diffContainer(a, b, add, change);
  }
  return lines;
}

function diffContainer(
  a: ContainerDefinition,
  b: ContainerDefinition,
  add: (marker: DiffMarker, path: string, text: string) => void,
  change: (path: string, label: string, x: string | undefined, y: string | undefined) => void,
): void {
  const n = a.name;
  // images without the registry host (`api:v2.15.0 → api@sha256:cab4d44a`), so both ends fit a
  // line; in full when that would hide the difference (same name in two registries)
  const [ia, ib] = [compactImage(a.image), compactImage(b.image)];
  if (ia === ib) change(`${n}.image`, `${n} image`, a.image, b.image);
  else change(`${n}.image`, `${n} image`, ia, ib);
  change(`${n}.essential`, `${n} essential`, String(a.essential), String(b.essential));
  change(`${n}.cpu`, `${n} cpu`, str(a.cpu), str(b.cpu));
  change(`${n}.memory`, `${n} memory`, str(a.memory), str(b.memory));
  change(
    `${n}.memoryReservation`,
    `${n} memory reservation`,
    str(a.memoryReservation),
    str(b.memoryReservation),
  );
  change(`${n}.ports`, `${n} ports`, portsLabel(a.portMappings), portsLabel(b.portMappings));
  change(
    `${n}.healthCheck`,
    `${n} health check`,
    healthCheckLabel(a.healthCheck),
    healthCheckLabel(b.healthCheck),
  );
  // the command line may carry secrets too: say that it changed, not what it became
  if ((a.command ?? []).join('\u0000') !== (b.command ?? []).join('\u0000')) {
    add('~', `${n}.command`, `${n} command changed`);
  }

  const envA = new Map(a.environment.map((e) => [e.name, e.value]));
  const envB = new Map(b.environment.map((e) => [e.name, e.value]));
  for (const key of envA.keys()) if (!envB.has(key)) add('-', `${n}.env.${key}`, `${n} env ${key}`);
  for (const [key, value] of envB) {
    if (!envA.has(key)) add('+', `${n}.env.${key}`, `${n} env ${key}`);
    else if (envA.get(key) !== value) add('~', `${n}.env.${key}`, `${n} env ${key} changed`);
  }

  const secA = new Map(a.secrets.map((s) => [s.name, s.valueFrom]));
  const secB = new Map(b.secrets.map((s) => [s.name, s.valueFrom]));
  for (const key of secA.keys())
    if (!secB.has(key)) add('-', `${n}.secret.${key}`, `${n} secret ${key}`);
  for (const [key, valueFrom] of secB) {
    if (!secA.has(key))
      add('+', `${n}.secret.${key}`, `${n} secret ${key} from ${maskSecretSource(valueFrom)}`);
    else if (secA.get(key) !== valueFrom)
      add('~', `${n}.secret.${key}`, `${n} secret ${key} source changed`);
  }
}

/** `+ app env FOO` style text lines, for the review step and `plan` output. */
export function diffText(lines: readonly DiffLine[]): string[] {
  return lines.length ? lines.map((l) => `${l.marker} ${l.text}`) : ['no differences'];
}

function str(n: number | undefined): string | undefined {
  return n === undefined ? undefined : String(n);
}

function compactImage(image: string): string {
  const { tag, digest } = splitImage(image);
  return `${repositoryName(image)}${tag ? `:${tag}` : ''}${digest ? shortDigest(digest) : ''}`;
}
