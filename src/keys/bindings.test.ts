import { describe, expect, it } from 'vitest';
import { allBindings, bindingFor } from './bindings';
import { CO_ACTIVE_GROUPS } from './binding-types';
import { keySequence } from './key-spec';

describe('the keybinding table', () => {
  const bindings = allBindings();

  it('has unique ids', () => {
    const ids = bindings.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every entry a description and at least one key', () => {
    for (const b of bindings) {
      expect(b.description.trim(), b.id).not.toBe('');
      expect(b.keys.length, b.id).toBeGreaterThan(0);
    }
  });

  it('binds no key twice among groups that are active together', () => {
    for (const groups of CO_ACTIVE_GROUPS) {
      const seen = new Map<string, string>();
      for (const b of bindings.filter((x) => groups.includes(x.group))) {
        for (const key of b.keys) {
          expect(seen.get(key), `${key} is bound to ${seen.get(key)} and ${b.id}`).toBeUndefined();
          seen.set(key, b.id);
        }
      }
    }
  });

  it('puts every group in some set of co-active groups', () => {
    const covered = new Set(CO_ACTIVE_GROUPS.flat());
    for (const b of bindings) expect(covered.has(b.group), b.id).toBe(true);
  });

  it('can type every key on a terminal', () => {
    for (const b of bindings)
      for (const key of b.keys) expect(() => keySequence(key)).not.toThrow();
  });

  it('marks every dangerous command as mutating, so --read-only removes it', () => {
    for (const b of bindings.filter((x) => x.dangerous)) expect(b.mutating, b.id).toBe(true);
  });

  it('has the keys the product promises', () => {
    const expected: [Parameters<typeof bindingFor>[0], string][] = [
      ['global.help', '?'],
      ['global.command', ':'],
      ['global.filter', '/'],
      ['global.back', 'esc'],
      ['global.quit', 'q'],
      ['global.interrupt', 'ctrl+c'],
      ['global.profile', 'ctrl+p'],
      ['global.region', 'ctrl+r'],
      ['nav.down', 'j'],
      ['nav.down', 'down'],
      ['nav.up', 'k'],
      ['nav.up', 'up'],
      ['nav.top', 'g'],
      ['nav.bottom', 'G'],
      ['nav.open', 'enter'],
      ['nav.next-tab', 'tab'],
      ['nav.prev-tab', 'shift+tab'],
      ['service.deploy', 'd'],
      ['service.rollback', 'R'],
      ['service.watch', 'w'],
      ['service.toggle-stopped', 'x'],
      ['monitor.promote', 'p'],
      ['monitor.promote-all', 'P'],
      ['monitor.rollback', 'R'],
      ['monitor.abort', 'a'],
      ['monitor.pause', 'space'],
    ];
    for (const [id, key] of expected) expect(bindingFor(id).keys, id).toContain(key);
  });

  it('never offers a key that reveals secrets', () => {
    expect(bindingFor('service.reveal').description).toMatch(/secrets never/);
  });
});
