import { LRUCache } from "lru-cache";
import { describe, expect, it } from "vitest";
import { fetchFresh } from "@/server/cache/fetch-fresh";

// A stored setting and a counter of how often it was read, with each read taking a while.
function setting(initial: string) {
  const state = { value: initial, reads: 0 };
  const cache = new LRUCache<string, { value: string }>({
    max: 10,
    ttl: 60_000,
    fetchMethod: async () => {
      state.reads++;
      const seen = state.value;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { value: seen };
    },
  });
  return { state, cache };
}

describe("fetchFresh", () => {
  it("shares one read between the callers that arrive while it runs, then serves it cached", async () => {
    const { state, cache } = setting("a");
    const values = await Promise.all(
      Array.from({ length: 50 }, () => fetchFresh(cache, "k").then((v) => v?.value)),
    );
    expect(values).toEqual(Array.from({ length: 50 }, () => "a"));
    expect(state.reads).toBe(1);
    expect((await fetchFresh(cache, "k"))?.value).toBe("a");
    expect(state.reads).toBe(1);
  });

  it("never hands out a read that started before the entry was forgotten", async () => {
    const { state, cache } = setting("old");
    const pending = fetchFresh(cache, "k");
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The setting changes while the first read is under way, and the cache is told.
    state.value = "new";
    cache.clear();
    expect((await pending)?.value).toBe("new");
    expect(state.reads).toBe(2);
  });

  it("passes a failed read on to its callers", async () => {
    const cache = new LRUCache<string, { value: string }>({
      max: 10,
      fetchMethod: () => Promise.reject(new Error("database down")),
    });
    await expect(fetchFresh(cache, "k")).rejects.toThrow("database down");
  });
});
