import { log } from "../logger";
import { getRealtime, staffRoom, tenantRoom, userRoom } from "../realtime/io";
import type { AppliedCall } from "./ingest";
import { loadLiveCalls } from "./live";
import { getManagerStatuses } from "./managers";

/** After commit only: what browsers see must already be in the database. */
export async function publishCall(tenantId: string, applied: AppliedCall): Promise<void> {
  const realtime = getRealtime();
  if (!realtime) return;
  try {
    const [call] = await loadLiveCalls(tenantId, { id: applied.callId });
    if (!call) return;
    const io = realtime.io;
    const rooms = [
      staffRoom(tenantId),
      ...(applied.managerId ? [userRoom(applied.managerId)] : []),
    ];
    io.to(rooms).emit("call:updated", call);
    if (applied.previousManagerId && applied.previousManagerId !== applied.managerId) {
      // The manager it left still has it on their board: tell them it moved on.
      io.to(userRoom(applied.previousManagerId)).emit("call:updated", call);
    }
    if (applied.isRingingNow && applied.managerId)
      io.to(userRoom(applied.managerId)).emit("call:ringing", { call });
    const affected = [applied.managerId, applied.previousManagerId].filter(
      (id): id is string => id !== null,
    );
    if (affected.length > 0) await publishManagers(tenantId, [...new Set(affected)]);
  } catch (error) {
    // Realtime is a hint; the board resyncs on reconnect. Never fail the ingest for it.
    log.warn("could not publish a call update", { tenantId, error });
  }
}

export async function publishManagers(tenantId: string, managerIds: string[]): Promise<void> {
  const realtime = getRealtime();
  if (!realtime) return;
  const statuses = await getManagerStatuses(tenantId, managerIds);
  for (const status of statuses)
    realtime.io.to(tenantRoom(tenantId)).emit("manager:updated", status);
}
