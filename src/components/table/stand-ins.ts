/**
 * Ink measures every <Text> with string-width on each frame (and again to lay it out), and
 * string-width has a fast path only for printable ASCII: one `…`, `›` or bar cell in a row sends
 * the whole row through grapheme segmentation and several Unicode lookups per character. At
 * 120x40 that was a quarter of each frame's cost. So a row whose only non-ASCII characters are
 * the table's own one-column glyphs is drawn with an ASCII stand-in for each (one the row's text
 * does not contain), and a <Transform> puts the glyphs back as Ink writes the line: the
 * terminal gets the same characters, Ink measures ASCII.
 */
import type { Span } from '../spans';

type TextSpan = Extract<Span, { text: string }>;

/** Glyphs the tables draw, each one column wide and one UTF-16 unit (placeholders, bars, cursor). */
const GLYPHS = new Set(['…', '›', '█', '▒', '░', '·']);

/**
 * Stand-ins, in order of preference: printable ASCII that no SGR colour code contains
 * (`ESC [ digits ; m`), so the Transform never touches a code Ink's colours put in the line.
 */
const POOL = '~^`|{}#@$%&*=<>!?"\'\\';

export interface StandIns {
  /** The spans with each glyph replaced by its stand-in. */
  spans: Span[];
  /** Puts the glyphs back into a written line. */
  restore: (line: string) => string;
}

const restorers = new Map<string, (line: string) => string>();

const NON_ASCII = /[^\x20-\x7e]/;
const NON_ASCII_ALL = /[^\x20-\x7e]/g;

/**
 * `spans` drawn in ASCII, or undefined when nothing needs it (all ASCII already) or it cannot be
 * done safely: an element span (its own text is not ours to map), a character outside ASCII that
 * is not one of the table's glyphs (its width might not be one column), or no free stand-in.
 */
export function asciiStandIns(spans: readonly Span[]): StandIns | undefined {
  let all = '';
  for (const span of spans) {
    if ('node' in span) return undefined;
    all += span.text;
  }
  const found = all.match(NON_ASCII_ALL);
  if (!found) return undefined;
  const glyphs = [...new Set(found)];
  if (!glyphs.every((g) => GLYPHS.has(g))) return undefined;
  const free: string[] = [];
  for (const c of POOL) {
    if (free.length === glyphs.length) break;
    if (!all.includes(c)) free.push(c);
  }
  if (free.length < glyphs.length) return undefined;
  const standIn = new Map(glyphs.map((g, i) => [g, free[i]!]));
  const mapped = (spans as readonly TextSpan[]).map((span) => {
    if (!NON_ASCII.test(span.text)) return span;
    const text = span.text.replace(NON_ASCII_ALL, (g) => standIn.get(g)!);
    return span.token === undefined ? { text } : { text, token: span.token };
  });
  return { spans: mapped, restore: restorer(standIn) };
}

/** One function per mapping, so rows that map the same glyphs share it (and their props stay equal). */
function restorer(standIn: ReadonlyMap<string, string>): (line: string) => string {
  const key = [...standIn].map(([g, s]) => g + s).join('');
  let fn = restorers.get(key);
  if (!fn) {
    const glyphOf = new Map([...standIn].map(([g, s]) => [s, g]));
    const pattern = new RegExp(`[${[...glyphOf.keys()].map((s) => `\\${s}`).join('')}]`, 'g');
    fn = (line) => line.replace(pattern, (s) => glyphOf.get(s)!);
    restorers.set(key, fn);
  }
  return fn;
}
