/**
 * What the Services screen last drew, and whether a new store snapshot would draw anything
 * different. Every commit costs Ink a whole frame (about 10 ms at 120x40), and most store
 * changes while someone scrolls or types are for rows no longer in view: the describe of the
 * window they just left, its images. Those still update the snapshot (the next render reads it)
 * but do not draw a frame of their own.
 */
import type { ServiceListEntry } from '../../state/stores/service-list';
import type { ServicesSnapshot } from '../../state/stores/services';

export interface DrawnView {
  snapshot: ServicesSnapshot;
  filter: string;
  /** Entries the filter let through, of which the window shows `window` from `offset`. */
  matching: number;
  offset: number;
  window: readonly ServiceListEntry[];
}

/**
 * True when `next` changes a field the screen shows (all but `entries` are compared as a
 * whole), the names or their order, the number of matching services, or an entry in the window
 * (which also covers the selection, always inside the window). False for an entry that changed
 * out of view: a description or an image for a row the person scrolled or filtered away from.
 * `filtered` applies a filter to a list of entries (the screen's FilterMemo).
 */
export function changesView(
  drawn: DrawnView | undefined,
  next: ServicesSnapshot,
  filtered: (entries: readonly ServiceListEntry[], filter: string) => readonly ServiceListEntry[],
): boolean {
  if (!drawn) return true;
  const before = drawn.snapshot;
  for (const key of Object.keys(next) as (keyof ServicesSnapshot)[]) {
    if (key !== 'entries' && !Object.is(before[key], next[key])) return true;
  }
  if (next.entries === before.entries) return false;
  // the list itself (names, order) also feeds the palette's completion
  if (next.entries.length !== before.entries.length) return true;
  if (next.entries.some((e, i) => e.name !== before.entries[i]!.name)) return true;
  const entries = filtered(next.entries, drawn.filter);
  if (entries.length !== drawn.matching) return true;
  return drawn.window.some((e, i) => entries[drawn.offset + i] !== e);
}
