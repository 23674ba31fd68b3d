// What the fold wrote, to browsers and the rest of the process, after its commit only: the
// call (publish.ts), its callback task, the managers panel, and a client card made for the caller.
// Also calls pushed again from the database when something changed them without a fold.
import { getPool } from "@/server/db";
import { log } from "@/server/logger";
import { publishTaskChange } from "@/server/tasks/publish";
import { invalidateClients } from "@/server/routing/snapshot";
import type { FoldResult } from "@/server/calls/fold-batch";
import { LIVE_CALL_COLUMNS, liveCallFromSql, type LiveCallSqlRow } from "@/server/calls/live-call";
import { notePanelChange } from "@/server/calls/manager-panel";
import { publishCall } from "@/server/calls/publish";

export function publishFolded(tenantId: string, result: FoldResult): void {
  const written = result.written;
  if (!written) return;
  if (written.createdClientId) invalidateClients(tenantId, [written.createdClientId]);
  if (written.task) publishTaskChange(tenantId, written.task);
  notePanelChange(tenantId, written.previous, written.row);
  void publishCall(tenantId, {
    callId: written.row.id,
    managerId: written.row.managerId,
    previousManagerId: written.previous?.managerId ?? null,
    isRingingNow: written.isRingingNow,
    live: written.live,
    eventIds: written.eventIds,
  });
}

/** Pushes calls again from the database (callRowId → tenant): a routing decision stored. */
export async function publishCallsAgain(pending: Array<[string, string]>): Promise<void> {
  try {
    const rows = await getPool().query<LiveCallSqlRow & { tenantId: string }>(
      `SELECT ${LIVE_CALL_COLUMNS}, c.tenant_id AS "tenantId" FROM calls c WHERE c.id = ANY($1::uuid[])`,
      [pending.map(([id]) => id)],
    );
    const tenantOf = new Map(pending);
    for (const { tenantId, ...row } of rows.rows) {
      if (tenantOf.get(row.id) !== tenantId) continue;
      void publishCall(tenantId, {
        callId: row.id,
        managerId: null,
        previousManagerId: null,
        isRingingNow: false,
        live: liveCallFromSql(row),
      });
    }
  } catch (error) {
    // Realtime is a hint; the board resyncs on reconnect.
    log.warn("live path: could not push calls again", { error });
  }
}
