/**
 * The binding table grouped for people: the `?` overlay and docs/keybindings.md both come
 * from here, so neither can drift from what the keys do.
 */
import { allBindings, type Binding, type CommandId } from './bindings';
import { GROUP_TITLES, type BindingGroup } from './binding-types';
import { formatKey, formatKeys } from './key-spec';

export interface HelpEntry {
  id: CommandId;
  /** `j/↓` */
  keys: string;
  /** The same keys one by one (`/` is a key, so `keys` cannot be split back). */
  keyList: string[];
  description: string;
  dangerous: boolean;
  mutating: boolean;
}

export interface HelpSection {
  title: string;
  group: BindingGroup | 'screen';
  entries: HelpEntry[];
}

export interface HelpOptions {
  /** With --read-only, mutating commands are left out: they do not exist in that mode. */
  readOnly?: boolean;
  /** The current screen's commands, listed first under `screenTitle`. */
  screenKeys?: readonly CommandId[];
  screenTitle?: string;
}

const GROUP_ORDER: readonly BindingGroup[] = [
  'global',
  'navigation',
  'service',
  'monitor',
  'wizard',
  'dialog',
];

function entryOf(b: Binding): HelpEntry {
  return {
    id: b.id,
    keys: formatKeys(b.keys),
    keyList: b.keys.map(formatKey),
    description: b.description,
    dangerous: b.dangerous === true,
    mutating: b.mutating === true,
  };
}

export function helpSections(
  options: HelpOptions = {},
  bindings: readonly Binding[] = allBindings(),
): HelpSection[] {
  const shown = bindings.filter((b) => !(options.readOnly && b.mutating));
  const screenIds = new Set(options.screenKeys ?? []);
  const sections: HelpSection[] = [];
  const screenEntries = shown.filter((b) => screenIds.has(b.id)).map(entryOf);
  if (screenEntries.length > 0) {
    sections.push({
      title: options.screenTitle ?? 'This screen',
      group: 'screen',
      entries: screenEntries,
    });
  }
  for (const group of GROUP_ORDER) {
    const entries = shown.filter((b) => b.group === group && !screenIds.has(b.id)).map(entryOf);
    if (entries.length > 0) sections.push({ title: GROUP_TITLES[group], group, entries });
  }
  return sections;
}

/** One line per entry, for the overlay: headings, then `keys  description`. */
export function helpLines(sections: readonly HelpSection[]): HelpLine[] {
  const width = Math.max(0, ...sections.flatMap((s) => s.entries.map((e) => e.keys.length)));
  const lines: HelpLine[] = [];
  for (const section of sections) {
    if (lines.length > 0) lines.push({ kind: 'blank' });
    lines.push({ kind: 'heading', text: section.title });
    for (const entry of section.entries) {
      lines.push({ kind: 'entry', keys: entry.keys.padEnd(width), entry });
    }
  }
  return lines;
}

export type HelpLine =
  | { kind: 'blank' }
  | { kind: 'heading'; text: string }
  | { kind: 'entry'; keys: string; entry: HelpEntry };
