import { log } from "@/server/logger";
import { getRealtime, staffRoom, userRoom } from "@/server/realtime/io";
import type { TaskChange } from "@/server/tasks/sync";
import type { LiveCall, PushedCall, PushedCallPatch } from "@/server/calls/live-call";
import { loadLiveCall } from "@/server/calls/live";

/** A call that changed, as the fold (or a change to its client or routing) wrote it. */
export type CallChange = {
  callId: string;
  managerId: string | null;
  previousManagerId: string | null;
  isRingingNow: boolean;
  /** The callback task the change created, touched or closed, for the after-commit push. */
  task?: TaskChange | null;
  /** The board's row as written, when the writer already has it. */
  live?: LiveCall;
  /** Notification ids folded into the call by this change (none for other changes). */
  eventIds?: string[];
};

/** After commit only: what browsers see must already be in the database. */
export async function publishCall(tenantId: string, change: CallChange): Promise<void> {
  const realtime = getRealtime();
  if (!realtime) return;
  try {
    const live = change.live ?? (await loadLiveCall(tenantId, change.callId));
    if (!live) return;
    const call: PushedCall = { ...live, eventIds: change.eventIds ?? [] };
    const io = realtime.io;
    queueStaffCall(tenantId, staffEntry(call));
    if (change.managerId) io.to(userRoom(change.managerId)).emit("call:updated", call);
    if (change.previousManagerId && change.previousManagerId !== change.managerId) {
      // The manager it left still has it on their board: tell them it moved on.
      io.to(userRoom(change.previousManagerId)).emit("call:updated", call);
    }
    if (change.isRingingNow && change.managerId)
      io.to(userRoom(change.managerId)).emit("call:ringing", { call });
  } catch (error) {
    // Realtime is a hint; the board resyncs on reconnect. Never fail the ingest for it.
    log.warn("could not publish a call update", { tenantId, error });
  }
}

// Supervisors see every call of the tenant: at 100 events/s, one frame per event per supervisor
// is most of the socket writes. Their boards get the calls that changed during this window in one
// frame, each call once in its latest state. A manager's own calls (and the screen pop) are not
// delayed.
export const STAFF_BATCH_MS = 25;
type StaffEntry = PushedCall | PushedCallPatch;
const staffBatches = new Map<string, Map<string, StaffEntry>>();

// What this instance last pushed of each call, so that supervisors get only the fields that
// changed (most of a call never does: numbers, start, ids). Shared by the two module graphs
// (custom server and Next's route handlers) so that every push moves it forward.
const holder = globalThis as unknown as { __pultLastPushed?: Map<string, LiveCall> };
const lastPushed = () => (holder.__pultLastPushed ??= new Map<string, LiveCall>());
// An ended call may still change (recording, client link): kept a while, then forgotten.
const FORGET_ENDED_MS = 120_000;
const FORGET_ANY_MS = 12 * 3600_000;
let forgetTimer: NodeJS.Timeout | null = null;

const isSame = (a: unknown, b: unknown) =>
  a === b ||
  (a instanceof Date && b instanceof Date
    ? a.getTime() === b.getTime()
    : typeof a === "object" && typeof b === "object" && JSON.stringify(a) === JSON.stringify(b));

/** The call in full, or as a patch when this instance pushed its previous version. */
export function staffEntry(call: PushedCall, pushed = lastPushed()): StaffEntry {
  const { eventIds, ...live } = call;
  const prev = pushed.get(call.id);
  if (prev && prev.foldVersion > live.foldVersion) return call; // an older push: no base
  pushed.set(call.id, live);
  scheduleForget();
  if (!prev || live.foldVersion - prev.foldVersion > 1) return call;
  const patch: PushedCallPatch = {
    id: live.id,
    foldVersion: live.foldVersion,
    baseVersion: prev.foldVersion,
    eventIds,
  };
  for (const key of Object.keys(live) as Array<keyof LiveCall>) {
    if (key === "id" || key === "foldVersion" || isSame(prev[key], live[key])) continue;
    Object.assign(patch, { [key]: live[key] });
  }
  return patch;
}

function scheduleForget(): void {
  if (forgetTimer) return;
  forgetTimer = setTimeout(() => {
    forgetTimer = null;
    const now = Date.now();
    for (const [id, call] of lastPushed()) {
      const endedAgo = call.endedAt ? now - call.endedAt.getTime() : 0;
      if (endedAgo > FORGET_ENDED_MS || now - call.startedAt.getTime() > FORGET_ANY_MS)
        lastPushed().delete(id);
    }
    if (lastPushed().size > 0) scheduleForget();
  }, FORGET_ENDED_MS / 2);
  forgetTimer.unref();
}

/** Two entries of one call in one frame: the later state, every event id of both. */
export function combineStaffEntries(earlier: StaffEntry, next: StaffEntry): StaffEntry {
  const eventIds = [...earlier.eventIds, ...next.eventIds];
  if (next.foldVersion < earlier.foldVersion) return { ...earlier, eventIds };
  if (!("baseVersion" in next)) return { ...next, eventIds };
  if (!("baseVersion" in earlier)) {
    const { baseVersion: _base, ...fields } = next;
    return { ...earlier, ...fields, eventIds };
  }
  return { ...earlier, ...next, baseVersion: earlier.baseVersion, eventIds };
}

function queueStaffCall(tenantId: string, call: StaffEntry): void {
  const batch = staffBatches.get(tenantId);
  if (batch) {
    // Re-inserted so the frame lists calls in the order of their latest change, carrying every
    // event folded into the call since the last frame.
    const earlier = batch.get(call.id);
    batch.delete(call.id);
    batch.set(call.id, earlier ? combineStaffEntries(earlier, call) : call);
    return;
  }
  staffBatches.set(tenantId, new Map([[call.id, call]]));
  setTimeout(() => {
    const calls = staffBatches.get(tenantId);
    staffBatches.delete(tenantId);
    if (!calls) return;
    try {
      getRealtime()
        ?.io.to(staffRoom(tenantId))
        .emit("calls:updated", [...calls.values()]);
    } catch (error) {
      log.warn("could not publish call updates to supervisors", { tenantId, error });
    }
  }, STAFF_BATCH_MS).unref();
}
