import { describe, expect, it } from 'vitest';
import type { Service } from '../../aws/types';
import { FilterMemo } from '../../state/stores/filter-memo';
import type { ServiceListEntry } from '../../state/stores/service-list';
import type { ServicesSnapshot } from '../../state/stores/services';
import { changesView, type DrawnView } from './drawn-view';

const entry = (name: string, described = false): ServiceListEntry => ({
  name,
  service: described ? ({ name } as Service) : undefined,
  describedAt: described ? 1 : undefined,
  missing: false,
  taskDefinition: undefined,
});

const names = Array.from({ length: 100 }, (_, i) => `svc-${String(i).padStart(3, '0')}`);
const SORT = { key: 'name', descending: false } as const;
const snapshot = (entries: readonly ServiceListEntry[]): ServicesSnapshot => ({
  cluster: 'big',
  status: 'ready',
  error: undefined,
  stale: false,
  throttled: false,
  fetchedAt: 1,
  total: entries.length,
  entries,
  sort: SORT,
  active: false,
});

const memo = new FilterMemo<ServiceListEntry>((e) => e.name);
const filtered = (entries: readonly ServiceListEntry[], filter: string) =>
  memo.apply(entries, filter);

/** svc-000..099 drawn with the window at 10-19 (no filter) or at the matches of /svc-05. */
function drawn(entries: readonly ServiceListEntry[], filter = ''): DrawnView {
  const matching = filtered(entries, filter);
  const offset = filter ? 0 : 10;
  return {
    snapshot: snapshot(entries),
    filter,
    matching: matching.length,
    offset,
    window: matching.slice(offset, offset + 10),
  };
}

const replace = (entries: readonly ServiceListEntry[], i: number, e: ServiceListEntry) =>
  entries.map((x, j) => (j === i ? e : x));

describe('changesView', () => {
  const entries = names.map((n) => entry(n));

  it('ignores a description of a row out of view', () => {
    const view = drawn(entries);
    expect(
      changesView(view, snapshot(replace(entries, 50, entry('svc-050', true))), filtered),
    ).toBe(false);
    // filtered: svc-050..059 are the window, svc-012 is not even a match
    const filteredView = drawn(entries, 'svc-05');
    expect(
      changesView(filteredView, snapshot(replace(entries, 12, entry('svc-012', true))), filtered),
    ).toBe(false);
  });

  it('draws a description of a row in view', () => {
    expect(
      changesView(drawn(entries), snapshot(replace(entries, 15, entry('svc-015', true))), filtered),
    ).toBe(true);
    expect(
      changesView(
        drawn(entries, 'svc-05'),
        snapshot(replace(entries, 53, entry('svc-053', true))),
        filtered,
      ),
    ).toBe(true);
  });

  it('draws any change to the list, the counts or the other fields', () => {
    const view = drawn(entries);
    // a service gone, even far out of view: the count and the palette's names change
    expect(changesView(view, snapshot(entries.filter((_, i) => i !== 90)), filtered)).toBe(true);
    // same length, another name
    expect(changesView(view, snapshot(replace(entries, 90, entry('svc-900'))), filtered)).toBe(
      true,
    );
    expect(
      changesView(view, { ...snapshot(entries), error: new Error('throttled') }, filtered),
    ).toBe(true);
    expect(changesView(view, { ...snapshot(entries), active: true }, filtered)).toBe(true);
    expect(changesView(undefined, snapshot(entries), filtered)).toBe(true);
  });
});
