/**
 * How components react to keys: by command id. The key itself lives in the binding table.
 *
 * Registrations and disabled reasons are written in layout effects, in the commit that renders
 * them: a key read right after a frame is drawn may come before React runs passive effects (for
 * an update of default priority they run in a later task), and it must meet what that frame
 * shows — the new reason, the dialog that just opened — not the one before. The footer still
 * hears of changes once per batch (the registry notifies in a microtask).
 */
import { useLayoutEffect, useState, useSyncExternalStore } from 'react';
import type { CommandId } from './bindings';
import { useDispatcher, useKeyLayer, useKeysActive } from './dispatcher';
import type { CommandRegistration, FooterHint, KeyLayer, RawHandler } from './registry';

export interface UseCommandOptions {
  /** Why the command cannot act now (shown dimmed in the footer, flashed when pressed). */
  disabledReason?: string | undefined;
  /** Register only while true (default true). */
  isActive?: boolean;
  /** Override the layer of the enclosing `KeyLayerScope`. */
  layer?: KeyLayer;
}

/**
 * Runs `handler` when a key bound to `id` is pressed. In read-only mode a mutating command
 * is never registered, so it neither runs nor shows in the footer.
 */
export function useCommand(id: CommandId, handler: () => void, options: UseCommandOptions = {}) {
  const { registry } = useDispatcher();
  const scopeLayer = useKeyLayer();
  const scopeActive = useKeysActive();
  const layer = options.layer ?? scopeLayer;
  const active = scopeActive && (options.isActive ?? true);
  const handlerRef = useLatestRef(handler);
  const reason = options.disabledReason;
  const [reg] = useState<CommandRegistration>(() => ({
    id,
    layer,
    run: () => handlerRef.current(),
    disabledReason: reason,
  }));

  useLayoutEffect(() => {
    if (!active) return undefined;
    reg.id = id;
    reg.layer = layer;
    return registry.registerCommand(reg);
  }, [registry, reg, id, layer, active]);

  useLayoutEffect(() => {
    registry.setDisabledReason(reg, reason);
  }, [registry, reg, reason]);
}

/**
 * Sees every key of its layer before that layer's commands (text inputs use it so that `q`
 * typed into a filter is text, not quit). Return true to consume the key.
 */
export function useRawInput(
  handler: RawHandler,
  options: { isActive?: boolean; layer?: KeyLayer } = {},
) {
  const { registry } = useDispatcher();
  const scopeLayer = useKeyLayer();
  const scopeActive = useKeysActive();
  const layer = options.layer ?? scopeLayer;
  const active = scopeActive && (options.isActive ?? true);
  const handlerRef = useLatestRef(handler);

  useLayoutEffect(() => {
    if (!active) return undefined;
    return registry.registerRaw(layer, (input, spec) => handlerRef.current(input, spec));
  }, [registry, layer, active, handlerRef]);
}

/** The footer hints for what is registered now, re-rendered when registrations change. */
export function useFooterHints(): readonly FooterHint[] {
  const { registry } = useDispatcher();
  useSyncExternalStore(registry.subscribe, registry.getVersion);
  return registry.footerHints();
}

/** Whether `id` has a live, enabled handler now. */
export function useCommandEnabled(id: CommandId): boolean {
  const { registry } = useDispatcher();
  useSyncExternalStore(registry.subscribe, registry.getVersion);
  return registry.isEnabled(id);
}

/** True when the app runs with --read-only (mutating commands are absent). */
export function useReadOnly(): boolean {
  return useDispatcher().readOnly;
}

function useLatestRef<T>(value: T): { readonly current: T } {
  const [ref] = useState(() => ({ current: value }));
  ref.current = value;
  return ref;
}
