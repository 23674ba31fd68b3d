import { CLOSED_ID_PREFIX, type CallNotification } from "@/server/calls/fold";
import { acceptNotification, whenCallFolded } from "@/server/calls/live-path";
import { getDb, getPool } from "@/server/db";
import { enqueueJob } from "@/server/jobs/queue";
import { recurringKey } from "@/server/jobs/schedule";
import type { JobHandler } from "@/server/jobs/worker";
import { log } from "@/server/logger";
import { MttApiError } from "@/server/mtt/api-error";
import type { MttClient } from "@/server/mtt/rpc-client";
import type { PbxCallRecord } from "@/server/mtt/types";
import { distrustCallsBefore } from "@/server/routing/snapshot";
import { getMttClient } from "@/server/integrations/mtt-client";
import { fillFromHistory, missingFromHistory } from "@/server/integrations/reconcile";
import { toStoredPayload } from "@/server/integrations/reconcile-events";

// No call stays live forever (docs/stale-calls.md). A call Pult holds as in progress that has
// been silent for longer than its state allows, and at start every call from before the start,
// is checked with the PBX: still up (getActiveCalls) → left alone; in the call history →
// completed from it; unknown to the PBX → closed with a made-up end, flagged "end not reported".

export const LIVE_CHECK_QUEUE = "calls.live-check";
export const LIVE_CHECK_EVERY_MS = 60_000;

export type LiveCheckLimits = {
  /** Parked or ringing with no event for this long: the PBX's park and ring timeouts are long past. */
  silentRingingMs: number;
  /** Talking or on hold with no event for this long (PULT_MAX_TALK_SEC). */
  silentTalkMs: number;
  /** Calls checked per company and run; the rest wait for the next minute. */
  maxCallsPerRun: number;
  /** History pages read per run at most. */
  maxHistoryPages: number;
};

export const DEFAULT_LIVE_CHECK_LIMITS: LiveCheckLimits = {
  silentRingingMs: 2 * 60_000,
  silentTalkMs: 4 * 3600_000,
  maxCallsPerRun: 500,
  maxHistoryPages: 200,
};

let limits = DEFAULT_LIVE_CHECK_LIMITS;
// Companies whose calls from before this process started have not been checked with the PBX yet.
let startCheck: { before: Date; pending: Set<string> | "all" } | null = null;

export function configureLiveCheck(partial: Partial<LiveCheckLimits>): void {
  limits = { ...DEFAULT_LIVE_CHECK_LIMITS, ...partial };
}

export type LiveCheckResult = {
  /** Calls Pult holds as in progress that were asked about. */
  checked: number;
  /** The PBX still has them. */
  alive: number;
  /** Completed from the PBX's call history (the real end). */
  completed: number;
  /** Unknown to the PBX: closed by Pult, end not reported. */
  closed: number;
  /** Null when the PBX could not be asked (the calls past their limits were closed anyway). */
  pbxError: string | null;
};

type HeldCall = {
  id: string;
  externalId: string;
  state: string;
  startedAt: Date;
  answeredAt: Date | null;
  lastEventAt: Date;
  hasStart: boolean;
  isOverdue: boolean;
};

async function heldCalls(
  tenantId: string,
  now: Date | null,
  startedBefore: Date | null,
): Promise<HeldCall[]> {
  const { rows } = await getPool().query<HeldCall>(
    `WITH clock AS (SELECT COALESCE($2::timestamptz, now()) AS now)
     SELECT c.id::text, c.external_id AS "externalId", c.state::text, c.started_at AS "startedAt",
            c.answered_at AS "answeredAt", c.last_event_at AS "lastEventAt",
            EXISTS (SELECT 1 FROM call_events e
                    WHERE e.call_id = c.id AND e.type = 'callStarted') AS "hasStart",
            c.last_event_at < clock.now - make_interval(secs =>
              CASE WHEN c.state IN ('PARKED', 'RINGING') THEN $3::float8 ELSE $4::float8 END
            ) AS "isOverdue"
     FROM calls c, clock
     WHERE c.tenant_id = $1::uuid AND c.state <> 'ENDED'
       AND (c.last_event_at < $5::timestamptz
            OR c.last_event_at < clock.now - make_interval(secs =>
              CASE WHEN c.state IN ('PARKED', 'RINGING') THEN $3::float8 ELSE $4::float8 END))
     ORDER BY c.last_event_at
     LIMIT $6`,
    [
      tenantId,
      now,
      limits.silentRingingMs / 1000,
      limits.silentTalkMs / 1000,
      startedBefore,
      limits.maxCallsPerRun,
    ],
  );
  return rows;
}

/** The PBX's calls in progress, or null when it has no such method (then history and limits decide). */
async function activeCallIds(client: MttClient): Promise<Set<string> | null> {
  try {
    return new Set((await client.getActiveCalls()).map((c) => c.callId));
  } catch (error) {
    if (error instanceof MttApiError && error.kind === "rpc" && error.mttCode === -32601)
      return null;
    throw error;
  }
}

/** History records of the given calls, read from the earliest one's start up to now. */
async function historyOf(
  client: MttClient,
  calls: HeldCall[],
  now: Date,
): Promise<Map<string, PbxCallRecord>> {
  const wanted = new Set(calls.map((c) => c.externalId));
  const found = new Map<string, PbxCallRecord>();
  const earliest = Math.min(...calls.map((c) => c.startedAt.getTime()));
  const from = new Date(earliest - 60_000);
  let cursor: string | undefined;
  for (let page = 0; page < limits.maxHistoryPages && found.size < wanted.size; page++) {
    const answer = await client.getCalls({ from, to: now, cursor });
    for (const record of answer.calls)
      if (wanted.has(record.callId)) found.set(record.callId, record);
    if (!answer.nextCursor || answer.calls.length === 0) break;
    cursor = answer.nextCursor;
  }
  return found;
}

/** The end Pult makes up: at the call's last event, no talk time (end_reported = false). */
export function closingEvent(
  call: Pick<HeldCall, "externalId" | "startedAt" | "answeredAt" | "lastEventAt">,
): CallNotification {
  return {
    id: `${CLOSED_ID_PREFIX}${call.externalId}`,
    type: "callEnded",
    occurredAt: call.lastEventAt,
    data: {
      callId: call.externalId,
      result: call.answeredAt ? "answered" : "missed",
      durationSec: Math.max(
        0,
        Math.round((call.lastEventAt.getTime() - call.startedAt.getTime()) / 1000),
      ),
      talkSec: 0,
      hasRecording: false,
    },
  };
}

async function closeCall(tenantId: string, call: HeldCall, reason: string): Promise<boolean> {
  const event = closingEvent(call);
  const accepted = await acceptNotification(
    tenantId,
    event,
    toStoredPayload(event),
    performance.now(),
  );
  if (accepted === "duplicate") return false;
  await whenCallFolded(tenantId, call.externalId);
  log.warn("call closed: the PBX never reported its end", {
    tenantId,
    callId: call.externalId,
    state: call.state,
    lastEventAt: call.lastEventAt.toISOString(),
    reason,
  });
  return true;
}

export type LiveCheckOptions = {
  /** Also every call whose last event is older than this (the start check). */
  startedBefore?: Date | null;
  /** Default: the database's clock. */
  now?: Date;
  client?: MttClient;
};

/** One company's check. Throws only when the database fails; a PBX failure is in the result. */
export async function checkLiveCalls(
  tenantId: string,
  opts: LiveCheckOptions = {},
): Promise<LiveCheckResult> {
  const result: LiveCheckResult = { checked: 0, alive: 0, completed: 0, closed: 0, pbxError: null };
  const held = await heldCalls(tenantId, opts.now ?? null, opts.startedBefore ?? null);
  if (held.length === 0) return result;
  result.checked = held.length;
  const now = opts.now ?? new Date();

  let active: Set<string> | null = null;
  let history = new Map<string, PbxCallRecord>();
  try {
    const client = opts.client ?? (await getMttClient(tenantId));
    active = await activeCallIds(client);
    // Without the list of active calls, only calls past their limits are suspects.
    const suspects = held.filter((c) => (active ? !active.has(c.externalId) : c.isOverdue));
    if (suspects.length > 0) history = await historyOf(client, suspects, now);
  } catch (error) {
    result.pbxError = error instanceof Error ? error.message : String(error);
    log.warn("live calls check: the PBX could not be asked", { tenantId, error: result.pbxError });
  }

  const closedIds: string[] = [];
  for (const call of held) {
    const record = history.get(call.externalId);
    if (record) {
      const events = missingFromHistory(record, { hasStart: call.hasStart, hasReportedEnd: false });
      if (await fillFromHistory(tenantId, { record, events })) result.completed++;
      continue;
    }
    const cannotTell = active === null || result.pbxError !== null;
    if (active?.has(call.externalId) || (!call.isOverdue && cannotTell)) {
      result.alive++;
      continue;
    }
    const reason = result.pbxError
      ? "silent past its limit; the PBX could not be asked"
      : active
        ? "the PBX has it neither in progress nor in its history"
        : "silent past its limit and not in the PBX's history";
    if (await closeCall(tenantId, call, reason)) closedIds.push(call.externalId);
  }
  result.closed = closedIds.length;
  if (result.closed > 0) {
    await getPool().query(
      `UPDATE feed_states SET closed_calls = closed_calls + $2, last_closed_at = now(),
         updated_at = now()
       WHERE tenant_id = $1::uuid`,
      [tenantId, result.closed],
    );
  }
  if (result.completed + result.closed > 0) log.info("live calls checked", { tenantId, ...result });
  return result;
}

/**
 * Every company with a PBX connected. The first successful run for a company after this
 * process started also checks every call from before the start, and only then does routing
 * count those calls' managers as busy.
 */
export async function checkAllLiveCalls(opts: Omit<LiveCheckOptions, "startedBefore"> = {}) {
  const tenants = await getDb().mttIntegration.findMany({
    where: { status: "CONNECTED" },
    select: { tenantId: true },
  });
  const failures: string[] = [];
  for (const { tenantId } of tenants) {
    const pending = startCheck?.pending;
    const isStart = pending === "all" || (pending?.has(tenantId) ?? false);
    try {
      const result = await checkLiveCalls(tenantId, {
        ...opts,
        startedBefore: isStart ? startCheck?.before : null,
      });
      if (isStart && result.pbxError === null) markStartChecked(tenantId, tenants);
      if (result.pbxError) failures.push(tenantId);
    } catch (error) {
      failures.push(tenantId);
      log.warn("live calls check failed", { tenantId, error });
    }
  }
  // Routing stops waiting after the first attempt: the start check is retried every minute until
  // the PBX answers, and meanwhile the calls it could not check count as busy again.
  distrustCallsBefore(null);
  return { tenants: tenants.length, failures };
}

function markStartChecked(tenantId: string, tenants: Array<{ tenantId: string }>): void {
  if (!startCheck) return;
  if (startCheck.pending === "all") startCheck.pending = new Set(tenants.map((t) => t.tenantId));
  startCheck.pending.delete(tenantId);
}

/** At start: calls held from before `before` are checked with the PBX on the next run. */
export function beginStartCheck(before: Date): void {
  startCheck = { before, pending: "all" };
  distrustCallsBefore(before);
}

export const liveCallsCheckJob: JobHandler = async () => {
  await checkAllLiveCalls();
};

/** Queues a run now (after a PBX connection); collapses with a queued one. */
export async function enqueueLiveCheck(): Promise<void> {
  await enqueueJob({
    queue: LIVE_CHECK_QUEUE,
    uniqueKey: recurringKey(LIVE_CHECK_QUEUE),
    maxAttempts: 1,
  });
}
