import { escapeXml, toXmlChildren } from './xml';

/**
 * Decodes an awsQuery form body into a nested object:
 * `Actions.member.1.ForwardConfig.TargetGroups.member.2.Weight=10` becomes
 * `{Actions: [{ForwardConfig: {TargetGroups: [undefined, {Weight: '10'}]}}]}` (compacted).
 * Maps (`Name.entry.N.key` / `.value`) become plain objects. Scalars stay strings; an empty
 * list arrives as `Name=` and stays "" (handlers read lists with `asList`).
 */
export function parseQueryBody(body: string): {
  action: string;
  version: string;
  params: Record<string, unknown>;
} {
  const form = new URLSearchParams(body);
  const root: Record<string, unknown> = {};
  let action = '';
  let version = '';
  for (const [key, value] of form) {
    if (key === 'Action') {
      action = value;
      continue;
    }
    if (key === 'Version') {
      version = value;
      continue;
    }
    setPath(root, key.split('.'), value);
  }
  return { action, version, params: finish(root) as Record<string, unknown> };
}

const LIST = Symbol('list');
const MAP = Symbol('map');
type Node = Record<string | symbol, unknown>;

function setPath(target: Node, parts: string[], value: string): void {
  let node = target;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const last = i === parts.length - 1;
    if ((part === 'member' || part === 'entry') && i + 1 < parts.length) {
      // `member.N` marks the element as a list; `entry.N.key|value` as a map
      node[part === 'member' ? LIST : MAP] = true;
      const index = parts[i + 1]!;
      i++;
      if (i === parts.length - 1) {
        node[index] = value;
        return;
      }
      node[index] ??= {};
      node = node[index] as Node;
      continue;
    }
    if (last) {
      node[part] = value;
      return;
    }
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Node;
  }
}

function finish(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const node = value as Node;
  if (node[LIST]) {
    return Object.keys(node)
      .map(Number)
      .filter((n) => Number.isInteger(n))
      .sort((a, b) => a - b)
      .map((n) => finish(node[String(n)]));
  }
  if (node[MAP]) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(node)) {
      const e = node[k] as Node;
      if (e && typeof e === 'object' && typeof e['key'] === 'string')
        out[e['key']] = finish(e['value']);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(node)) out[k] = finish(node[k]);
  return out;
}

export function querySuccessXml(
  operation: string,
  xmlns: string,
  result: unknown,
  requestId: string,
): string {
  const inner =
    result && typeof result === 'object' && Object.keys(result).length > 0
      ? `<${operation}Result>${toXmlChildren(result as Record<string, unknown>)}</${operation}Result>`
      : `<${operation}Result/>`;
  return (
    `<${operation}Response xmlns="${xmlns}">${inner}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`
  );
}

export function queryErrorXml(
  xmlns: string,
  error: { code: string; message: string; faultType: 'Sender' | 'Receiver' },
  requestId: string,
): string {
  return (
    `<ErrorResponse xmlns="${xmlns}"><Error><Type>${error.faultType}</Type>` +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
