// The fold's statements (server/calls/live-path.ts): one batched write of many calls, the cold
// load of calls a lane does not hold, and the recovery scan. Plain SQL on the hot path (see
// server/db/sql.ts); table and column names as the migrations create them.
import type { SqlTx, Statement } from "@/server/db/sql";
import type { FoldedCall } from "@/server/calls/fold";
import { LIVE_CALL_COLUMNS, type LiveCallSqlRow } from "@/server/calls/live-call";

/** A call row as the fold last wrote it: what the next write compares with. */
export type CallRowState = {
  id: string;
  version: number;
  direction: "IN" | "OUT" | "INTERNAL";
  state: FoldedCall["state"];
  result: FoldedCall["result"];
  fromNumber: string;
  toNumber: string;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  talkSec: number | null;
  /** False when the PBX never reported the end (Pult closed the call). */
  isEndReported: boolean;
  isClickToCall: boolean;
  managerId: string | null;
  workplaceId: string | null;
  clientId: string | null;
};

export type FoldWrite = {
  tenantId: string;
  externalId: string;
  /** fold_version the lane folded from (0: no row known); the write bumps it by one. */
  expectedVersion: number;
  call: FoldedCall;
  workplaceId: string | null;
  managerId: string | null;
  clientId: string | null;
  /** call_events rows this write folds in for the first time: marked processed with it. */
  eventRowIds: string[];
};

export type WrittenCall = {
  row: CallRowState;
  live: LiveCallSqlRow;
  /** The tenant creates client cards for unknown callers (asked only when the call has none). */
  isAutoCreate: boolean;
};

export const callKey = (tenantId: string, externalId: string) => `${tenantId}\u0000${externalId}`;

// The version check is the WHERE of the upsert's UPDATE: a row another instance wrote since the
// lane read it is left alone (and not returned), and that lane loads the call and folds again.
// The events are marked in the same statement, joined to the rows actually written.
const WRITE_SQL = `WITH v AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[],
      $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[],
      $12::timestamptz[], $13::timestamptz[], $14::int[], $15::int[], $16::bool[], $17::bool[],
      $18::timestamptz[], $19::uuid[], $20::uuid[], $21::uuid[], $25::bool[])
    AS v(tenant_id, external_id, expected, direction, from_number, to_number, state, result,
      started_at, park_expires_at, ringing_at, answered_at, ended_at, duration_sec, talk_sec,
      is_click_to_call, has_recording, last_event_at, workplace_id, manager_id, client_id,
      end_reported)
  ), up AS (
    INSERT INTO calls AS c (id, tenant_id, external_id, direction, from_number, to_number, state,
      result, started_at, park_expires_at, ringing_at, answered_at, ended_at, duration_sec, talk_sec,
      is_click_to_call, has_recording, last_event_at, workplace_id, manager_id, client_id,
      end_reported, fold_version, updated_at)
    SELECT gen_random_uuid(), tenant_id, external_id, direction::"CallDirection", from_number,
      to_number, state::"CallState", result::"CallResult", started_at, park_expires_at, ringing_at,
      answered_at, ended_at, duration_sec, talk_sec, is_click_to_call, has_recording, last_event_at,
      workplace_id, manager_id, client_id, end_reported, expected + 1, now()
    FROM v
    ON CONFLICT (tenant_id, external_id) DO UPDATE SET
      direction = EXCLUDED.direction, from_number = EXCLUDED.from_number,
      to_number = EXCLUDED.to_number, state = EXCLUDED.state, result = EXCLUDED.result,
      started_at = EXCLUDED.started_at, park_expires_at = EXCLUDED.park_expires_at,
      ringing_at = EXCLUDED.ringing_at, answered_at = EXCLUDED.answered_at,
      ended_at = EXCLUDED.ended_at, duration_sec = EXCLUDED.duration_sec,
      talk_sec = EXCLUDED.talk_sec, is_click_to_call = EXCLUDED.is_click_to_call,
      has_recording = EXCLUDED.has_recording, last_event_at = EXCLUDED.last_event_at,
      workplace_id = EXCLUDED.workplace_id, manager_id = EXCLUDED.manager_id,
      client_id = EXCLUDED.client_id, end_reported = EXCLUDED.end_reported,
      fold_version = EXCLUDED.fold_version, updated_at = now()
    WHERE c.fold_version = EXCLUDED.fold_version - 1
    RETURNING c.id, c.tenant_id, c.external_id, c.direction, c.from_number, c.to_number, c.state,
      c.result, c.started_at, c.ringing_at, c.answered_at, c.ended_at, c.talk_sec,
      c.is_click_to_call, c.manager_id, c.workplace_id, c.client_id, c.fold_version, c.end_reported
  ), marked AS (
    UPDATE call_events e SET processed_at = clock_timestamp(), call_id = up.id
    FROM unnest($22::uuid[], $23::uuid[], $24::text[]) AS x(id, tenant_id, external_id)
    JOIN up ON up.tenant_id = x.tenant_id AND up.external_id = x.external_id
    WHERE e.id = x.id
  )
  SELECT ${LIVE_CALL_COLUMNS}, c.tenant_id AS "tenantId", c.fold_version AS "foldVersion",
    c.talk_sec AS "talkSec", c.workplace_id AS "workplaceId", c.client_id AS "clientId",
    c.end_reported AS "endReported",
    CASE WHEN c.client_id IS NULL AND c.direction = 'IN' THEN
      (SELECT t.settings -> 'autoCreateClients' = 'true'::jsonb FROM tenants t WHERE t.id = c.tenant_id)
    END IS TRUE AS "isAutoCreate"
  FROM up AS c`;

type WriteRow = LiveCallSqlRow & {
  tenantId: string;
  foldVersion: number;
  endReported: boolean;
  talkSec: number | null;
  workplaceId: string | null;
  clientId: string | null;
  isAutoCreate: boolean;
};

function toWritten(r: WriteRow): WrittenCall {
  const {
    tenantId: _t,
    foldVersion,
    endReported,
    talkSec,
    workplaceId,
    clientId,
    isAutoCreate,
    ...live
  } = r;
  return {
    live,
    isAutoCreate,
    row: {
      id: r.id,
      version: foldVersion,
      direction: r.direction,
      state: r.state,
      result: r.result,
      fromNumber: r.fromNumber,
      toNumber: r.toNumber,
      startedAt: r.startedAt,
      answeredAt: r.answeredAt,
      endedAt: r.endedAt,
      talkSec,
      isEndReported: endReported,
      isClickToCall: r.isClickToCall,
      managerId: r.managerId,
      workplaceId,
      clientId,
    },
  };
}

/**
 * Every call of a batch as one statement (sent with others: see fold-batch.ts). Its result goes to
 * readWritten: a call missing from it lost the version check (another instance wrote it).
 */
export function writeFoldsStatement(writes: FoldWrite[]): Statement {
  const col = <T>(pick: (w: FoldWrite) => T) => writes.map(pick);
  const events = writes.flatMap((w) =>
    w.eventRowIds.map((id) => ({ id, tenantId: w.tenantId, externalId: w.externalId })),
  );
  return {
    text: WRITE_SQL,
    values: [
      col((w) => w.tenantId),
      col((w) => w.externalId),
      col((w) => w.expectedVersion),
      col((w) => w.call.direction ?? "IN"),
      col((w) => w.call.from ?? ""),
      col((w) => w.call.to ?? ""),
      col((w) => w.call.state),
      col((w) => w.call.result),
      col((w) => w.call.startedAt),
      col((w) => w.call.parkExpiresAt),
      col((w) => w.call.ringingAt),
      col((w) => w.call.answeredAt),
      col((w) => w.call.endedAt),
      col((w) => w.call.durationSec),
      col((w) => w.call.talkSec),
      col((w) => w.call.isClickToCall),
      col((w) => w.call.hasRecording),
      col((w) => w.call.lastEventAt),
      col((w) => w.workplaceId),
      col((w) => w.managerId),
      col((w) => w.clientId),
      events.map((e) => e.id),
      events.map((e) => e.tenantId),
      events.map((e) => e.externalId),
      col((w) => w.call.isEndReported),
    ],
  };
}

/** The calls writeFoldsStatement wrote, by callKey. */
export function readWritten(result: { rows: unknown[] }): Map<string, WrittenCall> {
  const rows = result.rows as WriteRow[];
  return new Map(rows.map((r) => [callKey(r.tenantId, r.externalId), toWritten(r)]));
}

export type StoredCallEvent = { rowId: string; payload: string; isProcessed: boolean };
export type LoadedCall = { row: CallRowState | null; events: StoredCallEvent[] };

type LoadRow = {
  tenant_id: string;
  external_id: string;
  id: string | null;
  fold_version: number | null;
  direction: CallRowState["direction"] | null;
  state: CallRowState["state"] | null;
  result: CallRowState["result"];
  from_number: string | null;
  to_number: string | null;
  started_at: Date | null;
  answered_at: Date | null;
  ended_at: Date | null;
  talk_sec: number | null;
  end_reported: boolean | null;
  is_click_to_call: boolean | null;
  manager_id: string | null;
  workplace_id: string | null;
  client_id: string | null;
  event_ids: string[];
  payloads: string[];
  processed: boolean[];
};

// The call row and every stored event of the call, in one statement (one snapshot): the row's
// version then covers no event the lane does not get.
const LOAD_SQL = `SELECT x.tenant_id, x.external_id, c.id, c.fold_version, c.direction, c.state,
    c.result, c.from_number, c.to_number, c.started_at, c.answered_at, c.ended_at, c.talk_sec,
    c.end_reported, c.is_click_to_call, c.manager_id, c.workplace_id, c.client_id,
    coalesce(ev.ids, '{}') AS event_ids, coalesce(ev.payloads, '{}') AS payloads,
    coalesce(ev.processed, '{}') AS processed
  FROM unnest($1::uuid[], $2::text[]) AS x(tenant_id, external_id)
  LEFT JOIN calls c ON c.tenant_id = x.tenant_id AND c.external_id = x.external_id
  LEFT JOIN LATERAL (
    SELECT array_agg(e.id::text) AS ids, array_agg(e.payload::text) AS payloads,
      array_agg(e.processed_at IS NOT NULL) AS processed
    FROM call_events e WHERE e.tenant_id = x.tenant_id AND e.call_external_id = x.external_id
  ) ev ON true`;

/** The calls' rows (null: not written yet) and all their stored events, by callKey. */
export async function loadCallsForFold(
  sql: SqlTx,
  keys: Array<{ tenantId: string; externalId: string }>,
): Promise<Map<string, LoadedCall>> {
  const result = await sql.query<LoadRow>(LOAD_SQL, [
    keys.map((k) => k.tenantId),
    keys.map((k) => k.externalId),
  ]);
  const loaded = new Map<string, LoadedCall>();
  for (const r of result.rows) {
    const row: CallRowState | null =
      r.id === null
        ? null
        : {
            id: r.id,
            version: r.fold_version ?? 0,
            direction: r.direction ?? "IN",
            state: r.state ?? "RINGING",
            result: r.result,
            fromNumber: r.from_number ?? "",
            toNumber: r.to_number ?? "",
            startedAt: r.started_at ?? new Date(0),
            answeredAt: r.answered_at,
            endedAt: r.ended_at,
            talkSec: r.talk_sec,
            isEndReported: r.end_reported ?? true,
            isClickToCall: r.is_click_to_call ?? false,
            managerId: r.manager_id,
            workplaceId: r.workplace_id,
            clientId: r.client_id,
          };
    const events = r.event_ids.map((rowId, i) => ({
      rowId,
      payload: r.payloads[i] ?? "",
      isProcessed: r.processed[i] ?? false,
    }));
    loaded.set(callKey(r.tenant_id, r.external_id), { row, events });
  }
  return loaded;
}

export type UnprocessedEvent = {
  rowId: string;
  tenantId: string;
  externalId: string | null;
  type: string;
  payload: string;
};

/** Stored but never folded (a crash between the inbox commit and the fold), oldest first. */
export async function findUnprocessed(
  sql: SqlTx,
  opts: { olderThanMs: number; limit: number },
): Promise<UnprocessedEvent[]> {
  const result = await sql.query<UnprocessedEvent>(
    `SELECT id AS "rowId", tenant_id AS "tenantId", call_external_id AS "externalId", type,
       payload::text AS payload
     FROM call_events
     WHERE processed_at IS NULL AND received_at < clock_timestamp() - make_interval(secs => $1)
     ORDER BY received_at LIMIT $2`,
    [opts.olderThanMs / 1000, opts.limit],
  );
  return result.rows;
}

/** The same as one statement, for a caller that sends it with others. */
export function markProcessedStatement(rowIds: string[]): Statement {
  return {
    text: `UPDATE call_events SET processed_at = clock_timestamp() WHERE id = ANY($1::uuid[])`,
    values: [rowIds],
  };
}

/** Rows of events that are not call events or no longer parse: nothing will fold them. */
export async function markProcessed(sql: SqlTx, rowIds: string[]): Promise<void> {
  if (rowIds.length === 0) return;
  const { text, values } = markProcessedStatement(rowIds);
  await sql.query(text, [...(values ?? [])]);
}
