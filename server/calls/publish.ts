import { log } from "../logger";
import { getRealtime, staffRoom, tenantRoom, userRoom } from "../realtime/io";
import type { AppliedCall } from "./ingest";
import type { LiveCall } from "./live-call";
import { loadLiveCall } from "./live";
import { getManagerStatuses } from "./managers";

/** After commit only: what browsers see must already be in the database. */
export async function publishCall(tenantId: string, applied: AppliedCall): Promise<void> {
  const realtime = getRealtime();
  if (!realtime) return;
  try {
    const call = applied.live ?? (await loadLiveCall(tenantId, applied.callId));
    if (!call) return;
    const io = realtime.io;
    queueStaffCall(tenantId, call);
    if (applied.managerId) io.to(userRoom(applied.managerId)).emit("call:updated", call);
    if (applied.previousManagerId && applied.previousManagerId !== applied.managerId) {
      // The manager it left still has it on their board: tell them it moved on.
      io.to(userRoom(applied.previousManagerId)).emit("call:updated", call);
    }
    if (applied.isRingingNow && applied.managerId)
      io.to(userRoom(applied.managerId)).emit("call:ringing", { call });
    const affected = [applied.managerId, applied.previousManagerId].filter(
      (id): id is string => id !== null,
    );
    // Not awaited: the PBX's acknowledgement must not wait for the managers panel.
    if (affected.length > 0) void queueManagers(tenantId, affected);
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
const staffBatches = new Map<string, Map<string, LiveCall>>();

function queueStaffCall(tenantId: string, call: LiveCall): void {
  const batch = staffBatches.get(tenantId);
  if (batch) {
    // Re-inserted so the frame lists calls in the order of their latest change.
    batch.delete(call.id);
    batch.set(call.id, call);
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

// Every event of a call changes its manager's status; under load the same managers are
// recomputed many times within milliseconds. Events of one tenant inside this window share one
// recomputation (a handful of queries) and one managers:updated frame with the latest states.
// The panel goes to every signed-in browser of the tenant, so frames, not queries, are the cost:
// at 100 events/s and 200 browsers, one frame per manager was 20,000 socket writes a second.
export const MANAGER_COALESCE_MS = 150;
const pendingManagers = new Map<string, { ids: Set<string>; done: Promise<void> }>();

/** Publishes these managers' statuses once the window closes; resolves when they are out. */
export function queueManagers(tenantId: string, managerIds: string[]): Promise<void> {
  const pending = pendingManagers.get(tenantId);
  if (pending) {
    for (const id of managerIds) pending.ids.add(id);
    return pending.done;
  }
  const ids = new Set(managerIds);
  const done = new Promise<void>((resolve) => {
    setTimeout(() => {
      pendingManagers.delete(tenantId);
      void publishManagers(tenantId, [...ids])
        .catch((error: unknown) =>
          log.warn("could not publish manager statuses", { tenantId, error }),
        )
        .finally(resolve);
    }, MANAGER_COALESCE_MS).unref();
  });
  pendingManagers.set(tenantId, { ids, done });
  return done;
}

export async function publishManagers(tenantId: string, managerIds: string[]): Promise<void> {
  const realtime = getRealtime();
  if (!realtime) return;
  const statuses = await getManagerStatuses(tenantId, managerIds);
  if (statuses.length > 0) realtime.io.to(tenantRoom(tenantId)).emit("managers:updated", statuses);
}
