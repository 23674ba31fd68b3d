// Keeps the stored rollups (rollups.ts) current: lazily before a report reads them, and ahead of
// time in the background (rollup-job.ts). Both go through prepareRollups() and buildRollupDays().
import { getDb, Prisma } from "@/server/db";
import {
  CALLBACK_LIVE_DAYS,
  LIVE_DAYS,
  ROLLUP_COLUMNS,
  rollupSelect,
  type RollupPlan,
} from "@/server/reports/rollups";
import type { ReportScope } from "@/server/reports/sql";

type Tx = Prisma.TransactionClient;

const dateOnly = (d: Date) => d.toISOString().slice(0, 10);

/** The local day `days` days before `day` (YYYY-MM-DD). */
export const dayBefore = (day: string, days = 1) =>
  dateOnly(new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000));

/** The last day stored rollups can hold: the day before the live ones. */
export const lastStoredDay = (plan: RollupPlan) => dayBefore(plan.liveFrom);

// One build can read a year of calls; the lock queue may hold a report request behind it.
export const ROLLUP_TX = { timeout: 300_000, maxWait: 300_000 };

/**
 * First step of every transaction that reads or writes stored rollups: takes the tenant's lock
 * (held to commit), then drops the days that marks, a changed time zone or callbacks that were
 * still open when they were built made stale. The marks are consumed here, in the transaction
 * that rebuilds (or leaves missing) their days; a mark committed meanwhile stays for the next one.
 */
export async function prepareRollups(tx: Tx, tenant: string, tz: string): Promise<RollupPlan> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`report-rollups:${tenant}`}))`;
  await tx.$executeRawUnsafe("SET LOCAL jit = off");
  await tx.$executeRawUnsafe("SET LOCAL work_mem = '64MB'");
  await tx.$executeRawUnsafe("SET LOCAL random_page_cost = 1.1");
  const [bounds] = await tx.$queryRaw<Array<{ liveFrom: Date; callbackFrom: Date }>>`
    SELECT ((now() AT TIME ZONE ${tz}::text)::date - ${LIVE_DAYS - 1}::int) AS "liveFrom",
      ((now() AT TIME ZONE ${tz}::text)::date - ${CALLBACK_LIVE_DAYS - 1}::int) AS "callbackFrom"`;
  const plan = {
    liveFrom: dateOnly(bounds!.liveFrom),
    callbackFrom: dateOnly(bounds!.callbackFrom),
  };
  // A zone change moves every day boundary: nothing stored is valid any more.
  const moved = await tx.$executeRaw`
    DELETE FROM report_rollup_days WHERE tenant_id = ${tenant}::uuid AND time_zone <> ${tz}`;
  if (moved > 0) {
    await tx.$executeRaw`DELETE FROM report_rollups WHERE tenant_id = ${tenant}::uuid`;
    await tx.$executeRaw`DELETE FROM report_rollup_days WHERE tenant_id = ${tenant}::uuid`;
  }
  // Stale: days with marks, and days built while their callbacks were computed live, now
  // that the stored callbacks count.
  await tx.$executeRaw`
    WITH marks AS (
      DELETE FROM report_rollup_marks WHERE tenant_id = ${tenant}::uuid RETURNING from_at, to_at
    ), stale AS (
      SELECT generate_series((from_at AT TIME ZONE ${tz}::text)::date,
        (to_at AT TIME ZONE ${tz}::text)::date, interval '1 day')::date AS day
      FROM marks
      UNION
      SELECT day FROM report_rollup_days
      WHERE tenant_id = ${tenant}::uuid AND day < ${plan.callbackFrom}::date
        AND day >= (built_at AT TIME ZONE ${tz}::text)::date - ${CALLBACK_LIVE_DAYS - 1}::int
    ), unbuilt AS (
      DELETE FROM report_rollup_days d USING stale
      WHERE d.tenant_id = ${tenant}::uuid AND d.day = stale.day
    )
    DELETE FROM report_rollups r USING stale
    WHERE r.tenant_id = ${tenant}::uuid AND r.day = stale.day`;
  return plan;
}

/** Days from `from` to `to` (inclusive) that have no stored rollups, oldest first. */
export async function findMissingDays(
  tx: Tx,
  tenant: string,
  from: string,
  to: string,
): Promise<string[]> {
  if (from > to) return [];
  const missing = await tx.$queryRaw<Array<{ day: Date }>>`
    SELECT g.day::date AS day
    FROM generate_series(${from}::date, ${to}::date, interval '1 day') g(day)
    WHERE NOT EXISTS (SELECT 1 FROM report_rollup_days d
      WHERE d.tenant_id = ${tenant}::uuid AND d.day = g.day::date)
    ORDER BY 1`;
  return missing.map((m) => dateOnly(m.day));
}

/**
 * Stores the rollups of `days` (settled, missing ones) in the scope's zone. The calls of every
 * day between the first and the last are read, so callers keep the days close together.
 */
export async function buildRollupDays(tx: Tx, scope: ReportScope, days: string[]): Promise<void> {
  if (days.length === 0) return;
  const sorted = [...days].sort();
  const span: ReportScope = { ...scope, from: sorted[0]!, to: sorted.at(-1)! };
  const columns = Prisma.raw(ROLLUP_COLUMNS.join(", "));
  await tx.$executeRaw`
    INSERT INTO report_rollups (tenant_id, ${columns})
    SELECT ${scope.tenantId}::uuid, ${columns} FROM (${rollupSelect(span)}) x
    WHERE x.day = ANY(${sorted}::date[])`;
  await tx.$executeRaw`
    INSERT INTO report_rollup_days (tenant_id, day, time_zone)
    SELECT ${scope.tenantId}::uuid, d, ${scope.timeZone} FROM unnest(${sorted}::date[]) d`;
}

/**
 * Makes the stored rollups of the period's settled days current before a report reads them:
 * the backstop that keeps reports exact whether or not the background job got there first.
 */
export async function refreshRollups(scope: ReportScope): Promise<RollupPlan> {
  return getDb().$transaction(async (tx) => {
    const plan = await prepareRollups(tx, scope.tenantId, scope.timeZone);
    const lastStored = lastStoredDay(plan);
    const to = scope.to < lastStored ? scope.to : lastStored;
    const days = await findMissingDays(tx, scope.tenantId, scope.from, to);
    await buildRollupDays(tx, scope, days);
    return plan;
  }, ROLLUP_TX);
}
