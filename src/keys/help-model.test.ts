import { readFile } from 'node:fs/promises';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { allBindings } from './bindings';
import { helpLines, helpSections } from './help-model';
import { renderKeybindingsDoc } from './keybindings-doc';

describe('help model', () => {
  it('lists every binding exactly once', () => {
    const ids = helpSections().flatMap((s) => s.entries.map((e) => e.id));
    expect(ids.sort()).toEqual(
      allBindings()
        .map((b) => b.id)
        .sort(),
    );
  });

  it("puts the current screen's keys first, under the screen's title", () => {
    const sections = helpSections({
      screenKeys: ['monitor.promote', 'monitor.abort'],
      screenTitle: 'rollout',
    });
    expect(sections[0]).toMatchObject({ title: 'rollout', group: 'screen' });
    expect(sections[0]!.entries.map((e) => e.id)).toEqual(['monitor.promote', 'monitor.abort']);
    const rest = sections.slice(1).flatMap((s) => s.entries.map((e) => e.id));
    expect(rest).not.toContain('monitor.promote');
  });

  it('leaves out mutating commands in read-only mode', () => {
    const ids = helpSections({ readOnly: true }).flatMap((s) => s.entries.map((e) => e.id));
    expect(ids).toContain('service.watch');
    for (const b of allBindings().filter((x) => x.mutating)) expect(ids).not.toContain(b.id);
  });

  it('aligns keys in the overlay lines', () => {
    const lines = helpLines(helpSections());
    const entries = lines.filter((l) => l.kind === 'entry');
    const widths = new Set(entries.map((l) => (l.kind === 'entry' ? l.keys.length : 0)));
    expect(widths.size).toBe(1);
    expect(lines[0]).toEqual({ kind: 'heading', text: 'Global' });
  });
});

describe('docs/keybindings.md', () => {
  it('is what the keybinding table generates (run node scripts/gen-keybindings-doc.mjs)', async () => {
    const path = new URL('../../docs/keybindings.md', import.meta.url);
    const config = (await prettier.resolveConfig(path)) ?? {};
    const expected = await prettier.format(renderKeybindingsDoc(), {
      ...config,
      parser: 'markdown',
    });
    expect(await readFile(path, 'utf8')).toBe(expected);
  });

  it('marks keys that ask first', () => {
    expect(renderKeybindingsDoc()).toMatch(
      /`d` \| deploy a new image or revision \(\*\*asks first\*\*\)/,
    );
  });
});
