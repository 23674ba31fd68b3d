import type { LRUCache } from "lru-cache";

/**
 * `cache.fetch(key)`: concurrent callers share one lookup. When the entry is forgotten while its
 * lookup runs (a setting changed), lru-cache drops that lookup's result and rejects it, as it
 * may predate the change: the caller then waits for a lookup made after it.
 */
export async function fetchFresh<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(
  cache: LRUCache<K, V, unknown>,
  key: K,
): Promise<V | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await cache.fetch(key);
    } catch (error) {
      const forgotten = error instanceof Error && error.message === "deleted" && attempt < 3;
      if (!forgotten) throw error;
    }
  }
}
