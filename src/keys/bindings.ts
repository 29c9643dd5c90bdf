/**
 * THE keybinding table. Every key the app reacts to is declared here once; the footer hints,
 * the `?` overlay and docs/keybindings.md are generated from it, and handlers bind to the ids,
 * never to characters. Keys are spelled as in `key-spec.ts` (`q`, `R`, `esc`, `ctrl+p`, ...).
 */
import type { BindingSpec, CommandState } from './binding-types';

export type { BindingGroup, BindingSpec, CommandState } from './binding-types';

export const BINDINGS = [
  // global
  {
    id: 'global.help',
    keys: ['?'],
    description: 'show every key',
    label: 'help',
    group: 'global',
    footer: true,
  },
  {
    id: 'global.command',
    keys: [':'],
    description: 'command palette (:clusters, :svc api, :q ...)',
    label: 'command',
    group: 'global',
    footer: true,
  },
  {
    id: 'global.filter',
    keys: ['/'],
    description: 'filter the list on screen',
    label: 'filter',
    group: 'global',
    footer: true,
    disabledReason: (s: CommandState) =>
      s.filterable ? undefined : 'nothing to filter on this screen',
  },
  {
    id: 'global.back',
    keys: ['esc'],
    description: 'back: clear the filter, close, or leave the screen',
    label: 'back',
    group: 'global',
    footer: true,
  },
  {
    id: 'global.quit',
    keys: ['q'],
    description: 'quit',
    label: 'quit',
    group: 'global',
    footer: true,
  },
  {
    id: 'global.interrupt',
    keys: ['ctrl+c'],
    description: 'quit at once (the terminal is restored)',
    group: 'global',
  },
  {
    id: 'global.profile',
    keys: ['ctrl+p'],
    description: 'switch AWS profile',
    label: 'profile',
    group: 'global',
    disabledReason: (s: CommandState) =>
      s.canSwitchProfile
        ? undefined
        : s.simulated
          ? 'the simulator has one profile'
          : 'no other AWS profiles found',
  },
  {
    id: 'global.region',
    keys: ['ctrl+r'],
    description: 'switch region',
    label: 'region',
    group: 'global',
    disabledReason: (s: CommandState) =>
      s.canSwitchRegion ? undefined : 'no other regions to switch to',
  },
  // navigation
  { id: 'nav.down', keys: ['j', 'down'], description: 'move down', group: 'navigation' },
  { id: 'nav.up', keys: ['k', 'up'], description: 'move up', group: 'navigation' },
  { id: 'nav.top', keys: ['g', 'home'], description: 'go to the first row', group: 'navigation' },
  { id: 'nav.bottom', keys: ['G', 'end'], description: 'go to the last row', group: 'navigation' },
  {
    id: 'nav.page-down',
    keys: ['pagedown', 'ctrl+f'],
    description: 'page down',
    group: 'navigation',
  },
  { id: 'nav.page-up', keys: ['pageup', 'ctrl+b'], description: 'page up', group: 'navigation' },
  {
    id: 'nav.open',
    keys: ['enter'],
    description: 'open the selected item',
    label: 'open',
    group: 'navigation',
  },
  {
    id: 'nav.next-tab',
    keys: ['tab'],
    description: 'next tab or panel',
    label: 'next tab',
    group: 'navigation',
  },
  {
    id: 'nav.prev-tab',
    keys: ['shift+tab'],
    description: 'previous tab or panel',
    group: 'navigation',
  },
  // service (list, detail and its tabs)
  {
    id: 'service.deploy',
    keys: ['d'],
    description: 'deploy a new image or revision',
    label: 'deploy',
    group: 'service',
    dangerous: true,
    mutating: true,
    footer: true,
  },
  {
    id: 'service.rollback',
    keys: ['R'],
    description: 'roll back to an earlier deployment',
    label: 'rollback',
    group: 'service',
    dangerous: true,
    mutating: true,
    footer: true,
  },
  {
    id: 'service.watch',
    keys: ['w'],
    description: 'watch the rollout in progress',
    label: 'watch',
    group: 'service',
    footer: true,
  },
  {
    id: 'service.sort',
    keys: ['s'],
    description: 'services: cycle the sort (name, rollout state, last deployment)',
    label: 'sort',
    group: 'service',
    footer: true,
  },
  {
    id: 'service.diff',
    keys: ['D'],
    description: 'task definition: diff two revisions of the family (pick both)',
    label: 'diff',
    group: 'service',
    footer: true,
  },
  {
    id: 'service.toggle-stopped',
    keys: ['x'],
    description: 'tasks: show running or stopped tasks',
    label: 'running/stopped',
    group: 'service',
    footer: true,
  },
  {
    id: 'service.reveal',
    keys: ['v'],
    description: 'task definition: reveal the selected environment value (secrets never)',
    label: 'reveal',
    group: 'service',
    footer: true,
  },
  // rollout monitor
  {
    id: 'monitor.promote',
    keys: ['p'],
    description: 'promote: continue to the next step',
    label: 'promote',
    group: 'monitor',
    dangerous: true,
    mutating: true,
    footer: true,
  },
  {
    id: 'monitor.promote-all',
    keys: ['P'],
    description: 'promote fully, skipping the remaining steps',
    label: 'promote all',
    group: 'monitor',
    dangerous: true,
    mutating: true,
    footer: true,
  },
  {
    id: 'monitor.rollback',
    keys: ['R'],
    description: 'roll back this deployment',
    label: 'rollback',
    group: 'monitor',
    dangerous: true,
    mutating: true,
    footer: true,
  },
  {
    id: 'monitor.abort',
    keys: ['a'],
    description: 'abort: stop here without rolling back',
    label: 'abort',
    group: 'monitor',
    dangerous: true,
    mutating: true,
    footer: true,
  },
  {
    id: 'monitor.pause',
    keys: ['space'],
    description: 'pause or resume an auto-advancing plan',
    label: 'pause/resume',
    group: 'monitor',
    mutating: true,
    footer: true,
  },
  // deploy wizard
  {
    id: 'wizard.next',
    keys: ['enter'],
    description: 'choose and go to the next step',
    label: 'next',
    group: 'wizard',
    footer: true,
  },
  {
    id: 'wizard.back',
    keys: ['esc'],
    description: 'previous step (leaves the wizard on the first)',
    label: 'back',
    group: 'wizard',
    footer: true,
  },
  {
    id: 'wizard.toggle',
    keys: ['space'],
    description: 'toggle the selected option',
    label: 'toggle',
    group: 'wizard',
    footer: true,
  },
  // dialogs, palette, pickers
  {
    id: 'dialog.filter',
    keys: ['/'],
    description: 'type to filter the choices of a picker (esc clears the filter)',
    label: 'filter',
    group: 'dialog',
    footer: true,
  },
  {
    id: 'dialog.confirm',
    keys: ['enter', 'y'],
    description: 'confirm',
    label: 'confirm',
    group: 'dialog',
    footer: true,
  },
  {
    id: 'dialog.cancel',
    keys: ['esc', 'n'],
    description: 'cancel',
    label: 'cancel',
    group: 'dialog',
    footer: true,
  },
  {
    id: 'dialog.complete',
    keys: ['tab'],
    description: 'complete the command or name',
    label: 'complete',
    group: 'dialog',
    footer: true,
  },
  { id: 'dialog.down', keys: ['down', 'ctrl+n'], description: 'next choice', group: 'dialog' },
  { id: 'dialog.up', keys: ['up', 'ctrl+p'], description: 'previous choice', group: 'dialog' },
] as const satisfies readonly BindingSpec[];

export type CommandId = (typeof BINDINGS)[number]['id'];

export interface Binding extends BindingSpec {
  id: CommandId;
}

const byId = new Map<string, Binding>(BINDINGS.map((b) => [b.id, b as Binding]));

export function bindingFor(id: CommandId): Binding {
  const binding = byId.get(id);
  // the CommandId type makes this unreachable; the check keeps noUncheckedIndexedAccess honest
  if (!binding) throw new Error(`unknown command id "${id}"`);
  return binding;
}

export function allBindings(): readonly Binding[] {
  return BINDINGS;
}
