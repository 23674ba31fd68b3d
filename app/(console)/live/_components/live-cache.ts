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

export function mergeManager(data: LiveData, manager: ManagerStatus): LiveData {
  const index = data.managers.findIndex((existing) => existing.id === manager.id);
  if (index === -1) {
    const managers = [...data.managers, manager].sort((a, b) => a.name.localeCompare(b.name));
    return { ...data, managers };
  }
  const managers = data.managers.slice();
  managers[index] = manager;
  return { ...data, managers };
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
