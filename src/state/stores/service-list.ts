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
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const lower = name.toLowerCase();
  return words.every((w) => lower.includes(w));
}

const STATUS_RANK: Record<RolloutKind, number> = {
  failed: 0,
  'rolling-back': 1,
  'in-progress': 2,
  completed: 3,
  none: 4,
};

/**
 * Orders rows. Rows not described yet have no status or age, so those sorts put them last
 * (by name) whichever the direction: the described ones are what the person is sorting.
 */
export function sortEntries(entries: ServiceListEntry[], sort: ServiceSort): ServiceListEntry[] {
  const byName = (a: ServiceListEntry, b: ServiceListEntry) => a.name.localeCompare(b.name);
  const dir = sort.descending ? -1 : 1;
  if (sort.key === 'name') return entries.sort((a, b) => dir * byName(a, b));
  const key = (e: ServiceListEntry): number | undefined => {
    if (!e.service) return undefined;
    if (sort.key === 'status') return STATUS_RANK[rolloutState(e.service).kind];
    // newest deployment first by default
    return -(lastDeploymentAt(e.service)?.getTime() ?? 0);
  };
  const keyed = entries.map((e) => ({ e, k: key(e) }));
  keyed.sort((a, b) => {
    if (a.k === undefined || b.k === undefined) {
      return a.k === b.k ? byName(a.e, b.e) : a.k === undefined ? 1 : -1;
    }
    return dir * (a.k - b.k) || byName(a.e, b.e);
  });
  return keyed.map((x) => x.e);
}
