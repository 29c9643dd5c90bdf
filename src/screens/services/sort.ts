/** The `s` key's cycle over the services store's sorts, and how the status line names them. */
import type { ServiceSort } from '../../state/stores/service-list';

export const SORT_CYCLE: readonly ServiceSort[] = [
  { key: 'name', descending: false },
  // failed and rolling back first: what needs the eye
  { key: 'status', descending: false },
  // newest deployment first
  { key: 'age', descending: false },
];

export function nextSort(current: ServiceSort): ServiceSort {
  const at = SORT_CYCLE.findIndex(
    (s) => s.key === current.key && s.descending === current.descending,
  );
  return SORT_CYCLE[(at + 1) % SORT_CYCLE.length] ?? SORT_CYCLE[0]!;
}

export function sortLabel(sort: ServiceSort): string {
  const name =
    sort.key === 'name' ? 'name' : sort.key === 'status' ? 'rollout state' : 'last deployment';
  return `sorted by ${name}${sort.descending ? ' (reversed)' : ''}`;
}
