// One batch of the fold (server/calls/live-path.ts): the calls of many lanes folded in memory and
// written in one transaction: BEGIN, one statement for every call row and the events' processed
// marks, then only the real work a change brings (a callback task when a call's meaning for
// tasks changed, a client card for an unknown caller, a recording's download), COMMIT.
import { autoCreateClientForCaller } from "@/server/calls/auto-create-client";
import { getPool } from "@/server/db";
import { Closing, inTransaction, queryOne, type SqlTx, type Statement } from "@/server/db/sql";
import { log } from "@/server/logger";
import { parseNotification } from "@/server/mtt/notifications";
import { downloadJobsOf, recordingsReadyStatement } from "@/server/recordings/pipeline";
import { enqueueJobsStatement } from "@/server/jobs/queue";
import { getFoldLookups, type FoldLookups } from "@/server/routing/snapshot";
import {
  dueForTasks,
  planTaskSync,
  taskSyncReads,
  type TaskCallRow,
  type TaskChange,
  type TaskSyncReads,
} from "@/server/tasks/sync";
import { classifyCall } from "@/server/tasks/rules";
import { webhookJobsStatement } from "@/server/webhooks/fold-hook";
import {
  foldCallEvents,
  isCallNotification,
  type CallNotification,
  type FoldedCall,
} from "@/server/calls/fold";
import {
  callKey,
  loadCallsForFold,
  markProcessedStatement,
  readWritten,
  writeFoldsStatement,
  type CallRowState,
  type FoldWrite,
  type WrittenCall,
} from "@/server/calls/fold-write";
import type { Lane } from "@/server/calls/lanes";
import {
  LIVE_CALL_COLUMNS,
  liveCallFromSql,
  type LiveCall,
  type LiveCallSqlRow,
} from "@/server/calls/live-call";

export type FoldResult = {
  lane: Lane;
  /** The rows this batch folded in (marked processed when written). */
  taken: Map<string, string>;
  /** Its rows could not be read: marked processed, nothing written. */
  isDropped: boolean;
  /** Null: another instance wrote the call meanwhile; the lane loads it and folds again. */
  written: {
    row: CallRowState;
    previous: CallRowState | null;
    live: LiveCall;
    /** Notification ids this write folded in for the first time: the push carries them. */
    eventIds: string[];
    isRingingNow: boolean;
    task: TaskChange | null;
    createdClientId: string | null;
  } | null;
};

export type BatchOutcome = { results: FoldResult[]; hasQueuedJobs: boolean };

/** Events of other events' calls found in the database: stored, folded by someone else maybe. */
function adoptStored(lane: Lane, rowId: string, payload: string, isProcessed: boolean): void {
  const parsed = parseNotification(payload);
  if (!parsed.ok || !("notification" in parsed) || !isCallNotification(parsed.notification)) {
    // Nothing can fold it; mark it with the others so it is not found again after a restart.
    if (!isProcessed) lane.unfolded.set(rowId, "");
    return;
  }
  lane.events.set(parsed.notification.id, parsed.notification);
  if (!isProcessed && !lane.unfolded.has(rowId)) lane.unfolded.set(rowId, parsed.notification.id);
}

/** Lanes that may not hold all their call's events: read the row and every stored event. */
async function loadLanes(lanes: Lane[]): Promise<void> {
  const pending = lanes.filter((lane) => lane.needsLoad);
  if (pending.length === 0) return;
  const loaded = await loadCallsForFold(getPool(), pending);
  for (const lane of pending) {
    const found = loaded.get(lane.key);
    if (!found) continue;
    for (const e of found.events) adoptStored(lane, e.rowId, e.payload, e.isProcessed);
    lane.row = found.row;
    lane.version = found.row?.version ?? 0;
    lane.needsLoad = false;
  }
}

// What a call means for callback tasks, including whether a click-to-call reached the employee:
// the task sync runs only when this changes (a call in progress means nothing).
function taskMeaning(
  call: Pick<
    CallRowState,
    "direction" | "state" | "result" | "answeredAt" | "isClickToCall" | "fromNumber" | "toNumber"
  > | null,
  hasEmployeeAnswered: boolean,
): string | null {
  if (!call) return null;
  const meaning = classifyCall(call);
  if (!meaning) return null;
  return `${meaning.kind}:${meaning.phone}:${meaning.kind === "attempt" && hasEmployeeAnswered}`;
}

type Planned = {
  lane: Lane;
  taken: Map<string, string>;
  folded: FoldedCall;
  write: FoldWrite;
  hasEmployeeAnswered: boolean;
  hadEmployeeAnswered: boolean;
  newEvents: CallNotification[];
};

function plan(lane: Lane, lookups: FoldLookups): Planned | null {
  const events = [...lane.events.values()];
  if (events.length === 0) return null;
  const folded = foldCallEvents(events);
  const direction = folded.direction ?? "IN";
  const otherParty = direction === "OUT" ? folded.to : folded.from;
  const workplace = folded.workplaceExternalId
    ? lookups.workplace(folded.workplaceExternalId)
    : undefined;
  const taken = new Map(lane.unfolded);
  const newIds = new Set(taken.values());
  return {
    lane,
    taken,
    folded,
    hasEmployeeAnswered: events.some((e) => e.type === "callAnswered"),
    hadEmployeeAnswered: events.some((e) => e.type === "callAnswered" && !newIds.has(e.id)),
    newEvents: events.filter((e) => newIds.has(e.id)),
    write: {
      tenantId: lane.tenantId,
      externalId: lane.externalId,
      expectedVersion: lane.version,
      call: folded,
      workplaceId: workplace?.id ?? null,
      managerId: workplace?.userId ?? null,
      clientId: (otherParty && lookups.findClient(otherParty)?.clientId) || null,
      eventRowIds: [...taken.keys()],
    },
  };
}

const E164 = /^\+[1-9]\d{7,14}$/;

async function createClientFor(
  sql: SqlTx,
  tenantId: string,
  w: WrittenCall,
): Promise<string | null> {
  const { row } = w;
  const phone = row.direction === "OUT" ? row.toNumber : row.fromNumber;
  if (!w.isAutoCreate || row.clientId !== null || row.direction !== "IN" || !E164.test(phone))
    return null;
  const created = await autoCreateClientForCaller(sql, tenantId, phone);
  if (!created) return null;
  const live = await queryOne<LiveCallSqlRow>(
    sql,
    `UPDATE calls c SET client_id = $2::uuid WHERE c.id = $1::uuid RETURNING ${LIVE_CALL_COLUMNS}`,
    [row.id, created],
  );
  if (live) w.live = live;
  row.clientId = created;
  return created;
}

/** The call row a lane's write will leave, as the task rules read it (id "" if not written yet). */
function expectedTaskRow(p: Planned): TaskCallRow {
  const { folded } = p;
  return {
    id: p.lane.row?.id ?? "",
    direction: folded.direction ?? "IN",
    state: folded.state,
    result: folded.result,
    started_at: folded.startedAt,
    ended_at: folded.endedAt,
    answered_at: folded.answeredAt,
    is_click_to_call: folded.isClickToCall,
    from_number: folded.from ?? "",
    to_number: folded.to ?? "",
    client_id: p.write.clientId,
  };
}

/**
 * Folds and writes one batch of lanes in two round trips: BEGIN with the calls' write, the new
 * recordings, the task sync's locks and reads; then the task writes and download jobs with
 * COMMIT (a rare client card in between). Throws when the transaction fails: nothing was written.
 */
export async function foldBatch(lanes: Lane[]): Promise<BatchOutcome> {
  await loadLanes(lanes);
  const lookups = new Map<string, FoldLookups>();
  for (const tenantId of new Set(lanes.map((l) => l.tenantId)))
    lookups.set(tenantId, await getFoldLookups(tenantId));
  const planned: Planned[] = [];
  // A lane with no readable event (only rows that no longer parse): its rows are marked
  // processed with the batch, so they are not picked up again after a restart.
  const dropped: FoldResult[] = [];
  for (const lane of lanes) {
    const lookup = lookups.get(lane.tenantId);
    const p = lookup ? plan(lane, lookup) : null;
    if (p) planned.push(p);
    else dropped.push({ lane, taken: new Map(lane.unfolded), written: null, isDropped: true });
  }
  if (dropped.length > 0)
    log.warn("fold: stored events that no longer parse, marked processed", {
      rows: dropped.reduce((n, d) => n + d.taken.size, 0),
    });
  // One order for every writer: two instances' batches lock shared rows in the same order.
  planned.sort((a, b) => (a.lane.key < b.lane.key ? -1 : a.lane.key > b.lane.key ? 1 : 0));
  // Only a change of what a call means for callbacks is work for the task sync.
  const syncs = planned.flatMap((p) => {
    const expected = expectedTaskRow(p);
    const before = taskMeaning(p.lane.row, p.hadEmployeeAnswered);
    const after = taskMeaning(
      {
        direction: expected.direction,
        state: expected.state,
        result: expected.result,
        answeredAt: expected.answered_at,
        isClickToCall: expected.is_click_to_call,
        fromNumber: expected.from_number,
        toNumber: expected.to_number,
      },
      p.hasEmployeeAnswered,
    );
    return after !== null && after !== before
      ? [
          {
            p,
            item: {
              tenantId: p.lane.tenantId,
              call: expected,
              hasEmployeeAnswered: p.hasEmployeeAnswered,
            },
          },
        ]
      : [];
  });
  const due = dueForTasks(syncs.map((s) => s.item));
  const ready = planned.flatMap((p) =>
    p.newEvents.flatMap((e) =>
      e.type === "recordingReady" ? [{ tenantId: p.lane.tenantId, notification: e }] : [],
    ),
  );
  const recordings = recordingsReadyStatement(ready);
  const droppedRows = dropped.flatMap((d) => [...d.taken.keys()]);
  const opening: Statement[] = [writeFoldsStatement(planned.map((p) => p.write))];
  const at = (statements: Statement[]) => {
    opening.push(...statements);
    return opening.length - 1;
  };
  if (droppedRows.length > 0) at([markProcessedStatement(droppedRows)]);
  const recordingsAt = recordings ? at([recordings]) : -1;
  const readsAt = due.length > 0 ? at(taskSyncReads(due)) : -1;
  const plannedOf = new Map(syncs.map((s) => [s.item.call, s.p]));
  let hasQueuedJobs = false;
  const outcome = await inTransaction(async (sql, opened) => {
    const writeResult = opened[0];
    const recordingResult = opened[recordingsAt];
    const readResult = opened[readsAt];
    const written = writeResult ? readWritten(writeResult) : new Map<string, WrittenCall>();
    const results: FoldResult[] = [...dropped];
    const done: Array<{ p: Planned; w: WrittenCall; createdClientId: string | null }> = [];
    for (const p of planned) {
      const w = written.get(callKey(p.lane.tenantId, p.lane.externalId));
      if (!w) {
        results.push({ lane: p.lane, taken: p.taken, written: null, isDropped: false });
        continue;
      }
      done.push({ p, w, createdClientId: await createClientFor(sql, p.lane.tenantId, w) });
    }
    // The task rows of written calls get their ids (and a client card made just now); calls
    // another instance wrote meanwhile are left for their lane's next try.
    const rowOf = new Map(done.map((d) => [d.p, d.w.row]));
    for (const d of due) {
      const p = plannedOf.get(d.call);
      const row = p ? rowOf.get(p) : undefined;
      d.call.id = row?.id ?? "";
      d.call.client_id = row?.clientId ?? d.call.client_id;
    }
    const tasks = readResult
      ? planTaskSync(due, readResult.rows[0] as TaskSyncReads)
      : { changes: new Map<string, TaskChange>(), statements: [] };
    const jobs = recordingResult
      ? downloadJobsOf(
          recordingResult.rows as Array<{ id: string; tenantId: string; status: string }>,
        )
      : [];
    hasQueuedJobs = jobs.length > 0;
    for (const { p, w, createdClientId } of done) {
      results.push({
        lane: p.lane,
        taken: p.taken,
        isDropped: false,
        written: {
          row: w.row,
          previous: p.lane.row,
          live: liveCallFromSql(w.live),
          eventIds: p.newEvents.map((e) => e.id),
          isRingingNow:
            w.row.state === "RINGING" &&
            p.newEvents.some((e) => e.type === "callDelivered" || e.type === "callRedirected"),
          task: tasks.changes.get(w.row.id) ?? null,
          createdClientId,
        },
      });
    }
    // Webhook events of what this batch wrote: queued with the COMMIT (server/webhooks).
    const webhooks = webhookJobsStatement(results);
    return new Closing(results, [
      ...tasks.statements,
      ...(jobs.length > 0 ? [enqueueJobsStatement(jobs)] : []),
      ...(webhooks ? [webhooks] : []),
    ]);
  }, opening);
  return { results: outcome, hasQueuedJobs };
}
