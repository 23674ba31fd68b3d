import { parseManagerStatus } from "@/lib/realtime/live-payloads";
import type { ManagerStatusPatch } from "@/lib/realtime/events";
import type { LiveCall, LiveData, ManagerStatus } from "@/app/(console)/live/_components/types";

// Socket deltas merged into the cached calls.live answer: replace by id, never duplicate.
export function mergeCall(data: LiveData, call: LiveCall): LiveData {
  const index = data.calls.findIndex((existing) => existing.id === call.id);
  if (index === -1) {
    const calls = [...data.calls, call].sort(
      (a, b) => a.startedAt.getTime() - b.startedAt.getTime(),
    );
    return { ...data, calls };
  }
  const calls = data.calls.slice();
  calls[index] = call;
  return { ...data, calls };
}

/**
 * A managers:updated entry laid over the cached list: its fields replace the manager's. A
 * manager the list does not have is added when the entry is complete; a partial one for an
 * unknown manager changes nothing (isUnknownPartial: the caller refetches).
 */
export function mergeManager(data: LiveData, patch: ManagerStatusPatch): LiveData {
  const index = data.managers.findIndex((existing) => existing.id === patch.id);
  if (index === -1) {
    const manager = parseManagerStatus(patch);
    if (!manager) return data;
    const managers = [...data.managers, manager].sort((a, b) => a.name.localeCompare(b.name));
    return { ...data, managers };
  }
  const current = data.managers[index];
  if (!current) return data;
  const managers = data.managers.slice();
  managers[index] = { ...current, ...patch };
  const isRenamed = patch.name !== undefined;
  return {
    ...data,
    managers: isRenamed ? managers.sort((a, b) => a.name.localeCompare(b.name)) : managers,
  };
}

/** A partial entry for a manager the cached list does not have: only a refetch can add them. */
export function isUnknownPartial(data: LiveData, patch: ManagerStatusPatch): boolean {
  return (
    !data.managers.some((existing) => existing.id === patch.id) && !parseManagerStatus(patch)
  );
}

// A call that ended this long ago is not animated out any more, just left off the board.
export const FADE_WINDOW_MS = 5_000;

export function isLongGone(call: LiveCall, now: number): boolean {
  return (
    call.state === "ENDED" && call.endedAt !== null && now - call.endedAt.getTime() > FADE_WINDOW_MS
  );
}

export type ManagerDisplayStatus = "ringing" | "talking" | Presence;
type Presence = ManagerStatus["presence"];

// What the dot shows: being on a call says more than the status the manager picked.
export function displayStatus(manager: ManagerStatus): ManagerDisplayStatus {
  if (manager.activity !== "idle") return manager.activity;
  return manager.presence;
}

// The clock a live timer counts from: talk time once answered, otherwise time waiting.
export function timerStart(call: LiveCall): Date {
  if (call.answeredAt && (call.state === "TALKING" || call.state === "ON_HOLD"))
    return call.answeredAt;
  return call.startedAt;
}
