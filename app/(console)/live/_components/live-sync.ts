import { isCallPatch, type CallPatch, type CallUpdate } from "@/lib/realtime/live-payloads";
import { mergeCall } from "@/app/(console)/live/_components/live-cache";
import type { LiveCall, LiveData } from "@/app/(console)/live/_components/types";

// calls.live and the socket's pushes race: a refetch (first load, reconnect, offline polling)
// answers with the database as it was when the server read it, and pushes that arrived
// meanwhile may be newer. Each call carries its fold_version; the board keeps the newer one.
// Supervisors' pushes may be patches: the fields that changed since the push of baseVersion.

/** A push replaces the cached call unless the cache already holds a later fold of it. */
export function mergeNewerCall(data: LiveData, call: LiveCall): LiveData {
  const cached = data.calls.find((existing) => existing.id === call.id);
  if (cached && cached.foldVersion > call.foldVersion) return data;
  return mergeCall(data, call);
}

/**
 * A patch applies to the cached call at exactly its base version; an older patch changes
 * nothing. Null: the cache lacks what it builds on (a call it does not have, a push it missed),
 * and only a refetch can tell.
 */
export function applyPatch(data: LiveData, patch: CallPatch): LiveData | null {
  const cached = data.calls.find((existing) => existing.id === patch.id);
  if (cached && cached.foldVersion >= patch.foldVersion && cached.foldVersion !== patch.baseVersion)
    return data;
  if (!cached || cached.foldVersion !== patch.baseVersion) return null;
  const { baseVersion: _base, ...fields } = patch;
  return mergeCall(data, { ...cached, ...fields });
}

/** Either kind of push; null when the board must refetch to apply it. */
export function applyCallUpdate(data: LiveData, update: CallUpdate): LiveData | null {
  return isCallPatch(update) ? applyPatch(data, update) : mergeNewerCall(data, update);
}

/** Every update in order; `needsRefetch` when one of them could not be applied. */
export function applyCallUpdates(
  data: LiveData,
  updates: Iterable<CallUpdate>,
): { data: LiveData; needsRefetch: boolean } {
  let next = data;
  let needsRefetch = false;
  for (const update of updates) {
    const applied = applyCallUpdate(next, update);
    if (applied) next = applied;
    else needsRefetch = true;
  }
  return { data: next, needsRefetch };
}

/**
 * The pushes that arrive while calls.live is being fetched, laid over its answer: a push of a
 * later fold (or of a call the answer does not have yet) wins, an older one is dropped. Equal
 * versions take the push: client links and routing decisions change a call without a fold, and
 * their pushes come in order after it. A call's patches are kept in order after its last full
 * push, since each builds on the one before.
 */
export function createPushLog() {
  const pushes = new Map<string, CallUpdate[]>();
  return {
    record(update: CallUpdate): void {
      const earlier = isCallPatch(update) ? (pushes.get(update.id) ?? []) : [];
      pushes.delete(update.id); // kept in the order of each call's latest push
      pushes.set(update.id, [...earlier, update]);
    },
    isEmpty: (): boolean => pushes.size === 0,
    layOver(fetched: LiveData): { data: LiveData; needsRefetch: boolean } {
      const merged = applyCallUpdates(fetched, [...pushes.values()].flat());
      pushes.clear();
      return merged;
    },
    clear(): void {
      pushes.clear();
    },
  };
}
