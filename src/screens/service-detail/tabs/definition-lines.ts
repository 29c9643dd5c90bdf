/**
 * The Task definition tab as lines (no React): the masked view from src/present, one line per
 * fact, with environment lines marked so `v` can reveal the one under the cursor. A value is
 * read from the definition only when its key is in `revealed`; secrets are never revealed.
 */
import type { TaskDefinition } from '../../../aws';
import type { DiffLine } from '../../../present/task-definition-diff';
import { taskDefinitionView } from '../../../present/task-definition-view';
import type { Token } from '../../../present/tokens';

export interface DefinitionLine {
  key: string;
  text: string;
  token?: Token;
  /** An environment variable: `v` may reveal it. */
  env?: { container: string; name: string };
}

export function envKey(container: string, name: string): string {
  return `${container}\u0000${name}`;
}

export function definitionLines(
  definition: TaskDefinition,
  revealed: ReadonlySet<string> = new Set(),
): DefinitionLine[] {
  const view = taskDefinitionView(definition);
  const lines: DefinitionLine[] = [
    {
      key: 'title',
      text: `${view.title} (${view.status}) · cpu ${view.cpu} · memory ${view.memory} · ${view.networkMode} · ${view.compatibilities}`,
      token: view.statusToken,
    },
    {
      key: 'roles',
      text: `task role ${view.taskRole} · execution role ${view.executionRole} · registered by ${view.registeredBy}`,
    },
  ];
  for (const c of view.containers) {
    const at = (what: string) => `${c.name}/${what}`;
    lines.push(
      { key: at('blank'), text: '' },
      {
        key: at('title'),
        text: `container ${c.name}${c.essential ? ' (essential)' : ' (not essential)'}`,
        token: 'status.info',
      },
      { key: at('image'), text: `  image         ${c.image}` },
      { key: at('tag'), text: `  tag           ${c.tag}   digest ${c.digest}` },
      { key: at('size'), text: `  cpu           ${c.cpu}   memory ${c.memory}` },
      { key: at('ports'), text: `  ports         ${c.ports}` },
      { key: at('health'), text: `  health check  ${c.healthCheck}` },
    );
    if (c.environment.length)
      lines.push({ key: at('env'), text: '  environment', token: 'ui.dim' });
    for (const e of c.environment) {
      const shown = revealed.has(envKey(c.name, e.name))
        ? rawValue(definition, c.name, e.name)
        : e.value;
      lines.push({
        key: at(`env/${e.name}`),
        text: `    ${e.name} = ${shown}`,
        env: { container: c.name, name: e.name },
      });
    }
    if (c.secrets.length) lines.push({ key: at('secrets'), text: '  secrets', token: 'ui.dim' });
    for (const s of c.secrets) {
      lines.push({ key: at(`secret/${s.name}`), text: `    ${s.name} from ${s.valueFrom}` });
    }
  }
  return lines;
}

/** The diff as lines: a header, then `~ app image: … → …` in the marker's colour. */
export function diffLines(from: string, to: string, diff: readonly DiffLine[]): DefinitionLine[] {
  const head: DefinitionLine = {
    key: 'diff-title',
    text: `changes from ${from} to ${to} (environment values and secret sources are never shown)`,
    token: 'ui.dim',
  };
  if (diff.length === 0) return [head, { key: 'none', text: 'no differences' }];
  return [
    head,
    ...diff.map((l, i) => ({
      key: `${i} ${l.path}`,
      text: `${l.marker} ${l.text}`,
      token: l.token,
    })),
  ];
}

function rawValue(definition: TaskDefinition, container: string, name: string): string {
  const c = definition.containers.find((x) => x.name === container);
  return c?.environment.find((e) => e.name === name)?.value ?? '';
}
