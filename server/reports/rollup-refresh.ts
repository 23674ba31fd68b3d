// Keeps the stored rollups (rollups.ts) current, lazily, before a report reads them.
import { getDb, Prisma } from "../db";
import {
  CALLBACK_LIVE_DAYS,
  LIVE_DAYS,
  ROLLUP_COLUMNS,
  rollupSelect,
  type RollupPlan,
} from "./rollups";
import type { ReportScope } from "./sql";

const dateOnly = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Makes the stored rollups of the period's settled days current: drops the days that marks, a
 * changed time zone or callbacks that were still open when they were built made stale, then
 * builds every missing day. One tenant at a time (advisory lock); the marks are consumed in the
 * transaction that rebuilds their days, and a mark committed meanwhile stays for the next report.
 */
export async function refreshRollups(scope: ReportScope): Promise<RollupPlan> {
  const tenant = scope.tenantId;
  const tz = scope.timeZone;
  return getDb().$transaction(
    async (tx) => {
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
      const lastStored = dateOnly(new Date(Date.parse(`${plan.liveFrom}T00:00:00Z`) - 86_400_000));
      const to = scope.to < lastStored ? scope.to : lastStored;
      if (scope.from > to) return plan;
      const missing = await tx.$queryRaw<Array<{ day: Date }>>`
        SELECT g.day::date AS day
        FROM generate_series(${scope.from}::date, ${to}::date, interval '1 day') g(day)
        WHERE NOT EXISTS (SELECT 1 FROM report_rollup_days d
          WHERE d.tenant_id = ${tenant}::uuid AND d.day = g.day::date)
        ORDER BY 1`;
      if (missing.length === 0) return plan;
      const days = missing.map((m) => dateOnly(m.day)).sort();
      const span: ReportScope = { ...scope, from: days[0]!, to: days.at(-1)! };
      const columns = Prisma.raw(ROLLUP_COLUMNS.join(", "));
      await tx.$executeRaw`
        INSERT INTO report_rollups (tenant_id, ${columns})
        SELECT ${tenant}::uuid, ${columns} FROM (${rollupSelect(span)}) x
        WHERE x.day = ANY(${days}::date[])`;
      await tx.$executeRaw`
        INSERT INTO report_rollup_days (tenant_id, day, time_zone)
        SELECT ${tenant}::uuid, d, ${tz} FROM unnest(${days}::date[]) d`;
      return plan;
    },
    { timeout: 300_000, maxWait: 300_000 },
  );
}
