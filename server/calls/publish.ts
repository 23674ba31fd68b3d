import { log } from "@/server/logger";
import { getRealtime, staffRoom, userRoom } from "@/server/realtime/io";
import type { TaskChange } from "@/server/tasks/sync";
import type { LiveCall, PushedCall } from "@/server/calls/live-call";
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
    queueStaffCall(tenantId, call);
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
const staffBatches = new Map<string, Map<string, PushedCall>>();

function queueStaffCall(tenantId: string, call: PushedCall): void {
  const batch = staffBatches.get(tenantId);
  if (batch) {
    // Re-inserted so the frame lists calls in the order of their latest change, carrying every
    // event folded into the call since the last frame.
    const earlier = batch.get(call.id);
    batch.delete(call.id);
    batch.set(
      call.id,
      earlier ? { ...call, eventIds: [...earlier.eventIds, ...call.eventIds] } : call,
    );
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
