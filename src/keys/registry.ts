/**
 * The dispatcher's logic without React: registrations per layer, key resolution with layer
 * priority, disabled reasons, and the footer hints derived from what is registered now.
 */
import { allBindings, bindingFor, type Binding, type CommandId } from './bindings';
import type { CommandState } from './binding-types';

/** Highest priority first. Dialog and overlay layers are modal: keys never fall through them. */
export const LAYERS = ['dialog', 'overlay', 'screen', 'global'] as const;
export type KeyLayer = (typeof LAYERS)[number];
const MODAL: ReadonlySet<KeyLayer> = new Set(['dialog', 'overlay']);

export interface CommandRegistration {
  id: CommandId;
  layer: KeyLayer;
  run: () => void;
  /** A runtime reason from the screen (it knows its data); wins over the table's reason. */
  disabledReason?: string | undefined;
}

/** Sees every key of its layer before the layer's commands; returns true when it used it. */
export type RawHandler = (input: string, spec: string | undefined) => boolean;

export interface FooterHint {
  id: CommandId;
  key: string;
  label: string;
  disabledReason?: string;
}

export interface KeyRegistry {
  registerCommand: (reg: CommandRegistration) => () => void;
  /** Updates a registration's reason in place; notifies only when it changed. */
  setDisabledReason: (reg: CommandRegistration, reason: string | undefined) => void;
  registerRaw: (layer: KeyLayer, handler: RawHandler) => () => void;
  setState: (state: CommandState) => void;
  /** Runs whatever the key means now. Returns what happened, for tests and logging. */
  dispatch: (input: string, spec: string | undefined) => DispatchResult;
  isEnabled: (id: CommandId) => boolean;
  footerHints: () => readonly FooterHint[];
  /** Ids with a live handler in the layers that receive keys now. */
  activeIds: () => readonly CommandId[];
  subscribe: (listener: () => void) => () => void;
  getVersion: () => number;
}

export type DispatchResult =
  | { kind: 'ran'; id: CommandId }
  | { kind: 'disabled'; id: CommandId; reason: string }
  | { kind: 'raw' }
  | { kind: 'ignored' };

export interface RegistryOptions {
  readOnly: boolean;
  state: CommandState;
  onDisabled?: (binding: Binding, reason: string) => void;
}

/** Back and quit close the footer, as in k9s: the screen's own keys sit in the middle. */
const FOOTER_TAIL: readonly CommandId[] = ['global.back', 'global.quit'];

export function createKeyRegistry(options: RegistryOptions): KeyRegistry {
  const commands: CommandRegistration[] = [];
  const raws: { layer: KeyLayer; handler: RawHandler }[] = [];
  const listeners = new Set<() => void>();
  let state = options.state;
  let version = 0;
  let hintsCache: { version: number; hints: readonly FooterHint[] } | undefined;

  let notifyQueued = false;
  // a screen registers a dozen commands in one commit; tell subscribers once, not a dozen times
  const changed = () => {
    version += 1;
    if (notifyQueued) return;
    notifyQueued = true;
    queueMicrotask(() => {
      notifyQueued = false;
      for (const listener of [...listeners]) listener();
    });
  };

  const layerHas = (layer: KeyLayer) =>
    commands.some((c) => c.layer === layer) || raws.some((r) => r.layer === layer);

  /** Layers that receive keys now: down to and including the first modal one in use. */
  const liveLayers = (): KeyLayer[] => {
    const live: KeyLayer[] = [];
    for (const layer of LAYERS) {
      if (!layerHas(layer)) continue;
      live.push(layer);
      if (MODAL.has(layer)) break;
    }
    return live;
  };

  const reasonOf = (reg: CommandRegistration): string | undefined =>
    reg.disabledReason ?? bindingFor(reg.id).disabledReason?.(state);

  /**
   * What each live command answers to now, as `dispatch` decides: a key claimed by a higher
   * layer (the wizard's `esc`) shadows the same key below (global `esc`), and in one layer the
   * newest registration wins, so the footer shows each key once, with the meaning it has.
   */
  const effective = (): Map<CommandId, { reg: CommandRegistration; keys: string[] }> => {
    const result = new Map<CommandId, { reg: CommandRegistration; keys: string[] }>();
    const claimed = new Set<string>();
    for (const layer of liveLayers()) {
      for (const reg of commands.filter((c) => c.layer === layer).reverse()) {
        if (result.has(reg.id)) continue;
        const keys = bindingFor(reg.id).keys.filter((k) => !claimed.has(k));
        if (keys.length === 0) continue;
        result.set(reg.id, { reg, keys });
        for (const key of keys) claimed.add(key);
      }
    }
    return result;
  };

  return {
    registerCommand(reg) {
      if (options.readOnly && bindingFor(reg.id).mutating) return () => undefined;
      commands.push(reg);
      changed();
      return () => {
        const at = commands.indexOf(reg);
        if (at >= 0) commands.splice(at, 1);
        changed();
      };
    },
    setDisabledReason(reg, reason) {
      if (reg.disabledReason === reason) return;
      const flips = (reg.disabledReason === undefined) !== (reason === undefined);
      reg.disabledReason = reason;
      // The footer shows only whether a command is disabled; a reason that merely changes its
      // text (it may name the row under the cursor) is read when the key is pressed. Telling
      // subscribers anyway cost a second full frame on every cursor move (bench: 2 renders
      // per key on the Services screen).
      if (flips && commands.includes(reg)) changed();
    },
    registerRaw(layer, handler) {
      const entry = { layer, handler };
      raws.push(entry);
      changed();
      return () => {
        const at = raws.indexOf(entry);
        if (at >= 0) raws.splice(at, 1);
        changed();
      };
    },
    setState(next) {
      state = next;
      changed();
    },
    dispatch(input, spec) {
      if (spec === 'ctrl+c') {
        // Ctrl-C must always get out, whatever dialog is open
        const quit = commands.findLast((c) => c.id === 'global.interrupt');
        if (quit) {
          quit.run();
          return { kind: 'ran', id: quit.id };
        }
      }
      for (const layer of liveLayers()) {
        for (const raw of raws.filter((r) => r.layer === layer).reverse()) {
          if (raw.handler(input, spec)) return { kind: 'raw' };
        }
        if (spec === undefined) continue;
        const reg = commands.findLast(
          (c) => c.layer === layer && bindingFor(c.id).keys.includes(spec),
        );
        if (!reg) continue;
        const reason = reasonOf(reg);
        if (reason !== undefined) {
          options.onDisabled?.(bindingFor(reg.id), reason);
          return { kind: 'disabled', id: reg.id, reason };
        }
        reg.run();
        return { kind: 'ran', id: reg.id };
      }
      return { kind: 'ignored' };
    },
    isEnabled(id) {
      const live = effective().get(id);
      return live !== undefined && reasonOf(live.reg) === undefined;
    },
    footerHints() {
      if (hintsCache?.version === version) return hintsCache.hints;
      const live = effective();
      const ordered = allBindings().filter((b) => b.footer && live.has(b.id));
      const tail = ordered.filter((b) => FOOTER_TAIL.includes(b.id));
      const hints = [...ordered.filter((b) => !FOOTER_TAIL.includes(b.id)), ...tail].map(
        (b): FooterHint => {
          const { reg, keys } = live.get(b.id)!;
          const reason = reasonOf(reg);
          return {
            id: b.id,
            key: keys[0] ?? '',
            label: b.label ?? b.description,
            ...(reason === undefined ? {} : { disabledReason: reason }),
          };
        },
      );
      hintsCache = { version, hints };
      return hints;
    },
    activeIds() {
      return [...effective().keys()];
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getVersion: () => version,
  };
}
