/** Paging and batching helpers shared by the service gateways. No SDK here. */

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs `fn` over `items` with at most `limit` in flight, keeping the input order. The first
 * failure rejects the whole thing and no new work starts after it.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}

export interface Page<T> {
  items: T[] | undefined;
  next: string | undefined;
}

/**
 * Follows `nextToken`/`NextMarker` until the last page or until `max` items. A token that
 * comes back unchanged ends the loop: a server bug must not become an endless call storm.
 */
export async function collectPages<T>(
  fetch: (token: string | undefined) => Promise<Page<T>>,
  max?: number,
): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  for (;;) {
    const page = await fetch(token);
    all.push(...(page.items ?? []));
    if (max !== undefined && all.length >= max) return all.slice(0, max);
    if (!page.next || page.next === token) return all;
    token = page.next;
  }
}

/** Page size for a call that wants at most `max` items, within AWS's ceiling. */
export function pageSize(max: number | undefined, ceiling: number): number {
  return max !== undefined && max > 0 ? Math.min(max, ceiling) : ceiling;
}
