// Storing a PBX notification and applying it to its call: the hot path of every PBX event, in
// plain SQL inside one transaction (see server/db/sql.ts for why not Prisma here).
import { autoCreateClientForCaller } from "../clients/auto-create";
import { inTransaction, literal, queryOne, type SqlTx } from "../db/sql";
import { parseNotification } from "../mtt/notifications";
import type { MttNotification } from "../mtt/types";
import { syncTasksForCall, type TaskChange } from "../tasks/sync";
import { foldCallEvents, type CallNotification } from "./fold";
import {
  LIVE_CALL_COLUMNS,
  liveCallFromSql,
  type LiveCall,
  type LiveCallSqlRow,
} from "./live-call";

export function isCallNotification(n: { type: string }): n is CallNotification {
  return n.type !== "settingsChanged";
}

// Every event of a call re-reads the call's earlier events, so under load the same stored
// payloads were parsed (JSON and schema) again and again. Stored payloads never change and the
// key is the text itself, so a hit is always right; bounded, oldest out first.
const PARSED_CACHE_SIZE = 20_000;
const parsedCache = new Map<string, CallNotification | null>();

function parseStored(payload: string): CallNotification | null {
  const cached = parsedCache.get(payload);
  if (cached !== undefined) return cached;
  const parsed = parseNotification(payload);
  const event =
    parsed.ok && "notification" in parsed && isCallNotification(parsed.notification)
      ? parsed.notification
      : null;
  if (parsedCache.size >= PARSED_CACHE_SIZE) {
    const oldest = parsedCache.keys().next();
    if (!oldest.done) parsedCache.delete(oldest.value);
  }
  parsedCache.set(payload, event);
  return event;
}

export type AppliedCall = {
  callId: string;
  managerId: string | null;
  previousManagerId: string | null;
  isRingingNow: boolean;
  /** The callback task this event created, touched or closed, for the after-commit push. */
  task?: TaskChange | null;
  /** The board's row as of this event, when the ingest already has it. */
  live?: LiveCall;
};

/**
 * One transaction: the inbox row (unique by notification id, so a redelivery is a no-op) and the
 * call it changes. The caller acknowledges and publishes only after this commits. A call event
 * costs three round trips: BEGIN with the call row (locked) and the inbox row + the call's
 * earlier events; one UPDATE that also looks up workplace, manager and client and returns the
 * board's row; COMMIT (plus the task sync when the call's end means something for callbacks).
 */
export function storeNotification(
  tenantId: string,
  notification: MttNotification,
  payloadJson: string,
): Promise<"duplicate" | "stored" | AppliedCall> {
  if (!isCallNotification(notification)) {
    return inTransaction(async (sql) => {
      const inserted = await sql.query(
        `INSERT INTO call_events (id, tenant_id, notification_id, type, occurred_at, payload)
         VALUES (gen_random_uuid(), $1::uuid, $2, $3, $4, $5::jsonb)
         ON CONFLICT (tenant_id, notification_id) DO NOTHING`,
        [tenantId, notification.id, notification.type, notification.occurredAt, payloadJson],
      );
      return inserted.rowCount === 0 ? "duplicate" : "stored";
    });
  }
  // With BEGIN, in one round trip: the call row first — its lock serialises concurrent events of
  // one call. Then, in a new statement — so its snapshot includes whatever an event that held the
  // lock before us committed — the inbox row pointing at the call and the call's earlier events
  // (this one is not in that snapshot: it is added as already parsed).
  const tenant = `${literal(tenantId)}::uuid`;
  const callId = literal(notification.data.callId);
  const at = `${literal(notification.occurredAt)}::timestamptz`;
  const opening = `${upsertCallSql(tenant, callId, at)};
    WITH call AS (SELECT id FROM calls WHERE tenant_id = ${tenant} AND external_id = ${callId}),
    ev AS (
      INSERT INTO call_events (id, tenant_id, notification_id, type, occurred_at, payload, call_id, processed_at)
      SELECT gen_random_uuid(), ${tenant}, ${literal(notification.id)}, ${literal(notification.type)},
        ${at}, ${literal(payloadJson)}::jsonb, call.id, now()
      FROM call
      ON CONFLICT (tenant_id, notification_id) DO NOTHING
      RETURNING id
    )
    SELECT (SELECT count(*) FROM ev)::int AS inserted,
      ARRAY(SELECT e.payload::text FROM call_events e WHERE e.call_id = (SELECT id FROM call)) AS earlier`;
  return inTransaction(async (sql, [upserted, stored]) => {
    const call = upserted?.rows[0] as CallRow | undefined;
    const row = stored?.rows[0] as { inserted: number; earlier: string[] } | undefined;
    if (!call) throw new Error("call upsert returned nothing");
    if (!row || row.inserted === 0) return "duplicate";
    const earlier = row.earlier.map((payload) => parseStored(payload));
    return foldIntoCall(sql, tenantId, notification, call, [...earlier, notification]);
  }, opening);
}

type CallRow = { id: string; manager_id: string | null };

/** The call's row, created empty on its first event; locked until the transaction ends. */
const upsertCallSql = (tenant: string, callId: string, at: string) =>
  `INSERT INTO calls (id, tenant_id, external_id, direction, from_number, to_number, state, started_at, last_event_at, updated_at)
   VALUES (gen_random_uuid(), ${tenant}, ${callId}, 'IN', '', '', 'RINGING', ${at}, ${at}, now())
   ON CONFLICT (tenant_id, external_id) DO UPDATE SET updated_at = now()
   RETURNING id, manager_id`;

async function upsertCall(
  sql: SqlTx,
  tenantId: string,
  notification: CallNotification,
): Promise<CallRow> {
  const row = await queryOne<CallRow>(sql, upsertCallSql("$1::uuid", "$2", "$3::timestamptz"), [
    tenantId,
    notification.data.callId,
    notification.occurredAt,
  ]);
  if (!row) throw new Error("call upsert returned nothing");
  return row;
}

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
  const row = await upsertCall(sql, tenantId, notification);
  await sql.query(
    `UPDATE call_events SET call_id = $3::uuid, processed_at = now()
     WHERE tenant_id = $1::uuid AND notification_id = $2`,
    [tenantId, notification.id, row.id],
  );
  const stored = await sql.query<{ payload: string }>(
    `SELECT payload::text AS payload FROM call_events WHERE call_id = $1::uuid`,
    [row.id],
  );
  return foldIntoCall(
    sql,
    tenantId,
    notification,
    row,
    stored.rows.map((e) => parseStored(e.payload)),
  );
}

type Updated = LiveCallSqlRow & { clientId: string | null; autoCreate: boolean };

async function foldIntoCall(
  sql: SqlTx,
  tenantId: string,
  notification: CallNotification,
  row: CallRow,
  parsed: Array<CallNotification | null>,
): Promise<AppliedCall> {
  const events = parsed.filter((e): e is CallNotification => e !== null);
  const folded = foldCallEvents(events.length > 0 ? events : [notification]);
  const otherParty = folded.direction === "OUT" ? folded.to : folded.from;
  const direction = folded.direction ?? "IN";
  // The lookups ride along in the UPDATE, and RETURNING gives the board's row for the push.
  const updated = await queryOne<Updated>(
    sql,
    `WITH found AS (
       SELECT w.id AS f_workplace_id, u.id AS f_manager_id,
         (SELECT p.client_id FROM client_phones p WHERE p.tenant_id = $17::uuid AND p.e164 = $19) AS f_client_id,
         (SELECT t.settings -> 'autoCreateClients' = 'true'::jsonb FROM tenants t WHERE t.id = $17::uuid) IS TRUE AS f_auto_create
       FROM (SELECT 1) one
       LEFT JOIN workplaces w ON w.tenant_id = $17::uuid AND w.external_id = $18
       LEFT JOIN users u ON u.workplace_id = w.id
     )
     UPDATE calls AS c SET
       direction = $2::"CallDirection", from_number = $3, to_number = $4, state = $5::"CallState",
       result = $6::"CallResult", started_at = $7, park_expires_at = $8, ringing_at = $9,
       answered_at = $10, ended_at = $11, duration_sec = $12, talk_sec = $13,
       is_click_to_call = $14, has_recording = $15, last_event_at = $16,
       workplace_id = found.f_workplace_id, manager_id = found.f_manager_id,
       client_id = found.f_client_id, updated_at = now()
     FROM found
     WHERE c.id = $1::uuid
     RETURNING ${LIVE_CALL_COLUMNS}, c.client_id AS "clientId", found.f_auto_create AS "autoCreate"`,
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
      tenantId,
      folded.workplaceExternalId ?? "",
      otherParty ?? "",
    ],
  );
  if (!updated) throw new Error("call update returned nothing");
  const { clientId: _clientId, autoCreate, ...liveRow } = updated;
  let live: LiveCall | undefined = liveCallFromSql(liveRow);
  let clientId = updated.clientId;
  // Off by default: unknown callers stay unknown unless the tenant turned auto-create on.
  if (updated.clientId === null && autoCreate && direction === "IN" && otherParty) {
    const created = await autoCreateClientForCaller(sql, tenantId, otherParty);
    if (created) {
      clientId = created;
      await sql.query(`UPDATE calls SET client_id = $2::uuid WHERE id = $1::uuid`, [
        row.id,
        created,
      ]);
      live = undefined; // the push reads the row again, with the new client's card
    }
  }
  const managerId = updated.managerId;
  // Follow-up tasks: missed calls open one, an answered callback closes it. A call still in
  // progress says nothing about callbacks: the sync returns before any query.
  const task = await syncTasksForCall(sql, tenantId, {
    id: row.id,
    direction,
    state: folded.state,
    result: folded.result,
    started_at: folded.startedAt,
    ended_at: folded.endedAt,
    answered_at: folded.answeredAt,
    is_click_to_call: folded.isClickToCall,
    from_number: folded.from ?? "",
    to_number: folded.to ?? "",
    client_id: clientId,
  });
  const isRingingNow =
    folded.state === "RINGING" &&
    (notification.type === "callDelivered" || notification.type === "callRedirected");
  return {
    callId: row.id,
    managerId,
    previousManagerId: row.manager_id,
    isRingingNow,
    task,
    live,
  };
}
