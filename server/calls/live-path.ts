// The live path, after the notification endpoint has checked key, signature and body:
//   1. the inbox stores the notification in a group commit and the PBX gets its 2xx
//      (server/calls/inbox.ts) — durable from here on;
//   2. a parked call's callStarted is routed at once (server/routing), ahead of everything;
//   3. the fold writes each call from its events kept in memory, many calls per transaction,
//      one writer per process so a call's writes and pushes stay in order (fold-batch.ts);
//   4. what the fold wrote is pushed to browsers (publish.ts).
// After a crash, rows the fold never processed are found at start and folded (recoverUnfolded).
// docs/live-path.md describes what is durable when.
import { getPool } from "@/server/db";
import { log } from "@/server/logger";
import { parseNotification } from "@/server/mtt/notifications";
import type { MttNotification } from "@/server/mtt/types";
import { enqueueStructureSync } from "@/server/integrations/sync-job";
import { wakeJobWorkers } from "@/server/jobs/queue";
import { invalidateCalls } from "@/server/routing/snapshot";
import { routeParkedCall } from "@/server/calls/route-parked-call";
import { foldBatch } from "@/server/calls/fold-batch";
import { isCallNotification, type CallNotification } from "@/server/calls/fold";
import { findUnprocessed, markProcessed } from "@/server/calls/fold-write";
import { createInbox, type Inbox, type InboxRow, type StoredRow } from "@/server/calls/inbox";
import { createLaneRegistry, type Lane, type LaneRegistry } from "@/server/calls/lanes";
import { notifyLivePathProgress, reportLiveBacklog } from "@/server/calls/live-pressure";
import { publishCallsAgain, publishFolded } from "@/server/calls/fold-publish";

const MAX_LANES_PER_BATCH = 256;
// Past these the server is behind: new notifications get 503 + Retry-After and the PBX resends
// them later, instead of every answer arriving after the PBX's 3 s.
const SHED_INBOX_ROWS = 4_000;
const SHED_FOLD_BACKLOG = 20_000;
// An unwritten lane retries after 250 ms, doubling to 10 s (a database outage, a poison call).
const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 10_000;
// Rows older than this still unprocessed belong to no running fold (a crashed instance).
const SWEEP_EVERY_MS = 30_000;
const SWEEP_BATCH = 1_000;
const DEFAULT_PARK_TIMEOUT_MS = 5_000;

type LiveRow = InboxRow & { notification: MttNotification; receivedAtMs: number };

type State = {
  inbox: Inbox<LiveRow>;
  lanes: LaneRegistry;
  isRunning: boolean;
  timer: NodeJS.Timeout | null;
  republish: Map<string, string>;
  settlers: Array<() => void>;
  sweeper: NodeJS.Timeout | null;
  limits: LivePathLimits;
};

export type LivePathLimits = {
  /** Rows waiting for the inbox past which notifications are shed. */
  maxInbox: number;
  /** Stored events not yet folded past which notifications (but parked starts) are shed. */
  maxBacklog: number;
  /** Fault injection for tests: hold the fold this long after each store. */
  foldDelayMs: number;
};

// Process-wide: Next may load this module twice (custom server and route handlers).
const holder = globalThis as unknown as { __pultLivePath?: State };

function state(): State {
  if (holder.__pultLivePath) return holder.__pultLivePath;
  const lanes = createLaneRegistry();
  const s: State = {
    lanes,
    inbox: createInbox<LiveRow>({
      query: (text, values) => getPool().query(text, values),
      onStored: (rows) => onStored(rows),
    }),
    isRunning: false,
    timer: null,
    republish: new Map(),
    settlers: [],
    sweeper: null,
    limits: {
      maxInbox: SHED_INBOX_ROWS,
      maxBacklog: SHED_FOLD_BACKLOG,
      foldDelayMs: Number(process.env.PULT_FAULT_FOLD_DELAY_MS ?? 0) || 0,
    },
  };
  holder.__pultLivePath = s;
  reportLiveBacklog(() => s.inbox.size() + s.lanes.backlog());
  return s;
}

export type Accepted = "stored" | "duplicate";

/**
 * Stores one checked notification; resolves once it is durable (the caller then answers 2xx).
 * Rejects when the database did not take it: answer non-2xx and the PBX resends it.
 */
export async function acceptNotification(
  tenantId: string,
  notification: MttNotification,
  payload: string,
  receivedAtMs: number,
): Promise<Accepted> {
  const isCall = isCallNotification(notification);
  const outcome = await state().inbox.store({
    tenantId,
    notificationId: notification.id,
    type: notification.type,
    occurredAt: notification.occurredAt,
    payload,
    callExternalId: isCall ? notification.data.callId : null,
    isProcessed: !isCall,
    isUrgent: isParkedStart(notification),
    notification,
    receivedAtMs,
  });
  return outcome.isDuplicate ? "duplicate" : "stored";
}

/** True when a notification should be refused for now (a parked call's start almost never). */
export function isLivePathOverloaded(notification: MttNotification): boolean {
  const { inbox, lanes, limits } = state();
  if (inbox.size() >= limits.maxInbox) return true;
  return !isParkedStart(notification) && lanes.backlog() >= limits.maxBacklog;
}

/** Tests: other limits (and the fold held back) for this process. */
export function configureLivePath(limits: Partial<LivePathLimits>): void {
  Object.assign(state().limits, limits);
}

function isParkedStart(n: MttNotification): boolean {
  return n.type === "callStarted" && n.data.parked && n.data.direction === "incoming";
}

function onStored(rows: Array<StoredRow & { row: LiveRow }>): void {
  const s = state();
  for (const { row, rowId } of rows) {
    const { notification } = row;
    try {
      if (!isCallNotification(notification)) {
        if (notification.type === "settingsChanged")
          enqueueStructureSync(row.tenantId).catch((error: unknown) =>
            log.error("could not queue a structure sync", { tenantId: row.tenantId, error }),
          );
        continue;
      }
      const lane = s.lanes.add(row.tenantId, notification, rowId, { isUrgent: row.isUrgent });
      if (row.isUrgent && notification.type === "callStarted")
        startRouting(row.tenantId, notification, lane, row.receivedAtMs);
    } catch (error) {
      // The row is durable; the sweep folds it if this instance could not take it.
      log.error("live path: could not take a stored notification", { error });
    }
  }
  kick();
}

// Right after its own durable insert, before any fold: the PBX waits at most the park.
function startRouting(
  tenantId: string,
  event: Extract<CallNotification, { type: "callStarted" }>,
  lane: Lane,
  receivedAtMs: number,
): void {
  const { data } = event;
  routeParkedCall(tenantId, {
    externalId: data.callId,
    from: data.from,
    to: data.to,
    parkTimeoutMs: data.parkTimeoutMs || DEFAULT_PARK_TIMEOUT_MS,
    receivedAtMs,
    parkedAtMs: event.occurredAt.getTime(),
    callRowId: whenLaneFolded(lane),
    onStored: (callRowId) => requestRepublish(tenantId, callRowId),
  }).catch((error: unknown) => log.error("routing failed", { tenantId, error }));
}

function whenLaneFolded(lane: Lane): Promise<string | null> {
  if (lane.unfolded.size === 0 && !lane.isInBatch && lane.row) return Promise.resolve(lane.row.id);
  return new Promise((resolve) => lane.waiters.push(resolve));
}

/**
 * The call's row id once every event of it stored so far is folded in (null if the fold could
 * not write it). For reconcile and routing, which need the row.
 */
export function whenCallFolded(tenantId: string, externalId: string): Promise<string | null> {
  const lane = state().lanes.find(tenantId, externalId);
  if (!lane) return Promise.resolve(null);
  return whenLaneFolded(lane);
}

/** Push the call again from the database, in order with the fold's own pushes. */
export function requestRepublish(tenantId: string, callRowId: string): void {
  state().republish.set(callRowId, tenantId);
  kick();
}

function kick(): void {
  const s = state();
  if (s.isRunning) return;
  s.isRunning = true;
  if (s.timer) clearTimeout(s.timer);
  s.timer = null;
  const run = () =>
    void runFold().catch((error: unknown) => log.error("live path: fold loop failed", { error }));
  if (s.limits.foldDelayMs > 0) setTimeout(run, s.limits.foldDelayMs);
  else setImmediate(run);
}

async function runFold(): Promise<void> {
  const s = state();
  try {
    for (;;) {
      const batch = s.lanes.takeBatch(MAX_LANES_PER_BATCH);
      if (batch.length === 0 && s.republish.size === 0) break;
      if (batch.length > 0) await writeLanes(batch);
      if (s.republish.size > 0) await republishCalls();
      notifyLivePathProgress();
    }
  } finally {
    s.isRunning = false;
  }
  const next = s.lanes.nextRetryAt();
  if (next !== null) {
    s.timer = setTimeout(kick, Math.max(10, next - Date.now()));
    s.timer.unref();
  }
  s.lanes.evict();
  if (s.inbox.size() === 0 && s.lanes.backlog() === 0)
    for (const settle of s.settlers.splice(0)) settle();
}

async function writeLanes(batch: Lane[]): Promise<void> {
  try {
    await applyBatch(batch);
  } catch (error) {
    if (batch.length === 1) return failed(batch, error);
    // One call's failure must not hold the others: each alone, its own transaction.
    for (const lane of batch) {
      try {
        await applyBatch([lane]);
      } catch (laneError) {
        failed([lane], laneError);
      }
    }
  }
}

function failed(lanes: Lane[], error: unknown): void {
  const s = state();
  for (const lane of lanes) {
    lane.failures++;
    lane.retryAt = Date.now() + Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (lane.failures - 1));
    lane.needsLoad = true;
    s.lanes.release(lane, []);
  }
  log.error("live path: could not write calls; will retry", {
    calls: lanes.length,
    attempt: lanes[0]?.failures,
    error,
  });
}

async function applyBatch(batch: Lane[]): Promise<void> {
  const s = state();
  const { results, hasQueuedJobs } = await foldBatch(batch);
  if (hasQueuedJobs) wakeJobWorkers();
  const tenants = new Set<string>();
  for (const result of results) {
    const { lane } = result;
    if (result.written || result.isDropped) {
      lane.failures = 0;
      lane.retryAt = 0;
    }
    if (!result.written) {
      // Another instance wrote the call since this lane read it: load it and fold again.
      if (!result.isDropped) lane.needsLoad = true;
      s.lanes.release(lane, result.isDropped ? result.taken.keys() : []);
      continue;
    }
    const { written } = result;
    lane.version = written.row.version;
    lane.row = written.row;
    s.lanes.release(lane, result.taken.keys());
    if (lane.unfolded.size === 0)
      for (const resolve of lane.waiters.splice(0)) resolve(lane.row.id);
    tenants.add(lane.tenantId);
    publishFolded(lane.tenantId, result);
  }
  // Who is on a call changed: routing reloads it (here and, throttled, on other instances).
  for (const tenantId of tenants) invalidateCalls(tenantId);
}

async function republishCalls(): Promise<void> {
  const s = state();
  const pending = [...s.republish];
  s.republish.clear();
  await publishCallsAgain(pending);
}

/**
 * Folds what an earlier process stored but never folded (a crash between the inbox commit and
 * the fold), then keeps looking now and then for rows a crashed instance left behind.
 */
export async function startLivePath(): Promise<{ stop(): void }> {
  const s = state();
  await recoverUnfolded(0);
  s.sweeper = setInterval(() => {
    recoverUnfolded(SWEEP_EVERY_MS).catch((error: unknown) =>
      log.warn("live path: the unprocessed-rows sweep failed", { error }),
    );
  }, SWEEP_EVERY_MS);
  s.sweeper.unref();
  return {
    stop() {
      if (s.sweeper) clearInterval(s.sweeper);
      s.sweeper = null;
    },
  };
}

export async function recoverUnfolded(olderThanMs: number): Promise<number> {
  const s = state();
  let found = 0;
  for (;;) {
    const rows = await findUnprocessed(getPool(), { olderThanMs, limit: SWEEP_BATCH });
    const fresh = rows.filter((r) => {
      const lane = r.externalId ? s.lanes.find(r.tenantId, r.externalId) : undefined;
      return !lane?.unfolded.has(r.rowId);
    });
    const unreadable: string[] = [];
    for (const r of fresh) {
      const event = parseStoredCallEvent(r.payload);
      if (!event) unreadable.push(r.rowId);
      else s.lanes.add(r.tenantId, event, r.rowId, { needsLoad: true });
    }
    await markProcessed(getPool(), unreadable);
    found += fresh.length;
    if (rows.length < SWEEP_BATCH || fresh.length === 0) break;
  }
  if (found > 0) {
    log.info("live path: folding notifications stored but never folded", { count: found });
    kick();
  }
  return found;
}

function parseStoredCallEvent(payload: string): CallNotification | null {
  const parsed = parseNotification(payload);
  return parsed.ok && "notification" in parsed && isCallNotification(parsed.notification)
    ? parsed.notification
    : null;
}

/** Resolves when everything accepted so far is folded and pushed (tests, shutdown). */
export function settleLivePath(timeoutMs = 10_000): Promise<boolean> {
  const s = state();
  if (!s.isRunning && s.inbox.size() === 0 && s.lanes.backlog() === 0 && s.republish.size === 0)
    return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    s.settlers.push(() => {
      clearTimeout(timer);
      resolve(true);
    });
    kick();
  });
}

/** Tests: forget every lane (the database keeps what was stored). */
export function resetLivePath(): void {
  const s = holder.__pultLivePath;
  if (!s) return;
  if (s.sweeper) clearInterval(s.sweeper);
  if (s.timer) clearTimeout(s.timer);
  s.lanes.clear();
  holder.__pultLivePath = undefined;
}

export function livePathStats() {
  const s = state();
  return { inbox: s.inbox.size(), backlog: s.lanes.backlog(), lanes: s.lanes.size() };
}
