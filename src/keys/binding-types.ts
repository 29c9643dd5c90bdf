/** The shape of a keybinding-table entry (the table itself is in bindings.ts). */

export type BindingGroup = 'global' | 'navigation' | 'service' | 'monitor' | 'wizard' | 'dialog';

/** What a table-level `disabledReason` may look at; screens add their own runtime reasons. */
export interface CommandState {
  readOnly: boolean;
  simulated: boolean;
  /** The kind of the screen on top of the stack (`clusters`, `service`, ...). */
  screen: string;
  /** The screen on top accepts `/` filter text. */
  filterable: boolean;
  canSwitchProfile: boolean;
  canSwitchRegion: boolean;
}

export interface BindingSpec {
  id: string;
  keys: readonly string[];
  description: string;
  /** A short label for the footer (defaults to the description). */
  label?: string;
  group: BindingGroup;
  /** Changes something in AWS and always asks first (deploy, promote, roll back, abort). */
  dangerous?: boolean;
  /** Changes something in AWS: never registered nor shown with --read-only. */
  mutating?: boolean;
  /** Shown in the footer hints while a handler for it is registered. */
  footer?: boolean;
  /** Why the command cannot act now, or undefined when it can. Must be cheap. */
  disabledReason?: (state: CommandState) => string | undefined;
}

/** Groups active at the same time share one key space; the screen groups replace each other. */
export const CO_ACTIVE_GROUPS: readonly (readonly BindingGroup[])[] = [
  ['global', 'navigation'],
  ['service'],
  ['monitor'],
  ['wizard'],
  ['dialog'],
];

export const GROUP_TITLES: Record<BindingGroup, string> = {
  global: 'Global',
  navigation: 'Navigation',
  service: 'Service',
  monitor: 'Rollout monitor',
  wizard: 'Deploy wizard',
  dialog: 'Dialogs and palette',
};
