// Builds the stored rollups ahead of time, so the first report after seeding, an upgrade, a
// time-zone change or a late change to old calls does not wait for them. The lazy build in
// refreshRollups() stays the backstop: reports are exact whether or not this job has run.
import { getDb } from "@/server/db";
import type { JobHandler } from "@/server/jobs/worker";
import { log } from "@/server/logger";
import { getTenantSettings } from "@/server/tenants/settings";
import {
  buildRollupDays,
  dayBefore,
  findMissingDays,
  lastStoredDay,
  prepareRollups,
  ROLLUP_TX,
} from "@/server/reports/rollup-refresh";

/**
 * Days built per transaction. The tenant's lock is held for one chunk only (about a second for
 * 80k calls), so report requests queued on it run between chunks.
 */
export const ROLLUP_CHUNK_DAYS = 30;
/** Days stored back from today even before the first call: a 12-month report builds nothing. */
const HISTORY_DAYS = 366;
/** Chunks per tenant and run; late marks keep coming, and a longer history goes on next run. */
const MAX_CHUNKS = 100;

export type RollupChunk = { from: string; to: string; days: number; ms: number };

/**
 * Builds the newest missing days of the tenant's history, at most `chunkDays` consecutive days in
 * one transaction (the calls of the whole span are read). Null when nothing is missing.
 */
async function buildNextChunk(tenantId: string, chunkDays: number): Promise<RollupChunk | null> {
  const started = performance.now();
  const built = await getDb().$transaction(async (tx) => {
    const tenant = await tx.tenant.findUnique({
      where: { id: tenantId },
      select: { timeZone: true },
    });
    if (!tenant) return null;
    const timeZone = tenant.timeZone;
    const plan = await prepareRollups(tx, tenantId, timeZone);
    const [first] = await tx.$queryRaw<Array<{ day: Date | null }>>`
      SELECT (min(started_at) AT TIME ZONE ${timeZone}::text)::date AS day
      FROM calls WHERE tenant_id = ${tenantId}::uuid`;
    if (!first?.day) return null;
    const to = lastStoredDay(plan);
    const yearBack = dayBefore(to, HISTORY_DAYS - 1);
    const firstDay = first.day.toISOString().slice(0, 10);
    const missing = await findMissingDays(
      tx,
      tenantId,
      firstDay < yearBack ? firstDay : yearBack,
      to,
    );
    const newest = missing.at(-1);
    if (!newest) return null;
    // Newest first: recent weeks are what users open.
    const windowStart = dayBefore(newest, chunkDays - 1);
    const days = missing.filter((day) => day >= windowStart);
    const { serviceLevelSec } = await getTenantSettings(tenantId, tx);
    await buildRollupDays(
      tx,
      { tenantId, timeZone, serviceLevelSec, from: days[0]!, to: newest },
      days,
    );
    return { from: days[0]!, to: newest, days: days.length };
  }, ROLLUP_TX);
  return built && { ...built, ms: Math.round(performance.now() - started) };
}

/**
 * Builds the tenant's missing and stale days (a year back, or since its first call if earlier),
 * newest first, one chunk per transaction. Idempotent: a second run builds nothing.
 */
export async function buildTenantRollups(
  tenantId: string,
  opts: { chunkDays?: number } = {},
): Promise<RollupChunk[]> {
  const chunks: RollupChunk[] = [];
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const chunk = await buildNextChunk(tenantId, opts.chunkDays ?? ROLLUP_CHUNK_DAYS);
    if (!chunk) break;
    chunks.push(chunk);
  }
  return chunks;
}

/**
 * One tenant (enqueued after its time zone changed) or every tenant (the recurring run). A
 * failure for one tenant does not hold up the others; the job fails at the end so it is seen.
 */
export const rollupBuildJob: JobHandler = async (job, ctx) => {
  const tenants = job.tenantId
    ? [job.tenantId]
    : (await getDb().tenant.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } })).map(
        (t) => t.id,
      );
  const failures: string[] = [];
  for (const [i, tenantId] of tenants.entries()) {
    if (tenants.length > 1) await ctx.setProgress(`tenant ${i + 1} of ${tenants.length}`);
    try {
      const chunks = await buildTenantRollups(tenantId);
      if (chunks.length === 0) continue;
      log.info("report rollups built", {
        tenantId,
        chunks: chunks.length,
        days: chunks.reduce((sum, c) => sum + c.days, 0),
        ms: chunks.reduce((sum, c) => sum + c.ms, 0),
        slowestChunkMs: Math.max(...chunks.map((c) => c.ms)),
      });
    } catch (error) {
      failures.push(tenantId);
      log.warn("report rollup build failed", { tenantId, error });
    }
  }
  if (failures.length > 0) {
    throw new Error(`report rollups failed for ${failures.length} company(ies)`);
  }
};
