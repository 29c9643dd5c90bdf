/** The active tab of a tabbed screen (service detail), moved by tab / shift+tab. */
import { useState } from 'react';
import { useCommand } from '../keys/use-command';

export interface TabLike<T extends string = string> {
  id: T;
}

/** The tab after (or before, with -1) `active`, wrapping around. */
export function cycleTab<T extends string>(
  tabs: readonly TabLike<T>[],
  active: T,
  step: 1 | -1,
): T {
  if (tabs.length === 0) return active;
  const at = Math.max(
    0,
    tabs.findIndex((t) => t.id === active),
  );
  return tabs[(at + step + tabs.length) % tabs.length]!.id;
}

export function useTabs<T extends string>(
  tabs: readonly TabLike<T>[],
  initial: T,
  options: { isActive?: boolean } = {},
): [T, (tab: T) => void] {
  const [active, setActive] = useState<T>(initial);
  const opts = { isActive: options.isActive ?? true };
  useCommand('nav.next-tab', () => setActive((a) => cycleTab(tabs, a, 1)), opts);
  useCommand('nav.prev-tab', () => setActive((a) => cycleTab(tabs, a, -1)), opts);
  return [active, setActive];
}
