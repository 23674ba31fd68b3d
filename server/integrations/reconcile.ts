import type { CallNotification } from "@/server/calls/fold";
import { acceptNotification, whenCallFolded } from "@/server/calls/live-path";
import { getDb, getPool } from "@/server/db";
import { enqueueJob } from "@/server/jobs/queue";
import { recurringKey } from "@/server/jobs/schedule";
import type { JobHandler } from "@/server/jobs/worker";
import { log } from "@/server/logger";
import type { MttClient } from "@/server/mtt/rpc-client";
import type { PbxCallRecord } from "@/server/mtt/types";
import { getMttClient } from "@/server/integrations/mtt-client";
import { openMissingCallsGap } from "@/server/integrations/reconcile-feed";
import { eventsFromHistory, toStoredPayload } from "@/server/integrations/reconcile-events";

// Gap reconciliation: compares the PBX's call history (getCalls) with the calls Pult stored and
// fills in what the notifications never brought. One job for all companies, on start-up, every
// few minutes and whenever the feed watch finds a gap.

export const RECONCILE_QUEUE = "feed.reconcile";
export const RECONCILE_EVERY_MS = 5 * 60_000;

export type ReconcileOptions = {
  /** Default: the database's clock. */
  now?: Date;
  /**
   * Without a known gap, calls that ended this recently are left alone: their notifications may
   * still be on the way (the PBX's first retries), and Pult must not cry "gap" over them.
   */
  settleMs?: number;
  /** Re-read this much before the watermark: calls listed only once they ended. */
  overlapMs?: number;
  /** Never further back than this, however old the gap. */
  maxLookbackMs?: number;
  /** The window is read in slices this long; the watermark advances after each. */
  sliceMs?: number;
  client?: MttClient;
};

export type ReconcileResult = {
  from: Date;
  to: Date;
  listed: number;
  /** Calls Pult did not have at all. */
  filled: number;
  /** Calls Pult had but whose start or end never arrived. */
  completed: number;
};

const DEFAULTS = {
  settleMs: 3 * 60_000,
  overlapMs: 30 * 60_000,
  maxLookbackMs: 7 * 24 * 60 * 60_000,
  sliceMs: 6 * 60 * 60_000,
};
// A slice with more pages than this is not a history we can page through in one run.
const MAX_PAGES_PER_SLICE = 2000;

type Fill = { record: PbxCallRecord; events: CallNotification[]; isMissing: boolean };

/** What Pult holds of a call the history lists. */
export type HeldParts = { hasStart: boolean; hasReportedEnd: boolean };

/**
 * The history's events of a call Pult holds only part of: the start if it never arrived, the
 * answer and end unless the PBX's own end did (a call Pult closed itself still takes the real
 * end: it wins in the fold).
 */
export function missingFromHistory(record: PbxCallRecord, held: HeldParts): CallNotification[] {
  return eventsFromHistory(record).filter((e) =>
    e.type === "callStarted" ? !held.hasStart : !held.hasReportedEnd,
  );
}

/**
 * Stores the made-up events of one call through the live path, as if the PBX had sent them
 * (the fold writes and pushes the call, tasks follow), and marks the call reconciled once it is
 * written. Null when every event was stored before (an earlier run or another instance).
 */
export async function fillFromHistory(
  tenantId: string,
  fill: Pick<Fill, "record" | "events">,
): Promise<string | null> {
  let isNew = false;
  for (const event of fill.events) {
    const accepted = await acceptNotification(
      tenantId,
      event,
      toStoredPayload(event),
      performance.now(),
    );
    if (accepted === "stored") isNew = true;
  }
  if (!isNew) return null;
  const callRowId = await whenCallFolded(tenantId, fill.record.callId);
  if (!callRowId) throw new Error(`call ${fill.record.callId} could not be written`);
  await getPool().query(`UPDATE calls SET reconciled_at = now() WHERE id = $1::uuid`, [callRowId]);
  return callRowId;
}

async function reconcilePage(
  tenantId: string,
  calls: PbxCallRecord[],
  run: { startedAt: Date; settledBefore: Date },
): Promise<{ filled: number; completed: number }> {
  const db = getDb();
  const known = await db.call.findMany({
    where: { tenantId, externalId: { in: calls.map((c) => c.callId) } },
    select: {
      externalId: true,
      state: true,
      endReported: true,
      events: { where: { type: "callStarted" }, select: { id: true }, take: 1 },
    },
  });
  const byId = new Map(known.map((c) => [c.externalId, c]));
  const fills: Fill[] = [];
  for (const record of calls) {
    const call = byId.get(record.callId);
    if (!call) {
      fills.push({ record, events: eventsFromHistory(record), isMissing: true });
      continue;
    }
    // Older than the PBX's first retries: what has not arrived by now is not coming soon.
    if (record.endedAt >= run.settledBefore) continue;
    const held = {
      hasStart: call.events.length > 0,
      hasReportedEnd: call.state === "ENDED" && call.endReported,
    };
    if (held.hasStart && held.hasReportedEnd) continue;
    // Only the parts Pult never received: a call without its start has no numbers.
    fills.push({ record, events: missingFromHistory(record, held), isMissing: false });
  }
  const missing = fills.filter((f) => f.isMissing);
  const earliest = missing.reduce<Date | null>(
    (min, f) => (min === null || f.record.startedAt < min ? f.record.startedAt : min),
    null,
  );
  if (earliest) {
    // Visible (banner) until this run finishes filling them in.
    await openMissingCallsGap(db, tenantId, earliest, run.startedAt);
  }
  let filled = 0;
  let completed = 0;
  for (const fill of fills) {
    const callRowId = await fillFromHistory(tenantId, fill);
    if (!callRowId) continue;
    if (fill.isMissing) filled++;
    else completed++;
  }
  return { filled, completed };
}

async function beginRun(tenantId: string, now: Date | undefined) {
  const rows = await getDb().$queryRaw<
    Array<{
      started_at: Date;
      reconciled_until: Date;
      gap_since: Date | null;
    }>
  >`
    UPDATE feed_states SET reconciling_since = now(), updated_at = now()
    WHERE tenant_id = ${tenantId}::uuid
    RETURNING reconciling_since AS started_at, reconciled_until, gap_since`;
  const row = rows[0];
  if (!row) return null;
  return {
    startedAt: row.started_at,
    now: now ?? row.started_at,
    reconciledUntil: row.reconciled_until,
    gapSince: row.gap_since,
  };
}

/**
 * One company: reads the PBX's history from a little before the watermark (or the gap, if
 * older) up to now, fills in what is missing, advances the watermark slice by slice, and closes
 * the gaps this run covered. Returns null when the feed was never stamped (not connected yet).
 */
export async function reconcileTenant(
  tenantId: string,
  opts: ReconcileOptions = {},
): Promise<ReconcileResult | null> {
  const o = { ...DEFAULTS, ...opts };
  const db = getDb();
  const run = await beginRun(tenantId, opts.now);
  if (!run) return null;
  const { now } = run;
  // With a known gap, read up to now: what the history has and Pult lacks was lost, not late.
  const to = new Date(now.getTime() - (run.gapSince ? 0 : o.settleMs));
  const start = Math.min(run.reconciledUntil.getTime(), run.gapSince?.getTime() ?? Infinity);
  const from = new Date(Math.max(start - o.overlapMs, now.getTime() - o.maxLookbackMs));
  const result: ReconcileResult = { from, to, listed: 0, filled: 0, completed: 0 };
  try {
    const client = opts.client ?? (await getMttClient(tenantId));
    for (let sliceFrom = from; sliceFrom < to;) {
      const sliceTo = new Date(Math.min(sliceFrom.getTime() + o.sliceMs, to.getTime()));
      let cursor: string | undefined;
      for (let page = 0; ; page++) {
        if (page >= MAX_PAGES_PER_SLICE) {
          throw new Error(`getCalls returned more than ${MAX_PAGES_PER_SLICE} pages`);
        }
        const answer = await client.getCalls({ from: sliceFrom, to: sliceTo, cursor });
        result.listed += answer.calls.length;
        const counts = await reconcilePage(tenantId, answer.calls, {
          startedAt: run.startedAt,
          settledBefore: to,
        });
        result.filled += counts.filled;
        result.completed += counts.completed;
        if (!answer.nextCursor || answer.calls.length === 0) break;
        cursor = answer.nextCursor;
      }
      await db.feedState.updateMany({
        where: { tenantId, reconciledUntil: { lt: sliceTo } },
        data: { reconciledUntil: sliceTo },
      });
      sliceFrom = sliceTo;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.feedState.updateMany({
      where: { tenantId },
      data: { reconcilingSince: null, lastError: message.slice(0, 500), lastErrorAt: new Date() },
    });
    throw error;
  }
  const changed = result.filled + result.completed;
  // A gap that opened after this run started (e.g. Pult lost its database meanwhile) stays open.
  await db.$executeRaw`
    UPDATE feed_states SET
      reconciling_since = NULL,
      last_reconciled_at = now(),
      last_filled_calls = ${changed},
      filled_calls = filled_calls + ${changed},
      last_error = NULL,
      last_error_at = NULL,
      gap_reason = CASE WHEN gap_opened_at <= ${run.startedAt} THEN NULL ELSE gap_reason END,
      gap_since = CASE WHEN gap_opened_at <= ${run.startedAt} THEN NULL ELSE gap_since END,
      gap_opened_at = CASE WHEN gap_opened_at <= ${run.startedAt} THEN NULL ELSE gap_opened_at END,
      updated_at = now()
    WHERE tenant_id = ${tenantId}::uuid`;
  if (changed > 0 || run.gapSince)
    log.info("notification feed reconciled", { tenantId, ...result });
  return result;
}

// A gap may open while a run is under way; the run then goes once more (bounded).
const MAX_RUNS_PER_JOB = 3;

/** Every connected company; one failing company does not stop the others. */
export async function reconcileAllTenants(opts: ReconcileOptions = {}): Promise<void> {
  const db = getDb();
  const failures: string[] = [];
  for (let round = 0; round < MAX_RUNS_PER_JOB; round++) {
    const tenants = await db.feedState.findMany({
      where: {
        tenant: { mttIntegration: { status: "CONNECTED" } },
        // The first round takes everyone; later rounds only gaps that opened meanwhile.
        ...(round === 0 ? {} : { gapOpenedAt: { not: null } }),
      },
      select: { tenantId: true },
    });
    if (tenants.length === 0) break;
    for (const { tenantId } of tenants) {
      if (failures.includes(tenantId)) continue;
      await reconcileTenant(tenantId, opts).catch((error: unknown) => {
        failures.push(tenantId);
        log.warn("notification feed reconcile failed", { tenantId, error });
      });
    }
  }
  if (failures.length > 0) {
    throw new Error(`reconcile failed for ${failures.length} company(ies); see feed health`);
  }
}

export const reconcileJob: JobHandler = () => reconcileAllTenants();

/** Queues a run now; collapses with a queued one (same key as the recurring schedule). */
export async function enqueueReconcile(): Promise<void> {
  await enqueueJob({
    queue: RECONCILE_QUEUE,
    uniqueKey: recurringKey(RECONCILE_QUEUE),
    maxAttempts: 1,
  });
}
