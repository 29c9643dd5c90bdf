// A small XML writer for awsQuery replies. AWS lists are `<Name><member>..</member></Name>`;
// a reply object maps member names to elements, recursively.

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function scalar(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return escapeXml(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Children of an element: each own member of `value` becomes an element named after it. */
export function toXmlChildren(value: Record<string, unknown>): string {
  let out = '';
  for (const [key, member] of Object.entries(value)) out += element(key, member);
  return out;
}

export function element(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  const s = scalar(value);
  if (s !== undefined) return `<${name}>${s}</${name}>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${name}/>`;
    return `<${name}>${value.map((item) => element('member', item)).join('')}</${name}>`;
  }
  if (value instanceof Map) {
    const entries = [...(value as Map<string, unknown>).entries()]
      .map(([k, v]) => `<entry>${element('key', k)}${element('value', v)}</entry>`)
      .join('');
    return `<${name}>${entries}</${name}>`;
  }
  if (typeof value === 'object')
    return `<${name}>${toXmlChildren(value as Record<string, unknown>)}</${name}>`;
  return '';
}
