import { describe, expect, it, vi } from 'vitest';
import type { CommandState } from './binding-types';
import { createKeyRegistry, type CommandRegistration } from './registry';

const state: CommandState = {
  readOnly: false,
  simulated: false,
  screen: 'services',
  filterable: true,
  canSwitchProfile: true,
  canSwitchRegion: true,
};

function reg(
  id: CommandRegistration['id'],
  layer: CommandRegistration['layer'],
  run = vi.fn(),
  disabledReason?: string,
): CommandRegistration & { run: ReturnType<typeof vi.fn> } {
  return { id, layer, run, disabledReason };
}

describe('key registry', () => {
  it('runs the command bound to a key', () => {
    const r = createKeyRegistry({ readOnly: false, state });
    const quit = reg('global.quit', 'global');
    r.registerCommand(quit);
    expect(r.dispatch('q', 'q')).toEqual({ kind: 'ran', id: 'global.quit' });
    expect(quit.run).toHaveBeenCalledOnce();
    expect(r.dispatch('z', 'z')).toEqual({ kind: 'ignored' });
  });

  it('lets a higher layer take a key before a lower one', () => {
    const r = createKeyRegistry({ readOnly: false, state });
    const back = reg('global.back', 'global');
    const wizardBack = reg('wizard.back', 'screen');
    r.registerCommand(back);
    r.registerCommand(wizardBack);
    expect(r.dispatch('', 'esc')).toEqual({ kind: 'ran', id: 'wizard.back' });
    expect(back.run).not.toHaveBeenCalled();
  });

  it('keeps keys from falling through a modal layer', () => {
    const r = createKeyRegistry({ readOnly: false, state });
    const deploy = reg('service.deploy', 'screen');
    const quit = reg('global.quit', 'global');
    r.registerCommand(deploy);
    r.registerCommand(quit);
    const unregister = r.registerCommand(reg('dialog.cancel', 'dialog'));
    expect(r.dispatch('d', 'd')).toEqual({ kind: 'ignored' });
    expect(r.dispatch('q', 'q')).toEqual({ kind: 'ignored' });
    expect(deploy.run).not.toHaveBeenCalled();
    unregister();
    expect(r.dispatch('d', 'd')).toEqual({ kind: 'ran', id: 'service.deploy' });
  });

  it('always lets Ctrl-C through, even past a dialog', () => {
    const r = createKeyRegistry({ readOnly: false, state });
    const interrupt = reg('global.interrupt', 'global');
    r.registerCommand(interrupt);
    r.registerCommand(reg('dialog.cancel', 'dialog'));
    r.registerRaw('dialog', () => true);
    expect(r.dispatch('c', 'ctrl+c')).toEqual({ kind: 'ran', id: 'global.interrupt' });
  });

  it('gives raw handlers (text fields) the keys of their layer first', () => {
    const r = createKeyRegistry({ readOnly: false, state });
    const cancel = reg('dialog.cancel', 'dialog');
    r.registerCommand(cancel);
    const typed: string[] = [];
    r.registerRaw('dialog', (input, spec) => {
      if (spec === 'esc') return false;
      typed.push(input);
      return true;
    });
    expect(r.dispatch('n', 'n')).toEqual({ kind: 'raw' });
    expect(typed).toEqual(['n']);
    expect(cancel.run).not.toHaveBeenCalled();
    expect(r.dispatch('', 'esc')).toEqual({ kind: 'ran', id: 'dialog.cancel' });
  });

  it('reports a disabled command with its reason instead of running it', () => {
    const onDisabled = vi.fn();
    const r = createKeyRegistry({ readOnly: false, state, onDisabled });
    const promote = reg('monitor.promote', 'screen', vi.fn(), 'not paused at a hook');
    r.registerCommand(promote);
    expect(r.dispatch('p', 'p')).toEqual({
      kind: 'disabled',
      id: 'monitor.promote',
      reason: 'not paused at a hook',
    });
    expect(promote.run).not.toHaveBeenCalled();
    expect(onDisabled).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'monitor.promote' }),
      'not paused at a hook',
    );
    r.setDisabledReason(promote, undefined);
    expect(r.dispatch('p', 'p')).toEqual({ kind: 'ran', id: 'monitor.promote' });
  });

  it("applies the table's disabled reason from the app state", () => {
    const r = createKeyRegistry({ readOnly: false, state: { ...state, filterable: false } });
    r.registerCommand(reg('global.filter', 'global'));
    expect(r.dispatch('/', '/')).toMatchObject({
      kind: 'disabled',
      reason: 'nothing to filter on this screen',
    });
    r.setState(state);
    expect(r.dispatch('/', '/')).toEqual({ kind: 'ran', id: 'global.filter' });
  });

  it('does not register mutating commands in read-only mode', () => {
    const r = createKeyRegistry({ readOnly: true, state: { ...state, readOnly: true } });
    const deploy = reg('service.deploy', 'screen');
    r.registerCommand(deploy);
    r.registerCommand(reg('service.watch', 'screen'));
    expect(r.dispatch('d', 'd')).toEqual({ kind: 'ignored' });
    expect(r.activeIds()).toEqual(['service.watch']);
    expect(r.footerHints().map((h) => h.id)).toEqual(['service.watch']);
  });

  it('orders footer hints: global lead, screen keys, back and quit last; dims disabled', () => {
    const r = createKeyRegistry({ readOnly: false, state });
    for (const id of ['global.quit', 'global.back', 'global.help', 'global.filter'] as const) {
      r.registerCommand(reg(id, 'global'));
    }
    r.registerCommand(reg('service.deploy', 'screen'));
    r.registerCommand(reg('service.watch', 'screen', vi.fn(), 'no rollout in progress'));
    r.registerCommand(reg('nav.down', 'screen'));
    const hints = r.footerHints();
    expect(hints.map((h) => h.key)).toEqual(['?', '/', 'd', 'w', 'esc', 'q']);
    expect(hints.find((h) => h.id === 'service.watch')?.disabledReason).toBe(
      'no rollout in progress',
    );
  });

  it('shows a shadowed key once, for the layer that gets it', () => {
    const r = createKeyRegistry({ readOnly: false, state });
    r.registerCommand(reg('global.back', 'global'));
    r.registerCommand(reg('wizard.back', 'screen'));
    const hints = r.footerHints();
    expect(hints.filter((h) => h.key === 'esc').map((h) => h.id)).toEqual(['wizard.back']);
  });

  it('shows a key claimed twice in one layer once, for the command that gets it', () => {
    const r = createKeyRegistry({ readOnly: false, state });
    r.registerCommand(reg('global.back', 'screen'));
    const wizardBack = reg('wizard.back', 'screen');
    r.registerCommand(wizardBack);
    expect(
      r
        .footerHints()
        .filter((h) => h.key === 'esc')
        .map((h) => h.id),
    ).toEqual(['wizard.back']);
    expect(r.dispatch('', 'esc')).toEqual({ kind: 'ran', id: 'wizard.back' });
    expect(r.activeIds()).toEqual(['wizard.back']);
  });

  it('notifies subscribers once per batch of registration changes', async () => {
    const r = createKeyRegistry({ readOnly: false, state });
    const listener = vi.fn();
    r.subscribe(listener);
    const before = r.getVersion();
    const off = r.registerCommand(reg('global.quit', 'global'));
    r.registerCommand(reg('global.help', 'global'));
    expect(r.getVersion()).toBeGreaterThan(before);
    await Promise.resolve();
    expect(listener).toHaveBeenCalledTimes(1);
    off();
    await Promise.resolve();
    expect(listener).toHaveBeenCalledTimes(2);
    expect(r.footerHints().map((h) => h.id)).toEqual(['global.help']);
  });
});
