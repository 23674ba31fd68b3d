import { mergeCall } from "@/app/(console)/live/_components/live-cache";
import type { LiveCall, LiveData } from "@/app/(console)/live/_components/types";

// calls.live and the socket's pushes race: a refetch (first load, reconnect, offline polling)
// answers with the database as it was when the server read it, and pushes that arrived
// meanwhile may be newer. Each call carries its fold_version; the board keeps the newer one.

/** A push replaces the cached call unless the cache already holds a later fold of it. */
export function mergeNewerCall(data: LiveData, call: LiveCall): LiveData {
  const cached = data.calls.find((existing) => existing.id === call.id);
  if (cached && cached.foldVersion > call.foldVersion) return data;
  return mergeCall(data, call);
}

/**
 * The pushes that arrive while calls.live is being fetched, laid over its answer: a push of a
 * later fold (or of a call the answer does not have yet) wins, an older one is dropped. Equal
 * versions take the push: client links and routing decisions change a call without a fold, and
 * their pushes come in order after it.
 */
export function createPushLog() {
  const pushes = new Map<string, LiveCall>();
  return {
    record(call: LiveCall): void {
      pushes.delete(call.id); // kept in the order of each call's latest push
      pushes.set(call.id, call);
    },
    isEmpty: (): boolean => pushes.size === 0,
    layOver(fetched: LiveData): LiveData {
      const merged = [...pushes.values()].reduce(mergeNewerCall, fetched);
      pushes.clear();
      return merged;
    },
    clear(): void {
      pushes.clear();
    },
  };
}
