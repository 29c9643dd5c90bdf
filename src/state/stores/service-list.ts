import type { Service, TaskDefinition } from '../../aws/types';
import { lastDeploymentAt, rolloutState, type RolloutKind } from '../../present/rollout-state';

export type ServiceSortKey = 'name' | 'status' | 'age';

export interface ServiceSort {
  key: ServiceSortKey;
  descending: boolean;
}

/** One row of the services table; fits `ServiceRowInput` of src/present/service-rows. */
export interface ServiceListEntry {
  readonly name: string;
  /** Undefined until DescribeServices answered for it (the row shows placeholders). */
  readonly service: Service | undefined;
  /** When it was described (time source ms). */
  readonly describedAt: number | undefined;
  /** AWS reported it MISSING: deleted since the name list was read. */
  readonly missing: boolean;
  /** Its current revision, once fetched (for the image column). */
  readonly taskDefinition: TaskDefinition | undefined;
}

/** The last two path segments of `arn:...:service/cluster/name` (or the old `service/name`). */
export function serviceNameOf(arnOrName: string): string {
  return arnOrName.slice(arnOrName.lastIndexOf('/') + 1);
}

/** Case-insensitive; every space-separated word must appear in the name. */
export function matchesFilter(name: string, filter: string): boolean {
  return compileFilter(filter)(name);
}

/** The filter's words, lower case: `"API  web"` → `["api", "web"]`. */
export function filterWords(filter: string): string[] {
  return filter.toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * matchesFilter made once for a pass over thousands of names: one case-insensitive pattern per
 * word, so no name is lower-cased (allocated) per keystroke.
 */
export function compileFilter(filter: string): (name: string) => boolean {
  const patterns = filterWords(filter).map(
    (w) => new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'),
  );
  return (name) => patterns.every((p) => p.test(name));
}

/**
 * Names in `localeCompare` order (one collator, not one per comparison), sorted once for as
 * long as it is asked about the same list.
 */
export function nameOrder(): (names: readonly string[]) => readonly string[] {
  const compare = new Intl.Collator().compare;
  let last: { names: readonly string[]; sorted: readonly string[] } | undefined;
  return (names) => {
    if (last?.names !== names) last = { names, sorted: [...names].sort(compare) };
    return last.sorted;
  };
}

const STATUS_RANK: Record<RolloutKind, number> = {
  failed: 0,
  'rolling-back': 1,
  'in-progress': 2,
  completed: 3,
  none: 4,
};

/**
 * Orders rows given in name order (the store keeps the names sorted, so no sort compares 5,000
 * names again). Rows not described yet have no status or age, so those sorts put them last (by
 * name) whichever the direction: the described ones are what the person is sorting. Ties stay
 * in name order (the sort is stable).
 */
export function orderEntries(
  inNameOrder: readonly ServiceListEntry[],
  sort: ServiceSort,
): readonly ServiceListEntry[] {
  if (sort.key === 'name') return sort.descending ? [...inNameOrder].reverse() : inNameOrder;
  const dir = sort.descending ? -1 : 1;
  const key = (service: Service): number => {
    if (sort.key === 'status') return STATUS_RANK[rolloutState(service).kind];
    // newest deployment first by default
    return -(lastDeploymentAt(service)?.getTime() ?? 0);
  };
  const keyed: { e: ServiceListEntry; k: number }[] = [];
  const undescribed: ServiceListEntry[] = [];
  for (const e of inNameOrder) {
    if (e.service) keyed.push({ e, k: key(e.service) });
    else undescribed.push(e);
  }
  keyed.sort((a, b) => dir * (a.k - b.k));
  return [...keyed.map((x) => x.e), ...undescribed];
}
