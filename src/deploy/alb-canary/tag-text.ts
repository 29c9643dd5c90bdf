/**
 * ELBv2 tag values allow only letters, digits, spaces and `_ . : / = + - @`, at most 256
 * characters. Free text (reasons, alarm names, principals) is escaped reversibly: any other
 * character, and `=` itself, becomes `=HH` per UTF-8 byte, so the value stays readable in the
 * console for the common case.
 */

export const TAG_VALUE_MAX = 256;

const PLAIN = /[\p{L}\p{Z}\p{N}_.:/+\-@]/u;

export function escapeTagText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (PLAIN.test(ch)) out += ch;
    else
      for (const byte of Buffer.from(ch, 'utf8'))
        out += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function unescapeTagText(value: string): string {
  return value.replace(/(?:=[0-9A-Fa-f]{2})+/g, (run) =>
    Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'),
  );
}

/** Escaped, and shortened (with an ellipsis) until it fits in a tag value. */
export function fitTagText(text: string, max = TAG_VALUE_MAX): string {
  let escaped = escapeTagText(text);
  if (escaped.length <= max) return escaped;
  let keep = Math.min(text.length, max);
  while (keep > 0) {
    escaped = escapeTagText(`${[...text].slice(0, keep).join('')}…`);
    if (escaped.length <= max) return escaped;
    keep = Math.floor(keep * 0.9);
  }
  return '';
}

/** Alarm names, escaped and joined by spaces; undefined when they cannot fit in one tag. */
export function encodeNameList(names: readonly string[]): string | undefined {
  const value = names.map((n) => escapeTagText(n).replace(/ /g, '=20')).join(' ');
  return value.length <= TAG_VALUE_MAX ? value : undefined;
}

export function decodeNameList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(' ')
    .filter((w) => w !== '')
    .map(unescapeTagText);
}
