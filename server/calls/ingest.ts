// Storing a PBX notification and applying it to its call: the hot path of every PBX event, in
// plain SQL inside one transaction (see server/db/sql.ts for why not Prisma here).
import { autoCreateClientForCaller } from "../clients/auto-create";
import { inTransaction, queryOne, type SqlTx } from "../db/sql";
import { parseNotification } from "../mtt/notifications";
import type { MttNotification } from "../mtt/types";
import { classifyCall } from "../tasks/rules";
import { syncTasksForCall, type TaskChange } from "../tasks/sync";
import { foldCallEvents, type CallNotification } from "./fold";

export function isCallNotification(n: { type: string }): n is CallNotification {
  return n.type !== "settingsChanged";
}

function parseStored(payload: string): CallNotification | null {
  const parsed = parseNotification(payload);
  return parsed.ok && "notification" in parsed && isCallNotification(parsed.notification)
    ? parsed.notification
    : null;
}

export type AppliedCall = {
  callId: string;
  managerId: string | null;
  previousManagerId: string | null;
  isRingingNow: boolean;
  /** The callback task this event created, touched or closed, for the after-commit push. */
  task?: TaskChange | null;
};

/**
 * One transaction: the inbox row (unique by notification id, so a redelivery is a no-op) and the
 * call it changes. The caller acknowledges and publishes only after this commits.
 */
export function storeNotification(
  tenantId: string,
  notification: MttNotification,
  payloadJson: string,
): Promise<"duplicate" | "stored" | AppliedCall> {
  return inTransaction(async (sql) => {
    const inserted = await sql.query(
      `INSERT INTO call_events (id, tenant_id, notification_id, type, occurred_at, payload)
       VALUES (gen_random_uuid(), $1::uuid, $2, $3, $4, $5::jsonb)
       ON CONFLICT (tenant_id, notification_id) DO NOTHING
       RETURNING id`,
      [tenantId, notification.id, notification.type, notification.occurredAt, payloadJson],
    );
    if (inserted.rowCount === 0) return "duplicate";
    if (!isCallNotification(notification)) return "stored";
    return applyCallNotification(sql, tenantId, notification);
  });
}

type Lookups = {
  workplace_id: string | null;
  manager_id: string | null;
  client_id: string | null;
  auto_create: boolean;
};

/**
 * Applies one stored notification to its call, inside the notification's transaction. The call
 * is re-folded from all of its events, so order and duplicates do not matter; the row lock
 * taken by the upsert serialises concurrent events of the same call.
 */
export async function applyCallNotification(
  sql: SqlTx,
  tenantId: string,
  notification: CallNotification,
): Promise<AppliedCall> {
  const row = await queryOne<{ id: string; manager_id: string | null }>(
    sql,
    `WITH c AS (
       INSERT INTO calls (id, tenant_id, external_id, direction, from_number, to_number, state, started_at, last_event_at, updated_at)
       VALUES (gen_random_uuid(), $1::uuid, $2, 'IN', '', '', 'RINGING', $3, $3, now())
       ON CONFLICT (tenant_id, external_id) DO UPDATE SET updated_at = now()
       RETURNING id, manager_id
     ), linked AS (
       UPDATE call_events SET call_id = (SELECT id FROM c), processed_at = now()
       WHERE tenant_id = $1::uuid AND notification_id = $4
     )
     SELECT id, manager_id FROM c`,
    [tenantId, notification.data.callId, notification.occurredAt, notification.id],
  );
  if (!row) throw new Error("call upsert returned nothing");
  const stored = await sql.query<{ payload: string }>(
    `SELECT payload::text AS payload FROM call_events WHERE call_id = $1::uuid`,
    [row.id],
  );
  const events = stored.rows
    .map((e) => parseStored(e.payload))
    .filter((e): e is CallNotification => e !== null);
  const folded = foldCallEvents(events.length > 0 ? events : [notification]);

  const otherParty = folded.direction === "OUT" ? folded.to : folded.from;
  const found = await queryOne<Lookups>(
    sql,
    `SELECT w.id AS workplace_id, u.id AS manager_id,
       (SELECT p.client_id FROM client_phones p WHERE p.tenant_id = $1::uuid AND p.e164 = $3) AS client_id,
       (SELECT t.settings -> 'autoCreateClients' = 'true'::jsonb FROM tenants t WHERE t.id = $1::uuid) IS TRUE AS auto_create
     FROM (SELECT 1) one
     LEFT JOIN workplaces w ON w.tenant_id = $1::uuid AND w.external_id = $2
     LEFT JOIN users u ON u.workplace_id = w.id`,
    [tenantId, folded.workplaceExternalId ?? "", otherParty ?? ""],
  );
  // Off by default: unknown callers stay unknown unless the tenant turned auto-create on.
  const clientId =
    found?.client_id ??
    (found?.auto_create && folded.direction === "IN" && otherParty
      ? await autoCreateClientForCaller(sql, tenantId, otherParty)
      : null);
  const managerId = found?.manager_id ?? null;
  const direction = folded.direction ?? "IN";
  await sql.query(
    `UPDATE calls SET
       direction = $2::"CallDirection", from_number = $3, to_number = $4, state = $5::"CallState",
       result = $6::"CallResult", started_at = $7, park_expires_at = $8, ringing_at = $9,
       answered_at = $10, ended_at = $11, duration_sec = $12, talk_sec = $13,
       is_click_to_call = $14, has_recording = $15, last_event_at = $16,
       workplace_id = $17::uuid, manager_id = $18::uuid, client_id = $19::uuid, updated_at = now()
     WHERE id = $1::uuid`,
    [
      row.id,
      direction,
      folded.from ?? "",
      folded.to ?? "",
      folded.state,
      folded.result,
      folded.startedAt,
      folded.parkExpiresAt,
      folded.ringingAt,
      folded.answeredAt,
      folded.endedAt,
      folded.durationSec,
      folded.talkSec,
      folded.isClickToCall,
      folded.hasRecording,
      folded.lastEventAt,
      found?.workplace_id ?? null,
      managerId,
      clientId,
    ],
  );
  // Follow-up tasks: missed calls open one, an answered callback closes it. A call still in
  // progress says nothing about callbacks, so most events skip this entirely.
  const meaning = classifyCall({
    direction,
    state: folded.state,
    result: folded.result,
    answeredAt: folded.answeredAt,
    isClickToCall: folded.isClickToCall,
    fromNumber: folded.from ?? "",
    toNumber: folded.to ?? "",
  });
  const task = meaning ? await syncTasksForCall(sql, tenantId, row.id) : null;
  const isRingingNow =
    folded.state === "RINGING" &&
    (notification.type === "callDelivered" || notification.type === "callRedirected");
  return { callId: row.id, managerId, previousManagerId: row.manager_id, isRingingNow, task };
}
