import { getDb, type Prisma } from "@/server/db";
import { log } from "@/server/logger";

// The notification feed's state per company (feed_states): a stamp every running instance renews,
// the window that may have been missed (a gap), and how far the PBX's call history has been
// compared with ours. Times come from the database so that several instances agree.

/**
 * The PBX resends a notification for about 12.6 minutes (after 1 s, 5 s, 30 s, 2 min, 10 min).
 * A silence longer than this margin means some notifications may be gone for good. The real
 * schedule is not published (mtt-open-api.md §3): PULT_PBX_RETRY_SEC overrides it.
 */
export const PBX_RETRY_WINDOW_MS = 10 * 60_000;
export const FEED_BEAT_EVERY_MS = 30_000;

/**
 * Stamps the feed of every connected company as alive. Where the previous stamp is older than
 * the retry window, Pult was down or could not reach its database for that long: a DOWNTIME gap
 * opens from that stamp. Returns the companies whose gap just opened (or grew).
 */
export async function beatFeed(opts: { retryWindowMs?: number } = {}): Promise<string[]> {
  const windowMs = opts.retryWindowMs ?? PBX_RETRY_WINDOW_MS;
  const db = getDb();
  const since = `${windowMs} milliseconds`;
  // "opened": both stamps were set to now() (and rounded alike) by this very statement.
  const rows = await db.$queryRaw<Array<{ tenant_id: string; opened: boolean }>>`
    INSERT INTO feed_states AS f (tenant_id, alive_at, reconciled_until, updated_at)
    SELECT tenant_id, now(), now(), now() FROM mtt_integrations WHERE status <> 'NOT_CONNECTED'
    ON CONFLICT (tenant_id) DO UPDATE SET
      gap_reason = CASE WHEN f.alive_at < now() - ${since}::interval
        AND (f.gap_since IS NULL OR f.alive_at < f.gap_since) THEN 'DOWNTIME'::"FeedGapReason" ELSE f.gap_reason END,
      gap_since = CASE WHEN f.alive_at < now() - ${since}::interval
        THEN LEAST(COALESCE(f.gap_since, f.alive_at), f.alive_at) ELSE f.gap_since END,
      gap_opened_at = CASE WHEN f.alive_at < now() - ${since}::interval
        THEN now() ELSE f.gap_opened_at END,
      alive_at = now(),
      updated_at = now()
    RETURNING tenant_id, gap_opened_at = alive_at AS opened`;
  // Not connected: nothing is expected from the PBX, so its silence is no gap either.
  await db.$executeRaw`
    UPDATE feed_states f SET alive_at = now(), updated_at = now()
    FROM mtt_integrations i WHERE i.tenant_id = f.tenant_id AND i.status = 'NOT_CONNECTED'`;
  return rows.filter((r) => r.opened).map((r) => r.tenant_id);
}

/**
 * The PBX's history lists calls we never heard of: a MISSING_CALLS gap from the earliest of them.
 * `openedAt` is the start of the reconcile run that found them, which covers them.
 */
export async function openMissingCallsGap(
  tx: Pick<Prisma.TransactionClient, "$executeRaw">,
  tenantId: string,
  since: Date,
  openedAt: Date,
): Promise<void> {
  await tx.$executeRaw`
    UPDATE feed_states SET
      gap_reason = CASE WHEN gap_since IS NULL OR ${since} < gap_since
        THEN 'MISSING_CALLS'::"FeedGapReason" ELSE gap_reason END,
      gap_since = LEAST(COALESCE(gap_since, ${since}), ${since}),
      gap_opened_at = COALESCE(gap_opened_at, ${openedAt}),
      updated_at = now()
    WHERE tenant_id = ${tenantId}::uuid`;
}

export type FeedStatus = "not_connected" | "ok" | "gap" | "reconciling";

export type FeedHealth = {
  status: FeedStatus;
  gapSince: Date | null;
  gapReason: "DOWNTIME" | "MISSING_CALLS" | null;
  reconcilingSince: Date | null;
  lastReconciledAt: Date | null;
  /** Calls filled in (or completed) from the PBX's history by the last reconcile run. */
  lastFilledCalls: number;
  /** All calls ever filled in or completed from the history. */
  filledCalls: number;
  /** Calls Pult closed because the PBX never reported their end and no longer had them. */
  closedCalls: number;
  lastClosedAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
};

// A run whose worker died leaves reconciling_since behind; the job's lease is 5 minutes.
const STALE_RUN_MS = 5 * 60_000;

export async function getFeedHealth(tenantId: string): Promise<FeedHealth> {
  const db = getDb();
  const [integration, state] = await Promise.all([
    db.mttIntegration.findUnique({ where: { tenantId }, select: { status: true } }),
    db.feedState.findUnique({
      where: { tenantId },
      select: {
        gapSince: true,
        gapReason: true,
        reconcilingSince: true,
        lastReconciledAt: true,
        lastFilledCalls: true,
        filledCalls: true,
        closedCalls: true,
        lastClosedAt: true,
        lastError: true,
        lastErrorAt: true,
      },
    }),
  ]);
  const isConnected = integration !== null && integration.status !== "NOT_CONNECTED";
  if (!isConnected || !state) {
    return {
      status: isConnected ? "ok" : "not_connected",
      gapSince: null,
      gapReason: null,
      reconcilingSince: null,
      lastReconciledAt: state?.lastReconciledAt ?? null,
      lastFilledCalls: state?.lastFilledCalls ?? 0,
      filledCalls: state?.filledCalls ?? 0,
      closedCalls: state?.closedCalls ?? 0,
      lastClosedAt: state?.lastClosedAt ?? null,
      lastError: null,
      lastErrorAt: null,
    };
  }
  const isRunning =
    state.reconcilingSince !== null && Date.now() - state.reconcilingSince.getTime() < STALE_RUN_MS;
  const status: FeedStatus = state.gapSince === null ? "ok" : isRunning ? "reconciling" : "gap";
  return { status, ...state, reconcilingSince: isRunning ? state.reconcilingSince : null };
}

/**
 * Stamps the feed now and every FEED_BEAT_EVERY_MS; calls `onGap` when a gap opens (the caller
 * queues a reconcile). Resolves after the first stamp, so a reconcile queued at start-up already
 * sees a gap the downtime left.
 */
export async function startFeedWatch(opts: {
  onGap: (tenantIds: string[]) => Promise<unknown>;
  everyMs?: number;
  retryWindowMs?: number;
}): Promise<() => void> {
  const beat = async () => {
    try {
      const opened = await beatFeed({ retryWindowMs: opts.retryWindowMs });
      if (opened.length === 0) return;
      log.warn("notification feed: Pult was away longer than the PBX resends; reconciling", {
        tenants: opened.length,
      });
      await opts.onGap(opened);
    } catch (error) {
      // The database may be down: the next beat measures the silence and opens the gap.
      log.warn("could not stamp the notification feed", { error });
    }
  };
  await beat();
  // Several stamps per window, or a short window would see gaps between two stamps.
  const windowMs = opts.retryWindowMs ?? PBX_RETRY_WINDOW_MS;
  const everyMs = opts.everyMs ?? Math.min(FEED_BEAT_EVERY_MS, Math.max(1000, windowMs / 3));
  const timer = setInterval(() => void beat(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
