/**
 * How a screen plugs into the shell. A screen folder exports one registration; the container
 * passes the list to <App screens={...}>. The shell owns size, filter, keys and dialogs; the
 * screen only draws its data and registers its commands with `useCommand`.
 */
import type { ComponentType } from 'react';
import type { CommandId } from '../keys/bindings';
import { defaultTitle, type ScreenDescriptor, type ScreenKind, type ScreenOf } from './router';

/** The rows and columns inside the main panel: draw exactly this much, not more. */
export interface AreaSize {
  columns: number;
  rows: number;
}

export interface ScreenProps<D extends ScreenDescriptor = ScreenDescriptor> {
  /** This screen's descriptor (its params: cluster, service, tab ...). */
  screen: D;
  size: AreaSize;
  /** The `/` filter text ('' when none); only sent to screens registered `filterable`. */
  filter: string;
  /**
   * True when the screen is on top and nothing covers it. Screens below the top stay mounted
   * (their state survives a push) but hear no keys; pause polling when this is false.
   */
  isActive: boolean;
}

export interface ScreenRegistration<K extends ScreenKind = ScreenKind> {
  kind: K;
  component: ComponentType<ScreenProps<ScreenOf<K>>>;
  /** Breadcrumb and panel title (defaults: `Clusters`, the cluster, the service ...). */
  title?: (screen: ScreenOf<K>) => string;
  /** The screen's own commands: the help overlay lists them first. */
  keys?: readonly CommandId[];
  /** The screen accepts `/` filter text; otherwise `/` is dimmed with a reason. */
  filterable?: boolean;
}

/** Any screen's registration (a union, so a list can hold all kinds with their own types). */
export type AnyScreenRegistration = { [K in ScreenKind]: ScreenRegistration<K> }[ScreenKind];

/** Keeps the kind and the component's props tied together when declaring a screen. */
export function defineScreen<K extends ScreenKind>(
  reg: ScreenRegistration<K>,
): ScreenRegistration<K> {
  return reg;
}

export interface ScreenRegistry {
  get(kind: ScreenKind): AnyScreenRegistration | undefined;
  title(screen: ScreenDescriptor): string;
  kinds(): ScreenKind[];
}

export function createScreenRegistry(list: readonly AnyScreenRegistration[]): ScreenRegistry {
  const byKind = new Map<ScreenKind, AnyScreenRegistration>();
  for (const reg of list) {
    if (byKind.has(reg.kind)) throw new Error(`screen "${reg.kind}" is registered twice`);
    byKind.set(reg.kind, reg);
  }
  return {
    get: (kind) => byKind.get(kind),
    title(screen) {
      // the registration of this kind takes this kind's descriptor; the map loses that link
      const title = byKind.get(screen.kind)?.title as ((s: ScreenDescriptor) => string) | undefined;
      return title ? title(screen) : defaultTitle(screen);
    },
    kinds: () => [...byKind.keys()],
  };
}
