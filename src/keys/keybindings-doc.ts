/**
 * docs/keybindings.md as a string. scripts/gen-keybindings-doc.mjs writes it and
 * scripts/check-docs.mjs (and a vitest test) fail when the committed file differs.
 */
import { helpSections } from './help-model';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function keyCell(keys: readonly string[]): string {
  return keys.map((k) => `\`${k}\``).join(' ');
}

export function renderKeybindingsDoc(): string {
  const lines = [
    '# Keybindings',
    '',
    '<!-- Generated from src/keys/bindings.ts by scripts/gen-keybindings-doc.mjs; do not edit. -->',
    '',
    'Press `?` in the app for the same list, with the current screen first.',
    'Keys marked **asks first** change something in AWS and always show what will happen before',
    'anything is done; with `--read-only` they are not available at all.',
    '',
  ];
  for (const section of helpSections()) {
    lines.push(`## ${section.title}`, '', '| keys | action |', '|---|---|');
    for (const e of section.entries) {
      const note = e.dangerous ? ' (**asks first**)' : e.mutating ? ' (changes AWS)' : '';
      lines.push(`| ${keyCell(e.keyList)} | ${cell(e.description)}${note} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
